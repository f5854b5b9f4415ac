/**
 * A restore replaces the desk's data with an older copy, and with it the access log: who viewed, searched or
 * exported citizens' data since that copy — a USB backup of everything, a report's export — would vanish from the
 * trail a supervisor answers for. The lines past the restored trail's end are carried over from the data being
 * replaced (its pre-restore copy), in their order, before the restore's own line.
 */
import type { Db } from '../db/open-database';

const COLUMNS = 'at, user_id, user_name, action, target_kind, target_id, detail';

/** Copies the access-log lines `replacedFile` has past the restored trail's end; returns how many. */
export function carryOverAuditTrail(db: Db, replacedFile: string): number {
  try {
    db.prepare('ATTACH DATABASE ? AS replaced').run(replacedFile);
  } catch {
    return 0; // A damaged file kept raw (Desk.restoreBackup) may not open: nothing can be read from it.
  }
  try {
    // The restored data is an earlier copy of the same trail: its lines are those up to its last id (times are no
    // guide: lines of one second share one, and a PC clock put right between backup and restore breaks the order).
    const end = db.prepare<[], number | null>('SELECT max(id) FROM main.audit_log').pluck().get() ?? 0;
    return db
      .prepare(`INSERT INTO main.audit_log (${COLUMNS}) SELECT ${COLUMNS} FROM replaced.audit_log WHERE id > ? ORDER BY id`)
      .run(end).changes;
  } catch {
    return 0; // Unreadable past its header: the restore itself goes on.
  } finally {
    db.exec('DETACH DATABASE replaced');
  }
}
