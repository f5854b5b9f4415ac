/**
 * Two server instances on one PostgreSQL database (a district running two behind a load balancer): a technician's
 * edit of the catalog or the calendar names the version it was read at, and one published meanwhile by the other
 * instance is not overwritten unawares. The check was serialised only within one process, so both instances could
 * find version 0 current and both publish: the second silently dropped the first's change. The storage now compares
 * and stores in one transaction (storage/contract.ts putDocument).
 *
 * To make the race happen every time, each instance's storage holds back a read of the current document until the
 * other instance has read it too (or a moment has passed, for code that reads it only once or not at all).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerStorage } from '../../server/storage/contract';
import { openStorage } from '../../server/storage/open';
import { startPgCluster, type PgCluster } from '../support/pg';
import { admin, startTestServer, type TestServer } from './support';

let cluster: PgCluster | undefined;
const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  cluster?.stop();
});

/** Lets those who wait go on once `parties` of them wait, or after `ms`. */
function barrier(parties: number, ms = 300): () => Promise<void> {
  let waiting = 0;
  let release!: () => void;
  const open = new Promise<void>((resolve) => {
    release = resolve;
    setTimeout(resolve, ms);
  });
  return () => {
    if (++waiting >= parties) release();
    return open;
  };
}

/** The storage, with each read of the current document held at `wait` while `racing` says so. */
function holdingReads(storage: ServerStorage, race: { wait?: () => Promise<void> }): ServerStorage {
  return new Proxy(storage, {
    get(target, key) {
      if (key === 'document') {
        return async (kind: 'catalog' | 'calendar') => {
          const read = await target.document(kind);
          await race.wait?.();
          return read;
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function twoServers(race: { wait?: () => Promise<void> }): Promise<[TestServer, TestServer]> {
  cluster ??= await startPgCluster();
  const url = await cluster.createDatabase();
  const start = async () => startTestServer({ storage: holdingReads(await openStorage({ kind: 'postgres', url }), race) });
  const pair: [TestServer, TestServer] = [await start(), await start()];
  servers.push(...pair);
  return pair;
}

describe('two servers on one PostgreSQL database', () => {
  it('publish an edit of the catalog made from version 0 once: the other is refused, and nothing of the first is lost', async () => {
    const race: { wait?: () => Promise<void> } = {};
    const [a, b] = await twoServers(race);
    const read = (await admin(a.app, 'GET', '/v1/admin/catalog')).json() as { version: number; procedures: unknown[] };
    expect(read.version).toBe(0);
    const edits = [read.procedures.slice(1), read.procedures.slice(2)];
    race.wait = barrier(2);
    const puts = await Promise.all([a, b].map((s, i) => admin(s.app, 'PUT', '/v1/admin/catalog', { version: 0, procedures: edits[i] })));
    delete race.wait;
    expect(puts.map((p) => p.statusCode).sort()).toEqual([200, 409]);
    const won = puts.findIndex((p) => p.statusCode === 200);
    expect(puts[won]!.json()).toEqual({ kind: 'catalog', version: 1 });
    expect(puts[1 - won]!.json()).toMatchObject({ error: { code: 'document_version_conflict' } });
    expect(puts[1 - won]!.json().error.message.en).toContain('now at version 1');
    for (const s of [a, b]) expect((await admin(s.app, 'GET', '/v1/admin/catalog')).json()).toEqual({ version: 1, procedures: edits[won] });

    // The refused edit, made again over version 1, is published as version 2.
    const again = await admin([a, b][1 - won]!.app, 'PUT', '/v1/admin/catalog', { version: 1, procedures: edits[1 - won] });
    expect(again.json()).toEqual({ kind: 'catalog', version: 2 });
  }, 60_000);

  it('and the same for the calendar', async () => {
    const race: { wait?: () => Promise<void> } = { wait: barrier(2) };
    const [a, b] = await twoServers(race);
    const calendars = [{ years: [] }, { officeHours: { sameDayCutoff: '14:30' } }];
    const puts = await Promise.all([a, b].map((s, i) => admin(s.app, 'PUT', '/v1/admin/calendar', { version: 0, ...calendars[i] })));
    delete race.wait;
    expect(puts.map((p) => p.statusCode).sort()).toEqual([200, 409]);
    const won = puts.findIndex((p) => p.statusCode === 200);
    expect((await admin(b.app, 'GET', '/v1/admin/calendar')).json()).toEqual({ version: 1, ...calendars[won] });
  }, 60_000);
});
