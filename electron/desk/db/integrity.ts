/**
 * The integrity check run when the store opens. A corrupt file is refused (never "repaired" by writing to it): the
 * clerk is told which backup to restore instead.
 */
import { appFailure, type AppFailure } from '../../../shared/result';
import type { Db } from './open-database';

/** The problems SQLite reports, or an empty list when the file is sound. Throws when the file is not SQLite at all. */
export function integrityProblems(db: Db, mode: 'quick' | 'full' = 'quick'): string[] {
  const rows = db.pragma(mode === 'quick' ? 'quick_check' : 'integrity_check') as { quick_check?: string; integrity_check?: string }[];
  const messages = rows.map((r) => r.quick_check ?? r.integrity_check ?? '');
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

export function corruptDatabaseFailure(file: string, latestBackup: string | null, problem: string): AppFailure {
  const restoreVi = latestBackup
    ? `Hãy khôi phục từ bản sao lưu gần nhất: ${latestBackup}`
    : 'Không tìm thấy bản sao lưu nào; hãy liên hệ quản trị hệ thống.';
  const restoreEn = latestBackup ? `Restore the latest backup: ${latestBackup}` : 'No backup was found; contact the administrator.';
  return appFailure(
    'database_corrupt',
    `Tệp dữ liệu của quầy bị hỏng và không thể mở (${file}). ${restoreVi}`,
    `The desk's data file is damaged and cannot be opened (${file}). ${restoreEn}`,
    { details: { file, latestBackup, problem } },
  );
}
