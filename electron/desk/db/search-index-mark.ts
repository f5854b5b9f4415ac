/**
 * The extent of the search index, by the rule of migration 011: it holds exactly the dossier rows whose `seq` is at
 * most the largest rowid in its `%_docsize` table (its mark). Every way of moving the mark is here, so each keeps
 * the rule: the idle upkeep and a rebuild index the rows above it in `seq` order; emptying the index puts every row
 * above it. Search reads the rows above the mark directly.
 */
import type { Db } from './open-database';

/** The largest `seq` the search index holds (0 when none): it holds exactly the rows at or below it. */
export function searchIndexedTo(db: Db): number {
  return db.prepare<[], number | null>('SELECT max(id) FROM dossier_search_docsize').pluck().get() ?? 0;
}

/**
 * Indexes the next `limit` rows above the mark, in `seq` order, so that after every step all rows at or below the
 * new mark are in. Returns how many it indexed. Call inside a transaction.
 */
export function indexNewRows(db: Db, limit = Number.MAX_SAFE_INTEGER): number {
  return db
    .prepare<[number, number]>(
      'INSERT INTO dossier_search (rowid, search_text) SELECT seq, search_text FROM dossiers WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    .run(searchIndexedTo(db), limit).changes;
}

/**
 * Empties the search index in one statement: every row is then above the mark, the triggers leave the index alone,
 * and search reads the rows until they are indexed again. For an index that may no longer match the rows (after a
 * suspension, before a rebuild): deleting entries one by one by the rows' text would damage such an index further.
 */
export function emptySearchIndex(db: Db): void {
  db.exec("INSERT INTO dossier_search (dossier_search) VALUES ('delete-all')");
}
