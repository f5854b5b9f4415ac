/**
 * `motcua backup`: backups of a desk's data folder from the command line (also when the desk will not open).
 *   motcua backup create --data-dir DIR [--to FOLDER]
 *   motcua backup list --data-dir DIR
 *   motcua backup restore --data-dir DIR --from FILE
 */
import { AppFailure } from '../../shared/result';
import { openDesk } from '../../electron/desk/desk';
import { backupFileName, copyDatabaseFiles, databaseInUse, discardStaged, listBackups, putStagedInPlace, stageBackup } from '../../electron/desk/backup/backup-files';
import { toVnIso } from '../../shared/calendar/vn-time';
import { deskPaths } from '../../electron/desk/paths';
import { verifyDataDir } from '../../electron/desk/verify';
import { restoreScans } from '../../electron/desk/backup/restore-scans';
import { BlobStore } from '../../electron/desk/attachments/blob-store';
import { openDatabase, type Db } from '../../electron/desk/db/open-database';
import { ensurePrivateFolder } from '../../electron/desk/data-folder';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseOptions } from '../options';
import { shownVnDateTime } from '../shown-time';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';

function options(argv: string[]) {
  return parseOptions(argv, { 'data-dir': { type: 'string' }, to: { type: 'string' }, from: { type: 'string' } });
}

async function create(dataDir: string, to: string | undefined, io: CliIo): Promise<number> {
  const desk = openDesk({ dataDir, autoBackup: false });
  try {
    const b = await desk.backups.create(to ? { toDir: to } : {});
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
function withDatabase<T>(file: string, work: (db: Db) => T): T {
  const db = openDatabase({ file });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/**
 * Restores without opening the desk first, so a corrupt database can be replaced. Scans copied out with the backup
 * (its blobs folder) come back with it. What a technician reads is said in Vietnamese, then in English.
 */
function restore(dataDir: string, from: string, io: CliIo): number {
  const paths = deskPaths(dataDir);
  const database = paths.database;
  if (databaseInUse(database)) {
    io.err(`Một quầy đang chạy trên ${dataDir}: hãy đóng quầy trước (hoặc khôi phục trong màn hình Cài đặt của quầy). Chưa có gì bị thay đổi.`);
    io.err(`A desk is running on ${dataDir}: close it first (or restore from its Settings screen). Nothing was changed.`);
    return 1;
  }
  // Restoring onto a new PC: its data folder does not exist yet (and is removed again if the backup is refused).
  const newFolder = !existsSync(path.dirname(database));
  ensurePrivateFolder(path.dirname(database));
  let staged: string;
  try {
    // Copied into the data folder and checked there (a read-only stick; what is checked is what is put in place).
    staged = stageBackup(database, from);
  } catch (e) {
    if (newFolder) rmSync(path.dirname(database), { recursive: true, force: true });
    throw e;
  }
  if (existsSync(database)) {
    // What is replaced is kept, as the desk's own restore does: the backup chosen may be the wrong one.
    mkdirSync(paths.backups, { recursive: true });
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
  const scans = withDatabase(database, (db) => restoreScans(db, from, new BlobStore(paths.blobs)));
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
  usage: 'motcua backup create|list|restore --data-dir DIR [--to FOLDER] [--from FILE]',
  async run(argv, io) {
    const [action, ...rest] = argv;
    const o = options(rest);
    const dataDir = o['data-dir'];
    if (!dataDir) throw new UsageError('--data-dir DIR is required.');
    try {
      switch (action) {
        case 'create':
          return await create(dataDir, o.to, io);
        case 'list':
          return list(dataDir, io);
        case 'restore':
          if (!o.from) throw new UsageError('restore needs --from FILE.');
          return restore(dataDir, o.from, io);
        default:
          throw new UsageError(`unknown action '${action ?? ''}': use create, list or restore.`);
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
