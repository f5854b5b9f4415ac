/**
 * Opens the server's database for the report projection, the import and the publication feed: the storage and
 * the report tables on one driver (one connection for SQLite, so our writes queue with the sync writes instead
 * of blocking them).
 */
import type { ServerStorage } from '../storage/contract';
import type { StorageLocation } from '../storage/open';
import { openPgDriver } from '../storage/pg-driver';
import type { SqlDriver } from '../storage/sql-driver';
import { createSqlStorage } from '../storage/sql-storage';
import { openSqliteDriver } from '../storage/sqlite-driver';
import type { UpgradeOptions } from '../storage/upgrade-needed';
import { ensureReportSchema } from './schema';

export interface ReportingStorage {
  storage: ServerStorage;
  driver: SqlDriver;
  close(): Promise<void>;
}

export async function openReportingStorage(location: StorageLocation, options: UpgradeOptions = {}): Promise<ReportingStorage> {
  const driver = location.kind === 'sqlite' ? openSqliteDriver(location.file) : openPgDriver(location.url);
  const storage = createSqlStorage(driver);
  try {
    await storage.init(options);
    await ensureReportSchema(driver, options);
  } catch (e) {
    await storage.close();
    throw e;
  }
  return { storage, driver, close: () => storage.close() };
}
