/**
 * Scans taken from the scan folder (set aside to its `imported/` sub-folder) whose link to a dossier has not
 * happened yet: the reception being typed, or one set aside, that holds them lives in the renderer's IndexedDB and
 * survives a restart, so what the desk needs to put such a scan back in the folder (attachments/unlinked-inbox-
 * imports.ts) must survive one too. Before this table it was kept in memory, and after a power cut the scans of the
 * forms it interrupted stayed in `imported/` for ever. Keyed as the memory map was: by SHA-256 and the name the scan
 * was imported under (the same pages may come in twice under two names).
 * IF NOT EXISTS: the upgrade tests replay later migrations on stores that already have them.
 */
import type { Migration } from '../migrate';

export const unlinkedInboxImports: Migration = {
  version: 20,
  name: '020-unlinked-inbox-imports',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS unlinked_inbox_imports (
        sha256       TEXT NOT NULL,
        file_name    TEXT NOT NULL,
        inbox_file   TEXT NOT NULL,
        set_aside_to TEXT,
        new_row      INTEGER NOT NULL,
        new_blob     INTEGER NOT NULL,
        imported_ms  INTEGER NOT NULL,
        PRIMARY KEY (sha256, file_name)
      ) WITHOUT ROWID;
    `);
  },
};
