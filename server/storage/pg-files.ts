/**
 * Backing up and restoring a PostgreSQL server the way a SQLite one is (sqlite-files.ts): the backup is a SQLite
 * server database file, the same kind `motcua server backup --db` writes, so one restore path keeps what the
 * administrator did since the backup (registry-carry.ts), and a backup moves between the two databases.
 *
 * Why not pg_dump/pg_restore alone: a pg_restore replaces everything, so a desk revoked since the backup (a stolen
 * PC) would sync again, a desk enrolled since would be refused, and the portal's submissions since would be lost.
 * Here the replaced database is first written out as a SQLite file, the registry is carried into a staging copy of
 * the backup exactly as for SQLite, and the staging copy is loaded into PostgreSQL in one transaction: a failure on
 * the way leaves the server's database as it was.
 */
import { accessSync, chmodSync, constants, copyFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ensureReportSchema, REPORT_SCHEMA_VERSION } from '../reports/schema';
import { carryRegistry, type CarriedRegistry } from './registry-carry';
import { openPgDriver, PG_APPLICATION_NAME, pgTypes } from './pg-driver';
import type { SqlDriver } from './sql-driver';
import { LATEST_SCHEMA_VERSION } from './schema';
import { createSqlStorage } from './sql-storage';
import { openSqliteDriver } from './sqlite-driver';
import { keptName, RestoreNotDoneError, restoreNotDone, type RestoreOutcome } from './sqlite-files';

/** Our own connections during a restore: not counted as "a server still using the database". */
const RESTORE_APPLICATION_NAME = 'motcua-restore';

/** Rows fetched at a time; tables holding scans fetch few, so memory stays bounded by a few scans. */
const ROWS_PER_FETCH = 2_000;
const BINARY_ROWS_PER_FETCH = 16;
/** PostgreSQL takes at most 65,535 parameters in a statement. */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

type Row = Record<string, unknown>;

interface TableShape {
  name: string;
  columns: string[];
}

/**
 * Brings a database's tables to this release (its own migrations; the server must be stopped). The report tables
 * are made by the server as it starts; a database that never ran one has none, and its backup has none either.
 */
async function prepareSchema(driver: SqlDriver, withReports = true): Promise<void> {
  const storage = createSqlStorage(driver);
  try {
    await storage.init({ upgrade: true });
    if (withReports) await ensureReportSchema(driver, { upgrade: true });
  } finally {
    await storage.close();
  }
}

function sqliteTables(db: Database.Database): TableShape[] {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return names.map((name) => ({
    name,
    columns: db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(name) as string[],
  }));
}

async function pgTables(client: pg.ClientBase): Promise<Map<string, Set<string>>> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
  );
  const tables = new Map<string, Set<string>>();
  for (const r of rows) {
    const columns = tables.get(r.table_name) ?? new Set<string>();
    columns.add(r.column_name);
    tables.set(r.table_name, columns);
  }
  return tables;
}

/** Both sides must hold the same tables with the same columns, or a copy would drop or misplace data. */
function sameShape(file: TableShape[], postgres: Map<string, Set<string>>): void {
  const differing = file
    .filter((t) => {
      const columns = postgres.get(t.name);
      return !columns || columns.size !== t.columns.length || t.columns.some((c) => !columns.has(c));
    })
    .map((t) => t.name);
  for (const name of postgres.keys()) if (!file.some((t) => t.name === name)) differing.push(name);
  if (differing.length > 0)
    throw new ReleaseMismatchError(`the two databases' tables differ (${differing.sort().join(', ')})`);
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function connect(url: string): pg.Client {
  const client = new pg.Client({ connectionString: url, types: pgTypes, application_name: RESTORE_APPLICATION_NAME });
  // A connection lost is also emitted as an event: with no listener, Node would end the command there, before it
  // says what became of the restore. The query under way fails with the same error, and is answered there.
  client.on('error', () => undefined);
  return client;
}

/** Thrown when the database was written by another release than this one: its backup would not read back. */
export class ReleaseMismatchError extends Error {
  override name = 'ReleaseMismatchError';
}

async function schemaVersions(client: pg.ClientBase): Promise<{ storage: number; reports: number }> {
  const read = async (table: string) => {
    const exists = await client.query(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1',
      [table],
    );
    if (exists.rows.length === 0) return 0;
    const { rows } = await client.query<{ value: string }>(
      `SELECT value FROM ${table} WHERE key = 'schema_version'`,
    );
    return Number(rows[0]?.value ?? 0);
  };
  return { storage: await read('meta'), reports: await read('report_meta') };
}

/**
 * Writes a consistent copy of a PostgreSQL server database to a new SQLite server file (one snapshot: a repeatable
 * read transaction, so a server still running may go on writing meanwhile). Nothing is upgraded: a backup is often
 * taken just before an upgrade, under the older server still running, so a database of another release is refused
 * and the release that runs it backs it up.
 */
export async function backupPostgres(url: string, to: string): Promise<void> {
  const staging = `${to}.writing`;
  rmSync(staging, { force: true });
  try {
    const client = connect(url);
    let file: Database.Database | undefined;
    try {
      await client.connect();
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const versions = await schemaVersions(client);
      if (
        versions.storage !== LATEST_SCHEMA_VERSION ||
        (versions.reports !== 0 && versions.reports !== REPORT_SCHEMA_VERSION)
      )
        throw new ReleaseMismatchError(
          `the database is at schema ${versions.storage}/${versions.reports} and this release writes ${LATEST_SCHEMA_VERSION}/${REPORT_SCHEMA_VERSION}`,
        );
      await prepareSchema(openSqliteDriver(staging), versions.reports !== 0);
      file = new Database(staging);
      file.pragma('journal_mode = DELETE');
      const tables = sqliteTables(file);
      sameShape(tables, await pgTables(client));
      file.exec('BEGIN');
      for (const table of tables) {
        file.prepare(`DELETE FROM ${quoted(table.name)}`).run();
        const insert = file.prepare(
          `INSERT INTO ${quoted(table.name)} (${table.columns.map(quoted).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`,
        );
        const cursor = 'motcua_backup';
        await client.query(
          `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${table.columns.map(quoted).join(', ')} FROM ${quoted(table.name)}`,
        );
        const perFetch = (await hasBinaryColumn(client, table.name)) ? BINARY_ROWS_PER_FETCH : ROWS_PER_FETCH;
        for (;;) {
          const { rows } = await client.query<Row>(`FETCH ${perFetch} FROM ${cursor}`);
          for (const row of rows) insert.run(table.columns.map((c) => row[c]));
          if (rows.length < perFetch) break;
        }
        await client.query(`CLOSE ${cursor}`);
      }
      file.exec('COMMIT');
      await client.query('COMMIT');
    } finally {
      if (file?.inTransaction) file.exec('ROLLBACK');
      file?.close();
      await client.end().catch(() => undefined);
    }
    // A copy of the district's personal data: as private as the database itself (sqlite-driver.ts).
    if (process.platform !== 'win32') chmodSync(staging, 0o600);
    // The backup file appears only once complete: a half-written one would look like a backup on the drive.
    renameSync(staging, to);
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${staging}${suffix}`, { force: true });
  }
}

async function hasBinaryColumn(client: pg.ClientBase, table: string): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT 1 FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 AND data_type = 'bytea' LIMIT 1`,
    [table],
  );
  return rows.length > 0;
}

/** The tables that hold what a server was given or received; `meta` and the counters are made by any start. */
const SERVER_CONTENT = ['units', 'devices', 'users', 'documents', 'events', 'blobs'] as const;

/**
 * Whether the database holds no server yet: none of our tables (a database just made with createdb, for the move
 * from SQLite), or our tables with nothing in them but what a start makes (the portal's device). Nothing is then
 * replaced, nor kept, nor carried over. Anything else (a unit, a desk, a server user, a published document, an event,
 * a scan) counts as a server, whose copy is kept.
 */
async function holdsNoServer(client: pg.ClientBase): Promise<boolean> {
  for (const table of SERVER_CONTENT) {
    const { rows } = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table]);
    if (rows[0]!.found === null) continue;
    const where = table === 'devices' ? " WHERE kind <> 'portal'" : '';
    const held = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}${where}) AS any`);
    if (held.rows[0]!.any) return false;
  }
  return true;
}

/**
 * Other connections of ours to the database: a server or a command still using it. A command that has just ended
 * may still be listed for a moment while its connections close, so they are given a second or two to leave.
 */
async function othersConnected(client: pg.ClientBase): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`,
      [PG_APPLICATION_NAME],
    );
    if (rows[0]!.n === 0 || attempt === 10) return rows[0]!.n;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The load's COMMIT was sent and no answer came: the restore may or may not have taken place. */
export class RestoreOutcomeUnknownError extends Error {
  override name = 'RestoreOutcomeUnknownError';
  readonly vi: string;
  readonly en: string;
  constructor(
    readonly keptAs: string,
    reason: string,
  ) {
    super(reason);
    this.vi = `Không biết việc khôi phục đã xong hay chưa: mất kết nối tới PostgreSQL lúc ghi (${reason}). Cơ sở dữ liệu bị thay thế được giữ ở ${keptAs}: đừng xoá tệp này. Hãy xem motcua server list-desks --pg …; nếu cần, khôi phục lại từ tệp đó bằng motcua server restore --pg … --from ${keptAs}.`;
    this.en = `Whether the restore took place is unknown: the connection to PostgreSQL broke while committing (${reason}). The database it replaced is kept as ${keptAs}: do not delete it. Check motcua server list-desks --pg …; if need be, restore from that file with motcua server restore --pg … --from ${keptAs}.`;
  }
}

/** Thrown when a server (or another command of ours) still has the database open. */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

/** Replaces every table's rows in PostgreSQL with the SQLite file's, in one transaction. */
async function loadInto(client: pg.ClientBase, file: Database.Database): Promise<void> {
  const tables = sqliteTables(file);
  sameShape(tables, await pgTables(client));
  await client.query(`TRUNCATE ${tables.map((t) => quoted(t.name)).join(', ')}`);
  for (const table of tables) {
    const columns = table.columns.map(quoted).join(', ');
    let batch: unknown[][] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const values = batch
        .map((_, r) => `(${table.columns.map((__, c) => `$${r * table.columns.length + c + 1}`).join(', ')})`)
        .join(', ');
      await client.query(`INSERT INTO ${quoted(table.name)} (${columns}) VALUES ${values}`, batch.flat());
      batch = [];
      bytes = 0;
    };
    const rows = file
      .prepare(`SELECT ${columns} FROM ${quoted(table.name)}`)
      .raw()
      .iterate() as Iterable<unknown[]>;
    for (const row of rows) {
      batch.push(row);
      for (const value of row)
        bytes += Buffer.isBuffer(value) ? value.length : typeof value === 'string' ? value.length : 8;
      if ((batch.length + 1) * table.columns.length > MAX_PARAMETERS || bytes > MAX_BATCH_BYTES)
        await flush();
    }
    await flush();
  }
}


/**
 * Replaces a PostgreSQL server database with a backup (a SQLite server file) and gives it a new epoch, keeping what
 * the administrator did since the backup and the portal's submissions, as `restoreSqlite` does. The replaced
 * database is written out beside the backup first. The server must be stopped.
 */
export async function restorePostgres(
  url: string,
  from: string,
  now: Date = new Date(),
): Promise<RestoreOutcome> {
  const check = connect(url);
  await check.connect();
  let empty: boolean;
  try {
    if ((await othersConnected(check)) > 0)
      throw new DatabaseInUseError('a server or another motcua command is connected to the database');
    empty = await holdsNoServer(check);
  } finally {
    await check.end();
  }
  const database = decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
  // `motcua.pre-restore-20261201-0930.db` beside the backup, named after the database.
  const keptAs = keptName(path.join(path.dirname(from), database.replace(/[^\w.-]/g, '_')), now, '.db');
  // The replaced database is written there first: a folder that cannot take it (a stick mounted read-only) is said as
  // such, not as SQLite's "unable to open database file", which reads like a broken backup.
  try {
    accessSync(path.dirname(from), constants.W_OK);
  } catch {
    const folder = path.dirname(from);
    throw new RestoreNotDoneError(
      `Chưa khôi phục được: không ghi được vào thư mục ${folder}, nơi cơ sở dữ liệu bị thay thế được giữ lại trước khi khôi phục. Hãy chép bản sao lưu sang một thư mục ghi được rồi khôi phục lại. Cơ sở dữ liệu của máy chủ vẫn như cũ, chưa thay đổi gì.`,
      `The restore was not done: the folder ${folder} cannot be written, and the database being replaced is kept there first. Copy the backup to a folder that can be written, then restore again. The server's database is as it was; nothing was changed.`,
    );
  }
  const staging = `${keptAs}.restoring`;
  const dropStaging = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${staging}${suffix}`, { force: true });
  };
  let epoch: string;
  let carried: CarriedRegistry;
  let committing = false;
  try {
    // The server is stopped: the database is brought to this release's tables, as starting it would, so that the
    // replaced database can be written out and the restored one loaded into the same tables.
    await prepareSchema(openPgDriver(url, { applicationName: RESTORE_APPLICATION_NAME }));
    await backupPostgres(url, keptAs);
    copyFileSync(from, staging);
    await prepareSchema(openSqliteDriver(staging));
    const storage = createSqlStorage(openSqliteDriver(staging));
    try {
      epoch = await storage.renewEpoch();
    } finally {
      await storage.close();
    }
    carried = carryRegistry(staging, keptAs);
    const file = new Database(staging, { readonly: true, fileMustExist: true });
    const client = connect(url);
    try {
      await client.connect();
      await client.query('BEGIN');
      // A server starting meanwhile reads `meta` first, so it waits here until the restored database is in place.
      await client.query('LOCK TABLE meta IN ACCESS EXCLUSIVE MODE');
      if ((await othersConnected(client)) > 0)
        throw new DatabaseInUseError(
          'a server or another motcua command connected to the database meanwhile',
        );
      await loadInto(client, file);
      committing = true;
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      file.close();
      await client.end().catch(() => undefined);
    }
  } catch (e) {
    dropStaging();
    // The connection lost while committing: PostgreSQL may have committed. The copy of the replaced database may then
    // be the only one left, and "nothing was changed" may be false.
    if (committing) throw new RestoreOutcomeUnknownError(keptAs, (e as Error).message);
    rmSync(keptAs, { force: true });
    if (e instanceof DatabaseInUseError) throw e;
    throw restoreNotDone((e as Error).message);
  }
  dropStaging();
  // Nothing was replaced: a copy of an empty database and "0 desks kept" would only mislead (QA, the move from SQLite).
  if (empty) {
    rmSync(keptAs, { force: true });
    return { epoch, keptAs: null, carried: null, carryFailed: null };
  }
  return { epoch, keptAs, carried, carryFailed: null };
}
