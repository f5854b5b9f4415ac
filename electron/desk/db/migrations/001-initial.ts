/**
 * The first schema: the event log (source of truth), the dossier projection with its search index, and the desk's
 * own records (identity, users, audit trail, catalog, calendar, settings, attachments, code counters, backups).
 */
import type { Migration } from '../migrate';

export const initial: Migration = {
  version: 1,
  name: '001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE device_identity (
        singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
        device_id   TEXT NOT NULL,
        unit_code   TEXT NOT NULL,
        desk_number INTEGER NOT NULL CHECK (desk_number BETWEEN 1 AND 9),
        source      TEXT NOT NULL CHECK (source IN ('local', 'enrolled')),
        set_at      TEXT NOT NULL
      );

      -- Immutable events; only the sync columns change after insertion.
      CREATE TABLE events (
        id            TEXT PRIMARY KEY,
        dossier_id    TEXT NOT NULL,
        device_id     TEXT NOT NULL,
        device_seq    INTEGER NOT NULL CHECK (device_seq >= 1),
        type          TEXT NOT NULL,
        payload       TEXT NOT NULL,
        base_version  INTEGER NOT NULL CHECK (base_version >= 0),
        actor_user_id TEXT NOT NULL,
        actor_name    TEXT NOT NULL,
        actor_role    TEXT NOT NULL,
        device_time   TEXT NOT NULL,
        prev_hash     TEXT,
        hash          TEXT NOT NULL,
        server_seq    INTEGER UNIQUE,
        server_time   TEXT,
        sync_state    TEXT NOT NULL DEFAULT 'pending' CHECK (sync_state IN ('pending', 'synced', 'quarantined')),
        sync_reason   TEXT,
        UNIQUE (device_id, device_seq)
      );
      CREATE INDEX events_by_dossier ON events (dossier_id);
      CREATE INDEX events_outbox ON events (device_id, device_seq) WHERE sync_state = 'pending';

      -- The projection: one row per dossier, rebuilt from the events by rebuildProjections().
      CREATE TABLE dossiers (
        seq                 INTEGER PRIMARY KEY,
        id                  TEXT NOT NULL UNIQUE,
        code                TEXT,
        status              INTEGER NOT NULL,
        version             INTEGER NOT NULL,
        unit_code           TEXT,
        desk_number         INTEGER,
        procedure_code      TEXT,
        procedure_name      TEXT,
        field               TEXT,
        agency              TEXT,
        channel             TEXT,
        applicant_kind      TEXT,
        applicant_name      TEXT,
        applicant_id_number TEXT,
        applicant_phone     TEXT,
        received_at         TEXT,
        received_ms         INTEGER,
        due_at              TEXT,
        due_ms              INTEGER,
        resolved_at         TEXT,
        returned_at         TEXT,
        friday_no_wait      INTEGER NOT NULL DEFAULT 0,
        reappointed         INTEGER NOT NULL DEFAULT 0,
        in_conflict         INTEGER NOT NULL DEFAULT 0,
        pending_events      INTEGER NOT NULL DEFAULT 0,
        quarantined_events  INTEGER NOT NULL DEFAULT 0,
        last_event_at       TEXT,
        search_text         TEXT NOT NULL,
        state               TEXT NOT NULL
      );
      CREATE INDEX dossiers_code ON dossiers (code);
      CREATE INDEX dossiers_id_number ON dossiers (applicant_id_number);
      CREATE INDEX dossiers_received ON dossiers (received_ms);
      CREATE INDEX dossiers_due ON dossiers (due_ms);
      CREATE INDEX dossiers_status_received ON dossiers (status, received_ms);
      CREATE INDEX dossiers_status_due ON dossiers (status, due_ms);
      CREATE INDEX dossiers_procedure_received ON dossiers (procedure_code, received_ms);
      CREATE INDEX dossiers_field_received ON dossiers (field, received_ms);
      CREATE INDEX dossiers_channel_received ON dossiers (channel, received_ms);
      CREATE INDEX dossiers_pending ON dossiers (pending_events) WHERE pending_events > 0;

      -- Folded text (shared/text/fold) tokenised by word with prefix indexes, so "nguy van d" matches as typed.
      CREATE VIRTUAL TABLE dossier_search USING fts5(
        search_text, content = 'dossiers', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
      );
      CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers BEGIN
        INSERT INTO dossier_search (rowid, search_text) VALUES (new.seq, new.search_text);
      END;
      CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers BEGIN
        INSERT INTO dossier_search (dossier_search, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
      END;
      CREATE TRIGGER dossiers_search_update AFTER UPDATE OF search_text ON dossiers
        WHEN old.search_text IS NOT new.search_text BEGIN
        INSERT INTO dossier_search (dossier_search, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
        INSERT INTO dossier_search (rowid, search_text) VALUES (new.seq, new.search_text);
      END;

      -- Per desk and day: the last sequence number issued inside the desk's partition (desk 2: 2001–2999).
      CREATE TABLE dossier_code_counters (
        unit_code     TEXT NOT NULL,
        receipt_date  TEXT NOT NULL,
        desk_number   INTEGER NOT NULL,
        last_sequence INTEGER NOT NULL,
        PRIMARY KEY (unit_code, receipt_date, desk_number)
      ) WITHOUT ROWID;

      CREATE TABLE users (
        id               TEXT PRIMARY KEY,
        username         TEXT NOT NULL UNIQUE,
        display_name     TEXT NOT NULL,
        role             TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'administrator')),
        password_hash    TEXT NOT NULL,
        password_salt    TEXT NOT NULL,
        password_params  TEXT NOT NULL,
        failed_attempts  INTEGER NOT NULL DEFAULT 0,
        locked_until_ms  INTEGER,
        active           INTEGER NOT NULL DEFAULT 1,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );

      -- Who viewed, changed or exported personal data. Never holds the data itself, only what was touched.
      CREATE TABLE audit_log (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        user_id     TEXT,
        user_name   TEXT,
        action      TEXT NOT NULL,
        target_kind TEXT,
        target_id   TEXT,
        detail      TEXT
      );
      CREATE INDEX audit_log_at ON audit_log (at);

      CREATE TABLE procedures (
        code           TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        folded_name    TEXT NOT NULL,
        field          TEXT NOT NULL,
        level          TEXT NOT NULL,
        friday_no_wait INTEGER NOT NULL,
        agency         TEXT NOT NULL,
        data           TEXT NOT NULL,
        source         TEXT NOT NULL CHECK (source IN ('seed', 'server'))
      );

      -- The working calendar's configuration (office hours and per-year overrides) as one document.
      CREATE TABLE calendar_config (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        data      TEXT NOT NULL,
        source    TEXT NOT NULL CHECK (source IN ('seed', 'server')),
        updated_at TEXT NOT NULL
      );

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE attachments (
        sha256        TEXT PRIMARY KEY,
        size          INTEGER NOT NULL,
        mime          TEXT NOT NULL,
        original_name TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        imported_by   TEXT
      );

      -- For the sync client (cursor, epoch, last sync); keys owned by electron/desk/sync.
      CREATE TABLE sync_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
