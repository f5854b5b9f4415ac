/**
 * The server was restored from a backup (its epoch changed): server sequences the desk holds may now name other
 * events or none, and the server may lack anything sent or published since its backup. So, in one transaction:
 * forget every server sequence, re-send all of this device's events from the first (the server deduplicates what it
 * still has), re-read the unit's feed from the start including this device's own events (so each gets the sequence
 * the restored server gave it), re-check every attachment upload, and read the documents again.
 */
import type { Desk } from '../desk';
import type { SyncMeta } from './sync-meta';

export function resetForNewEpoch(desk: Desk, meta: SyncMeta, deviceId: string, epoch: string): void {
  desk.db.transaction(() => {
    desk.db.prepare('UPDATE events SET server_seq = NULL WHERE server_seq IS NOT NULL').run();
    const first = desk.db
      .prepare<[string], { seq: number | null }>(
        'SELECT min(device_seq) AS seq FROM events WHERE device_id = ?',
      )
      .get(deviceId)?.seq;
    meta.epoch = epoch;
    meta.cursor = 0;
    meta.includeOwn = true;
    meta.resendFrom = first ?? null;
    meta.forgetUploadedBlobs();
    // The restored server's registry, catalog and calendar are read again, whatever versions they state: one restored
    // without what was published after its backup (a new machine, the move to PostgreSQL) numbers its next
    // publications from the backup's, and a desk comparing them with the lost versions it holds would never fetch
    // again (QA: a procedure the district no longer had still offered, the one the portal submitted refused).
    meta.unitsVersion = null;
    meta.catalogVersion = 0;
    meta.calendarVersion = 0;
  })();
}
