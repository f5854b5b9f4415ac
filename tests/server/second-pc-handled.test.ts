/**
 * The administrator says a desk's second PC was dealt with (`motcua server second-pc-handled`, POST
 * /v1/admin/desks/ID/second-pc-handled): the list of desks stops warning, yet the push keeps telling a fork it has
 * seen from a new one. On SQLite and on PostgreSQL, through the real server and the real command.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushOutcome, WireEvent } from '../../shared/sync/messages';
import { serverCommand } from '../../cli/commands/server';
import { openStorage } from '../../server/storage/open';
import type { ServerStorage } from '../../server/storage/contract';
import { motcua } from '../support/cli';
import { tempFolder } from '../support/temp-folders';
import { startPgCluster, type PgCluster } from '../support/pg';
import { admin, CITIZEN, COMMUNE_A, PORTAL_TOKEN, protocolHeaders, seedUnits, SimDesk, startTestServer, type TestServer } from './support';

let cluster: PgCluster | undefined;
afterAll(() => cluster?.stop());

/** A fresh server database, and the words that point `motcua server` at it. */
const backends = [
  {
    name: 'SQLite',
    fresh: async (): Promise<{ storage: ServerStorage; where: string[] }> => {
      const file = path.join(tempFolder('motcua-second-pc-'), 'server.db');
      return { storage: await openStorage({ kind: 'sqlite', file }), where: ['--db', file] };
    },
  },
  {
    name: 'PostgreSQL',
    fresh: async (): Promise<{ storage: ServerStorage; where: string[] }> => {
      cluster ??= await startPgCluster();
      const url = await cluster.createDatabase();
      return { storage: await openStorage({ kind: 'postgres', url }), where: ['--pg', url] };
    },
  },
];

interface Shown {
  deviceId: string;
  secondPcSeen: { deviceSeq: number; at: string; latestSeq?: number; latestAt?: string; handledAt?: string } | null;
}

describe.each(backends)('a second PC handled, on $name', (backend) => {
  let server: TestServer;
  let where: string[];
  let clock: Date;
  let desk: SimDesk;
  const lines: string[] = [];
  const cli = (action: string, ...args: string[]) => motcua(serverCommand, action, ...where, ...args);

  beforeEach(async () => {
    const fresh = await backend.fresh();
    where = fresh.where;
    clock = new Date('2026-03-02T02:00:00Z');
    lines.length = 0;
    server = await startTestServer({
      storage: fresh.storage,
      now: () => clock,
      logger: { level: 'info', stream: { write: (line) => void lines.push(line) } },
    });
    await seedUnits(server.app);
    desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
  }, 60_000);
  afterEach(() => server.close());

  /** Another PC with `of`'s data as it stood: the same device, numbering on from the same place. */
  const copyOf = (of: SimDesk): SimDesk => {
    const copy = new SimDesk(server.app, of.deviceId, of.secret, of.unitCode, of.deskNumber);
    Object.assign(copy, { seq: of.seq, lastHash: of.lastHash, epoch: of.epoch });
    return copy;
  };

  /**
   * The desk sends 1, is copied, and sends 2 and 3; the copy receives three citizens of its own (2', 3', 4') and
   * sends them: 2' and 3' are refused, 4' held back, and the desk is noted at 2.
   */
  async function forked(): Promise<{ copy: SimDesk; theirs: WireEvent[] }> {
    await desk.push([desk.receive()]);
    const copy = copyOf(desk);
    await desk.push([desk.receive(), desk.receive()]);
    const theirs = [copy.receive(), copy.receive(), copy.receive()];
    clock = new Date('2026-03-02T03:00:00Z');
    const told = await copy.push(theirs);
    expect(outcomes(told.outcomes)).toEqual(['quarantined:sequence_reused', 'quarantined:sequence_reused', 'retry:busy']);
    return { copy, theirs };
  }

  const outcomes = (list: PushOutcome[]) =>
    list.map((o) => `${o.outcome}:${'reasonCode' in o ? o.reasonCode : 'reason' in o ? o.reason : ''}`);

  async function secondPcSeen(): Promise<Shown['secondPcSeen']> {
    const res = await admin(server.app, 'GET', '/v1/admin/desks');
    expect(res.statusCode).toBe(200);
    return (res.json() as { desks: Shown[] }).desks.find((d) => d.deviceId === desk.deviceId)!.secondPcSeen;
  }

  const handle = (deviceId: string, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url: `/v1/admin/desks/${deviceId}/second-pc-handled`,
      headers: { ...protocolHeaders, ...headers },
    });

  it('once handled, list-desks and secondPcSeen stop warning, and a record refused before, sent again, is neither held nor noted again', async () => {
    const { copy, theirs } = await forked();
    expect(await secondPcSeen()).toMatchObject({ deviceSeq: 2 });
    const before = await cli('list-desks');
    expect(before.out).toContain('⚠ Hai máy tính đang làm quầy này');
    // The warning names the command that clears it, on this database.
    expect(before.out).toContain(`motcua server second-pc-handled ${where[0]} `);
    expect(before.out).toContain(`--device ${desk.deviceId}`);

    clock = new Date('2026-03-02T04:00:00Z');
    const done = await cli('second-pc-handled', '--device', desk.deviceId);
    expect(done.code).toBe(0);
    expect(done.out).toContain(`Đã ghi nhận: máy tính thứ hai của thiết bị ${desk.deviceId} (quầy số 1 của đơn vị ${COMMUNE_A}) đã được xử lý`);
    expect(done.out).toContain(`Noted: the second PC of device ${desk.deviceId} (desk 1 of unit ${COMMUNE_A}) is handled`);

    expect(await secondPcSeen()).toBeNull();
    const after = await cli('list-desks');
    expect(after.code).toBe(0);
    expect(after.out).toContain(`device ${desk.deviceId}`);
    expect(after.out).not.toContain('⚠');

    // The copy (a desk of an earlier release, which kept sending) sends the same records again: nothing new is
    // noted and nothing held, as before the warning was cleared.
    clock = new Date('2026-03-02T05:00:00Z');
    const again = await copy.push(theirs);
    expect(outcomes(again.outcomes).slice(0, 2)).toEqual(['quarantined:sequence_reused', 'quarantined:sequence_reused']);
    expect(again.outcomes[2]!.outcome).not.toBe('retry');
    expect(await secondPcSeen()).toBeNull();
    expect((await cli('list-desks')).out).not.toContain('⚠');
  });

  it('a fork past the one handled is shown again with its own first number and time, and its records are held back', async () => {
    await forked();
    clock = new Date('2026-03-02T04:00:00Z');
    const handled = await admin(server.app, 'POST', `/v1/admin/desks/${desk.deviceId}/second-pc-handled`);
    expect(handled.statusCode).toBe(200);
    expect(handled.json()).toMatchObject({
      deviceId: desk.deviceId,
      unitCode: COMMUNE_A,
      deskNumber: 1,
      secondPcSeen: null,
      secondPcHandled: { deviceSeq: 2, latestSeq: 2, handledAt: '2026-03-02T11:00:00+07:00' },
    });
    // Said to the log with the device and its numbers, nothing about the citizens behind the records.
    const logged = lines.filter((l) => l.includes('admin: second PC handled'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(desk.deviceId);
    for (const personal of [CITIZEN.name, CITIZEN.idNumber, CITIZEN.phone]) expect(logged[0]).not.toContain(personal);

    // The desk's PC is copied once more (a third PC), after its 4th record; both go on.
    await desk.push([desk.receive()]);
    const third = copyOf(desk);
    await desk.push([desk.receive()]);
    clock = new Date('2026-03-09T02:30:00Z');
    const told = await third.push([third.receive(), third.receive()]);
    expect(outcomes(told.outcomes)).toEqual(['quarantined:sequence_reused', 'retry:busy']);

    // Its own first number and time: not the old fork's, and not "the latest" of it.
    const seen = await secondPcSeen();
    expect(seen).toEqual({ deviceSeq: 5, at: '2026-03-09T09:30:00+07:00', latestSeq: 5, latestAt: '2026-03-09T09:30:00+07:00' });
    const list = await cli('list-desks');
    expect(list.out).toContain('lúc 09/03/2026 09:30 một máy gửi bản ghi mang số thứ tự 5');
    expect(list.out).not.toContain('Lần gần nhất');
    // And it can be handled in its turn.
    expect((await cli('second-pc-handled', '--device', desk.deviceId)).code).toBe(0);
    expect(await secondPcSeen()).toBeNull();
  });

  it('another PC copied from the same image as the one handled, forking at the same numbers, warns again (QA)', async () => {
    // The image: the desk's data after its 1st record. A first PC from it sends 2' and 3' and is handled.
    await desk.push([desk.receive()]);
    const image = copyOf(desk);
    const first = copyOf(image);
    await desk.push([desk.receive(), desk.receive(), desk.receive()]);
    expect(outcomes((await first.push([first.receive(), first.receive()])).outcomes)).toEqual(['quarantined:sequence_reused', 'quarantined:sequence_reused']);
    expect((await admin(server.app, 'POST', `/v1/admin/desks/${desk.deviceId}/second-pc-handled`)).statusCode).toBe(200);

    // The same image put on another PC: its own citizens under 2'' and 3''.
    clock = new Date('2026-03-10T02:00:00Z');
    const second = copyOf(image);
    const told = await second.push([second.receive(), second.receive()]);
    expect(outcomes(told.outcomes)).toEqual(['quarantined:sequence_reused', 'quarantined:sequence_reused']);
    expect(await secondPcSeen()).toEqual({ deviceSeq: 2, at: '2026-03-10T09:00:00+07:00', latestSeq: 2, latestAt: '2026-03-10T09:00:00+07:00' });
    expect((await cli('list-desks')).out).toContain('lúc 10/03/2026 09:00 một máy gửi bản ghi mang số thứ tự 2');
    expect(lines.some((l) => l.includes('sequence number reused'))).toBe(true);
  });

  it('refuses an unknown device, the portal, a desk with no second PC and one already handled, in both languages, changing nothing', async () => {
    const other = await SimDesk.enrol(server.app, COMMUNE_A, 2);

    const unknown = await admin(server.app, 'POST', '/v1/admin/desks/no-such-device/second-pc-handled');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      error: { code: 'not_found', message: { vi: 'Không có quầy nào với mã thiết bị này. Chưa thay đổi gì.' } },
    });
    const portal = await admin(server.app, 'POST', `/v1/admin/desks/${await server.storage.portalDeviceId()}/second-pc-handled`);
    expect(portal.statusCode).toBe(404);

    const none = await admin(server.app, 'POST', `/v1/admin/desks/${other.deviceId}/second-pc-handled`);
    expect(none.statusCode).toBe(409);
    const noneBody = none.json() as { error: { code: string; message: { vi: string; en: string } } };
    expect(noneBody.error.code).toBe('nothing_to_clear');
    expect(noneBody.error.message.vi).toContain('Chưa có máy tính thứ hai nào làm quầy số 2');
    expect(noneBody.error.message.en).toContain('there is no warning to clear');

    const cliUnknown = await cli('second-pc-handled', '--device', 'no-such-device');
    expect(cliUnknown.code).toBe(1);
    expect(cliUnknown.err).toContain('Máy chủ không có quầy nào với mã thiết bị no-such-device');
    expect(cliUnknown.err).toContain('No desk with device id no-such-device on this server');
    const cliNone = await cli('second-pc-handled', '--device', other.deviceId);
    expect(cliNone.code).toBe(1);
    expect(cliNone.err).toContain('không có cảnh báo nào để xoá');
    expect(cliNone.err).toContain('there is no warning to clear');
    expect((await cli('second-pc-handled')).err).toContain('second-pc-handled cần có --device MÃ');

    await forked();
    expect((await cli('second-pc-handled', '--device', desk.deviceId)).code).toBe(0);
    const twice = await cli('second-pc-handled', '--device', desk.deviceId);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('đã được đánh dấu là đã xử lý');
    expect(twice.err).toContain('was already marked handled');
    const twiceHttp = await admin(server.app, 'POST', `/v1/admin/desks/${desk.deviceId}/second-pc-handled`);
    expect(twiceHttp.statusCode).toBe(409);
    expect(twiceHttp.json()).toMatchObject({ error: { code: 'nothing_to_clear' } });
    expect(await server.storage.deviceForks()).toEqual(new Map([[desk.deviceId, expect.objectContaining({ deviceSeq: 2, latestSeq: 2 })]]));
  });

  it('over HTTP, only with the administrator token', async () => {
    await forked();
    for (const authorization of [undefined, `Bearer ${PORTAL_TOKEN}`, desk.headers.authorization!]) {
      const res = await handle(desk.deviceId, authorization ? { authorization } : {});
      expect(res.statusCode).toBe(401);
    }
    expect(await secondPcSeen()).toMatchObject({ deviceSeq: 2 });
    expect((await cli('list-desks')).out).toContain('⚠ Hai máy tính đang làm quầy này');
  });
});
