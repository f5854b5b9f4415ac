/**
 * The list's "Quá hạn" filter and the home screen's overdue count take in a re-appointed dossier (form 04) still
 * open past its first appointment, as the reports count it overdue (flagged in session 10's note and again by the
 * district supervisor's QA pass). Those few rows are found through this partial index: a re-appointment is rare, and
 * a reception (never re-appointed) writes nothing to it. Partial, it also stays while a first pull suspends the list
 * indexes (db/index-suspension.ts).
 */
import type { Migration } from '../migrate';

export const reappointedIndex: Migration = {
  version: 16,
  name: '016-reappointed-index',
  up(db) {
    db.exec('CREATE INDEX IF NOT EXISTS dossiers_reappointed ON dossiers (status) WHERE reappointed = 1');
  },
};
