/**
 * A desk that syncs, restored from its own backup, has lost what it recorded after that backup — but the server
 * has most of it: everything the desk had sent. Its device sequence has gone back too, so a new event would reuse a
 * number the server already holds (refused as `sequence_reused`, and its hash chain would fork from the server's).
 * Until the sync client has pulled this device's own events back to the end of the feed and refolded the dossiers
 * they touch (SyncClient.afterRestore sets the mark with `includeOwn`; a round that ends with both done clears it),
 * the desk records no new event: the next one then continues the sequence and the chain where the server has them,
 * and the next code follows the codes those dossiers carry. The mark is in the database, so a desk closed
 * meanwhile still catches up before it records anything. Only on an enrolled desk that has not been revoked (a
 * revocation clears it: such a desk can never catch up). The sync status says so meanwhile.
 */
import { appFailure } from '../../../shared/result';
import type { Db } from '../db/open-database';

/** Its key in `sync_meta` (SyncMeta reads and writes it under this name). */
export const RESTORE_CATCH_UP_KEY = 'restoreCatchUp';

/** Refuses a new event while the desk is catching up after a restore. */
export function refuseWhileCatchingUp(db: Db): void {
  const pending = db.prepare<[string], number>('SELECT 1 FROM sync_meta WHERE key = ?').pluck().get(RESTORE_CATCH_UP_KEY);
  if (pending === undefined) return;
  throw appFailure(
    'restore_catching_up',
    'Quầy vừa khôi phục dữ liệu từ bản sao lưu: cần lấy lại từ máy chủ những thay đổi quầy đã gửi sau bản sao lưu đó rồi mới ghi được hồ sơ mới. Hãy kết nối mạng và bấm “Đồng bộ ngay”; đồng bộ xong là làm việc tiếp.',
    'This desk was restored from a backup: it must first fetch from the server the changes it sent after that backup before it can record anything new. Connect to the network and sync; once that is done, work goes on.',
  );
}
