/** `motcua verify` as a technician runs it on a desk whose file was edited behind its back: what is wrong, and what to do. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../cli/commands/verify';
import { openDatabase } from '../../electron/desk/db/open-database';
import { makeTestDesk, receiveDossier, type TestDesk } from '../desk/helpers';

let t: TestDesk | undefined;
afterEach(() => t?.cleanup());

describe('motcua verify on a broken hash chain', () => {
  it('names the event and says how to get a sound copy back', async () => {
    t = await makeTestDesk();
    await receiveDossier(t, 'Nguyễn Văn Đức');
    t.desk.close();
    const db = openDatabase({ file: path.join(t.dir, 'desk.sqlite') });
    const victim = db.prepare('SELECT id FROM events LIMIT 1').get() as { id: string };
    db.prepare('UPDATE events SET device_time = ? WHERE id = ?').run('2020-01-01T00:00:00+07:00', victim.id);
    db.close();

    const out: string[] = [];
    const err: string[] = [];
    expect(await verifyCommand.run(['--data-dir', t.dir], { out: (l) => void out.push(l), err: (l) => void err.push(l) })).toBe(1);
    // Vietnamese first, then English (tests/cli/verify-in-vietnamese.test.ts).
    expect(err[0]).toContain(`sự kiện ${victim.id}`);
    expect(err[1]).toContain(`event ${victim.id}`);
    expect(err).toContain(
      `Restore the latest backup: motcua backup list --data-dir ${t.dir}, then motcua backup restore --data-dir ${t.dir} --from FILE`,
    );
  });
});
