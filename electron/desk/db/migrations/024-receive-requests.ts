/**
 * The request id of each reception form (dossier-inputs.ts `requestId`), kept with the dossier it made, written in
 * the reception's own transaction: a retry of a reception whose answer was lost (the desk stopped after the commit,
 * the link to the renderer dropped) finds it and gets the same dossier back, code and PIN, instead of a second one
 * (dossiers/receive-requests.ts). No personal data: the content is kept as hashes, only to tell a retry from a
 * different form sent under the same id. Rows older than a month are dropped by later receptions (received_ms).
 * IF NOT EXISTS: the upgrade tests replay later migrations on stores that already have them.
 */
import type { Migration } from '../migrate';

export const receiveRequests: Migration = {
  version: 24,
  name: '024-receive-requests',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS receive_requests (
        request_id  TEXT PRIMARY KEY,
        dossier_id  TEXT NOT NULL,
        event_id    TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        received_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS receive_requests_received ON receive_requests (received_ms);
    `);
  },
};
