/**
 * A server restored without the catalog and calendar published after its backup (a new machine, an unreadable
 * database, the move to PostgreSQL): its versions start again from the backup's, below the ones the desks hold. The
 * desks, told of the new epoch, take the catalog and calendar the restored server holds, and then the next ones it
 * publishes, whose version numbers they have already seen. Before, a desk kept the lost versions and compared the
 * new ones with them: it never fetched again, offered a procedure the district no longer had and refused one the
 * portal was already submitting.
 */
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Procedure } from '../../shared/domain/procedure';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { backupSqlite, restoreSqlite } from '../../server/storage/sqlite-files';
import { admin } from '../server/support';
import { LinkProxy } from '../support/link-proxy';
import { tempFolder } from '../support/temp-folders';
import { DISTRICT, makeSyncDesk, ordinaryProcedure, syncUntilSettled, startSyncServer, type SyncDesk, type SyncServer } from './support/harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

const procedure = (n: number): Procedure => ({ ...ordinaryProcedure, code: `1.88880${n}.000.00.00.H56`, name: `Thủ tục thử ${n}` });
const year = new Date().getUTCFullYear() + 1;
const dayOff = (day: string, name: string) => ({ date: `${year}-${day}`, name });

async function publish(server: SyncServer, extra: Procedure[], daysOff: { date: string; name: string }[]): Promise<void> {
  expect((await admin(server.app, 'PUT', '/v1/admin/catalog', { procedures: [...seedProcedures, ...extra] })).statusCode).toBe(200);
  expect((await admin(server.app, 'PUT', '/v1/admin/calendar', { years: [{ year, daysOff }] })).statusCode).toBe(200);
}

async function held(d: SyncDesk) {
  const procedures = await d.must('catalog.procedures', {});
  const calendar = new WorkingCalendar((await d.must('calendar.get', {})).effective);
  return {
    offered: procedures.filter((p) => !p.retired && p.code.startsWith('1.88880')).map((p) => p.code).sort(),
    daysOff: ['03-10', '03-11', '03-12'].filter((day) => calendar.dayOffName(`${year}-${day}`) !== undefined),
  };
}

it('a server restored on a new machine: the desk takes the catalog and calendar it holds, then the next ones it publishes', async () => {
  let server = await startSyncServer();
  cleanups.push(() => server.close());
  const proxy = await LinkProxy.start({ target: { host: '127.0.0.1', port: server.port } });
  cleanups.push(() => proxy.close());
  const d = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 1, serverUrl: proxy.url });
  cleanups.push(() => d.close());

  await publish(server, [procedure(1)], [dayOff('03-10', 'Nghỉ theo quyết định của huyện')]);
  await syncUntilSettled([d]);
  const backup = path.join(tempFolder('motcua-restore-documents-'), 'backup.db');
  await backupSqlite(server.file, backup);
  // Published after the backup, taken by the desk, lost with the machine.
  await publish(server, [procedure(1), procedure(2)], [dayOff('03-10', 'Nghỉ theo quyết định của huyện'), dayOff('03-11', 'Nghỉ bù')]);
  await syncUntilSettled([d]);
  expect(await held(d)).toEqual({ offered: [procedure(1).code, procedure(2).code], daysOff: ['03-10', '03-11'] });

  await server.stop();
  const moved = path.join(tempFolder('motcua-restore-documents-'), 'server.db');
  await restoreSqlite(moved, backup);
  server = await startSyncServer({ file: moved, port: server.port });
  proxy.target = { host: '127.0.0.1', port: server.port };
  await syncUntilSettled([d]);
  // What the restored server holds, not what it lost.
  expect(await held(d)).toEqual({ offered: [procedure(1).code], daysOff: ['03-10'] });

  // The next publications carry the version numbers of the lost ones.
  await publish(server, [procedure(1), procedure(3)], [dayOff('03-10', 'Nghỉ theo quyết định của huyện'), dayOff('03-12', 'Nghỉ lễ hội')]);
  await syncUntilSettled([d]);
  expect(await held(d)).toEqual({ offered: [procedure(1).code, procedure(3).code], daysOff: ['03-10', '03-12'] });
}, 60_000);
