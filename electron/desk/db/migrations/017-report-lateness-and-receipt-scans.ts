/**
 * Report rules mended (docs/decisions.md, "Reports: overdue judged by the clock of the day, scans made at reception",
 * session 16):
 * - "overdue" is judged each day by the deadline clock of that day, so a later restart, payment or closing no longer
 *   rewrites a closed period, and a fee or supplement asked for once a dossier was late no longer hides it: each
 *   fact's overdue spans go in `report_facts_overdue` (shared/reports/facts.ts overdueSpansOf);
 * - "digitised at receipt" counts the scans made while the dossier was at the reception desk, not ones added later
 *   (shared/domain/lifecycle.ts digitisedAtReceipt).
 * The facts the new fold can change are refolded at the next report: those of dossiers that were ever past their due
 * day or are still open, and those with a pause, a supervisor's conflict decision or a linked scan in their log. The
 * pre-aggregated counts are built again from the facts then. IF NOT EXISTS: the upgrade tests replay migrations.
 */
import type { Migration } from '../migrate';

/** The facts this upgrade marks for refolding (the desk benchmark marks them again to time what follows it). */
export const REFOLD_MARKS_017 = `
      INSERT OR IGNORE INTO report_facts_stale (dossier_id)
        SELECT dossier_id FROM report_facts
         WHERE received_day IS NOT NULL AND (finished_day IS NULL OR finished_day > legal_due_day);
      INSERT OR IGNORE INTO report_facts_stale (dossier_id)
        SELECT DISTINCT dossier_id FROM events
         WHERE type IN ('dossier.supplement_requested', 'dossier.fees_requested', 'dossier.conflict_resolved', 'dossier.attachment_linked');`;

export const reportLatenessAndReceiptScans: Migration = {
  version: 17,
  name: '017-report-lateness-and-receipt-scans',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS report_facts_overdue (
        dossier_id TEXT NOT NULL,
        from_day   INTEGER NOT NULL,
        until_day  INTEGER,
        PRIMARY KEY (dossier_id, from_day)
      ) WITHOUT ROWID;

      -- The aggregation's covering index ends with the id, which the overdue test looks up (aggregation-sql.ts).
      DROP INDEX IF EXISTS report_facts_groups;
      CREATE INDEX report_facts_groups ON report_facts (unit_code, procedure_code, channel, span_start, span_end, received_day, received_friday, legal_due_day, resolved_day, returned_day, withdrawn_day, stopped_day, refused_day, finished_day, paused_day, components_digitised, result_digitised, dossier_id);

      DELETE FROM report_counts;
      DELETE FROM report_counts_irregular;
      UPDATE report_counts_state SET built = 0;

      ${REFOLD_MARKS_017}
    `);
  },
};
