/**
 * Backups written outside the data folder (a USB stick) are encrypted with a passphrase, and every restore path
 * reads them: Settings (the API handlers) and `motcua backup`. Real files, real SQLite, real scrypt and AES-GCM.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, rmSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { backupCommand } from '../../cli/commands/backup';
import { verifyCommand } from '../../cli/commands/verify';
import { listBackups } from '../../electron/desk/backup/backup-files';
import { BackupSecret, decryptFile, encryptFile, newKdfParams } from '../../electron/desk/backup/backup-crypto';
import { ADMIN, allPresent, applicant, makeTestDesk, ordinaryProcedure, tempDir, type TestDesk } from './helpers';

const PASSPHRASE = 'Sổ hộ khẩu 2026 — quầy một cửa';
const CCCD = '001203004567';
const ID_CARD_SCAN = '%PDF-1.4 the scan of Nguyễn Văn A’s ID card';

const desks: TestDesk[] = [];
const scratchDirs: string[] = [];
/** A folder for a "USB stick", a new PC or passphrase files; removed after the test (it may hold backups). */
function scratch(prefix?: string): string {
  const dir = tempDir(prefix);
  scratchDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of desks.splice(0)) d.cleanup();
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
async function desk(): Promise<TestDesk> {
  const d = await makeTestDesk();
  desks.push(d);
  return d;
}

const dossierCount = (d: TestDesk) => (d.desk.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;
const receive = (d: TestDesk, name: string) => {
  const p = ordinaryProcedure();
  return d.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(name, CCCD), components: allPresent(p) });
};
/** What the data folder holds besides its usual contents: a restore refused must leave nothing of the backup there. */
const leftovers = (d: TestDesk) => readdirSync(d.dir).filter((n) => n.includes('restoring') || n.includes('outgoing'));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));

/** A desk with one dossier and one scan, backed up to a "USB stick" with the passphrase. */
async function backedUpToStick() {
  const d = await desk();
  await receive(d, 'Nguyễn Văn A');
  const scan = await d.must('attachments.import', { source: 'data', fileName: 'cccd.pdf', dataBase64: Buffer.from(ID_CARD_SCAN).toString('base64') });
  const usb = scratch('motcua-usb-');
  const backup = await d.must('backups.create', { toDir: usb, passphrase: PASSPHRASE });
  return { d, scan, usb, backup };
}

/** The one encrypted copy of a scan on the stick (`<sha256>.<key id>.enc`). */
function scanNameOnStick(usb: string, sha256: string): string {
  const names = readdirSync(path.join(usb, 'blobs', sha256.slice(0, 2))).filter((n) => n.startsWith(sha256.slice(2)));
  expect(names).toHaveLength(1);
  return names[0]!;
}

/** Flips one byte in the middle of a file (a stick's bit rot, or someone editing it). */
function flipByteInMiddle(file: string): void {
  const bytes = readFileSync(file);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(file, bytes);
}

describe('a backup to a chosen folder is encrypted', () => {
  it('holds no readable personal data on the stick, and comes back whole with its scans through Settings', async () => {
    const { d, scan, usb, backup } = await backedUpToStick();
    expect(backup.blobsCopied).toBe(1);
    expect(path.basename(backup.file)).toMatch(/^motcua-manual-\d{8}-\d{6}\.sqlite\.enc$/);
    // Nothing on the stick is a SQLite file, nor holds the citizen's ID number, name or the scan's bytes.
    const onStick = files(usb);
    expect(onStick.map((f) => path.relative(usb, f)).sort()).toEqual([path.join('blobs', scan.sha256.slice(0, 2), scanNameOnStick(usb, scan.sha256)), path.basename(backup.file)]);
    expect(scanNameOnStick(usb, scan.sha256)).toMatch(/^[0-9a-f]{62}\.[0-9a-f]{8}\.enc$/);
    for (const f of onStick) {
      const bytes = readFileSync(f);
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      expect(bytes.includes(Buffer.from(CCCD))).toBe(false);
      expect(bytes.includes(Buffer.from('Nguyễn Văn A'))).toBe(false);
      expect(bytes.includes(Buffer.from('the scan of'))).toBe(false);
    }
    // The plain copy it was made from is gone from the data folder's backups.
    expect(readdirSync(path.join(d.dir, 'backups'))).toEqual([]);
    // The passphrase is in no line of the audit trail.
    const trail = JSON.stringify((await d.must('audit.list', { limit: 500 })).entries);
    expect(trail).toContain('backup.create');
    expect(trail).not.toContain(PASSPHRASE);

    // A new PC: asked without a passphrase, the desk says the file is encrypted and changes nothing.
    const fresh = await desk();
    const asked = await fresh.call('backups.restore', { file: backup.file });
    expect(asked.ok ? null : [asked.error.code, asked.error.field]).toEqual(['backup_passphrase_required', 'passphrase']);
    expect(listBackups(path.join(fresh.dir, 'backups'))).toEqual([]);

    const restored = await fresh.must('backups.restore', { file: backup.file, passphrase: PASSPHRASE });
    expect(restored).toMatchObject({ chainsSound: true, scansRestored: 1, scansMissing: 0 });
    fresh.reopen();
    await fresh.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(dossierCount(fresh)).toBe(1);
    const got = await fresh.must('attachments.get', { sha256: scan.sha256 });
    expect(Buffer.from(got.dataBase64, 'base64').toString()).toBe(ID_CARD_SCAN);
    expect(leftovers(fresh)).toEqual([]);
    expect(JSON.stringify((await fresh.must('audit.list', { limit: 500 })).entries)).not.toContain(PASSPHRASE);
  });

  it('refuses a backup to a folder without a passphrase, or with one shorter than 10 characters, writing nothing', async () => {
    const d = await desk();
    const usb = scratch('motcua-usb-');
    const none = await d.call('backups.create', { toDir: usb });
    expect(none.ok ? null : [none.error.code, none.error.field]).toEqual(['backup_passphrase_required', 'passphrase']);
    const short = await d.call('backups.create', { toDir: usb, passphrase: 'ngắn-quá' });
    expect(short.ok ? null : [short.error.code, short.error.message.vi]).toEqual(['backup_passphrase_short', 'Mật khẩu sao lưu phải có ít nhất 10 ký tự.']);
    expect(JSON.stringify(short)).not.toContain('ngắn-quá');
    expect(readdirSync(usb)).toEqual([]);
    // The desk's own backups stay plain, and a passphrase there is refused rather than silently ignored.
    const own = await d.must('backups.create', {});
    expect(readFileSync(own.file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    const unused = await d.call('backups.create', { passphrase: PASSPHRASE });
    expect(unused.ok ? null : unused.error.code).toBe('backup_passphrase_unused');
  });

  it('keeps every backup on a stick whole when two passphrases back up to it: neither overwrites the other\'s scans', async () => {
    const { d, scan, usb, backup: first } = await backedUpToStick();
    d.clock.advanceMinutes(60);
    const second = await d.must('backups.create', { toDir: usb, passphrase: 'một mật khẩu khác hẳn' });
    expect(second.blobsCopied).toBe(1);
    d.clock.advanceMinutes(60);
    const third = await d.must('backups.create', { toDir: usb, passphrase: 'một mật khẩu khác hẳn' });
    expect(third.blobsCopied).toBe(0);
    // The first backup, restored with its own passphrase after the others: every scan comes back.
    for (const [file, passphrase] of [
      [first.file, PASSPHRASE],
      [second.file, 'một mật khẩu khác hẳn'],
    ] as const) {
      const fresh = await desk();
      const restored = await fresh.must('backups.restore', { file, passphrase });
      expect(restored).toMatchObject({ scansRestored: 1, scansMissing: 0 });
      fresh.reopen();
      await fresh.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
      const got = await fresh.must('attachments.get', { sha256: scan.sha256 });
      expect(Buffer.from(got.dataBase64, 'base64').toString()).toBe(ID_CARD_SCAN);
    }
  });

  it('reuses the salt of a backup on the stick that the passphrase opens, so its scans count without being read', async () => {
    const { d, usb, backup: first } = await backedUpToStick();
    d.clock.advanceMinutes(60);
    const second = await d.must('backups.create', { toDir: usb, passphrase: PASSPHRASE });
    expect(second.blobsCopied).toBe(0);
    // Both headers carry the same scrypt salt (bytes 13–28): one derivation for the stick.
    expect(readFileSync(second.file).subarray(13, 29).equals(readFileSync(first.file).subarray(13, 29))).toBe(true);
  });

  it('is an administrator\'s: a clerk is refused a backup, to a folder or to its own, and nothing is written', async () => {
    const d = await desk();
    await d.must('users.create', { username: 'canbo1', displayName: 'Cán bộ', role: 'clerk', password: 'mat-khau-456' });
    await d.must('auth.logout', {});
    await d.must('auth.login', { username: 'canbo1', password: 'mat-khau-456' });
    const usb = scratch('motcua-usb-');
    for (const input of [{ toDir: usb, passphrase: 'chon-mat-khau-rieng' }, {}]) {
      const refused = await d.call('backups.create', input);
      expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    }
    expect(readdirSync(usb)).toEqual([]);
    expect(listBackups(path.join(d.dir, 'backups'))).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('says a folder that takes no new folders (/proc) cannot be written, and goes on answering', async () => {
    const d = await desk();
    await receive(d, 'Nguyễn Văn A');
    await d.must('attachments.import', { source: 'data', fileName: 'cccd.pdf', dataBase64: Buffer.from(ID_CARD_SCAN).toString('base64') });
    // Before, the scans' folder was made with a recursive mkdir that retried /proc for ever on the desk's thread.
    const failed = await d.call('backups.create', { toDir: '/proc', passphrase: PASSPHRASE });
    expect(failed.ok ? null : [failed.error.code, failed.error.field]).toEqual(['backup_incomplete', 'toDir']);
    expect(failed.ok ? '' : failed.error.message.vi).toContain('không ghi được vào thư mục sao lưu');
    expect((await d.must('dossiers.list', { limit: 5 })).items).toHaveLength(1);
  });

  it('leaves no backup of itself on the stick when writing its scans fails, and says so in both languages', async () => {
    const d = await desk();
    await receive(d, 'Nguyễn Văn A');
    await d.must('attachments.import', { source: 'data', fileName: 'cccd.pdf', dataBase64: Buffer.from(ID_CARD_SCAN).toString('base64') });
    const usb = scratch('motcua-usb-');
    // Where the scans go cannot be written (a stick full, or pulled out, while the scans are written).
    writeFileSync(path.join(usb, 'blobs'), 'not a folder');
    const failed = await d.call('backups.create', { toDir: usb, passphrase: PASSPHRASE });
    expect(failed.ok ? null : [failed.error.code, failed.error.field]).toEqual(['backup_incomplete', 'toDir']);
    expect(failed.ok ? '' : failed.error.message.vi).toMatch(/^Sao lưu chưa xong: .*Không có bản sao lưu mới nào trong thư mục đó/);
    expect(failed.ok ? '' : failed.error.message.en).toMatch(/^The backup did not finish: .*No new backup is in that folder/);
    expect(readdirSync(usb)).toEqual(['blobs']);
    // Nor a plain copy left in the data folder.
    expect(readdirSync(path.join(d.dir, 'backups'))).toEqual([]);
  });
});

describe('restoring an encrypted backup that cannot be read', () => {
  /** The desk being restored: two dossiers, so a restore of the one-dossier backup would show. */
  async function target() {
    const d = await desk();
    await receive(d, 'Trần Thị B');
    await receive(d, 'Lê Văn C');
    return d;
  }

  /** Refused in plain words, nothing written to the data folder, and the desk goes on with its own data. */
  const WRONG = [
    'backup_passphrase_wrong',
    'Mật khẩu sao lưu không đúng. Chưa có gì bị thay đổi.',
    'The backup passphrase is wrong. Nothing was changed.',
  ];
  const DAMAGED = [
    'backup_damaged',
    'Tệp sao lưu bị hỏng (mật khẩu đúng): không khôi phục được từ tệp này. Chưa có gì bị thay đổi. Hãy dùng một bản sao lưu khác.',
    'The backup file is damaged (the passphrase is right): it cannot be restored. Nothing was changed. Use another backup.',
  ];
  async function expectRefusedAndUntouched(d: TestDesk, file: string, passphrase: string, said: string[]) {
    const r = await d.call('backups.restore', { file, passphrase });
    expect(r.ok ? null : [r.error.code, r.error.message.vi, r.error.message.en]).toEqual(said);
    expect(JSON.stringify(r)).not.toContain(passphrase);
    expect(leftovers(d)).toEqual([]);
    // No pre-restore copy was taken: the restore stopped before anything of the desk's was touched.
    expect(listBackups(path.join(d.dir, 'backups'))).toEqual([]);
    expect(dossierCount(d)).toBe(2);
    await receive(d, 'Phạm Thị D');
    expect(dossierCount(d)).toBe(3);
    expect(d.desk.verify().chains.sound).toBe(true);
  }

  it('refuses a wrong passphrase', async () => {
    const { backup } = await backedUpToStick();
    await expectRefusedAndUntouched(await target(), backup.file, 'không phải mật khẩu này', WRONG);
  });

  it('refuses a truncated file', async () => {
    const { backup } = await backedUpToStick();
    truncateSync(backup.file, statSync(backup.file).size - 100);
    await expectRefusedAndUntouched(await target(), backup.file, PASSPHRASE, DAMAGED);
  });

  it('refuses a file with one byte flipped in the middle of its ciphertext', async () => {
    const { backup } = await backedUpToStick();
    flipByteInMiddle(backup.file);
    await expectRefusedAndUntouched(await target(), backup.file, PASSPHRASE, DAMAGED);
  });

  it('restores with the passphrase typed in decomposed Unicode (NFD), as some keyboards give it', async () => {
    const { backup } = await backedUpToStick();
    expect(PASSPHRASE.normalize('NFD')).not.toBe(PASSPHRASE);
    const fresh = await desk();
    const restored = await fresh.must('backups.restore', { file: backup.file, passphrase: PASSPHRASE.normalize('NFD') });
    expect(restored).toMatchObject({ chainsSound: true, scansRestored: 1, scansMissing: 0 });
  });

  it('refuses a plain database given as an encrypted backup (named .enc, or with a passphrase): it could be forged', async () => {
    const d = await desk();
    await receive(d, 'Nguyễn Văn A');
    const own = await d.must('backups.create', {});
    const usb = scratch('motcua-usb-');
    const forged = path.join(usb, `${path.basename(own.file)}.enc`);
    writeFileSync(forged, readFileSync(own.file));
    const t = await target();
    for (const input of [{ file: forged, passphrase: 'bất kỳ mật khẩu nào' }, { file: forged }, { file: own.file, passphrase: 'bất kỳ mật khẩu nào' }]) {
      const r = await t.call('backups.restore', input);
      expect(r.ok ? null : [r.error.code, r.error.field]).toEqual(['invalid_backup', 'file']);
      expect(r.ok ? '' : r.error.message.en).toContain('it is not encrypted');
    }
    expect(dossierCount(t)).toBe(2);
    expect(leftovers(t)).toEqual([]);
  });

  it('refuses a second restore while one is running, instead of racing over the same staged file', async () => {
    const { backup } = await backedUpToStick();
    const t = await target();
    const [a, b] = await Promise.all([
      t.call('backups.restore', { file: backup.file, passphrase: PASSPHRASE }),
      t.call('backups.restore', { file: backup.file, passphrase: PASSPHRASE }),
    ]);
    expect(a.ok).toBe(true);
    expect(b.ok ? null : [b.error.code, b.error.message.vi]).toEqual([
      'backup_restore_busy',
      'Đang khôi phục một bản sao lưu trên quầy này; hãy chờ việc đó xong rồi thử lại. Chưa có gì bị thay đổi.',
    ]);
    t.reopen();
    expect(dossierCount(t)).toBe(1);
    expect(leftovers(t)).toEqual([]);
  });

  it('clears what a backup or restore cut short by a power cut left in the data folder when the desk starts', async () => {
    const d = await desk();
    const staged = path.join(d.dir, 'backups');
    mkdirSync(staged, { recursive: true });
    const left = [
      path.join(staged, 'motcua-manual-20261128-090000.sqlite.enc.outgoing'),
      path.join(staged, 'motcua-manual-20261128-090000.sqlite.enc.outgoing.partial'),
      path.join(staged, 'motcua-manual-20261128-090000.sqlite.enc.outgoing.partial-wal'),
    ];
    for (const f of left) writeFileSync(f, 'plain personal data');
    const database = readdirSync(d.dir).find((n) => n.endsWith('.sqlite'))!;
    writeFileSync(path.join(d.dir, `${database}.restoring`), 'plain personal data');
    d.reopen();
    for (const f of left) expect(existsSync(f)).toBe(false);
    expect(leftovers(d)).toEqual([]);
  });
});

describe('the encrypted file format', () => {
  // One passphrase and salt for all the files here: scrypt runs once (it is slow on purpose).
  const secret = new BackupSecret(PASSPHRASE);
  const kdf = newKdfParams();
  /** Encrypted random bytes of `size` (chunks are 1 MiB). */
  async function encryptedOfSize(size: number) {
    const dir = scratch('motcua-crypto-');
    const plain = path.join(dir, 'plain');
    writeFileSync(plain, randomBytes(size));
    const sealed = path.join(dir, 'sealed.enc');
    await encryptFile(plain, sealed, secret, kdf);
    return { dir, plain, sealed, secret };
  }

  it('round-trips any size, and refuses a cut at a chunk boundary or a flipped byte without writing anything', async () => {
    for (const size of [0, 3 * 1024 * 1024, 3 * 1024 * 1024 + 17]) {
      const { dir, plain, sealed, secret } = await encryptedOfSize(size);
      const out = path.join(dir, 'out');
      await decryptFile(sealed, out, secret);
      expect(readFileSync(out).equals(readFileSync(plain))).toBe(true);
      expect(statSync(out).mode & 0o077).toBe(0);
    }
    const { dir, sealed, secret } = await encryptedOfSize(3 * 1024 * 1024);
    const original = readFileSync(sealed);
    // Cut exactly after the third full chunk: the empty last chunk is missing, every chunk left is sound.
    const headerLength = original.length - 3 * (1024 * 1024 + 16) - 16;
    writeFileSync(sealed, original.subarray(0, headerLength + 3 * (1024 * 1024 + 16)));
    const out = path.join(dir, 'out');
    await expect(decryptFile(sealed, out, secret)).rejects.toMatchObject({ error: { code: 'backup_damaged' } });
    expect(existsSync(out)).toBe(false);
    // The file salt in the header changed (bytes 29–44): the key check still matches, so the passphrase is right
    // and the file is said to be damaged.
    const header = Buffer.from(original);
    header[30] = header[30]! ^ 0x01;
    writeFileSync(sealed, header);
    await expect(decryptFile(sealed, out, secret)).rejects.toMatchObject({ error: { code: 'backup_damaged' } });
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a header asking for a costly scrypt before deriving any key', async () => {
    const { dir, sealed } = await encryptedOfSize(100);
    /** Records whether a key derivation was asked for at all. */
    class Watched extends BackupSecret {
      derivations = 0;
      override master(k: Parameters<BackupSecret['master']>[0]) {
        this.derivations += 1;
        return super.master(k);
      }
    }
    const original = readFileSync(sealed);
    // log2(N), r, p at bytes 9–11: the most the old limits let through (16 GiB, ~500 times the work), and a little
    // over the bound (N = 2^18 with r = 8 needs 256 MiB: allowed; N = 2^19 is not).
    for (const [log2N, r, p] of [
      [22, 32, 4],
      [19, 8, 1],
      [17, 8, 3],
    ]) {
      const forged = Buffer.from(original);
      forged[9] = log2N!;
      forged[10] = r!;
      forged[11] = p!;
      writeFileSync(sealed, forged);
      const watched = new Watched(PASSPHRASE);
      const out = path.join(dir, 'out');
      await expect(decryptFile(sealed, out, watched)).rejects.toMatchObject({ error: { code: 'backup_damaged' } });
      expect(watched.derivations).toBe(0);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('older plain backups still restore', () => {
  it('a plain backup on a stick, with plain scans beside it, restores without a passphrase', async () => {
    const d = await desk();
    await receive(d, 'Nguyễn Văn A');
    const scan = await d.must('attachments.import', { source: 'data', fileName: 'cccd.pdf', dataBase64: Buffer.from(ID_CARD_SCAN).toString('base64') });
    // What a backup to a folder used to write: the plain database, and the scans as the data folder names them.
    const own = await d.must('backups.create', {});
    const usb = scratch('motcua-old-usb-');
    const old = path.join(usb, path.basename(own.file));
    writeFileSync(old, readFileSync(own.file));
    const blobDir = path.join(usb, 'blobs', scan.sha256.slice(0, 2));
    mkdirSync(blobDir, { recursive: true });
    writeFileSync(path.join(blobDir, scan.sha256.slice(2)), ID_CARD_SCAN);
    const fresh = await desk();
    const restored = await fresh.must('backups.restore', { file: old });
    expect(restored).toMatchObject({ chainsSound: true, scansRestored: 1, scansMissing: 0 });
    fresh.reopen();
    expect(dossierCount(fresh)).toBe(1);
  });
});

describe('motcua backup with an encrypted backup', () => {
  const ioCollecting = (lines: string[], answers?: string[]) => ({
    out: (l: string) => void lines.push(l),
    err: (l: string) => void lines.push(l),
    ...(answers ? { askSecret: async () => answers.shift() ?? '' } : {}),
  });

  it('creates with --passphrase-file and restores with it onto a new PC; a wrong one changes nothing', async () => {
    const d = await desk();
    await receive(d, 'Nguyễn Văn A');
    await d.must('attachments.import', { source: 'data', fileName: 'cccd.pdf', dataBase64: Buffer.from(ID_CARD_SCAN).toString('base64') });
    d.desk.close();
    const secrets = scratch('motcua-secrets-');
    const passphraseFile = path.join(secrets, 'pass.txt');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
    const usb = scratch('motcua-usb-');
    const out: string[] = [];
    expect(await backupCommand.run(['create', '--data-dir', d.dir, '--to', usb, '--passphrase-file', passphraseFile], ioCollecting(out))).toBe(0);
    expect(out.join('\n')).toContain('quên mật khẩu thì không ai đọc được bản sao lưu, kể cả bộ phận CNTT');
    const written = readdirSync(usb).find((n) => n.endsWith('.sqlite.enc'))!;
    expect(written).toBeTruthy();
    const file = path.join(usb, written);

    // A wrong passphrase: refused in both languages, and the new PC's data folder is not left behind.
    const wrongFile = path.join(secrets, 'wrong.txt');
    writeFileSync(wrongFile, 'không phải mật khẩu này\n');
    const newPc = path.join(scratch(), 'new-pc', 'data');
    const refused: string[] = [];
    expect(await backupCommand.run(['restore', '--data-dir', newPc, '--from', file, '--passphrase-file', wrongFile], ioCollecting(refused))).toBe(1);
    expect(refused).toEqual(['Mật khẩu sao lưu không đúng. Chưa có gì bị thay đổi.', 'The backup passphrase is wrong. Nothing was changed.']);
    expect(existsSync(newPc)).toBe(false);

    // No passphrase file and no terminal to ask on (a script): said plainly, nothing done.
    const noTty: string[] = [];
    expect(await backupCommand.run(['restore', '--data-dir', newPc, '--from', file], ioCollecting(noTty))).toBe(1);
    expect(noTty.join('\n')).toContain('--passphrase-file');
    // Git Bash (mintty) is no terminal to Node: the way out is named.
    expect(noTty.join('\n')).toContain('Command Prompt (cmd) or PowerShell');
    expect(existsSync(newPc)).toBe(false);

    const restored: string[] = [];
    expect(await backupCommand.run(['restore', '--data-dir', newPc, '--from', file, '--passphrase-file', passphraseFile], ioCollecting(restored))).toBe(0);
    expect(restored).toContain('1 scan(s) copied from the blobs folder beside the backup.');
    expect(readdirSync(path.join(newPc, 'blobs')).filter((n) => /^[0-9a-f]{2}$/.test(n))).toHaveLength(1);
    const verified: string[] = [];
    expect(await verifyCommand.run(['--data-dir', newPc], ioCollecting(verified))).toBe(0);
  });

  it('reads a passphrase file as Notepad saves it (a BOM, CR LF), and refuses one not in UTF-8 (ANSI, UTF-16)', async () => {
    const d = await desk();
    await receive(d, 'Nguyễn Văn A');
    d.desk.close();
    const secrets = scratch('motcua-secrets-');
    const usb = scratch('motcua-usb-');
    const bom = path.join(secrets, 'utf8-bom.txt');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${PASSPHRASE}\r\n`)]));
    const lines: string[] = [];
    expect(await backupCommand.run(['create', '--data-dir', d.dir, '--to', usb, '--passphrase-file', bom], ioCollecting(lines))).toBe(0);
    expect(lines).toContain('The passphrase file opens every backup made with it: never keep it on the USB drive with the backups, and delete it when no longer needed.');
    // The same passphrase typed in Settings on another PC opens it: the invisible BOM was not part of it.
    const file = path.join(usb, readdirSync(usb).find((n) => n.endsWith('.sqlite.enc'))!);
    const fresh = await desk();
    expect(await fresh.must('backups.restore', { file, passphrase: PASSPHRASE })).toMatchObject({ chainsSound: true });

    const ansi = path.join(secrets, 'ansi.txt');
    writeFileSync(ansi, Buffer.from('M\xe2\xf2t kh\xe2\xd2u 2026 qu\xe2\xf2y', 'latin1'));
    const utf16 = path.join(secrets, 'unicode.txt');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${PASSPHRASE}\r\n`, 'utf16le')]));
    for (const f of [ansi, utf16]) {
      const usb2 = scratch('motcua-usb-');
      const said: string[] = [];
      expect(await backupCommand.run(['create', '--data-dir', d.dir, '--to', usb2, '--passphrase-file', f], ioCollecting(said))).toBe(1);
      expect(said).toContain(
        `The passphrase file ${f} is not saved as UTF-8 (it may be ANSI or UTF-16/Unicode). Open it in Notepad, Save As… with Encoding UTF-8, and run the command again. Nothing was changed.`,
      );
      expect(said.join('\n')).toContain('không được lưu ở dạng UTF-8');
      expect(readdirSync(usb2)).toEqual([]);
    }
  });

  it('asks twice without echo on a terminal, and refuses two different answers', async () => {
    const d = await desk();
    d.desk.close();
    const usb = scratch('motcua-usb-');
    const lines: string[] = [];
    expect(await backupCommand.run(['create', '--data-dir', d.dir, '--to', usb], ioCollecting(lines, [PASSPHRASE, `${PASSPHRASE}!`]))).toBe(1);
    expect(lines).toContain('The two passphrases differ; no backup was written.');
    expect(readdirSync(usb)).toEqual([]);
    expect(await backupCommand.run(['create', '--data-dir', d.dir, '--to', usb], ioCollecting(lines, [PASSPHRASE, PASSPHRASE]))).toBe(0);
    const file = path.join(usb, readdirSync(usb).find((n) => n.endsWith('.enc'))!);
    // Restoring asks once.
    const newPc = path.join(scratch(), 'data');
    expect(await backupCommand.run(['restore', '--data-dir', newPc, '--from', file], ioCollecting(lines, [PASSPHRASE]))).toBe(0);
    expect(lines.join('\n')).not.toContain(PASSPHRASE);
  });

  it('never takes a passphrase on the command line, and never repeats it', async () => {
    const d = await desk();
    d.desk.close();
    const usb = scratch('motcua-usb-');
    for (const argv of [
      ['create', '--data-dir', d.dir, '--to', usb, '--passphrase', PASSPHRASE],
      ['create', '--data-dir', d.dir, '--to', usb, `--passphrase=${PASSPHRASE}`],
    ]) {
      const refusal = await backupCommand.run(argv, ioCollecting([])).then(
        () => null,
        (e: Error) => e,
      );
      expect(refusal?.name).toBe('UsageError');
      expect(refusal?.message).toMatch(/never given on the command line/);
      expect(refusal?.message).not.toContain(PASSPHRASE);
    }
    expect(readdirSync(usb)).toEqual([]);
  });

  it('motcua verify says an encrypted backup must be restored first', async () => {
    const { backup } = await backedUpToStick();
    const lines: string[] = [];
    expect(await verifyCommand.run(['--data-dir', backup.file], ioCollecting(lines))).toBe(1);
    expect(lines.join('\n')).toContain('is an encrypted backup and cannot be checked as it is');
    expect(lines.join('\n')).toContain('motcua backup restore');
  });
});
