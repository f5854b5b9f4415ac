/**
 * Bulk loading of dossier rows. A desk's first pull refolds tens of thousands of dossiers; written one by one into
 * `dossiers` with its list indexes and its FTS5 search index, a row costs about 250 µs, against about 40 µs
 * into the bare table, and building the indexes once afterwards takes about a second for 50,000 rows.
 *
 * `suspendDossierIndexes` keeps the definitions of the table's plain (non-unique) indexes and of the triggers that
 * feed the search index in the table `suspended_schema` and drops them, in one transaction. Partial indexes stay
 * (in conflict, pending, quarantined): a pulled row is rarely in any of them, so they cost it next to nothing,
 * while rebuilding each would read the whole table again (about 90 ms each at 52,772 rows). The table exists only
 * while they are suspended (it is not part of the schema's migrations: no version of the schema has it at rest).
 * `restoreDossierIndexes` recreates them, empties the search index and drops the table, in one transaction; at the
 * end of a pull, `restoreDossierIndexesStepwise` first recreates the list indexes one per transaction, so the
 * clerk's clicks get turns between them. An index is only ever seen whole. The unique index on the dossier id stays
 * throughout (the refold looks rows up by it). A desk stopped or killed while they are suspended restores them when
 * it next opens (db/migrate.ts restores before any migration runs, so a migration always finds the schema it was
 * written for).
 *
 * Meanwhile lists read the bare table (slower, still correct), and the search index lags: it does not hold the
 * rows written meanwhile, and still holds the old text of rows changed meanwhile. So text search, ID numbers
 * included, reads the rows' own folded text while this lasts (dossiers/unindexed-search.ts), and the idle upkeep
 * leaves the index alone (projections/search-index-upkeep.ts); search by code reads its column and is not
 * affected. At the end the index is emptied rather than rebuilt: every row is then above its mark (migration 011),
 * search goes on reading the rows, and the idle upkeep takes them in a batch at a time. A rebuild held the desk
 * for its whole length, about 1.2 s per 50,000 dossiers. On a new desk whose first pull is large the suspension
 * lasts from its first early refold (RefoldQueue.refoldAhead) to the end of the pull, not only the final drain.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from './open-database';
import { emptySearchIndex } from './search-index-mark';
import { withPragma } from './with-pragma';

interface SchemaEntry {
  name: string;
  type: 'index' | 'trigger';
  sql: string;
}

const SUSPENDED_SQL = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'suspended_schema'";

/** Suspends the dossier list indexes and search triggers; returns false when they already are. */
export function suspendDossierIndexes(db: Db): boolean {
  return db.transaction(() => {
    if (dossierIndexesSuspended(db)) return false;
    db.exec(`CREATE TABLE suspended_schema (
      name TEXT PRIMARY KEY,
      type TEXT NOT NULL CHECK (type IN ('index', 'trigger')),
      sql  TEXT NOT NULL
    )`);
    const entries = db
      .prepare<[], SchemaEntry>(
        `SELECT name, type, sql FROM sqlite_master
          WHERE tbl_name = 'dossiers' AND sql IS NOT NULL
            AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%' AND sql NOT LIKE '% WHERE %')
              OR (type = 'trigger' AND sql LIKE '%dossier_search%'))`,
      )
      .all();
    const keep = db.prepare<[string, string, string]>('INSERT INTO suspended_schema (name, type, sql) VALUES (?, ?, ?)');
    for (const e of entries) {
      keep.run(e.name, e.type, e.sql);
      db.exec(`DROP ${e.type === 'index' ? 'INDEX' : 'TRIGGER'} "${e.name}"`);
    }
    return true;
  })();
}

/**
 * Recreates what `suspendDossierIndexes` dropped and empties the search index; nothing to do when none is. SQLite's
 * sorter may use a second thread meanwhile (`PRAGMA threads`: the index builds took a quarter less time), and the
 * file is read through a memory map (withIndexBuildSettings).
 */
export function restoreDossierIndexes(db: Db): void {
  withIndexBuildSettings(db, () => restoreInOneTransaction(db));
}

/**
 * The same, for a desk in use (the end of a pull): one list index per transaction, with a turn of the event loop
 * after each, so a clerk's click waits for one index build instead of all of them (113–174 ms each at 52,772
 * dossiers). An index built is final, so a list may already use it. When `hurry` says so (the client
 * stops), the rest is done at once: the indexes never stay suspended past a pull. A connection closed meanwhile
 * leaves the rest to its next open (db/migrate).
 */
export async function restoreDossierIndexesStepwise(db: Db, hurry?: () => boolean): Promise<void> {
  // One step: the next suspended index recreated and struck off, read and written in one transaction (another
  // connection, `motcua report` opening the file, may restore everything meanwhile). False when none is left.
  const restoreOne = () =>
    withIndexBuildSettings(db, () =>
      db.transaction(() => {
        if (!dossierIndexesSuspended(db)) return false;
        const entry = db
          .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM suspended_schema WHERE type = 'index' LIMIT 1")
          .get();
        if (!entry) return false;
        if (db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(entry.name) === undefined) db.exec(entry.sql);
        db.prepare('DELETE FROM suspended_schema WHERE name = ?').run(entry.name);
        return true;
      })(),
    );
  while (db.open && !hurry?.() && restoreOne()) await nextTurn();
  if (db.open) restoreDossierIndexes(db);
}

/** SQLite's ceiling for a memory map (SQLITE_MAX_MMAP_SIZE); a larger file is mapped up to it, the rest read as usual. */
const MMAP_FOR_INDEX_BUILDS = 0x7fff0000;

/**
 * Index builds read the whole table, once per index: SQLite's sorter may use a second thread (`PRAGMA threads`), and
 * the file is read through a memory map for their duration (`PRAGMA mmap_size`; SQLite's largest here), not copied
 * page by page into the page cache. The eight list indexes at the end of a first pull of 52,772 dossiers took
 * 495–515 ms with the map against 840–855 ms without (each 40–90 ms instead of 85–130). The map is only for these
 * reads: a desk's other work keeps reading through the page cache, as SQLite does by default.
 */
const withIndexBuildSettings = <T>(db: Db, work: () => T): T =>
  withPragma(db, 'threads', 2, () => withPragma(db, 'mmap_size', MMAP_FOR_INDEX_BUILDS, work));

function restoreInOneTransaction(db: Db): void {
  db.transaction(() => {
    if (!dossierIndexesSuspended(db)) return;
    const entries = db.prepare<[], SchemaEntry>('SELECT name, type, sql FROM suspended_schema').all();
    const exists = db.prepare<[string], number>('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck();
    for (const e of entries) if (exists.get(e.name) === 0) db.exec(e.sql);
    // Rows written meanwhile never reached the search index, and rows changed meanwhile left stale entries in it:
    // emptied, it holds no row, and the idle upkeep takes them all in again (see the top of this file).
    if (entries.some((e) => e.type === 'trigger')) {
      emptySearchIndex(db);
    }
    db.exec('DROP TABLE suspended_schema');
  })();
}

export function dossierIndexesSuspended(db: Db): boolean {
  return db.prepare(SUSPENDED_SQL).get() !== undefined;
}
