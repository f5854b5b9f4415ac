/**
 * The sync protocol end to end through the real server (SQLite) with simulated desks: enrolment, push and
 * pull, duplicates, gaps, quarantine, scope, revocation, protocol versions, online submissions, transfers.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../shared/sync/messages';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import {
  A_MONTH_AGO,
  admin,
  adminHeaders,
  CITIZEN,
  COMMUNE_A,
  COMMUNE_B,
  DISTRICT,
  PORTAL_TOKEN,
  protocolHeaders,
  seedUnits,
  SimDesk,
  startTestServer,
  type TestServer,
} from './support';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  await seedUnits(server.app);
});
afterEach(() => server.close());

describe('enrolment', () => {
  it('turns a one-time code into a device id and secret, and refuses the code the second time', async () => {
    const created = await admin(server.app, 'POST', '/v1/admin/desks', {
      unitCode: COMMUNE_A,
      deskNumber: 2,
    });
    expect(created.statusCode).toBe(201);
    const { enrolmentCode, deviceId } = created.json();
    // Clerks type codes by hand: lower case and missing dashes are fine.
    const typed = enrolmentCode.toLowerCase().replace(/-/g, ' ');
    const first = await server.app.inject({
      method: 'POST',
      url: '/v1/enrol',
      headers: protocolHeaders,
      payload: { code: typed, deviceName: 'PC quầy 2' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      deviceId,
      unitCode: COMMUNE_A,
      deskNumber: 2,
      epoch: await server.storage.epoch(),
    });
    expect(first.json().secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const stored = await server.storage.device(deviceId);
    expect(stored?.secretHash).not.toContain(first.json().secret);

    const again = await server.app.inject({
      method: 'POST',
      url: '/v1/enrol',
      headers: protocolHeaders,
      payload: { code: enrolmentCode },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('enrolment_code_invalid');
    expect(again.json().error.message.vi).toContain('Mã đăng ký');
  });

  it('refuses an expired code', async () => {
    const later = await startTestServer({
      storage: server.storage,
      now: () => new Date(Date.now() + 8 * 86_400_000),
    });
    const { enrolmentCode } = (
      await admin(server.app, 'POST', '/v1/admin/desks', { unitCode: COMMUNE_A, deskNumber: 3 })
    ).json();
    const res = await later.app.inject({
      method: 'POST',
      url: '/v1/enrol',
      headers: protocolHeaders,
      payload: { code: enrolmentCode },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('enrolment_code_invalid');
    await later.app.close();
  });

  it('refuses a second live device for one desk number, until the first is revoked', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const clash = await admin(server.app, 'POST', '/v1/admin/desks', { unitCode: COMMUNE_A, deskNumber: 1 });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('desk_taken');
    expect((await admin(server.app, 'POST', `/v1/admin/desks/${desk.deviceId}/revoke`)).statusCode).toBe(200);
    expect(
      (await admin(server.app, 'POST', '/v1/admin/desks', { unitCode: COMMUNE_A, deskNumber: 1 })).statusCode,
    ).toBe(201);
  });
});

describe('push and pull', () => {
  it('accepts events in order, gives each a server sequence, and delivers them to the other desks of the unit', async () => {
    const desk1 = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const desk2 = await SimDesk.enrol(server.app, COMMUNE_A, 2);
    const received = desk1.receive();
    const transferred = desk1.event(
      'dossier.transferred',
      { toAgency: 'Phòng Tư pháp' },
      received.dossierId,
      1,
    );
    const result = await desk1.push([received, transferred], { gzip: true });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
    const seqs = result.outcomes.map((o) => (o.outcome === 'accepted' ? o.serverSeq : 0));
    expect(seqs[1]).toBeGreaterThan(seqs[0]!);

    const pulled = await desk2.pullAll();
    expect(pulled.map((e) => [e.id, e.serverSeq])).toEqual([
      [received.id, seqs[0]],
      [transferred.id, seqs[1]],
    ]);
    // The event arrives exactly as it was hashed, so the other desk can verify it.
    const { serverSeq: _s, serverTime, ...asSent } = pulled[0]!;
    expect(asSent).toEqual(received);
    expect(serverTime).toMatch(/\+07:00$/);
    // The pushing desk is not sent its own events back: it has them, and 2G bytes are dear…
    expect(await desk1.pullAll()).toEqual([]);
    // …unless it asks, as a desk restored from its own backup does to recover what it wrote since.
    const own = await server.app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: desk1.headers,
      payload: { cursor: 0, epoch: desk1.epoch, includeOwn: true },
    });
    expect(own.json().events.map((e: { id: string }) => e.id)).toEqual([received.id, transferred.id]);
  });

  it('acknowledges a resent batch again with the same server sequences and stores nothing twice', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const events = [desk.receive(), desk.receive(), desk.receive()];
    const first = await desk.push(events);
    const again = await desk.push(events);
    expect(again.outcomes.map((o) => o.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.outcomes.map((o) => ('serverSeq' in o ? o.serverSeq : null))).toEqual(
      first.outcomes.map((o) => ('serverSeq' in o ? o.serverSeq : null)),
    );
    expect(await server.storage.countEvents()).toBe(3);
  });

  it('refuses a gap and names the sequence to resend from, then accepts the resend', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const [e1, e2, e3] = [desk.receive(), desk.receive(), desk.receive()];
    await desk.push([e1!]);
    const gap = await desk.push([e3!]);
    expect(gap.expectedSeq).toBe(2);
    expect(gap.outcomes).toEqual([{ eventId: e3!.id, deviceSeq: 3, outcome: 'retry', reason: 'gap' }]);
    expect(await server.storage.countEvents()).toBe(1);
    const resend = await desk.push([e2!, e3!]);
    expect(resend.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
    expect(resend.expectedSeq).toBeUndefined();
  });

  it('quarantines an event for a dossier of another unit, keeps it for review, and accepts the events behind it', async () => {
    const deskA = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const deskB = await SimDesk.enrol(server.app, COMMUNE_B, 1);
    const theirs = deskB.receive();
    await deskB.push([theirs]);

    const intrusion = deskA.event('dossier.withdrawn', { reason: 'Công dân rút hồ sơ' }, theirs.dossierId, 1);
    const foreignUnit = deskA.event(
      'dossier.received',
      deskA.receivedPayload({ unitCode: COMMUNE_B, code: `${COMMUNE_B}-260302-1099` }),
    );
    const own = deskA.receive();
    const result = await deskA.push([intrusion, foreignUnit, own]);
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['quarantined', 'quarantined', 'accepted']);
    const q = result.outcomes[0]!;
    expect(q.outcome === 'quarantined' && q.reasonCode).toBe('out_of_scope');
    expect(q.outcome === 'quarantined' && q.reason.vi).toContain('không thuộc đơn vị');

    // Kept on the server for a person to look at, and never delivered to the other unit's desks.
    const quarantine = (await admin(server.app, 'GET', '/v1/admin/quarantine')).json().quarantine;
    expect(quarantine.map((x: { eventId: string }) => x.eventId).sort()).toEqual(
      [intrusion.id, foreignUnit.id].sort(),
    );
    expect(await deskB.pullAll()).toEqual([]);
    // Resending the quarantined event gets the same answer, not a second record.
    const again = await deskA.push([intrusion]);
    expect(again.outcomes[0]).toMatchObject({ outcome: 'quarantined', reasonCode: 'out_of_scope' });
  });

  it("quarantines a reception under another unit's code, so that unit's own reception of that code still goes in", async () => {
    const deskA = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const deskB = await SimDesk.enrol(server.app, COMMUNE_B, 1);
    // Filed under the desk's own unit, but numbered as commune B's next dossier of the day.
    const squat = deskA.receive({ code: `${COMMUNE_B}-260302-1001` });
    const squatOutcome = (await deskA.push([squat])).outcomes[0];
    expect(squatOutcome).toMatchObject({ outcome: 'quarantined', reasonCode: 'out_of_scope' });
    expect(squatOutcome?.outcome === 'quarantined' && squatOutcome.reason.en).toContain(`${COMMUNE_B}-260302-1001`);

    // On a dossier the desk may act on (its unit's online submission), the reception must be its unit's too.
    const submitted = await server.app.inject({
      method: 'POST',
      url: '/v1/portal/dossiers',
      headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
      payload: { unitCode: COMMUNE_A, procedureCode: '1.001612.000.00.00.H56', applicant: CITIZEN, components: [], portalRef: 'DVC-2026-000900', submittedAt: `${A_MONTH_AGO}T20:15:00+07:00` },
    });
    expect(submitted.statusCode).toBe(201);
    const moved = deskA.event(
      'dossier.received',
      deskA.receivedPayload({ channel: 'online', unitCode: COMMUNE_B, code: `${COMMUNE_B}-260302-1002` }),
      submitted.json().dossierId,
      1,
    );
    expect((await deskA.push([moved])).outcomes[0]).toMatchObject({ outcome: 'quarantined', reasonCode: 'out_of_scope' });

    const theirs = deskB.receive();
    expect((theirs.payload as { code: string }).code).toBe(`${COMMUNE_B}-260302-1001`);
    expect((await deskB.push([theirs])).outcomes[0]?.outcome).toBe('accepted');
  });

  it("quarantines an online submission pushed by a desk, so the portal's own submission under its reference still goes in", async () => {
    const deskA = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const deskB = await SimDesk.enrol(server.app, COMMUNE_B, 1);
    const submission = { procedureCode: '1.001612.000.00.00.H56', applicant: CITIZEN, components: [], portalRef: 'DVC-2026-000777', submittedAt: `${A_MONTH_AGO}T20:15:00+07:00` };
    const forged = deskA.event('dossier.submitted_online', { ...submission, unitCode: COMMUNE_A, channel: 'online' });
    expect((await deskA.push([forged])).outcomes[0]).toMatchObject({ outcome: 'quarantined', reasonCode: 'out_of_scope' });

    const real = await server.app.inject({
      method: 'POST',
      url: '/v1/portal/dossiers',
      headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
      payload: { ...submission, unitCode: COMMUNE_B },
    });
    expect(real.statusCode).toBe(201);
    expect(real.json().dossierId).not.toBe(forged.dossierId);
    expect((await deskB.pullAll()).map((e) => e.dossierId)).toEqual([real.json().dossierId]);
  });

  it('hands a desk that asks for its own events its quarantined ones too, with the last page only', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const own = Array.from({ length: 3 }, () => desk.receive());
    const foreign = desk.event('dossier.received', desk.receivedPayload({ unitCode: COMMUNE_B, code: `${COMMUNE_B}-260302-1099` }));
    await desk.push([...own, foreign]);
    const ask = (cursor: number, includeOwn: boolean) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: desk.headers,
        payload: { cursor, epoch: null, limit: 2, ...(includeOwn ? { includeOwn: true } : {}) },
      });
    const first = (await ask(0, true)).json();
    expect(first.hasMore).toBe(true);
    expect(first.ownQuarantined).toBeUndefined();
    const last = (await ask(first.nextCursor, true)).json();
    expect(last.hasMore).toBe(false);
    expect(last.ownQuarantined).toEqual([
      { event: foreign, reasonCode: 'out_of_scope', reason: expect.objectContaining({ vi: expect.stringContaining('không thuộc đơn vị') }) },
    ]);
    // A desk that does not ask for its own events gets none of them, quarantined or not.
    const plain = (await ask(0, false)).json();
    expect(plain.events).toEqual([]);
    expect(plain.ownQuarantined).toBeUndefined();
  });

  it('says how much of the feed is left when a pull asks on its first page, so a first pull shows its true length', async () => {
    const sender = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const puller = await SimDesk.enrol(server.app, COMMUNE_A, 2);
    await sender.push(Array.from({ length: 7 }, () => sender.receive()));
    const ask = (cursor: number, countRemaining: boolean, format?: 'compact-1') =>
      server.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: puller.headers,
        payload: { cursor, epoch: null, limit: 3, ...(countRemaining ? { countRemaining: true } : {}), ...(format ? { format } : {}) },
      });
    const first = (await ask(0, true)).json();
    expect(first.events).toHaveLength(3);
    expect(first.remaining).toBe(4);
    expect((await ask(0, true, 'compact-1')).json().remaining).toBe(4);
    // Not counted unless asked (later pages), nor on a last page (nothing is left).
    expect((await ask(first.nextCursor, false)).json().remaining).toBeUndefined();
    const second = (await ask(first.nextCursor, true)).json();
    expect(second.remaining).toBe(1);
    const last = (await ask(second.nextCursor, true)).json();
    expect(last.hasMore).toBe(false);
    expect(last.remaining).toBeUndefined();
  });

  it('quarantines a tampered event, a broken chain and an invalid payload without blocking what follows', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const tampered = desk.receive();
    tampered.payload = { ...tampered.payload, pin: '000000' };
    const invalid = desk.event(
      'dossier.received',
      desk.receivedPayload({ applicant: { ...CITIZEN, idNumber: '12' } }),
    );
    const ok1 = desk.receive();
    // Correctly hashed, but chained to an event the server never saw.
    desk.lastHash = 'f'.repeat(64);
    const broken = desk.receive();
    const ok2 = desk.event('dossier.returned', { returnedAt: '2026-03-09T10:00:00+07:00' }, ok1.dossierId, 2);
    const result = await desk.push([tampered, invalid, ok1, broken, ok2]);
    expect(result.outcomes.map((o) => (o.outcome === 'quarantined' ? o.reasonCode : o.outcome))).toEqual([
      'hash_mismatch',
      'invalid_event',
      'accepted',
      'chain_broken',
      'accepted',
    ]);
    expect(await server.storage.countEvents()).toBe(2);
  });

  it('quarantines a dossier code already given to another dossier', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const first = desk.receive();
    const clash = desk.event(
      'dossier.received',
      desk.receivedPayload({ code: (first.payload as { code: string }).code }),
    );
    const result = await desk.push([first, clash]);
    expect(result.outcomes[1]).toMatchObject({
      outcome: 'quarantined',
      reasonCode: 'duplicate_dossier_code',
    });
  });

  it('holds back an event for a dossier the server has not seen yet, with everything behind it', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const orphan = desk.event('dossier.stopped', { reason: 'Thiếu giấy tờ' }, randomUUID(), 3);
    const next = desk.receive();
    const result = await desk.push([orphan, next]);
    expect(result.outcomes.map((o) => (o.outcome === 'retry' ? o.reason : o.outcome))).toEqual([
      'dossier_unknown',
      'dossier_unknown',
    ]);
    expect(await server.storage.countEvents()).toBe(0);
  });

  it('refuses events signed as another device, storing nothing', async () => {
    const deskA = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const deskB = await SimDesk.enrol(server.app, COMMUNE_A, 2);
    const forged = deskB.receive();
    const res = await deskA.pushRaw([forged]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('device_mismatch');
    expect(await server.storage.countEvents()).toBe(0);
  });

  it('shows the district desk the dossiers transferred to it, with their history, and not the others', async () => {
    const commune = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const district = await SimDesk.enrol(server.app, DISTRICT, 1);
    const kept = commune.receive();
    const sent = commune.receive();
    const transfer = commune.event(
      'dossier.transferred',
      { toAgency: DISTRICT, note: 'Chuyển phòng Tài nguyên' },
      sent.dossierId,
      1,
    );
    await commune.push([kept, sent, transfer]);
    const seen = await district.pullAll();
    expect(seen.map((e) => e.id)).toEqual([sent.id, transfer.id]);

    // The district desk may now act on it, and the commune sees the result.
    const resolved = district.event(
      'dossier.resolved',
      { resolvedAt: '2026-03-05T15:00:00+07:00', resultDigitised: true },
      sent.dossierId,
      2,
    );
    expect((await district.push([resolved])).outcomes[0]?.outcome).toBe('accepted');
    expect((await commune.pullAll()).map((e) => e.id)).toEqual([resolved.id]);
    // …but not on the dossier the commune kept.
    const meddle = district.event('dossier.stopped', { reason: 'x' }, kept.dossierId, 1);
    expect((await district.push([meddle])).outcomes[0]).toMatchObject({
      outcome: 'quarantined',
      reasonCode: 'out_of_scope',
    });
  });

  it('pages a pull', async () => {
    const writer = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const reader = await SimDesk.enrol(server.app, COMMUNE_A, 2);
    const events = Array.from({ length: 25 }, () => writer.receive());
    await writer.push(events);
    const first = (await reader.pullPage(10)).json();
    expect(first.events).toHaveLength(10);
    expect(first.hasMore).toBe(true);
    reader.cursor = first.nextCursor;
    const rest = await reader.pullAll(10);
    expect([...first.events, ...rest].map((e: { id: string }) => e.id)).toEqual(events.map((e) => e.id));
  });
});

describe('online submissions from the national portal', () => {
  const submission = {
    unitCode: COMMUNE_A,
    procedureCode: '1.001612.000.00.00.H56',
    applicant: CITIZEN,
    components: [],
    portalRef: 'DVC-2026-000123',
    submittedAt: `${A_MONTH_AGO}T20:15:00+07:00`,
  };

  it('creates a status-1 dossier once per portal reference and sends it down to the unit desks', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const other = await SimDesk.enrol(server.app, COMMUNE_B, 1);
    const post = () =>
      server.app.inject({
        method: 'POST',
        url: '/v1/portal/dossiers',
        headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
        payload: submission,
      });
    const first = await post();
    expect(first.statusCode).toBe(201);
    const again = await post();
    expect(again.statusCode).toBe(200);
    expect(again.json().dossierId).toBe(first.json().dossierId);

    const pulled = await desk.pullAll();
    expect(pulled).toHaveLength(1);
    expect(pulled[0]).toMatchObject({
      type: 'dossier.submitted_online',
      dossierId: first.json().dossierId,
      payload: { portalRef: 'DVC-2026-000123', channel: 'online' },
    });
    expect(await other.pullAll()).toEqual([]);

    // The desk checks it and receives it: an event on a dossier it did not create, accepted in scope.
    const received = desk.event(
      'dossier.received',
      desk.receivedPayload({ channel: 'online' }),
      first.json().dossierId,
      1,
    );
    expect((await desk.push([received])).outcomes[0]?.outcome).toBe('accepted');
  });

  it('refuses a submission without the portal token or for a unit the server does not serve', async () => {
    const noToken = await server.app.inject({
      method: 'POST',
      url: '/v1/portal/dossiers',
      payload: submission,
    });
    expect(noToken.statusCode).toBe(401);
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/v1/portal/dossiers',
      headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
      payload: { ...submission, unitCode: '000.09.06.H56' },
    });
    expect(unknown.statusCode).toBe(422);
    expect(await server.storage.countEvents()).toBe(0);
  });

  it('refuses a submission no desk could receive: a procedure outside the catalog, a paper the procedure lacks', async () => {
    const post = (payload: Record<string, unknown>) =>
      server.app.inject({ method: 'POST', url: '/v1/portal/dossiers', headers: { authorization: `Bearer ${PORTAL_TOKEN}` }, payload });
    const noProcedure = await post({ ...submission, procedureCode: '9.999999.000.00.00.H56', portalRef: 'DVC-2026-000124' });
    expect(noProcedure.statusCode).toBe(422);
    expect(noProcedure.json().error).toMatchObject({ code: 'unknown_procedure' });
    const paper = { componentId: 'c1', name: 'Giấy lạ', form: 'original', copies: 1, present: true };
    const noPaper = await post({ ...submission, components: [paper], portalRef: 'DVC-2026-000125' });
    expect(noPaper.statusCode).toBe(422);
    expect(noPaper.json().error.message.vi).toBe('Thủ tục 1.001612.000.00.00.H56 không có thành phần hồ sơ "c1".');
    expect(await server.storage.countEvents()).toBe(0);
  });

  it("refuses fields longer than the desk's reception form holds, naming the field, storing nothing", async () => {
    const post = (payload: Record<string, unknown>) =>
      server.app.inject({ method: 'POST', url: '/v1/portal/dossiers', headers: { authorization: `Bearer ${PORTAL_TOKEN}` }, payload });
    const oversized: [string, Record<string, unknown>][] = [
      ['applicant.name', { applicant: { ...CITIZEN, name: 'Nguyễn Văn '.repeat(10_000) } }],
      ['applicant.address', { applicant: { ...CITIZEN, address: 'Thôn Một, '.repeat(1_000) } }],
      ['portalRef', { portalRef: `DVC-${'9'.repeat(50_000)}` }],
    ];
    for (const [field, change] of oversized) {
      const refused = await post({ ...submission, ...change });
      expect(refused.statusCode, field).toBe(400);
      expect(refused.json().error.message.en, field).toContain(`fields: ${field}`);
      expect(refused.json().error.message.vi, field).toContain(`trường: ${field}`);
    }
    expect(await server.storage.countEvents()).toBe(0);
  });
});

describe('who may sync', () => {
  it('refuses a revoked device with a clear reason', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    await desk.push([desk.receive()]);
    await admin(server.app, 'POST', `/v1/admin/desks/${desk.deviceId}/revoke`);
    const push = await desk.pushRaw([desk.receive()]);
    expect(push.statusCode).toBe(401);
    expect(push.json().error.code).toBe('device_revoked');
    expect(push.json().error.message.vi).toContain('thu hồi');
    expect((await desk.pullPage()).statusCode).toBe(401);
    expect(await server.storage.countEvents()).toBe(1);
  });

  it('refuses a wrong secret', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const impostor = new SimDesk(server.app, desk.deviceId, 'not-the-secret', COMMUNE_A, 1);
    expect((await impostor.pushRaw([impostor.receive()])).statusCode).toBe(401);
  });

  it('refuses an unknown or missing protocol version with a clear error', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const future = await server.app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: { ...desk.headers, [PROTOCOL_HEADER]: '99' },
      payload: { cursor: 0, epoch: null },
    });
    expect(future.statusCode).toBe(426);
    expect(future.json().error).toMatchObject({ code: 'protocol_unsupported', details: { supported: [1, 2] } });
    expect(future.json().error.message.vi).toContain('cập nhật');
    // A desk of the previous release (protocol 1) is still answered.
    const previous = await server.app.inject({ method: 'POST', url: '/v1/pull', headers: { ...desk.headers, [PROTOCOL_HEADER]: '1' }, payload: { cursor: 0, epoch: null } });
    expect(previous.statusCode).toBe(200);
    const { [PROTOCOL_HEADER]: _drop, ...withoutVersion } = desk.headers;
    const missing = await server.app.inject({ method: 'GET', url: '/v1/time', headers: withoutVersion });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('protocol_missing');
  });

  it('limits the request rate per device', async () => {
    const limited = await startTestServer({
      storage: server.storage,
      rateLimit: { capacity: 3, refillPerSecond: 0.001 },
    });
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const other = await SimDesk.enrol(server.app, COMMUNE_A, 2);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await limited.app.inject({
            method: 'POST',
            url: '/v1/pull',
            headers: desk.headers,
            payload: { cursor: 0, epoch: null },
          })
        ).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Another desk has its own bucket.
    expect(
      (
        await limited.app.inject({
          method: 'POST',
          url: '/v1/pull',
          headers: other.headers,
          payload: { cursor: 0, epoch: null },
        })
      ).statusCode,
    ).toBe(200);
    await limited.app.close();
  });
});

describe('server epoch', () => {
  it('tells a desk whose cursor belongs to an older epoch to start again', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const old = desk.epoch;
    const fresh = await server.storage.renewEpoch();
    const res = await desk.pullPage();
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'epoch_changed', details: { epoch: fresh } });
    expect(fresh).not.toBe(old);
    const push: PushResponse = await desk.push([desk.receive()]);
    expect(push.epoch).toBe(fresh);
  });

  it('reports server time, epoch and document versions', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/v1/time', headers: protocolHeaders });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      epoch: await server.storage.epoch(),
      protocol: PROTOCOL_VERSION,
      catalogVersion: 0,
      calendarVersion: 0,
    });
    expect(res.json().serverTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$/);
    expect(adminHeaders.authorization).toContain('Bearer');
  });
});
