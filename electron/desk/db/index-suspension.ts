/**
 * Bulk loading of dossier rows. A desk's first pull refolds tens of thousands of dossiers; written one by one into
 * `dossiers` with its ten list indexes and its FTS5 search index, a row costs about 250 µs, against about 40 µs
 * into the bare table, and building the indexes once afterwards takes about a second for 50,000 rows.
 *
 * `suspendDossierIndexes` keeps the definitions of the table's plain (non-unique) indexes and of the triggers that
 * feed the search index in the table `suspended_schema` and drops them, in one transaction. Partial indexes stay
 * (in conflict, pending, quarantined): a pulled row is rarely in any of them, so they cost it next to nothing,
 * while rebuilding each would read the whole table again (about 90 ms each at 52,772 rows). The table exists only
 * while they are suspended (it is not part of the schema's migrations: no version of the schema has it at rest).
 * `restoreDossierIndexes` recreates them, rebuilds the search index from the rows and drops the table, in one
 * transaction, so a list or a search never sees half an index. The unique index on the dossier id stays
 * throughout (the refold looks rows up by it). A desk stopped or killed while they are suspended restores them
 * when it next opens (db/migrate.ts restores before any migration runs, so a migration always finds the schema it
 * was written for).
 * Meanwhile lists read the bare table (slower, still correct), and the search index lags: it does not hold the
 * rows written meanwhile, and still holds the old text of rows changed meanwhile, until the rebuild at the end. So
 * text search reads the rows' own folded text while this lasts (dossiers/unindexed-search.ts); searches by code and
 * ID number read columns and are not affected. On a new desk whose first pull is large this lasts from its first
 * early refold (RefoldQueue.refoldAhead) to the end of the pull, not only the final drain.
 */
import type { Db } from './open-database';

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
 * Recreates what `suspendDossierIndexes` dropped and rebuilds the search index; nothing to do when none is. SQLite's
 * sorter may use a second thread meanwhile (`PRAGMA threads`): the ten index builds took a quarter less time.
 */
export function restoreDossierIndexes(db: Db): void {
  const threads = db.pragma('threads', { simple: true }) as number;
  db.pragma('threads = 2');
  try {
    restoreInOneTransaction(db);
  } finally {
    db.pragma(`threads = ${threads}`);
  }
}

function restoreInOneTransaction(db: Db): void {
  db.transaction(() => {
    if (!dossierIndexesSuspended(db)) return;
    const entries = db.prepare<[], SchemaEntry>('SELECT name, type, sql FROM suspended_schema').all();
    const exists = db.prepare<[string], number>('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck();
    for (const e of entries) if (exists.get(e.name) === 0) db.exec(e.sql);
    // Rows written meanwhile never reached the search index, and rows changed meanwhile left stale entries in it.
    if (entries.some((e) => e.type === 'trigger')) {
      db.exec("INSERT INTO dossier_search (dossier_search) VALUES ('rebuild')");
    }
    db.exec('DROP TABLE suspended_schema');
  })();
}

export function dossierIndexesSuspended(db: Db): boolean {
  return db.prepare(SUSPENDED_SQL).get() !== undefined;
}
