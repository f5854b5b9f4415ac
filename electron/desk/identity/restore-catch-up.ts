/**
 * A desk that syncs, restored from its own backup, has lost what it recorded after that backup — but the server
 * has most of it: everything the desk had sent. Its device sequence has gone back too, so a new event would reuse a
 * number the server already holds (refused as `sequence_reused`, and its hash chain would fork from the server's).
 * Until the sync client has pulled this device's own events back to the end of the feed and refolded the dossiers
 * they touch (the mark comes with `includeOwn`; a round that ends with both done clears it), the desk records no
 * new event: the next one then continues the sequence and the chain where the server has them, and the next code
 * follows the codes those dossiers carry. Only on an enrolled desk that has not been revoked; a revocation clears
 * it, a server that does not know the desk does not (see isCatchingUp). The sync status says so meanwhile.
 *
 * The mark is written into the restored copy before that copy takes the database's place (markRestoredCopy), by
 * every way of restoring (Settings, `motcua backup restore`): no power cut between the swap and the mark, and no
 * restore path that forgets it, can leave a restored desk recording over numbers the server already holds.
 */
import { appFailure } from '../../../shared/result';
import type { Db } from '../db/open-database';

/** Its key in `sync_meta` (SyncMeta reads and writes it under this name). */
export const RESTORE_CATCH_UP_KEY = 'restoreCatchUp';
/** The sync client's keys this mark depends on (SyncMeta owns them; they are named once, here). */
export const SYNC_SECRET_KEY = 'deviceSecret';
export const SYNC_SERVER_URL_KEY = 'serverUrl';
export const SYNC_REVOKED_KEY = 'revoked';
export const SYNC_INCLUDE_OWN_KEY = 'pullIncludeOwn';

/**
 * Why a desk catches up: restored from its own backup, or found after a stop without closing to have lost what its
 * write-ahead log held (data-folder-claim.ts). Stored as the mark's value; a restore's is '1', as before.
 */
export type CatchUpCause = 'restore' | 'journal_lost';

/** The cause a stored mark names; null when there is no mark. */
export const causeOfMark = (value: string | null | undefined): CatchUpCause | null =>
  value === undefined || value === null ? null : value === 'journal_lost' ? 'journal_lost' : 'restore';

/** Why the desk is catching up, or null when it is not. */
export function catchUpCause(db: Db): CatchUpCause | null {
  return causeOfMark(db.prepare<[string], string>('SELECT value FROM sync_meta WHERE key = ?').pluck().get(RESTORE_CATCH_UP_KEY));
}

/** What the clerk is told when a record is refused meanwhile, by the cause. */
const catchingUpRefusal: Record<CatchUpCause, { vi: string; en: string }> = {
  restore: {
    vi: 'Quầy vừa khôi phục dữ liệu từ bản sao lưu: cần lấy lại từ máy chủ những thay đổi quầy đã gửi sau bản sao lưu đó rồi mới ghi được hồ sơ mới. Hãy kết nối mạng và bấm “Đồng bộ ngay”; đồng bộ xong là làm việc tiếp.',
    en: 'This desk was restored from a backup: it must first fetch from the server the changes it sent after that backup before it can record anything new. Connect to the network and sync; once that is done, work goes on.',
  },
  journal_lost: {
    vi: 'Lần trước quầy dừng đột ngột và tệp nhật ký dữ liệu (desk.sqlite-wal) đã mất, cùng những hồ sơ ghi gần nhất. Cần lấy lại từ máy chủ những gì quầy đã gửi rồi mới ghi được hồ sơ mới, để không cấp trùng mã hồ sơ. Hãy kết nối mạng và bấm “Đồng bộ ngay”; đồng bộ xong là làm việc tiếp.',
    en: "The desk stopped without closing last time and its data log (desk.sqlite-wal) was lost, with the latest records. It must first fetch back from the server what it had sent before it can record anything new, so as not to give a dossier code twice. Connect to the network and sync; once that is done, work goes on.",
  },
};

/** Refuses a new event while the desk is catching up (after a restore, or a lost log). */
export function refuseWhileCatchingUp(db: Db): void {
  const cause = catchUpCause(db);
  if (cause === null) return;
  const words = catchingUpRefusal[cause];
  throw appFailure('restore_catching_up', words.vi, words.en, { details: { cause } });
}

/**
 * Whether the desk must catch up before it records (the mark is set). The sync client clears the mark when the
 * server revokes the desk (it can never catch up), but not when a server does not know it (`unauthorized`, a wrong
 * address most likely): events recorded meanwhile would reuse numbers its own server holds, and block its pulls
 * once the right address is given back (sync/server-address.ts).
 */
export function isCatchingUp(db: Db): boolean {
  return catchUpCause(db) !== null;
}

/**
 * Marks a restored copy (not yet in place) for catching up when its data is a desk that syncs: enrolled, with its
 * secret and server, not revoked. Returns whether it did. The mark and `includeOwn` commit together. Also marks a
 * desk's own open database that lost its log (`journal_lost`).
 */
export function markRestoredCopy(db: Db, cause: CatchUpCause = 'restore'): boolean {
  const enrolled = db.prepare("SELECT 1 FROM device_identity WHERE source = 'enrolled'").get() !== undefined;
  const has = db.prepare<[string], number>('SELECT 1 FROM sync_meta WHERE key = ?').pluck();
  const syncs =
    enrolled && has.get(SYNC_SECRET_KEY) !== undefined && has.get(SYNC_SERVER_URL_KEY) !== undefined && has.get(SYNC_REVOKED_KEY) === undefined;
  if (!syncs) return false;
  const set = db.prepare<[string, string]>(
    'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    // A restore's mark is '1', as the releases before the cause was kept wrote it.
    set.run(RESTORE_CATCH_UP_KEY, cause === 'journal_lost' ? cause : '1');
    set.run(SYNC_INCLUDE_OWN_KEY, '1');
  })();
  return true;
}
