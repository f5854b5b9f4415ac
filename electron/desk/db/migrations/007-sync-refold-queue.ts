/**
 * Dossiers whose events a sync pull changed but whose projection row is not yet refolded. A pull page inserts its
 * events and marks their dossiers here in one transaction; the dossiers are refolded once each, in short chunks,
 * when the backlog is drained (electron/desk/projections/refold-queue.ts). An initial pull brings a dossier's
 * events in several pages, and refolding after every page rewrote its row and search entry about five times.
 * The marks are in the database, so a desk stopped in the middle resumes the refold at the next sync.
 * `seq` keeps the order dossiers first appeared in, which is the order a rebuild projects them in.
 */
import type { Migration } from '../migrate';

export const syncRefoldQueue: Migration = {
  version: 7,
  name: '007-sync-refold-queue',
  up(db) {
    db.exec(`
      CREATE TABLE sync_refold (
        seq        INTEGER PRIMARY KEY,
        dossier_id TEXT NOT NULL UNIQUE
      );
    `);
  },
};
