/** Opens the server's storage from a command-line choice: a SQLite file (default) or a PostgreSQL URL. */
import type { ServerStorage } from './contract';
import { openPgDriver } from './pg-driver';
import { createSqlStorage } from './sql-storage';
import { openSqliteDriver } from './sqlite-driver';
import type { UpgradeOptions } from './upgrade-needed';

export type StorageLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export async function openStorage(location: StorageLocation, options: UpgradeOptions = {}): Promise<ServerStorage> {
  const driver = location.kind === 'sqlite' ? openSqliteDriver(location.file) : openPgDriver(location.url);
  const storage = createSqlStorage(driver);
  try {
    await storage.init(options);
  } catch (e) {
    await storage.close();
    throw e;
  }
  return storage;
}
