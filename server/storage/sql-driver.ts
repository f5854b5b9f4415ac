/**
 * The small surface the server's storage needs from a SQL database, so one storage implementation
 * (sql-storage.ts) runs on SQLite and on PostgreSQL. Statements use `?` placeholders; the PostgreSQL driver
 * numbers them. Integers come back as JS numbers and binary columns as Buffers on both.
 */
export type SqlValue = string | number | null | Buffer;
export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  all<T extends SqlRow>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T extends SqlRow>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction. With `exclusive`, transactions are serialised against each other so that
   * sequence numbers are handed out in commit order (a pull cursor must never skip a later-committed lower one).
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: { exclusive?: boolean }): Promise<T>;
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}
