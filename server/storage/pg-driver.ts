/**
 * node-postgres behind the async SqlDriver surface. `?` placeholders become `$n`; int8 and numeric come back
 * as numbers (our sequences stay far below 2^53). Exclusive transactions take one advisory lock, which makes
 * sequence numbers commit in the order they were handed out.
 */
import pg from 'pg';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver';

const INT8_OID = 20;
const SYNC_LOCK_KEY = 5_050_505;

/** int8 as numbers: the same values the SQLite driver gives (server/storage/pg-files.ts reads with it too). */
export const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Turns `?` into `$1, $2, …`. Our statements never contain a literal question mark. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  const query = async <T extends SqlRow>(sql: string, params: SqlValue[] = []) =>
    client.query<T>(numberPlaceholders(sql), params);
  return {
    all: async <T extends SqlRow>(sql: string, params?: SqlValue[]) => (await query<T>(sql, params)).rows,
    get: async <T extends SqlRow>(sql: string, params?: SqlValue[]) =>
      (await query<T>(sql, params)).rows[0] as T | undefined,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
  };
}

/** Longest wait for a connection to PostgreSQL. */
export const PG_CONNECT_TIMEOUT_MS = 15_000;

/**
 * How our connections name themselves in `pg_stat_activity`: a restore refuses while any other is open
 * (server/storage/pg-files.ts), as the SQLite restore refuses a locked file.
 */
export const PG_APPLICATION_NAME = 'motcua';

export function openPgDriver(
  connectionString: string,
  options: { connectTimeoutMs?: number; applicationName?: string } = {},
): SqlDriver {
  // A host that never answers (a firewall dropping the packets) is given up on, not waited for without end.
  const pool = new pg.Pool({ connectionString, types: pgTypes, application_name: options.applicationName ?? PG_APPLICATION_NAME, max: 8, connectionTimeoutMillis: options.connectTimeoutMs ?? PG_CONNECT_TIMEOUT_MS });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on('error', () => undefined);
  const direct = executor(pool);
  return {
    dialect: 'postgres',
    ...direct,
    exec: async (script) => void (await pool.query(script)),
    transaction: async (fn, options) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (options?.exclusive) await client.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK_KEY]);
        const value = await fn(executor(client));
        await client.query('COMMIT');
        return value;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
