/**
 * `motcua backup`: backups of a desk's data folder from the command line (also when the desk will not open).
 *   motcua backup create --data-dir DIR [--to FOLDER [--passphrase-file F]]
 *   motcua backup list --data-dir DIR
 *   motcua backup restore --data-dir DIR --from FILE [--passphrase-file F]
 * A backup to a folder is encrypted: its passphrase is read from a file (its first line) or asked on the terminal
 * without echo, never taken from the command line (the shell history and the process list would keep it).
 */
import { AppFailure } from '../../shared/result';
import { openDesk } from '../../electron/desk/desk';
import { backupFileName, copyDatabaseFiles, databaseInUse, discardStaged, listBackups, putStagedInPlace, stageBackup } from '../../electron/desk/backup/backup-files';
import { toVnIso } from '../../shared/calendar/vn-time';
import { deskPaths } from '../../electron/desk/paths';
import { verifyDataDir } from '../../electron/desk/verify';
import { restoreScans } from '../../electron/desk/backup/restore-scans';
import { discardCutShortBackups } from '../../electron/desk/backup/cut-short-writes';
import { BlobStore } from '../../electron/desk/attachments/blob-store';
import { openDatabase, type Db } from '../../electron/desk/db/open-database';
import { ensurePrivateFolder } from '../../electron/desk/data-folder';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { appFailure } from '../../shared/result';
import { BackupSecret, isEncryptedBackup } from '../../electron/desk/backup/backup-crypto';
import path from 'node:path';
import { DATA_DIR_NEEDED, parseOptions } from '../options';
import { shownVnDateTime } from '../shown-time';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';

function options(argv: string[]) {
  // Refused by name, before parsing, so that no message can ever repeat what was typed after it.
  if (argv.some((a) => a === '--passphrase' || a.startsWith('--passphrase='))) {
    throw new UsageError({
      vi: 'mật khẩu không bao giờ được ghi ngay trong lệnh (lịch sử lệnh sẽ lưu lại nó): hãy dùng --passphrase-file TỆP, hoặc bỏ đi để lệnh tự hỏi mật khẩu.',
      en: 'a passphrase is never given on the command line (the shell history would keep it): use --passphrase-file FILE, or leave it out to be asked.',
    });
  }
  return parseOptions(argv, {
    'data-dir': { type: 'string' },
    to: { type: 'string' },
    from: { type: 'string' },
    'passphrase-file': { type: 'string' },
  });
}

/**
 * The passphrase in a file: its first line, without the line break (Windows Notepad writes CR LF) and without the
 * byte-order mark Notepad puts before "UTF-8 with BOM" (invisible, it would become part of the key and the same
 * passphrase typed in Settings would not open the backup). A file not in UTF-8 (Notepad's "ANSI", or UTF-16) is
 * refused: its bytes would decode to other characters than the ones the administrator sees.
 */
export function passphraseInFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw appFailure('passphrase_file_unreadable', `Không đọc được tệp mật khẩu: ${file}.`, `Cannot read the passphrase file: ${file}.`);
  }
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.replace(/\r$/, '');
  if (line.includes('\uFFFD') || line.includes('\u0000')) {
    throw appFailure(
      'passphrase_file_encoding',
      `Tệp mật khẩu ${file} không được lưu ở dạng UTF-8 (có thể là ANSI hoặc UTF-16/Unicode). Hãy mở bằng Notepad, chọn Lưu thành… với Mã hoá (Encoding) là UTF-8, rồi chạy lại lệnh. Chưa có gì bị thay đổi.`,
      `The passphrase file ${file} is not saved as UTF-8 (it may be ANSI or UTF-16/Unicode). Open it in Notepad, Save As… with Encoding UTF-8, and run the command again. Nothing was changed.`,
    );
  }
  return line;
}

const noTerminal = () =>
  appFailure(
    'backup_passphrase_required',
    'Cần mật khẩu sao lưu, nhưng cửa sổ này không hỏi được mà không hiện chữ (Git Bash/mintty, hoặc lệnh chạy từ một script). Hãy chạy lệnh trong Command Prompt (cmd) hoặc PowerShell để được hỏi, hoặc thêm --passphrase-file TỆP (tệp đặt ngoài USB, xoá đi khi xong).',
    'A backup passphrase is needed, but this window cannot ask for it without showing it (Git Bash/mintty, or a script). Run the command in Command Prompt (cmd) or PowerShell to be asked, or add --passphrase-file FILE (kept off the USB drive, deleted when done).',
  );

/** What to do with a passphrase file: it opens every backup written with it. */
const passphraseFileAdvice = (io: CliIo) => {
  io.err('Tệp mật khẩu mở được mọi bản sao lưu dùng mật khẩu đó: đừng để nó trên USB cùng bản sao lưu, và xoá nó khi không cần nữa.');
  io.err('The passphrase file opens every backup made with it: never keep it on the USB drive with the backups, and delete it when no longer needed.');
};

/** A new backup's passphrase: from its file, or typed twice without echo. Its length is the desk's rule (checked there). */
async function newPassphrase(file: string | undefined, io: CliIo): Promise<string> {
  io.err('Bản sao lưu ra thư mục này được mã hoá. Hãy ghi nhớ mật khẩu: quên mật khẩu thì không ai đọc được bản sao lưu, kể cả bộ phận CNTT.');
  io.err('This backup is encrypted. Keep the passphrase safe: without it nobody, IT included, can read the backup.');
  if (file !== undefined) {
    passphraseFileAdvice(io);
    return passphraseInFile(file);
  }
  if (!io.askSecret) throw noTerminal();
  const first = await io.askSecret('Mật khẩu sao lưu / Backup passphrase: ');
  const again = await io.askSecret('Nhập lại / Again: ');
  if (first !== again) {
    throw appFailure('backup_passphrase_mismatch', 'Hai lần nhập mật khẩu không khớp; chưa sao lưu.', 'The two passphrases differ; no backup was written.');
  }
  return first;
}

async function create(dataDir: string, to: string | undefined, passphraseFile: string | undefined, io: CliIo): Promise<number> {
  if (!to && passphraseFile !== undefined) {
    throw new UsageError({
      vi: '--passphrase-file chỉ dùng khi sao lưu ra một thư mục (--to THƯ_MỤC); các bản sao lưu trong chính thư mục dữ liệu không được mã hoá.',
      en: "--passphrase-file is for a backup to a folder (--to FOLDER); the data folder's own backups are not encrypted.",
    });
  }
  const passphrase = to ? await newPassphrase(passphraseFile, io) : undefined;
  const desk = openDesk({ dataDir, autoBackup: false });
  try {
    const b = await desk.backups.create(to ? { toDir: to, ...(passphrase !== undefined ? { passphrase } : {}) } : {});
    io.out(`Đã sao lưu vào: ${b.file} (${b.size} byte${to ? `, chép ${b.blobsCopied} bản quét` : ''})`);
    io.out(`Backup written: ${b.file} (${b.size} bytes${to ? `, ${b.blobsCopied} scan(s) copied` : ''})`);
    return 0;
  } finally {
    desk.close();
  }
}

function list(dataDir: string, io: CliIo): number {
  const backups = listBackups(deskPaths(dataDir).backups);
  if (backups.length === 0) {
    io.out('Thư mục dữ liệu này chưa có bản sao lưu nào.');
    io.out('No backups in this data folder.');
  }
  for (const b of backups) io.out(`${shownVnDateTime(b.takenAt)}  ${b.kind.padEnd(11)}  ${String(b.size).padStart(12)}  ${b.file}`);
  return 0;
}

/** Runs `work` on the desk's database file, opened on its own (the desk is not running). */
async function withDatabase<T>(file: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase({ file });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/**
 * Restores without opening the desk first, so a corrupt database can be replaced. Scans copied out with the backup
 * (its blobs folder) come back with it. What a technician reads is said in Vietnamese, then in English.
 */
async function restore(dataDir: string, from: string, passphraseFile: string | undefined, io: CliIo): Promise<number> {
  const paths = deskPaths(dataDir);
  const database = paths.database;
  const deskRunning = () => {
    io.err(`Một quầy đang chạy trên ${dataDir}: hãy đóng quầy trước (hoặc khôi phục trong màn hình Cài đặt của quầy). Chưa có gì bị thay đổi.`);
    io.err(`A desk is running on ${dataDir}: close it first (or restore from its Settings screen). Nothing was changed.`);
    return 1;
  };
  if (databaseInUse(database)) return deskRunning();
  // An encrypted backup (known by its header): its passphrase from the file, or asked once without echo.
  let secret: BackupSecret | undefined;
  if (existsSync(from) && statSync(from).isFile() && isEncryptedBackup(from)) {
    if (passphraseFile !== undefined) secret = new BackupSecret(passphraseInFile(passphraseFile));
    else if (io.askSecret) secret = new BackupSecret(await io.askSecret('Mật khẩu sao lưu / Backup passphrase: '));
    else throw noTerminal();
  }
  // Restoring onto a new PC: its data folder does not exist yet (and is removed again if the backup is refused).
  const newFolder = !existsSync(path.dirname(database));
  ensurePrivateFolder(path.dirname(database));
  let staged: string;
  try {
    // Copied into the data folder and checked there (a read-only stick; what is checked is what is put in place).
    staged = await stageBackup(database, from, undefined, secret);
  } catch (e) {
    if (newFolder) rmSync(path.dirname(database), { recursive: true, force: true });
    throw e;
  }
  // Asked again: staging a large backup takes minutes, and a desk started meanwhile would write on into the file
  // about to be replaced (review).
  if (databaseInUse(database)) {
    discardStaged(staged);
    return deskRunning();
  }
  if (existsSync(database)) {
    // What is replaced is kept, as the desk's own restore does: the backup chosen may be the wrong one. What an earlier
    // copy or backup cut short left goes first (written alongside right now by another process: kept).
    discardCutShortBackups(paths.backups);
    const safety = path.join(paths.backups, backupFileName('pre-restore', toVnIso(new Date())));
    try {
      copyDatabaseFiles(database, safety);
    } catch (e) {
      discardStaged(staged);
      throw e;
    }
    io.out(`Thay dữ liệu ${database} (bản cũ giữ lại tại ${safety})`);
    io.out(`Replacing ${database} (kept as ${safety})`);
  }
  const { catchingUp } = putStagedInPlace(database, staged);
  const scans = await withDatabase(database, (db) => restoreScans(db, from, new BlobStore(paths.blobs), secret));
  const report = verifyDataDir(dataDir);
  if (!report.sound) {
    io.err('Dữ liệu vừa khôi phục không qua được bước kiểm tra; chạy motcua verify để xem chi tiết.');
    io.err('The restored database did not verify; run motcua verify for details.');
    return 1;
  }
  io.out(`Đã khôi phục từ ${from}; dữ liệu và chuỗi sự kiện nguyên vẹn.`);
  io.out(`Restored from ${from}; integrity and hash chains verified.`);
  if (scans.copied > 0) {
    io.out(`Đã lấy lại ${scans.copied} bản quét từ thư mục blobs cạnh tệp sao lưu.`);
    io.out(`${scans.copied} scan(s) copied from the blobs folder beside the backup.`);
  }
  if (scans.missing > 0) {
    io.err(
      `${scans.missing} bản quét không có trên máy này, cũng không có (hoặc bị hỏng) trong thư mục blobs cạnh tệp sao lưu: hãy chép thư mục đó vào ${paths.blobs}, hoặc đính kèm lại các bản quét.`,
    );
    io.err(
      `${scans.missing} scan(s) are neither in this data folder nor (intact) in the blobs folder beside the backup: copy that folder into ${paths.blobs}, or attach those scans again.`,
    );
  }
  if (catchingUp) {
    io.out(
      'Quầy này đồng bộ với máy chủ: lần mở tới, khi có mạng, quầy lấy lại những gì đã gửi sau bản sao lưu này rồi mới ghi hồ sơ mới.',
    );
    io.out(
      'This desk syncs with a server: when it next opens with a network link, it first fetches back what it sent after this backup, and records nothing new until it has.',
    );
  }
  return 0;
}

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: "Create, list or restore backups of a desk's data",
  usage: [
    'motcua backup create --data-dir DIR [--to FOLDER [--passphrase-file F]]',
    'motcua backup list --data-dir DIR',
    'motcua backup restore --data-dir DIR --from FILE [--passphrase-file F]',
    '',
    'A backup to a folder (--to) is encrypted with a passphrase of at least 10 characters: asked twice without echo,',
    'or the first line of the file F. Restoring an encrypted backup asks for it (or reads F). A passphrase is never',
    'given on the command line.',
  ].join('\n'),
  async run(argv, io) {
    const [action, ...rest] = argv;
    const o = options(rest);
    if (!o['data-dir']) throw new UsageError(DATA_DIR_NEEDED);
    // Paths typed on the command line are the current folder's (the desk's own API takes absolute paths only).
    const dataDir = path.resolve(o['data-dir']);
    try {
      switch (action) {
        case 'create':
          return await create(dataDir, o.to ? path.resolve(o.to) : undefined, o['passphrase-file'], io);
        case 'list':
          return list(dataDir, io);
        case 'restore':
          if (!o.from) throw new UsageError({ vi: 'restore cần có --from TỆP.', en: 'restore needs --from FILE.' });
          return await restore(dataDir, path.resolve(o.from), o['passphrase-file'], io);
        default:
          throw new UsageError({ vi: `không có thao tác '${action ?? ''}': hãy dùng create, list hoặc restore.`, en: `unknown action '${action ?? ''}': use create, list or restore.` });
      }
    } catch (e) {
      if (e instanceof AppFailure) {
        io.err(e.error.message.vi);
        io.err(e.error.message.en);
        return 1;
      }
      throw e;
    }
  },
};
