/**
 * Backups while the desk works: the automatic daily one (kept 14 days) in the data folder, and one on demand to a
 * folder the clerk chooses (a USB stick), which also gets the scanned documents. What leaves the data folder is
 * encrypted with a passphrase (backup-to-folder.ts); what stays in it is plain, as the folder is owner-only.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { appFailure } from '../../../shared/result';
import type { Db } from '../db/open-database';
import type { Clock } from '../clock';
import { deskPaths } from '../paths';
import { backupFileName, copyDatabaseFiles, describeBackup, listBackups, rotateDailyBackups, writeBackup, type BackupInfo } from './backup-files';
import { discardCutShortBackups } from './cut-short-writes';
import { encryptMissingBlobs, kdfForFolder, secretForNewBackup, writeEncryptedBackup } from './backup-to-folder';

export const DAILY_BACKUPS_KEPT = 14;

export class BackupService {
  constructor(
    private readonly db: () => Db,
    private readonly dataDir: string,
    private readonly clock: Clock,
    private readonly nativeBinding?: string,
  ) {}

  get dir(): string {
    return deskPaths(this.dataDir).backups;
  }

  list(): BackupInfo[] {
    return listBackups(this.dir);
  }

  /**
   * A backup now: into the data folder's backups (plain), or into `toDir` (which must exist), encrypted with
   * `passphrase`, with the scans beside it, encrypted too.
   */
  async create(
    options: { toDir?: string; kind?: 'manual' | 'daily' | 'pre-restore'; passphrase?: string } = {},
  ): Promise<BackupInfo & { blobsCopied: number }> {
    const kind = options.kind ?? 'manual';
    // What a backup cut short left (by this desk before a crash, or by the command line): not only at opening, as a
    // desk may run for weeks. A write still going on in another process is left (cut-short-writes.ts).
    discardCutShortBackups(this.dir);
    if (options.toDir === undefined) {
      if (options.passphrase !== undefined) {
        // Silently writing it plain would let an administrator believe it was encrypted.
        throw appFailure(
          'backup_passphrase_unused',
          'Bản sao lưu trong thư mục dữ liệu của quầy không mã hoá; mật khẩu sao lưu chỉ dùng khi sao lưu ra thư mục khác.',
          "Backups in the desk's data folder are not encrypted; a backup passphrase is only for a backup to another folder.",
          { field: 'passphrase' },
        );
      }
      const file = path.join(this.dir, backupFileName(kind, this.clock.iso()));
      await writeBackup(this.db(), file, this.nativeBinding);
      return { ...describeBackup(file)!, blobsCopied: 0 };
    }
    const dir = options.toDir;
    // A relative folder would be resolved from wherever the app was started: it is asked for in full, and said so
    // (calling it "not found" sent the clerk to plug in a drive that was there all along).
    if (!path.isAbsolute(dir)) {
      throw appFailure(
        'invalid_path',
        `Thư mục sao lưu phải là đường dẫn đầy đủ, ví dụ E:\\SaoLuu (đã nhập: ${dir}).`,
        `The backup folder must be a full path, such as E:\\Backups (typed: ${dir}).`,
        { field: 'toDir' },
      );
    }
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw appFailure(
        'backup_folder_missing',
        `Không tìm thấy thư mục sao lưu: ${dir}. Hãy cắm thiết bị lưu trữ và chọn lại thư mục.`,
        `The backup folder was not found: ${dir}. Plug in the drive and choose the folder again.`,
        { field: 'toDir' },
      );
    }
    const secret = secretForNewBackup(options.passphrase);
    const file = path.join(dir, `${backupFileName(kind, this.clock.iso())}.enc`);
    const kdf = await kdfForFolder(dir, secret);
    // The scans first, the database last (its presence says the backup is whole): backup-to-folder.ts.
    const blobsCopied = await writeEncryptedBackup(
      this.db(),
      this.dir,
      file,
      secret,
      kdf,
      () => encryptMissingBlobs(deskPaths(this.dataDir).blobs, path.join(dir, 'blobs'), secret, kdf),
      this.nativeBinding,
    );
    return { ...describeBackup(file)!, blobsCopied };
  }

  /**
   * A plain copy of the database file, for a file SQLite cannot back up: its WAL checkpointed into it if possible,
   * else copied beside it (what it holds is part of the record). Written as any backup is (temporary name, fsync,
   * rename): a crash mid-way leaves no truncated copy under a backup's name.
   */
  copyRaw(kind: 'pre-restore'): BackupInfo {
    try {
      this.db().pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A damaged file may refuse even this; the copy below is still the best record of it.
    }
    discardCutShortBackups(this.dir);
    const file = path.join(this.dir, backupFileName(kind, this.clock.iso()));
    copyDatabaseFiles(deskPaths(this.dataDir).database, file);
    return describeBackup(file)!;
  }

  /** Takes today's daily backup unless there is one, and drops daily backups beyond the 14 kept. */
  async runDailyIfDue(): Promise<BackupInfo | null> {
    const today = this.clock.today();
    if (this.list().some((b) => b.kind === 'daily' && b.takenAt.startsWith(today))) return null;
    const info = await this.create({ kind: 'daily' });
    rotateDailyBackups(this.dir, DAILY_BACKUPS_KEPT);
    return info;
  }
}
