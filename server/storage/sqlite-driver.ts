/**
 * better-sqlite3 behind the async SqlDriver surface. SQLite has one connection, so every statement and
 * transaction goes through one queue: an await inside a transaction must not let another request's
 * statements slip into it.
 */
import { chmodSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver';

export function openSqliteDriver(file: string): SqlDriver {
  const created = file !== ':memory:' && !existsSync(file);
  const db = new Database(file);
  // The district's dossiers hold citizens' personal data: a new database file is readable by the server's account
  // only (its WAL and shared-memory files take the same mode from it). An existing file's mode is the operator's.
  if (created && process.platform !== 'win32') chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.defaultSafeIntegers(false);

  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  // Preparing costs more than running most of our statements; the storage uses a few dozen fixed SQL texts
  // (values always go in as parameters), so each is prepared once. The bound keeps a bug that built SQL from
  // values from growing the cache without end.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= 500) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const direct: SqlExecutor = {
    all: async <T extends SqlRow>(sql: string, params: SqlValue[] = []) =>
      prepared(sql).all(...params) as T[],
    get: async <T extends SqlRow>(sql: string, params: SqlValue[] = []) =>
      prepared(sql).get(...params) as T | undefined,
    run: async (sql: string, params: SqlValue[] = []) => prepared(sql).run(...params).changes,
  };

  return {
    dialect: 'sqlite',
    all: (sql, params) => serialise(() => direct.all(sql, params)),
    get: (sql, params) => serialise(() => direct.get(sql, params)),
    run: (sql, params) => serialise(() => direct.run(sql, params)),
    exec: (script) => serialise(async () => void db.exec(script)),
    transaction: (fn) =>
      serialise(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const value = await fn(direct);
          db.exec('COMMIT');
          return value;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      }),
    close: () => serialise(async () => void db.close()),
  };
}
