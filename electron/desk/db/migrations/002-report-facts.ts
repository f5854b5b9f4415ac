/**
 * Report facts (issue 6, owned by electron/desk/reports): one row per dossier with the days a report compares,
 * and a list of dossiers whose facts must be refolded. Triggers fill the list on every change to a dossier's
 * events or projection row, so the reports module follows the projector without the projector knowing about it.
 */
import type { Migration } from '../migrate';

export const reportFacts: Migration = {
  version: 2,
  name: '002-report-facts',
  up(db) {
    db.exec(`
      CREATE TABLE report_facts (
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
      -- Every column the aggregation reads, in its GROUP BY order: the report scans this index alone, already
      -- grouped. (A separate index on the span columns made SQLite pick a range scan with a table lookup per row.)
      CREATE INDEX report_facts_groups ON report_facts (unit_code, procedure_code, channel, span_start, span_end, received_day, received_friday, legal_due_day, resolved_day, returned_day, withdrawn_day, stopped_day, refused_day, finished_day, paused_day, components_digitised, result_digitised);

      CREATE TABLE report_facts_stale (dossier_id TEXT PRIMARY KEY) WITHOUT ROWID;

      CREATE TRIGGER events_report_insert AFTER INSERT ON events BEGIN
        INSERT OR IGNORE INTO report_facts_stale (dossier_id) VALUES (new.dossier_id);
      END;
      -- A server sequence reorders the fold; a quarantine takes the event out of it.
      CREATE TRIGGER events_report_update AFTER UPDATE OF server_seq, sync_state ON events BEGIN
        INSERT OR IGNORE INTO report_facts_stale (dossier_id) VALUES (new.dossier_id);
      END;
      CREATE TRIGGER events_report_delete AFTER DELETE ON events BEGIN
        INSERT OR IGNORE INTO report_facts_stale (dossier_id) VALUES (old.dossier_id);
      END;
      CREATE TRIGGER dossiers_report_insert AFTER INSERT ON dossiers BEGIN
        INSERT OR IGNORE INTO report_facts_stale (dossier_id) VALUES (new.id);
      END;
      CREATE TRIGGER dossiers_report_update AFTER UPDATE ON dossiers BEGIN
        INSERT OR IGNORE INTO report_facts_stale (dossier_id) VALUES (new.id);
      END;
      CREATE TRIGGER dossiers_report_delete AFTER DELETE ON dossiers BEGIN
        INSERT OR IGNORE INTO report_facts_stale (dossier_id) VALUES (old.id);
      END;

      INSERT OR IGNORE INTO report_facts_stale (dossier_id) SELECT DISTINCT dossier_id FROM events;
    `);
  },
};
