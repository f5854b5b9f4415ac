/**
 * The publication feed: public fields only (checked field by field against the applicants' data), incremental by
 * cursor, JSON and CSV, for the portal token only; and the push connector against a local stand-in portal that
 * fails before it accepts.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { WireEvent } from '../../shared/sync/messages';
import { publicDossierFields, type FeedPage, type PublicDossier } from '../../server/publication/feed';
import { checkEndpointUrl, PublicationPushError, pushPublication } from '../../server/publication/push-connector';
import { PEOPLE, PORTAL_TOKEN, startReportingServer, type ReportingServer } from './support';
import { dossierEvents } from '../reports/support/dossier-builder';
import { lookupStatus } from '../../server/public/lookup';
import { randomUUID } from 'node:crypto';

const personalValues = PEOPLE.flatMap((p) => [p.name, p.idNumber, p.phone, p.address, p.email]);

function expectNoPersonalData(item: PublicDossier): void {
  expect(Object.keys(item).sort()).toEqual([...publicDossierFields].sort());
  for (const field of publicDossierFields) {
    const value = item[field];
    expect(['string', 'number', 'object']).toContain(typeof value);
    if (typeof value === 'string') {
      for (const personal of personalValues) expect(value).not.toContain(personal);
      // No 12-digit citizen ID, no phone number hidden in any field.
      expect(value).not.toMatch(/\b\d{12}\b|\b0\d{9,10}\b/);
    }
  }
}

describe('publication feed', () => {
  let server: ReportingServer;
  const feed = async (query: string, token: string | null = PORTAL_TOKEN) =>
    server.app.inject({ method: 'GET', url: `/publication/feed?${query}`, headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    server = await startReportingServer();
  });
  afterAll(() => server.close());

  it('lists the received dossiers with public fields only — nothing about the applicants', async () => {
    const res = await feed('after=0');
    expect(res.statusCode).toBe(200);
    const page = res.json() as FeedPage;
    expect(page.items.map((i) => i.code)).toEqual(['000.00.06.H56-230306-1001', '000.00.06.H56-230306-1002', '000.00.06.H56-230306-1003']);
    page.items.forEach(expectNoPersonalData);
    expect(JSON.stringify(page)).not.toMatch(/Nguyễn|Phạm|Hoa Sen|example\.vn|phố|Thôn/);
    const [returned, resolvedLate, open] = page.items;
    expect(returned).toMatchObject({ status: 10, statusLabel: 'Đã trả kết quả', timeliness: 'early', procedureName: seedProcedures.find((p) => p.code === returned!.procedureCode)!.name });
    expect(resolvedLate).toMatchObject({ status: 9, timeliness: 'late' });
    expect(open).toMatchObject({ status: 4, timeliness: null, resolvedAt: null });
    // Not re-appointed: the day the law counts against is the appointment's own.
    for (const item of page.items) expect(item.legalDueDate).toBe(item.dueAt?.slice(0, 10) ?? null);
  });

  it('is incremental: after the last cursor only new changes come, including a later change to a listed dossier', async () => {
    const first = (await feed('after=0&limit=2')).json() as FeedPage;
    expect(first.items).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const second = (await feed(`after=${first.nextCursor}`)).json() as FeedPage;
    expect(second.items.map((i) => i.code)).toEqual(['000.00.06.H56-230306-1003']);
    const end = (await feed(`after=${second.nextCursor}`)).json() as FeedPage;
    expect(end.items).toEqual([]);

    // The open dossier is resolved on a desk; the change is pushed and accepted.
    const dossierId = (await server.target.storage.syncTransaction((tx) => tx.dossierIdByCode('000.00.06.H56-230306-1003')))!;
    const resolved = dossierEvents({ receivedAt: '2023-03-06T09:00:00+07:00', dueAt: '2023-03-09T17:00:00+07:00', steps: [{ type: 'resolved', at: '2023-03-09T10:00:00+07:00' }] }, dossierId)[1]!;
    await server.target.storage.syncTransaction((tx) => tx.appendEvent({ ...resolved, baseVersion: 2 } as unknown as WireEvent, '2023-03-09T10:00:05+07:00'));
    const later = (await feed(`after=${second.nextCursor}`)).json() as FeedPage;
    expect(later.items).toHaveLength(1);
    expect(later.items[0]).toMatchObject({ code: '000.00.06.H56-230306-1003', status: 9, timeliness: 'on_time' });
  });

  it('keeps publishing a dossier a supervisor judged "Không được tiếp nhận", and the citizen\'s slip still finds it', async () => {
    // Received at one desk, refused at another working offline, then the supervisor's decision.
    const [received] = dossierEvents({ receivedAt: '2023-03-07T09:00:00+07:00', dueAt: '2023-03-10T17:00:00+07:00', sequence: 1042 });
    const code = (received!.payload as { code: string }).code;
    const next = (seq: number, type: string, payload: unknown) => ({ ...received!, id: randomUUID(), deviceSeq: seq, baseVersion: seq - 1, type, payload });
    const refused = { ...next(2, 'dossier.refused', { reason: 'Thiếu giấy tờ' }), baseVersion: 0 };
    const decided = next(3, 'dossier.conflict_resolved', { status: 3, note: 'Không đủ điều kiện tiếp nhận' });
    await server.target.storage.syncTransaction(async (tx) => {
      await tx.createDossier({ id: received!.dossierId, unitCode: '000.00.06.H56', code: null, portalRef: null });
      for (const e of [received, refused, decided]) await tx.appendEvent(e as unknown as WireEvent, '2023-03-07T10:00:00+07:00');
    });
    const all = (await feed('after=0&limit=1000')).json() as FeedPage;
    expect(all.items.find((i) => i.code === code)).toMatchObject({ status: 3, statusLabel: 'Không được tiếp nhận' });
    const found = await lookupStatus(server.target.driver, code, '042917', seedProcedures);
    expect(found).toMatchObject({ kind: 'found', status: { code } });
  });

  it('publishes a re-appointed dossier with its new appointment and the first one the law counts lateness against', async () => {
    const start = (await feed('after=0&limit=1000')).json() as FeedPage;
    // Received 6/3 due 9/3, re-appointed on 8/3 to 14/3 with an apology letter, resolved on 13/3: before its new
    // appointment, yet late in law.
    const events = dossierEvents({
      receivedAt: '2023-03-06T09:30:00+07:00',
      dueAt: '2023-03-09T17:00:00+07:00',
      sequence: 1077,
      steps: [
        { type: 'reappointed', at: '2023-03-08T15:00:00+07:00', newDueAt: '2023-03-14T17:00:00+07:00' },
        { type: 'resolved', at: '2023-03-13T10:00:00+07:00' },
      ],
    });
    for (const [i, event] of events.entries()) {
      await server.target.storage.syncTransaction((tx) => tx.appendEvent({ ...event, baseVersion: i } as unknown as WireEvent, event.deviceTime));
    }
    const page = (await feed(`after=${start.nextCursor}`)).json() as FeedPage;
    const item = page.items.find((i) => i.code === '000.00.06.H56-230306-1077');
    expect(item).toMatchObject({ dueAt: '2023-03-14T17:00:00+07:00', legalDueDate: '2023-03-09', timeliness: 'late', status: 9 });
    expectNoPersonalData(item!);
  });

  it('publishes no date while a request made in time stops the deadline, and keeps it, late, when the request came after', async () => {
    const start = (await feed('after=0&limit=1000')).json() as FeedPage;
    // Both due 9/3 17:00: one asked for a paper on 8/3 (the deadline stops), the other on 13/3 (late: nothing stops).
    const inTime = dossierEvents({ receivedAt: '2023-03-06T09:00:00+07:00', dueAt: '2023-03-09T17:00:00+07:00', sequence: 1081, pin: '181181', steps: [{ type: 'supplement_requested', at: '2023-03-08T10:00:00+07:00' }] });
    const late = dossierEvents({ receivedAt: '2023-03-06T09:00:00+07:00', dueAt: '2023-03-09T17:00:00+07:00', sequence: 1082, pin: '182182', steps: [{ type: 'supplement_requested', at: '2023-03-13T10:00:00+07:00' }] });
    for (const events of [inTime, late]) {
      for (const [i, event] of events.entries()) {
        await server.target.storage.syncTransaction((tx) => tx.appendEvent({ ...event, baseVersion: i } as unknown as WireEvent, event.deviceTime));
      }
    }
    const page = (await feed(`after=${start.nextCursor}`)).json() as FeedPage;
    expect(page.items.find((i) => i.code === '000.00.06.H56-230306-1081')).toMatchObject({ status: 5, dueAt: null, legalDueDate: null });
    expect(page.items.find((i) => i.code === '000.00.06.H56-230306-1082')).toMatchObject({ status: 5, dueAt: '2023-03-09T17:00:00+07:00', legalDueDate: '2023-03-09' });

    // The citizen's page says the same: on hold without a date, or the date kept with why.
    const lookup = (code: string, pin: string) =>
      server.app.inject({ method: 'POST', url: '/tra-cuu', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ma: code, pin }).toString() });
    const held = (await lookup('000.00.06.H56-230306-1081', '181181')).body;
    expect(held).toContain('Tạm dừng: hồ sơ cần bổ sung');
    const kept = (await lookup('000.00.06.H56-230306-1082', '182182')).body;
    expect(kept).not.toContain('Tạm dừng');
    expect(kept).toContain('09/03/2023');
    expect(kept).toContain('ngày hẹn trên không thay đổi');
  });

  it('serves CSV (UTF-8 with BOM) with the same public columns', async () => {
    const res = await feed('after=0&format=csv');
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const text = res.body;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = text.slice(1).trim().split('\r\n');
    expect(header!.split(',')).toEqual([...publicDossierFields]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const personal of personalValues) expect(text).not.toContain(personal);
  });

  it('is closed without the portal token, and refuses bad parameters in plain words', async () => {
    expect((await feed('after=0', null)).statusCode).toBe(401);
    expect((await feed('after=0', 'wrong-token')).statusCode).toBe(401);
    const bad = await feed('after=-1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message.vi).toMatch(/không hợp lệ/);
  });
});

describe('push connector', () => {
  let server: ReportingServer;
  let portal: Server;
  let url: string;
  const received: { items: PublicDossier[]; authorization: string | undefined }[] = [];
  let failNext = 0;
  let refuse = false;

  beforeAll(async () => {
    server = await startReportingServer();
    portal = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failNext > 0) {
          failNext -= 1;
          res.writeHead(503).end('busy');
          return;
        }
        if (refuse) {
          res.writeHead(400).end('bad');
          return;
        }
        received.push({ items: (JSON.parse(body) as { items: PublicDossier[] }).items, authorization: req.headers.authorization });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/hoso`;
  });
  afterAll(async () => {
    await new Promise((r) => portal.close(r));
    await server.close();
  });

  const endpoint = () => ({ name: 'cong-tinh', url, token: 'portal-secret', allowLoopbackHttp: true });

  it('retries with growing back-off until the portal accepts, then moves its cursor', async () => {
    failNext = 2;
    const waits: number[] = [];
    const result = await pushPublication(server.target.driver, endpoint(), { procedures: seedProcedures, pageSize: 2, random: () => 0.999, sleep: async (ms) => void waits.push(ms), baseDelayMs: 100 });
    expect(waits).toEqual([99, 199]);
    expect(result).toMatchObject({ sent: 3, pages: 2 });
    expect(received.flatMap((r) => r.items.map((i) => i.code))).toEqual(['000.00.06.H56-230306-1001', '000.00.06.H56-230306-1002', '000.00.06.H56-230306-1003']);
    expect(received[0]!.authorization).toBe('Bearer portal-secret');
    received.flatMap((r) => r.items).forEach(expectNoPersonalData);
    // Nothing new: nothing sent.
    expect(await pushPublication(server.target.driver, endpoint(), { procedures: seedProcedures })).toMatchObject({ sent: 0 });
  });

  it('gives up after the last attempt and a portal refusal is not retried; the cursor stays for next time', async () => {
    const before = await server.target.driver.get<{ cursor: number }>("SELECT cursor FROM publication_cursors WHERE endpoint = 'cong-tinh'");
    await server.target.driver.run("UPDATE publication_cursors SET cursor = 0 WHERE endpoint = 'cong-tinh'");
    failNext = 10;
    const waits: number[] = [];
    await expect(pushPublication(server.target.driver, endpoint(), { procedures: seedProcedures, maxAttempts: 3, sleep: async (ms) => void waits.push(ms) })).rejects.toThrow(/after 3 attempts/);
    expect(waits).toHaveLength(2);
    failNext = 0;
    refuse = true;
    const error = await pushPublication(server.target.driver, endpoint(), { procedures: seedProcedures, sleep: async () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublicationPushError);
    expect((error as PublicationPushError).status).toBe(400);
    expect((await server.target.driver.get<{ cursor: number }>("SELECT cursor FROM publication_cursors WHERE endpoint = 'cong-tinh'"))!.cursor).toBe(0);
    expect(before!.cursor).toBeGreaterThan(0);
    refuse = false;
  });

  it('requires HTTPS except to this machine', () => {
    expect(() => checkEndpointUrl({ name: 'x', url: 'http://portal.example.vn/api' })).toThrow(/HTTPS/);
    expect(() => checkEndpointUrl({ name: 'x', url: 'http://portal.example.vn/api', allowLoopbackHttp: true })).toThrow(/HTTPS/);
    expect(checkEndpointUrl({ name: 'x', url: 'https://dichvucong.haiduong.gov.vn/api' }).protocol).toBe('https:');
  });
});
