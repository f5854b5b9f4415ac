/**
 * A backup that leaves the data folder (a USB stick, a shared drive): the database and the scans it names,
 * encrypted with the administrator's passphrase (backup-crypto.ts). The plain online backup is taken inside the
 * data folder (owner-only), checked, and kept there while the scans are encrypted onto the stick; the database is
 * encrypted onto the stick last, and removed from the data folder. No plaintext ever reaches the stick, not even
 * as a temporary file a pulled-out stick would keep.
 *
 * The database is the backup's commit marker: written last (temporary name, fsync, rename), so a backup that
 * failed on the way (a full stick, one pulled out) leaves no `.sqlite.enc` of itself, only scans a later backup
 * with the same passphrase reuses.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppFailure, appFailure } from '../../../shared/result';
import type { Db } from '../db/open-database';
import { BackupSecret, encryptFile, kdfOpenedBy, keyIdOf, MIN_BACKUP_PASSPHRASE_LENGTH, newKdfParams, type KdfParams } from './backup-crypto';
import { writeBackup } from './backup-files';
import { whileWriting } from './cut-short-writes';
import { outOfSpace, storageErrorCode } from '../db/storage-failure';

/**
 * What an encrypted scan is called beside the backup: its SHA-256 as the data folder names it, then the key id of
 * the passphrase and salt it was written with, then `.enc`. Two backups with different passphrases on one stick
 * each keep their own copy: neither overwrites a file the other needs.
 */
export const encryptedScanPath = (blobsDir: string, sha256: string, keyId: string): string =>
  path.join(blobsDir, sha256.slice(0, 2), `${sha256.slice(2)}.${keyId}.enc`);

/**
 * Every copy of a scan in a backup's blobs folder, the one named with `ownKeyId` first, then the other encrypted
 * ones, then the plain one (a backup from before encryption).
 */
export function scanCopies(blobsDir: string, sha256: string, ownKeyId: string | null): { file: string; encrypted: boolean }[] {
  const dir = path.join(blobsDir, sha256.slice(0, 2));
  const rest = sha256.slice(2);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const encrypted = names.filter((n) => n.startsWith(`${rest}.`) && /^[0-9a-f]{62}\.[0-9a-f]{8}\.enc$/.test(n));
  encrypted.sort((a, b) => Number(b === `${rest}.${ownKeyId}.enc`) - Number(a === `${rest}.${ownKeyId}.enc`));
  return [
    ...encrypted.map((n) => ({ file: path.join(dir, n), encrypted: true })),
    ...(names.includes(rest) ? [{ file: path.join(dir, rest), encrypted: false }] : []),
  ];
}

/** Refuses a missing or too short passphrase for a backup to a folder; returns the secret to encrypt with. */
export function secretForNewBackup(passphrase: string | undefined): BackupSecret {
  if (passphrase === undefined || passphrase === '') {
    throw appFailure(
      'backup_passphrase_required',
      `Sao lưu ra thư mục khác phải có mật khẩu sao lưu (ít nhất ${MIN_BACKUP_PASSPHRASE_LENGTH} ký tự).`,
      `A backup to another folder needs a backup passphrase (at least ${MIN_BACKUP_PASSPHRASE_LENGTH} characters).`,
      { field: 'passphrase' },
    );
  }
  if ([...passphrase.normalize('NFC')].length < MIN_BACKUP_PASSPHRASE_LENGTH) {
    throw appFailure(
      'backup_passphrase_short',
      `Mật khẩu sao lưu phải có ít nhất ${MIN_BACKUP_PASSPHRASE_LENGTH} ký tự.`,
      `The backup passphrase must have at least ${MIN_BACKUP_PASSPHRASE_LENGTH} characters.`,
      { field: 'passphrase' },
    );
  }
  return new BackupSecret(passphrase);
}

/** How many of the newest backups on a stick a backup tries (one scrypt each, at most) before it takes a new salt. */
const BACKUPS_TRIED = 3;

/**
 * The scrypt parameters for a backup to `toDir`: those of a backup already there that this passphrase opens (by
 * its header's key check), so the scans it wrote count and one stick costs one derivation; else new ones.
 */
export async function kdfForFolder(toDir: string, secret: BackupSecret): Promise<KdfParams> {
  // Newest first, by the time in the name (motcua-<kind>-YYYYMMDD-HHMMSS.sqlite.enc).
  const taken = (name: string) => name.replace(/^motcua-[a-z-]+-/, '');
  const backups = readdirSync(toDir)
    .filter((n) => n.endsWith('.sqlite.enc'))
    .sort((a, b) => taken(b).localeCompare(taken(a)))
    .slice(0, BACKUPS_TRIED);
  for (const name of backups) {
    const kdf = await kdfOpenedBy(path.join(toDir, name), secret);
    if (kdf) return kdf;
  }
  return newKdfParams();
}


/** The data folder's disk could not hold the plain copy a backup to a folder is made from. */
const noSpaceInDataFolder = () =>
  appFailure(
    'backup_no_space',
    'Ổ đĩa chứa thư mục dữ liệu của quầy không đủ chỗ trống để chuẩn bị bản sao lưu (cần chỗ trống bằng cỡ dữ liệu). Hãy giải phóng chỗ trống rồi sao lưu lại. Chưa có gì được ghi ra thư mục sao lưu.',
    "The disk holding the desk's data folder has no room to prepare the backup (it needs as much free space as the data). Free some space and back up again. Nothing was written to the backup folder.",
  );

/** Writing to the chosen folder failed part-way: no backup of this attempt is there, earlier ones are untouched. */
const backupIncomplete = (e: unknown) => {
  const full = outOfSpace(e);
  return appFailure(
    'backup_incomplete',
    `Sao lưu chưa xong: ${full ? 'USB đầy (thư mục sao lưu hết chỗ trống)' : 'không ghi được vào thư mục sao lưu (USB bị rút ra hoặc bị lỗi?)'}. Không có bản sao lưu mới nào trong thư mục đó; các bản cũ vẫn còn nguyên. ${full ? 'Hãy dùng USB khác hoặc xoá bớt tệp' : 'Hãy kiểm tra USB'} rồi sao lưu lại.`,
    `The backup did not finish: ${full ? 'the USB drive is full (no free space in the backup folder)' : 'the backup folder could not be written (USB drive pulled out or faulty?)'}. No new backup is in that folder; earlier ones are untouched. ${full ? 'Use another drive or delete some files' : 'Check the drive'}, then back up again.`,
    { field: 'toDir' },
  );
};

/**
 * Writes `target` (on the stick) as the encrypted online backup of `db`: the plain copy staged in `stagingDir`
 * (inside the data folder), then `writeScans` (onto the stick), then the database, encrypted, last. On any failure
 * nothing of this backup's database is on the stick, and the error says where it failed.
 */
export async function writeEncryptedBackup(
  db: Db,
  stagingDir: string,
  target: string,
  secret: BackupSecret,
  kdf: KdfParams,
  writeScans: () => Promise<number>,
  nativeBinding?: string,
): Promise<number> {
  mkdirSync(stagingDir, { recursive: true });
  // The plain copy on its way out, owner-only in the data folder's backups; a crash mid-way leaves it there, named
  // with this process's id, for the next opening to remove (cut-short-writes.ts).
  const plain = whileWriting(path.join(stagingDir, path.basename(target)), 'outgoing');
  try {
    try {
      await writeBackup(db, plain, nativeBinding);
    } catch (e) {
      if (outOfSpace(e)) throw noSpaceInDataFolder();
      throw e;
    }
    try {
      const scans = await writeScans();
      await encryptFile(plain, target, secret, kdf);
      return scans;
    } catch (e) {
      // encryptFile leaves no temporary of its own: the database is on the stick only once renamed, last.
      if (e instanceof AppFailure) throw e;
      throw backupIncomplete(e);
    }
  } finally {
    rmSync(plain, { force: true });
  }
}

/**
 * Makes one folder whose parent exists. Not `recursive: true`: on a folder that refuses new entries but exists
 * (`/proc`), Node's recursive mkdir retried the parent for ever on the desk's main thread, and the desk stopped
 * answering. Here the refusal is an error, which the backup reports as a folder it could not write.
 */
function folderIn(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (e) {
    if (storageErrorCode(e) !== 'EEXIST') throw e;
  }
}

/**
 * Encrypts into `toDir` the scans of `fromDir` it lacks under this passphrase's key id. Scans never change, so a
 * copy already named with the key id counts (its header's key check says it is this passphrase's); copies with
 * other key ids (backups with another passphrase) are left as they are: those backups still need them.
 */
export async function encryptMissingBlobs(fromDir: string, toDir: string, secret: BackupSecret, kdf: KdfParams): Promise<number> {
  if (!existsSync(fromDir)) return 0;
  const keyId = await keyIdOf(secret, kdf);
  let copied = 0;
  for (const prefix of readdirSync(fromDir)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    // Made only for a scan to copy: a backup without scans leaves no empty folder on the stick.
    folderIn(toDir);
    folderIn(path.join(toDir, prefix));
    for (const name of readdirSync(path.join(fromDir, prefix))) {
      if (!/^[0-9a-f]{62}$/.test(name)) continue;
      const target = encryptedScanPath(toDir, prefix + name, keyId);
      if (existsSync(target) && statSync(target).isFile() && (await kdfOpenedBy(target, secret))) continue;
      await encryptFile(path.join(fromDir, prefix, name), target, secret, kdf);
      copied += 1;
    }
  }
  return copied;
}
