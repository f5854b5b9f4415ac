/**
 * The server's tables, one migration per entry with a strictly increasing version kept in `meta`.
 * Written once for both databases; the dialect differences are the binary column type and the rowid (version 2).
 * A migration never changes once released: an existing server file is brought forward by the later ones.
 */
export interface Migration {
  version: number;
  sql: (dialect: 'sqlite' | 'postgres') => string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    sql: (dialect) => {
      const binary = dialect === 'postgres' ? 'BYTEA' : 'BLOB';
      return `
CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
CREATE TABLE units (code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT);
CREATE TABLE devices (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, unit_code TEXT NOT NULL, desk_number INTEGER NOT NULL, name TEXT NOT NULL,
  enrol_code_hash TEXT UNIQUE, enrol_expires_at TEXT, secret_hash TEXT,
  created_at TEXT NOT NULL, enrolled_at TEXT, revoked_at TEXT,
  last_seq BIGINT NOT NULL DEFAULT 0, last_hash TEXT);
CREATE TABLE events (
  server_seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, dossier_id TEXT NOT NULL,
  device_id TEXT NOT NULL, device_seq BIGINT NOT NULL, type TEXT NOT NULL, hash TEXT NOT NULL,
  server_time TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (device_id, device_seq));
CREATE INDEX events_dossier ON events (dossier_id, server_seq);
CREATE TABLE quarantine (
  device_id TEXT NOT NULL, device_seq BIGINT NOT NULL, id TEXT NOT NULL, dossier_id TEXT NOT NULL, type TEXT NOT NULL,
  hash TEXT NOT NULL, reason_code TEXT NOT NULL, reason_vi TEXT NOT NULL, reason_en TEXT NOT NULL, at TEXT NOT NULL,
  body TEXT NOT NULL, PRIMARY KEY (device_id, device_seq));
CREATE TABLE dossiers (id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, code TEXT UNIQUE, portal_ref TEXT UNIQUE);
CREATE TABLE dossier_units (dossier_id TEXT NOT NULL, unit_code TEXT NOT NULL, PRIMARY KEY (dossier_id, unit_code));
CREATE TABLE deliveries (seq BIGINT PRIMARY KEY, unit_code TEXT NOT NULL, server_seq BIGINT NOT NULL);
CREATE INDEX deliveries_unit ON deliveries (unit_code, seq);
CREATE TABLE documents (
  kind TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
  PRIMARY KEY (kind, version));
CREATE TABLE blob_uploads (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, received BIGINT NOT NULL, device_id TEXT, started_at TEXT NOT NULL);
CREATE TABLE blob_chunks (sha256 TEXT NOT NULL, chunk_start BIGINT NOT NULL, data ${binary} NOT NULL, PRIMARY KEY (sha256, chunk_start));
CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, data ${binary} NOT NULL, uploaded_by TEXT, created_at TEXT NOT NULL);
CREATE TABLE blob_refs (sha256 TEXT NOT NULL, dossier_id TEXT NOT NULL, PRIMARY KEY (sha256, dossier_id));
CREATE TABLE users (
  username TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL, disabled_at TEXT);
INSERT INTO counters (name, value) VALUES ('server_seq', 0), ('delivery_seq', 0);
`;
    },
  },
  {
    // SQLite: `server_seq BIGINT PRIMARY KEY` was a separate unique index beside the rowid, so every pull row
    // cost two B-tree lookups (index, then table). As INTEGER PRIMARY KEY it is the rowid itself: one lookup,
    // and the table is stored in server sequence order. The table is rebuilt (a one-time copy; a year of a
    // district takes seconds). PostgreSQL has no rowid: BIGINT PRIMARY KEY is already what it should be.
    version: 2,
    sql: (dialect) =>
      dialect === 'postgres'
        ? ''
        : `
CREATE TABLE events_by_seq (
  server_seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, dossier_id TEXT NOT NULL,
  device_id TEXT NOT NULL, device_seq BIGINT NOT NULL, type TEXT NOT NULL, hash TEXT NOT NULL,
  server_time TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (device_id, device_seq));
INSERT INTO events_by_seq (server_seq, id, dossier_id, device_id, device_seq, type, hash, server_time, body)
  SELECT server_seq, id, dossier_id, device_id, device_seq, type, hash, server_time, body FROM events ORDER BY server_seq;
DROP TABLE events;
ALTER TABLE events_by_seq RENAME TO events;
CREATE INDEX events_dossier ON events (dossier_id, server_seq);
`,
  },
  {
    // A unit's settled pull pages, compressed once (server/sync/feed-segments.ts): derived from `deliveries` and
    // `events`, which never change once written, so a segment stays true for as long as the rows it was read from.
    version: 3,
    sql: (dialect) => `
CREATE TABLE feed_segments (
  unit_code TEXT NOT NULL, from_seq BIGINT NOT NULL, to_seq BIGINT NOT NULL, events INTEGER NOT NULL,
  devices TEXT NOT NULL, format TEXT NOT NULL, body ${dialect === 'postgres' ? 'BYTEA' : 'BLOB'} NOT NULL,
  built_at TEXT NOT NULL,
  PRIMARY KEY (unit_code, from_seq));
`,
  },
  {
    // Possession of scans (server/routes/blob-routes.ts): a unit holds a blob once one of its desks uploaded bytes
    // that matched the hash. Knowing a hash is not holding the file, so an upload in progress belongs to its unit
    // (another unit neither sees nor resumes it) and the blob's content stays stored once whoever sent it.
    // Backfill: the uploading desk's unit, and the unit of each desk whose accepted event names an attached blob (the
    // old server told a second unit "already there", so its desks never sent the bytes). An event from a device of
    // no unit (the portal, the import) counts for the dossier's own unit. A 64-digit hash found in an event's JSON is
    // that event naming it. In-progress uploads are kept, under their desk's unit, so they still resume.
    version: 4,
    sql: (dialect) => {
      const binary = dialect === 'postgres' ? 'BYTEA' : 'BLOB';
      const names = dialect === 'postgres' ? 'strpos(e.body, r.sha256) > 0' : 'instr(e.body, r.sha256) > 0';
      return `
CREATE TABLE blob_holders (sha256 TEXT NOT NULL, unit_code TEXT NOT NULL, PRIMARY KEY (sha256, unit_code));
INSERT INTO blob_holders (sha256, unit_code)
  SELECT b.sha256, d.unit_code FROM blobs b JOIN devices d ON d.id = b.uploaded_by WHERE d.unit_code <> ''
  ON CONFLICT DO NOTHING;
INSERT INTO blob_holders (sha256, unit_code)
  SELECT DISTINCT r.sha256, COALESCE(NULLIF(d.unit_code, ''), x.unit_code)
  FROM blob_refs r JOIN blobs b ON b.sha256 = r.sha256 JOIN dossiers x ON x.id = r.dossier_id
    JOIN events e ON e.dossier_id = r.dossier_id LEFT JOIN devices d ON d.id = e.device_id
  WHERE ${names}
  ON CONFLICT DO NOTHING;
CREATE TABLE blob_unit_uploads (
  sha256 TEXT NOT NULL, unit_code TEXT NOT NULL, size BIGINT NOT NULL, received BIGINT NOT NULL, device_id TEXT,
  started_at TEXT NOT NULL, PRIMARY KEY (sha256, unit_code));
INSERT INTO blob_unit_uploads (sha256, unit_code, size, received, device_id, started_at)
  SELECT u.sha256, COALESCE(d.unit_code, ''), u.size, u.received, u.device_id, u.started_at
  FROM blob_uploads u LEFT JOIN devices d ON d.id = u.device_id WHERE true;
CREATE TABLE blob_unit_chunks (
  sha256 TEXT NOT NULL, unit_code TEXT NOT NULL, chunk_start BIGINT NOT NULL, data ${binary} NOT NULL,
  PRIMARY KEY (sha256, unit_code, chunk_start));
INSERT INTO blob_unit_chunks (sha256, unit_code, chunk_start, data)
  SELECT c.sha256, u.unit_code, c.chunk_start, c.data FROM blob_chunks c JOIN blob_unit_uploads u ON u.sha256 = c.sha256
  WHERE true;
DROP TABLE blob_chunks;
DROP TABLE blob_uploads;
ALTER TABLE blob_unit_uploads RENAME TO blob_uploads;
ALTER TABLE blob_unit_chunks RENAME TO blob_chunks;
`;
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
