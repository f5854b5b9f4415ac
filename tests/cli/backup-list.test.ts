/** `motcua backup list`: when each backup was taken, as a person at the desk reads a time (dd/mm/yyyy HH:mm, Vietnam). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupCommand } from '../../cli/commands/backup';
import { backupFileName } from '../../electron/desk/backup/backup-files';
import { deskPaths } from '../../electron/desk/paths';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('motcua backup list', () => {
  it('prints the time each backup was taken as dd/mm/yyyy HH:mm, not an ISO string', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'motcua-backup-list-'));
    const backups = deskPaths(dir).backups;
    mkdirSync(backups, { recursive: true });
    writeFileSync(path.join(backups, backupFileName('daily', '2026-11-27T22:45:03+07:00')), 'x');
    const out: string[] = [];
    const code = await backupCommand.run(['list', '--data-dir', dir], { out: (l) => void out.push(l), err: (l) => void out.push(l) });
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^27\/11\/2026 22:45 {2}daily /);
  });
});
