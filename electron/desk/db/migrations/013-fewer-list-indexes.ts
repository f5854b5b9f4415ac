/**
 * Two list indexes that every reception wrote a page of go: `dossiers_due (due_ms)` and
 * `dossiers_field_received (field, received_ms)`. Their siblings keyed by status — `(status, due_ms)` and
 * `(field, status, received_ms)` — serve the same lists once such a list without a status filter reads one branch
 * per status and merges them (dossiers/dossier-queries.ts, `byStatus`), as lists of several statuses already did.
 * The index on the received date alone stays: it is the default list's, and a page deep in a merged list costs a
 * branch per status read to that depth (0.2–0.5 s at offset 100,000 of 500,000, against 7 ms from its own index).
 */
import type { Migration } from '../migrate';

export const fewerListIndexes: Migration = {
  version: 13,
  name: '013-fewer-list-indexes',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS dossiers_due;
      DROP INDEX IF EXISTS dossiers_field_received;
    `);
  },
};
