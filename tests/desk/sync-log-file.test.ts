/** The desktop app's sync lines, kept in the data folder for the technician: stamped, capped, and never in the way. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncLogFile } from '../../electron/desk/sync/sync-log-file';
import { tempFolder } from '../support/temp-folders';

const at = new Date('2026-12-02T03:04:05.000Z');

describe('the sync log file', () => {
  it('keeps each line in logs/sync.log with the time in Vietnam', () => {
    const dir = tempFolder('motcua-synclog-');
    const log = syncLogFile(dir, 1024, () => at);
    log('sync: server answered 503 server_unavailable');
    log('sync: local failure SqliteError (SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: events.id)');
    expect(readFileSync(path.join(dir, 'logs', 'sync.log'), 'utf8')).toBe(
      '2026-12-02T10:04:05+07:00 sync: server answered 503 server_unavailable\n' +
        '2026-12-02T10:04:05+07:00 sync: local failure SqliteError (SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: events.id)\n',
    );
  });

  it('starts a new file past its cap, keeping one before it, so a desk failing for months does not fill its disk', () => {
    const dir = tempFolder('motcua-synclog-');
    const log = syncLogFile(dir, 200, () => at);
    for (let i = 0; i < 50; i++) log(`sync: server answered 503 server_unavailable (${i})`);
    const files = readdirSync(path.join(dir, 'logs')).sort();
    expect(files).toEqual(['sync.log', 'sync.log.1']);
    const current = readFileSync(path.join(dir, 'logs', 'sync.log'), 'utf8');
    expect(current.length).toBeLessThan(200 + 100);
    expect(current.trimEnd().split('\n').at(-1)).toContain('(49)');
  });

  it('drops a line it cannot write, and the caller goes on', () => {
    const dir = tempFolder('motcua-synclog-');
    // Where the folder should be, a file (a full disk or a read-only folder fail the same way: the write throws).
    writeFileSync(path.join(dir, 'logs'), 'not a folder');
    const log = syncLogFile(dir, 1024, () => at);
    expect(() => log('sync: server answered 503 server_unavailable')).not.toThrow();
    expect(readFileSync(path.join(dir, 'logs'), 'utf8')).toBe('not a folder');
  });
});
