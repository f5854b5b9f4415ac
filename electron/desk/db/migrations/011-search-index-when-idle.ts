/**
 * New dossier rows reach the search index when the desk is idle (projections/search-index-upkeep.ts), not inside
 * the reception that writes them. The index's own work was a fifth of a reception's pages: a segment of about 80
 * terms (prefixes included), its structure record, the averages and the row's size, 5–7 pages of the 33 written
 * and synced, and more when FTS5 merged level 0 (desk benchmark, 500,000 dossiers: reception p99 56 pages with it,
 * 36 without). Written in one idle step, a batch of rows also makes one segment instead of one each.
 *
 * The rule that keeps index and rows consistent, with no mark of its own to drift: the index holds exactly the
 * rows whose `seq` is at most the largest rowid it holds (its %_docsize table keeps one row per document, so that
 * is a single look-up). New rows get a larger `seq` (SQLite gives max + 1) and wait; the idle step indexes them in
 * `seq` order. A row changed or deleted is changed in or removed from the index only if the index holds it; the
 * insert trigger keeps the same condition, so that even a row written with an explicit `seq` below the mark (no
 * code does) would keep the rule. Search reads the rows above the mark directly (dossiers/dossier-queries.ts):
 * the work since the desk was last idle, or after a first pull the whole table until the upkeep has caught up.
 */
import type { Migration } from '../migrate';

/** The largest `seq` the search index holds, or NULL when it holds none (SQL, for the triggers' WHEN clauses). */
const INDEXED_TO = '(SELECT max(id) FROM dossier_search_docsize)';

export const searchIndexWhenIdle: Migration = {
  version: 11,
  name: '011-search-index-when-idle',
  up(db) {
    db.exec(`
      DROP TRIGGER dossiers_search_insert;
      DROP TRIGGER dossiers_search_delete;
      DROP TRIGGER dossiers_search_update;
      CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers
        WHEN new.seq <= ${INDEXED_TO} BEGIN
        INSERT INTO dossier_search (rowid, search_text) VALUES (new.seq, new.search_text);
      END;
      CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers
        WHEN old.seq <= ${INDEXED_TO} BEGIN
        INSERT INTO dossier_search (dossier_search, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
      END;
      CREATE TRIGGER dossiers_search_update AFTER UPDATE OF search_text ON dossiers
        WHEN old.search_text IS NOT new.search_text AND old.seq <= ${INDEXED_TO} BEGIN
        INSERT INTO dossier_search (dossier_search, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
        INSERT INTO dossier_search (rowid, search_text) VALUES (new.seq, new.search_text);
      END;
    `);
  },
};
