/**
 * Report counts (issue 6, owned by electron/desk/reports): the report facts of migration 002 summed per unit,
 * procedure, channel and calendar bucket (day, month, year: shared/reports/buckets.ts and counts.ts), so a
 * full-year report reads a few rows per group instead of every dossier of the year. They are kept up to date by
 * the lazy refresh of the facts before a report (electron/desk/reports/report-facts.ts), never by a reception.
 * The counts start empty and unbuilt: the first report builds them from the facts already there, in one pass.
 */
import type { Migration } from '../migrate';

export const reportCounts: Migration = {
  version: 5,
  name: '005-report-counts',
  up(db) {
    db.exec(`
      CREATE TABLE report_counts (
        bucket           INTEGER NOT NULL,  -- yyyy, yyyymm or yyyymmdd
        unit_code        TEXT NOT NULL,     -- '' for none
        procedure_code   TEXT NOT NULL,
        channel          TEXT NOT NULL,
        received         INTEGER NOT NULL,
        digitised        INTEGER NOT NULL,
        friday           INTEGER NOT NULL,
        open_start       INTEGER NOT NULL,
        open_end         INTEGER NOT NULL,
        resolved_early   INTEGER NOT NULL,
        resolved_on_time INTEGER NOT NULL,
        resolved_late    INTEGER NOT NULL,
        result_digitised INTEGER NOT NULL,
        returned         INTEGER NOT NULL,
        withdrawn        INTEGER NOT NULL,
        stopped          INTEGER NOT NULL,
        refused          INTEGER NOT NULL,
        overdue_start    INTEGER NOT NULL,
        overdue_end      INTEGER NOT NULL,
        PRIMARY KEY (bucket, unit_code, procedure_code, channel)
      ) WITHOUT ROWID;

      -- Facts the counts cannot hold (shared/reports/counts.ts, isRegularFact): every report reads them directly.
      CREATE TABLE report_counts_irregular (dossier_id TEXT PRIMARY KEY) WITHOUT ROWID;

      -- 0 until the counts have been built from the facts.
      CREATE TABLE report_counts_state (built INTEGER NOT NULL);
      INSERT INTO report_counts_state (built) VALUES (0);

      -- Dossiers still open after a day: the in-progress figures of a period that has not ended yet.
      CREATE INDEX report_facts_finished ON report_facts (finished_day);
    `);
  },
};
