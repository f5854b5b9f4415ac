/**
 * better-sqlite3 behind the async SqlDriver surface. SQLite has one connection, so every statement and
 * transaction goes through one queue: an await inside a transaction must not let another request's
 * statements slip into it.
 */
import Database from 'better-sqlite3';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver';

export function openSqliteDriver(file: string): SqlDriver {
  const db = new Database(file);
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

  const direct: SqlExecutor = {
    all: async <T extends SqlRow>(sql: string, params: SqlValue[] = []) =>
      db.prepare(sql).all(...params) as T[],
    get: async <T extends SqlRow>(sql: string, params: SqlValue[] = []) =>
      db.prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: SqlValue[] = []) => db.prepare(sql).run(...params).changes,
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
