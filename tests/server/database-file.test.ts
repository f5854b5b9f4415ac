/** The server's SQLite file holds the district's personal data: a new one is readable by its own account only. */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../server/storage/open';
import { backupSqlite } from '../../server/storage/sqlite-files';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe.runIf(process.platform !== 'win32')('the server database file', () => {
  it('is created readable and writable by the server’s account only, with its WAL and its backups', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'motcua-server-file-'));
    const file = path.join(dir, 'server.db');
    const storage = await openStorage({ kind: 'sqlite', file });
    try {
      await storage.init();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    } finally {
      await storage.close();
    }
    // And so is a backup of it.
    await backupSqlite(file, path.join(dir, 'server-backup.db'));
    expect(statSync(path.join(dir, 'server-backup.db')).mode & 0o777).toBe(0o600);
  });

  it('keeps the mode an operator gave an existing file', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'motcua-server-file-'));
    const file = path.join(dir, 'server.db');
    writeFileSync(file, '');
    chmodSync(file, 0o640);
    const storage = await openStorage({ kind: 'sqlite', file });
    try {
      await storage.init();
      expect(statSync(file).mode & 0o777).toBe(0o640);
    } finally {
      await storage.close();
    }
  });
});
