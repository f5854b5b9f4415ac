/**
 * The dossier list's "not yet sent" filter (in_conflict = 0, quarantined_events = 0, pending_events > 0, newest
 * first) and its total. The partial index on `pending_events` alone could only count by reading every pending row
 * (1.5 s on a desk of 500,000 dossiers that never synced), and on a synced desk the page walked the received-date
 * index through every row to find the few pending ones. Over the filter's columns and the list's sort key, the
 * same partial index gives the page in order and the total from the index alone. A reception writes one entry in
 * it, as before (a new dossier is pending); a synced row is in neither version.
 */
import type { Migration } from '../migrate';

export const pendingList: Migration = {
  version: 9,
  name: '009-pending-list',
  up(db) {
    db.exec(`
      DROP INDEX dossiers_pending;
      CREATE INDEX dossiers_pending ON dossiers (in_conflict, quarantined_events, received_ms) WHERE pending_events > 0;
    `);
  },
};
