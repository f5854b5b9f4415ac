/**
 * The data folder holds citizens' personal data (database, backups, scans): another account on the same PC must not
 * read it (DESIGN §8, protected at rest). POSIX modes; Windows relies on its per-user data folder.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupCommand } from '../../cli/commands/backup';
import { makeTestDesk, tempDir, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const modeOf = (dir: string) => statSync(dir).mode & 0o777;

describe.runIf(process.platform !== 'win32')('the desk data folder', () => {
  it('is made readable by this account only', async () => {
    const dir = path.join(tempDir(), 'MotCua');
    t = await makeTestDesk({ dir });
    expect(modeOf(dir)).toBe(0o700);
  });

  it('is tightened when it was left open to other accounts (an older version, a copied folder)', async () => {
    const dir = path.join(tempDir(), 'MotCua');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    t = await makeTestDesk({ dir });
    expect(modeOf(dir)).toBe(0o700);
  });

  it('is made so by a restore from the command line onto a new PC', async () => {
    t = await makeTestDesk();
    const backup = await t.desk.backups.create({ kind: 'manual' });
    const fresh = path.join(tempDir(), 'new-pc', 'data');
    const io = { out: () => undefined, err: () => undefined };
    expect(await backupCommand.run(['restore', '--data-dir', fresh, '--from', backup.file], io)).toBe(0);
    expect(modeOf(fresh)).toBe(0o700);
  });
});
