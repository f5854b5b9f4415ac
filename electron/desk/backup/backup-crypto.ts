/**
 * Encrypted backup files: what a backup writes outside the data folder (a USB stick gets lost; it holds every
 * citizen's ID number and the scans of their ID cards). AES-256-GCM from node:crypto, the key from the passphrase
 * with scrypt and a random salt, streamed in chunks so a 3 GB database never sits in memory.
 *
 * Format, version 1 (all of the header is authenticated with every chunk, so its parameters cannot be changed):
 *   "MOTCUAEB" | version u8 = 1 | scrypt log2(N) u8 | r u8 | p u8 | log2(chunk size) u8 | scrypt salt (16) |
 *   file salt (16) | key check (16)
 *   then chunks: AES-256-GCM of up to `chunk size` bytes, each followed by its 16-byte tag. The nonce is the chunk's
 *   number with a last-chunk flag (the STREAM construction), so a file cut at a chunk boundary, or chunks
 *   reordered, is refused. A last chunk is always written (empty when the size is a multiple of the chunk size),
 *   and only full chunks come before it.
 * The key check is HKDF(scrypt(passphrase, salt), "check"): it tells a wrong passphrase (the check differs) from a
 * damaged file (the check matches, a chunk does not), and lets a backup know a file on the stick is its own from
 * the header alone. Each file's key is HKDF(scrypt(passphrase, salt), file salt): one derivation serves a backup's
 * database and all its scans, and no two files share a key, so chunk numbers are safe nonces.
 * The scrypt cost in a header is read before anything is authenticated: only a bounded cost is accepted
 * (MAX_SCRYPT_MEMORY), so a forged header cannot make a restore allocate gigabytes or work for minutes.
 * Plaintext is written only after its chunk's tag checked out: a damaged or forged chunk writes nothing of itself.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { appFailure } from '../../../shared/result';

const MAGIC = Buffer.from('MOTCUAEB', 'ascii');
const FORMAT_VERSION = 1;
const CHECK_LENGTH = 16;
const HEADER_LENGTH = MAGIC.length + 5 + 16 + 16 + CHECK_LENGTH;
const TAG_LENGTH = 16;

/** The least a passphrase must have: a backup on a lost stick can be attacked offline for as long as anyone likes. */
export const MIN_BACKUP_PASSPHRASE_LENGTH = 10;

/** scrypt's cost: N = 2^17, r = 8 (128 MiB, about half a second on a desk PC); stored per file, so it can grow. */
const WRITE_COST = { log2N: 17, r: 8, p: 1 } as const;
const WRITE_CHUNK_LOG2 = 20;
/**
 * The most a header may ask of scrypt, checked before anything in it is authenticated: 128·N·r bytes of memory
 * (twice what this version writes) and N·r·p work (twice too). A costlier header is refused as damage.
 */
export const MAX_SCRYPT_MEMORY = 256 * 2 ** 20;
const MAX_SCRYPT_WORK = 2 ** 21;

export interface KdfParams {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
}

interface Header {
  bytes: Buffer;
  kdf: KdfParams;
  chunkSize: number;
  fileSalt: Buffer;
  keyCheck: Buffer;
}

/** The key check said no: the passphrase typed is not the one this backup was made with. */
export const wrongPassphrase = () =>
  appFailure(
    'backup_passphrase_wrong',
    'Mật khẩu sao lưu không đúng. Chưa có gì bị thay đổi.',
    'The backup passphrase is wrong. Nothing was changed.',
    { field: 'passphrase' },
  );

/** The passphrase is right (or the header itself is unreadable) but the content does not check out. */
export const backupDamaged = () =>
  appFailure(
    'backup_damaged',
    'Tệp sao lưu bị hỏng (mật khẩu đúng): không khôi phục được từ tệp này. Chưa có gì bị thay đổi. Hãy dùng một bản sao lưu khác.',
    'The backup file is damaged (the passphrase is right): it cannot be restored. Nothing was changed. Use another backup.',
    { field: 'file' },
  );

export const passphraseRequired = () =>
  appFailure(
    'backup_passphrase_required',
    'Tệp sao lưu này được mã hoá: hãy nhập mật khẩu sao lưu.',
    'This backup is encrypted: enter its passphrase.',
    { field: 'passphrase' },
  );

/** Whether a header's scrypt cost is within what this version will run (see MAX_SCRYPT_MEMORY). */
function boundedCost(kdf: Pick<KdfParams, 'log2N' | 'r' | 'p'>): boolean {
  const N = 2 ** kdf.log2N;
  return kdf.log2N >= 14 && kdf.r >= 1 && kdf.p >= 1 && 128 * N * kdf.r <= MAX_SCRYPT_MEMORY && N * kdf.r * kdf.p <= MAX_SCRYPT_WORK;
}

/**
 * A passphrase and the keys derived from it, one per salt met (a stick's scans may come from earlier backups
 * made with the same passphrase). Never printed: it has no string form but a placeholder. The passphrase is
 * taken in Unicode NFC: the same words typed composed or decomposed give the same key.
 */
export class BackupSecret {
  readonly #passphrase: string;
  readonly #masters = new Map<string, Promise<Buffer>>();

  constructor(passphrase: string) {
    this.#passphrase = passphrase.normalize('NFC');
  }

  master(kdf: KdfParams): Promise<Buffer> {
    const id = `${kdf.log2N}/${kdf.r}/${kdf.p}/${kdf.salt.toString('hex')}`;
    let key = this.#masters.get(id);
    if (!key) {
      key = derive(this.#passphrase, kdf);
      this.#masters.set(id, key);
    }
    return key;
  }

  toString(): string {
    return '[backup passphrase]';
  }

  toJSON(): string {
    return '[backup passphrase]';
  }
}

function derive(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  // Checked again here, whoever calls: memory is never granted past the bound.
  if (!boundedCost(kdf)) return Promise.reject(backupDamaged());
  const N = 2 ** kdf.log2N;
  const options: ScryptOptions = { N, r: kdf.r, p: kdf.p, maxmem: MAX_SCRYPT_MEMORY + 2 ** 20 };
  return new Promise((resolve, reject) => scrypt(passphrase, kdf.salt, 32, options, (e, key) => (e ? reject(e) : resolve(key))));
}

const keyCheckOf = (master: Buffer, kdf: KdfParams): Buffer =>
  Buffer.from(hkdfSync('sha256', master, kdf.salt, 'motcua-backup v1 key check', CHECK_LENGTH));

/**
 * A short name for a passphrase and salt, public (derived from the key, it reveals nothing of it): a scan on the
 * stick is named with it, so scans written with another passphrase sit beside, never overwritten.
 */
export async function keyIdOf(secret: BackupSecret, kdf: KdfParams): Promise<string> {
  const master = await secret.master(kdf);
  return Buffer.from(hkdfSync('sha256', master, kdf.salt, 'motcua-backup v1 key id', 4)).toString('hex');
}

/** Fresh scrypt parameters for one backup (its database and the scans written with it share the salt). */
export const newKdfParams = (): KdfParams => ({ ...WRITE_COST, salt: randomBytes(16) });

async function headerFor(secret: BackupSecret, kdf: KdfParams): Promise<Header> {
  const fileSalt = randomBytes(16);
  const keyCheck = keyCheckOf(await secret.master(kdf), kdf);
  const bytes = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, kdf.log2N, kdf.r, kdf.p, WRITE_CHUNK_LOG2]), kdf.salt, fileSalt, keyCheck]);
  return { bytes, kdf, chunkSize: 2 ** WRITE_CHUNK_LOG2, fileSalt, keyCheck };
}

/** Parses a header; anything outside what this version writes or accepts is damage (or a forged, costly scrypt). */
function parseHeader(bytes: Buffer): Header {
  if (bytes.length < HEADER_LENGTH || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw backupDamaged();
  const at = MAGIC.length;
  const [version, log2N, r, p, chunkLog2] = [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!, bytes[at + 4]!];
  if (version > FORMAT_VERSION) {
    throw appFailure(
      'invalid_backup',
      'Tệp sao lưu không dùng được: tệp của phiên bản mới hơn.',
      'The backup file cannot be used: it was written by a newer version.',
      { field: 'file' },
    );
  }
  if (version !== FORMAT_VERSION || !boundedCost({ log2N, r, p }) || chunkLog2 < 10 || chunkLog2 > 24) throw backupDamaged();
  const salts = at + 5;
  return {
    bytes: Buffer.from(bytes.subarray(0, HEADER_LENGTH)),
    kdf: { log2N, r, p, salt: Buffer.from(bytes.subarray(salts, salts + 16)) },
    chunkSize: 2 ** chunkLog2,
    fileSalt: Buffer.from(bytes.subarray(salts + 16, salts + 32)),
    keyCheck: Buffer.from(bytes.subarray(salts + 32, salts + 32 + CHECK_LENGTH)),
  };
}

/** The file's key, once the header's key check says the passphrase is the one it was written with. */
async function fileKey(secret: BackupSecret, header: Header): Promise<Buffer> {
  const master = await secret.master(header.kdf);
  if (!timingSafeEqual(keyCheckOf(master, header.kdf), header.keyCheck)) throw wrongPassphrase();
  return Buffer.from(hkdfSync('sha256', master, header.fileSalt, 'motcua-backup v1 file key', 32));
}

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 3);
  n[11] = last ? 1 : 0;
  return n;
}

/** Whether a file starts as an encrypted backup does (read without trusting its name). */
export function isEncryptedBackup(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length);
    return readSync(fd, start, 0, start.length, 0) === start.length && start.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** A file's header, parsed (bounded cost), without deriving anything. */
async function readHeader(file: string): Promise<Header> {
  const input = await open(file, 'r');
  try {
    const head = Buffer.alloc(HEADER_LENGTH);
    await readFully(input, head, 0);
    return parseHeader(head);
  } finally {
    await input.close();
  }
}

/**
 * The scrypt parameters of an encrypted file when `secret` opens it (its header's key check), else null: a backup
 * reuses them for the same stick, so one passphrase on one stick costs one derivation and names its scans alike.
 */
export async function kdfOpenedBy(file: string, secret: BackupSecret): Promise<KdfParams | null> {
  try {
    const header = await readHeader(file);
    await fileKey(secret, header);
    return header.kdf;
  } catch {
    return null;
  }
}

/** Whether `secret` opens this encrypted file, by its header's key check alone (its content is not read). */
export async function opensWith(file: string, secret: BackupSecret): Promise<boolean> {
  return (await kdfOpenedBy(file, secret)) !== null;
}

/** Reads until `buffer` is full or the file ends; returns how many bytes came. */
async function readFully(handle: FileHandle, buffer: Buffer, position: number): Promise<number> {
  let got = 0;
  while (got < buffer.length) {
    const { bytesRead } = await handle.read(buffer, got, buffer.length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/**
 * Encrypts `source` into `target` under a temporary name, fsynced and renamed: a stick pulled out mid-way leaves
 * no file that looks like a backup. Owner-only where the file system keeps modes.
 */
export async function encryptFile(source: string, target: string, secret: BackupSecret, kdf: KdfParams): Promise<void> {
  const header = await headerFor(secret, kdf);
  const key = await fileKey(secret, header);
  const temp = `${target}.partial`;
  const input = await open(source, 'r');
  let output: FileHandle | undefined;
  try {
    output = await open(temp, 'w', 0o600);
    await output.write(header.bytes);
    const plain = Buffer.alloc(header.chunkSize);
    for (let position = 0, index = 0; ; index++) {
      const got = await readFully(input, plain, position);
      position += got;
      // Full chunks, then a short one (empty when the size is a multiple of the chunk size): the only one flagged last.
      const last = got < header.chunkSize;
      const cipher = createCipheriv('aes-256-gcm', key, nonce(index, last));
      cipher.setAAD(header.bytes);
      await output.write(Buffer.concat([cipher.update(plain.subarray(0, got)), cipher.final(), cipher.getAuthTag()]));
      if (last) break;
    }
    await output.sync();
    await output.close();
    output = undefined;
    await rename(temp, target);
  } catch (e) {
    await output?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw e;
  } finally {
    await input.close();
  }
}

/**
 * Decrypts `source` chunk by chunk, handing each checked chunk to `take`. Refuses a wrong passphrase by the header's
 * key check, before any chunk; then (backupDamaged) the first chunk whose tag fails, a cut, or bytes past the last chunk.
 */
async function decryptChunks(source: string, secret: BackupSecret, take: (plain: Buffer) => Promise<void> | void): Promise<void> {
  const input = await open(source, 'r');
  try {
    const { size } = await input.stat();
    const head = Buffer.alloc(HEADER_LENGTH);
    await readFully(input, head, 0);
    const header = parseHeader(head);
    const key = await fileKey(secret, header);
    const sealed = Buffer.alloc(header.chunkSize + TAG_LENGTH);
    for (let position = HEADER_LENGTH, index = 0; ; index++) {
      const remaining = size - position;
      if (remaining < TAG_LENGTH) throw backupDamaged();
      // A valid file's last chunk is shorter than a full one: a file that ends on a full chunk was cut.
      const last = remaining < sealed.length;
      const length = Math.min(remaining, sealed.length);
      if ((await readFully(input, sealed.subarray(0, length), position)) !== length) throw backupDamaged();
      position += length;
      const decipher = createDecipheriv('aes-256-gcm', key, nonce(index, last));
      decipher.setAAD(header.bytes);
      decipher.setAuthTag(sealed.subarray(length - TAG_LENGTH, length));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(sealed.subarray(0, length - TAG_LENGTH)), decipher.final()]);
      } catch {
        throw backupDamaged();
      }
      await take(plain);
      if (last) return;
    }
  } finally {
    await input.close();
  }
}

/** Decrypts an encrypted backup into `target` (created owner-only, fsynced); on any failure `target` is removed. */
export async function decryptFile(source: string, target: string, secret: BackupSecret): Promise<void> {
  const output = await open(target, 'w', 0o600);
  let closed = false;
  try {
    await decryptChunks(source, secret, async (plain) => {
      await output.write(plain);
    });
    await output.sync();
    await output.close();
    closed = true;
  } catch (e) {
    if (!closed) await output.close().catch(() => undefined);
    rmSync(target, { force: true });
    throw e;
  }
}

/** A small encrypted file (a scan) decrypted in memory. */
export async function decryptToBuffer(source: string, secret: BackupSecret): Promise<Buffer> {
  const parts: Buffer[] = [];
  await decryptChunks(source, secret, (plain) => void parts.push(plain));
  return Buffer.concat(parts);
}
