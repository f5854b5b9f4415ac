/**
 * The list index on the due date alone, `dossiers_due (due_ms)`, goes: every reception wrote a page of it into the
 * WAL and synced it. Its sibling keyed by status, `(status, due_ms)`, serves what it served once such a list reads
 * one branch per status and merges them (dossiers/dossier-queries.ts, `byStatus`, as lists of several statuses
 * already did): the home screen's due list (two running statuses) and a list without a status filter sorted by
 * due date, last first. The indexes on the received date and on (field, received date) stay: the default list and
 * the field filter are the clerk's, and merged by status a page deep in them costs a branch per status read to
 * that depth, and a count by field and date one range per status.
 */
import type { Migration } from '../migrate';

export const fewerListIndexes: Migration = {
  version: 13,
  name: '013-fewer-list-indexes',
  up(db) {
    db.exec('DROP INDEX IF EXISTS dossiers_due');
  },
};
