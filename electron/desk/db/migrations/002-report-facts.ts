/**
 * Report facts (issue 6): one row per dossier with the dates a report compares, as Vietnam day numbers, kept
 * equal to the `dossiers` projection by triggers. A full-year report then reads this narrow table instead of
 * parsing half a million JSON states. Owned by the reports module (electron/desk/reports).
 */
import type { Migration } from '../migrate';
import { DESK_FACTS_TABLE, factInsertSql } from '../../reports/facts-sql';

export const reportFacts: Migration = {
  version: 2,
  name: '002-report-facts',
  up(db) {
    db.exec(`
      CREATE TABLE ${DESK_FACTS_TABLE} (
        dossier_id           TEXT PRIMARY KEY,
        code                 TEXT,
        unit_code            TEXT,
        procedure_code       TEXT,
        channel              TEXT,
        status               INTEGER NOT NULL,
        received_day         INTEGER,
        received_friday      INTEGER NOT NULL,
        legal_due_day        INTEGER,
        resolved_day         INTEGER,
        returned_day         INTEGER,
        withdrawn_day        INTEGER,
        stopped_day          INTEGER,
        refused_day          INTEGER,
        finished_day         INTEGER,
        paused_day           INTEGER,
        span_start           INTEGER,
        span_end             INTEGER,
        components_digitised INTEGER NOT NULL,
        result_digitised     INTEGER NOT NULL
      );
      CREATE INDEX report_facts_span ON ${DESK_FACTS_TABLE} (span_start, span_end);

      CREATE TRIGGER dossiers_report_insert AFTER INSERT ON dossiers BEGIN
        ${factInsertSql('new')};
      END;
      CREATE TRIGGER dossiers_report_update AFTER UPDATE OF state, status, code, unit_code, procedure_code, channel ON dossiers BEGIN
        ${factInsertSql('new')};
      END;
      CREATE TRIGGER dossiers_report_delete AFTER DELETE ON dossiers BEGIN
        DELETE FROM ${DESK_FACTS_TABLE} WHERE dossier_id = old.id;
      END;

      ${factInsertSql('dossiers')} ;
    `);
  },
};
