/**
 * Opens the desk's SQLite file with the settings a power cut must not defeat: WAL journal, synchronous=FULL (a
 * committed reception survives the lights going out), foreign keys, and a busy timeout for the backup reader.
 */
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  file: string;
  /** Path to a better-sqlite3 native build; the Electron app passes its own ABI build, tests use the default. */
  nativeBinding?: string;
  readonly?: boolean;
}

export function openDatabase({ file, nativeBinding, readonly = false }: OpenDatabaseOptions): Db {
  const db = new Database(file, { readonly, fileMustExist: readonly, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('busy_timeout = 5000');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // 32 MB of page cache: the hot parts of the indexes of a 500,000-dossier store stay in memory.
    db.pragma('cache_size = -32768');
    // Checkpoints run when the desk is idle (db/idle-checkpoint.ts), not on a clerk's click; this is only the
    // safety net (80 MB of WAL, a burst of receptions with no quiet moment in it).
    if (!readonly) db.pragma('wal_autocheckpoint = 20000');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
