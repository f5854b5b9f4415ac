/**
 * Two costs of sync on a large desk.
 * - The sync status counts quarantined events and dossiers in conflict after every round, and the dossier list
 *   filters on both. Without an index each was a scan of the whole event log or of every dossier: 2–8 s on the
 *   main thread at 500,000 dossiers (2 million events), holding up the clerk. Such rows are rare, so partial
 *   indexes over just them answer in microseconds and cost nothing when a row is not one of them.
 * - A dossier's report facts are refolded from its events, the same fold as its projection row (migration 002).
 *   Every event reaches that row: a local one through the projector in its own transaction, a pulled one through
 *   the refold queue; each write changes at least the row's version, and the row's triggers mark the facts stale.
 *   The trigger on every inserted event marked them a second time, and cost as much as a third of a pulled
 *   event's insert. It goes; the triggers on an event's update (server sequence, quarantine) and delete stay.
 */
import type { Migration } from '../migrate';

export const syncCountsAndReportMarks: Migration = {
  version: 8,
  name: '008-sync-counts-and-report-marks',
  up(db) {
    db.exec(`
      CREATE INDEX events_quarantined ON events (sync_state) WHERE sync_state = 'quarantined';
      CREATE INDEX dossiers_in_conflict ON dossiers (in_conflict) WHERE in_conflict = 1;
      CREATE INDEX dossiers_quarantined ON dossiers (quarantined_events) WHERE quarantined_events > 0;
      DROP TRIGGER events_report_insert;
    `);
  },
};
