/**
 * Three report rules mended (docs/decisions.md, "Reports: lateness that a pause or a restart hid, scans made after
 * reception", session 16):
 * - a fee or supplement request made once a dossier was already late no longer counts it "within time" while it
 *   waits (shared/reports/aggregation-sql.ts, counts.ts): the pre-aggregated counts are rebuilt from the facts at
 *   the next report;
 * - a supplement's restart no longer rewrites a closed period's "overdue": the facts keep the span of days the
 *   replaced deadline was overdue (`late_from_day`, `late_until_day`; shared/reports/facts.ts lateSpanOf);
 * - "digitised at receipt" counts scans made while the dossier was at the reception desk, not ones added later
 *   (shared/domain/lifecycle.ts digitisedAtReceipt).
 * The facts of the dossiers the new fold can change (a completed supplement, a linked scan) are refolded at the next
 * report; the others keep their rows, whose new columns stay empty as they should. The columns are added only when
 * missing: the upgrade tests replay migrations on stores that already have them.
 */
import type { Db } from '../open-database';
import type { Migration } from '../migrate';

const GROUP_COLUMNS =
  'unit_code, procedure_code, channel, span_start, span_end, received_day, received_friday, legal_due_day, resolved_day, returned_day, withdrawn_day, stopped_day, refused_day, finished_day, paused_day, components_digitised, result_digitised, late_from_day, late_until_day';

const hasColumn = (db: Db, table: string, column: string): boolean =>
  db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().some((c) => c.name === column);

export const reportLatenessAndReceiptScans: Migration = {
  version: 17,
  name: '017-report-lateness-and-receipt-scans',
  up(db) {
    for (const column of ['late_from_day', 'late_until_day'])
      if (!hasColumn(db, 'report_facts', column)) db.exec(`ALTER TABLE report_facts ADD COLUMN ${column} INTEGER`);
    db.exec(`
      -- Every column the aggregation reads, the new ones too: the report still scans this index alone.
      DROP INDEX IF EXISTS report_facts_groups;
      CREATE INDEX report_facts_groups ON report_facts (${GROUP_COLUMNS});

      DELETE FROM report_counts;
      DELETE FROM report_counts_irregular;
      UPDATE report_counts_state SET built = 0;

      INSERT OR IGNORE INTO report_facts_stale (dossier_id)
        SELECT DISTINCT dossier_id FROM events WHERE type IN ('dossier.supplement_received', 'dossier.attachment_linked');
    `);
  },
};
