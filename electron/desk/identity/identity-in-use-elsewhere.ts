/**
 * Two PCs working as one desk: a disk image or a data folder copied to a second PC, or an old copy of the folder put
 * back by hand instead of restored (a restore marks its copy to catch up first: restore-catch-up.ts). Both PCs number
 * their records alike, so the server keeps the numbers of whichever reached it first and refuses the other's as reused
 * (`sequence_reused`) or as not following this device's chain (`chain_broken`). The PC told so is no longer the desk
 * the server knows:
 * - what it records from then on would be refused too, and its receptions' codes are the ones the other PC gives its
 *   citizens, so it records nothing new;
 * - it sends nothing more: a later record of its own would be taken as this device's new chain (a broken chain is
 *   quarantined and the chain goes on from it, server/sync/push.ts), and the other PC would then be refused in turn.
 * It still pulls, and everything it holds stays readable. The mark is for good: the administrator enrols that PC again
 * as a new desk from an empty data folder (docs/operator.md, "Two PCs working as one desk"); its refused and unsent
 * receptions are listed on its Sync screen and under the list's "Chờ gửi" filter, to be received again.
 */
import type { QuarantineReasonCode } from '../../../shared/sync/messages';
import { appFailure, type LocalizedText } from '../../../shared/result';
import type { Db } from '../db/open-database';

/** Its key in `sync_meta`; the value is the device sequence first refused and when (JSON). */
const IN_USE_ELSEWHERE_KEY = 'identityInUseElsewhere';

/** The server's reasons that only a second PC under this identity (or a hand-copied old folder) can cause. */
export const FORK_REASONS: ReadonlySet<QuarantineReasonCode> = new Set<QuarantineReasonCode>(['sequence_reused', 'chain_broken']);

export interface InUseElsewhere {
  /** The first of this PC's device sequences the server refused. */
  deviceSeq: number;
  /** When this desk was told (its own clock, ISO). */
  at: string;
}

/** Read in every command's transaction: prepared once per connection. */
const reads = new WeakMap<Db, (key: string) => string | undefined>();

export function inUseElsewhere(db: Db): InUseElsewhere | null {
  let read = reads.get(db);
  if (!read) {
    const stmt = db.prepare<[string], string>('SELECT value FROM sync_meta WHERE key = ?').pluck();
    read = (key) => stmt.get(key);
    reads.set(db, read);
  }
  const value = read(IN_USE_ELSEWHERE_KEY);
  return value === undefined ? null : (JSON.parse(value) as InUseElsewhere);
}

/** Keeps the first refusal only: the sequence the two PCs parted at, not the last one refused. */
export function markInUseElsewhere(db: Db, mark: InUseElsewhere): void {
  db.prepare('INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(
    IN_USE_ELSEWHERE_KEY,
    JSON.stringify(mark),
  );
}

/** What the clerk is told, on the Sync screen and when a record is refused: the same words. */
export const inUseElsewhereText: LocalizedText = {
  vi: 'Máy chủ đã nhận của một máy khác những bản ghi mang đúng số thứ tự của quầy này: hai máy tính đang cùng làm một quầy (ổ đĩa hoặc thư mục dữ liệu bị sao chép sang máy khác). Để không cấp trùng mã hồ sơ, máy này ngừng ghi hồ sơ mới và ngừng gửi. Hãy báo quản trị hệ thống: máy này phải được đăng ký lại thành một quầy mới.',
  en: "The server has received from another PC records carrying this desk's own sequence numbers: two PCs are working as one desk (its disk or data folder was copied to another PC). So as not to issue duplicate dossier codes, this PC records nothing new and sends nothing more. Tell the system administrator: this PC must be enrolled again as a new desk.",
};

/** Refuses a new record on a PC the server found working as a desk another PC also works as. */
export function refuseWhileInUseElsewhere(db: Db): void {
  if (inUseElsewhere(db) === null) return;
  throw appFailure('identity_in_use_elsewhere', inUseElsewhereText.vi, inUseElsewhereText.en);
}
