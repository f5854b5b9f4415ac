/**
 * Every method of the desk API fed malformed input: a clear validation error (code, field, Vietnamese and
 * English), nothing written, and the desk goes on working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskApiInputs, deskApiMethods, type DeskApiMethod } from '../../shared/api/desk-api';
import { callDesk, createDeskHandlers } from '../../electron/desk/api/handlers';
import { allPresent, applicant, makeTestDesk, ordinaryProcedure, rowCounts, type TestDesk } from './helpers';

let t: TestDesk;
let dossierId: string;
beforeAll(async () => {
  t = await makeTestDesk();
  const p = ordinaryProcedure();
  dossierId = (await t.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) })).dossier.id;
});
afterAll(() => t.cleanup());

const HUGE = 'x'.repeat(100_000);
const SQL = "1' OR '1'='1'; DROP TABLE dossiers; --";
const HTML = '<img src=x onerror=alert(1)>';

/** Inputs no method accepts: wrong top-level types, unknown fields, prototype tricks. */
const generic: unknown[] = ['x', 42, true, [], [{}], { unexpectedField: SQL }, { __proto__: { admin: true }, constructor: HTML }, { [HUGE]: 1 }];

/** Per method: inputs that look close to right but are not. */
const specific: Partial<Record<DeskApiMethod, unknown[]>> = {
  'app.setIdentity': [{ unitCode: SQL, deskNumber: 1 }, { unitCode: '000.00.06.H56', deskNumber: 10 }, { unitCode: '000.00.06.H56', deskNumber: '2' }],
  'auth.createAdmin': [{ username: 'a', displayName: 'A', password: 'mat-khau-123' }, { username: 'admin3', displayName: HUGE, password: 'mat-khau-123' }, { username: 'admin3', displayName: 'A', password: 'short' }],
  'auth.login': [{ username: SQL, password: 'x' }, { username: 'admin' }, { username: 'admin', password: HUGE }],
  'users.create': [
    { username: 'nv1', displayName: 'B', role: 'root', password: 'mat-khau-123' },
    { username: HTML, displayName: 'B', role: 'clerk', password: 'mat-khau-123' },
    // Printed as the receiving officer on every receipt.
    { username: 'lan.dt', displayName: 'Đinh Thị 🌸 <b>Lan</b>', role: 'clerk', password: 'mat-khau-123' },
  ],
  'users.update': [{ id: SQL, role: 'clerk' }, { id: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', role: 'superuser' }],
  'catalog.search': [{ query: '' }, { query: HUGE }, { query: 'dat', limit: -1 }],
  'dossiers.receive': [
    { procedureCode: SQL, applicant: applicant(), components: [] },
    { procedureCode: ordinaryProcedure().code, applicant: { ...applicant(), idNumber: '12345' }, components: [] },
    { procedureCode: ordinaryProcedure().code, applicant: { ...applicant(), name: HUGE }, components: [] },
    { procedureCode: ordinaryProcedure().code, applicant: { ...applicant(), phone: HTML }, components: [] },
    { procedureCode: ordinaryProcedure().code, applicant: applicant(), components: [{ componentId: 'a', present: 'yes' }] },
    { procedureCode: ordinaryProcedure().code, applicant: applicant() },
    { procedureCode: ordinaryProcedure().code, applicant: applicant(), components: [], channel: 'fax' },
  ],
  'dossiers.refuse': [{ reason: '' }, { reason: HUGE }, { dossierId: SQL, reason: 'x' }, { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', reason: 'Thiếu giấy báo tử 😢' }],
  'dossiers.transfer': [{ dossierId: SQL }, { dossierId: 42 }, {}, { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', note: 'Chuyển gấp 🙏' }],
  'dossiers.returnResult': [{ dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', receivedBy: 'Trần Văn 😀 Bố' }, { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', receivedBy: 'Trần Văn\u0007' }],
  'dossiers.handOver': [{ dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', from: 'A' }],
  'dossiers.requestSupplement': [{ dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', items: [], reason: 'x' }],
  'dossiers.requestFees': [
    { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', amountVnd: -5, reason: 'x' },
    { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', amountVnd: 1.5, reason: 'x' },
  ],
  'dossiers.reappoint': [
    { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', newDueAt: '2026-13-45T99:00:00+07:00', reason: 'x' },
    { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', newDueAt: '2026-12-15T09:00:00Z', reason: 'x' },
    { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', newDueAt: 'tomorrow', reason: 'x' },
  ],
  'dossiers.resolveConflict': [{ dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', status: 11, note: 'x' }],
  'dossiers.list': [{ status: [0] }, { receivedFrom: '2026-02-30' }, { sort: SQL }, { limit: 100000 }, { cursor: '-1' }, { cursor: SQL }],
  'dossiers.search': [{ query: '' }, { query: HUGE }, { query: 5 }, { query: 'duc', due: 'tomorrow' }, { query: 'duc', due: SQL }, { query: 'duc', due: null }],
  'dossiers.get': [{ dossierId: SQL }, { code: HUGE }, { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', code: 'x' }],
  'attachments.import': [{ source: 'path' }, { source: 'inbox', fileName: '../../etc/passwd' }, { source: 'data', fileName: 'a.pdf', dataBase64: '%%%' }, { source: 'url', url: 'http://x' }],
  'attachments.link': [{ dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', sha256: 'ABC', target: { result: true } }, { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', sha256: 'a'.repeat(64), target: { result: false } }],
  'attachments.get': [{ sha256: '../x' }],
  'attachments.putBack': [{ sha256: 'a'.repeat(64), fileName: '../desk.sqlite' }, { sha256: '../x', fileName: 'scan.pdf' }, { sha256: 'a'.repeat(64) }],
  'backups.restore': [{ file: '' }, { file: 42 }],
  'sync.setServer': [{ serverUrl: '' }, { serverUrl: HUGE }, { serverUrl: 42 }, { serverUrl: 'http://x', code: 'AAAAA' }],
  'settings.set': [{ dueSoonWorkingHours: 0 }, { language: 'fr' }, { publicLookupUrl: 'javascript:alert(1)' }],
  'audit.list': [{ from: '2026-01-01' }, { limit: 0 }],
  'calendar.setLocal': [
    { daysOff: [], workingDays: [] },
    { officeHours: null, daysOff: [{ date: SQL, name: 'x' }], workingDays: [] },
    { officeHours: null, daysOff: [{ date: '2026-12-07', name: HUGE }], workingDays: [] },
    { officeHours: null, daysOff: [{ date: '2026-12-07', name: 'Họp 😀 <b>' }], workingDays: [] },
    { officeHours: null, daysOff: Array.from({ length: 400 }, () => ({ date: '2026-12-07', name: 'x' })), workingDays: [] },
    { officeHours: { weekdays: [0], sessions: [{ start: '07:00', end: '11:30' }], sameDayCutoff: '10:00', fridayNoWaitCutoff: '10:00', fridayNoWaitNextDue: '09:00' }, daysOff: [], workingDays: [] },
    { officeHours: { weekdays: [1], sessions: [], sameDayCutoff: '10:00', fridayNoWaitCutoff: '10:00', fridayNoWaitNextDue: '09:00' }, daysOff: [], workingDays: [] },
  ],
};

describe('bad input on every desk API method', () => {
  it('covers every method of the map, each with a handler', () => {
    const handlers = createDeskHandlers(t.desk);
    expect(deskApiMethods.length).toBeGreaterThanOrEqual(40);
    for (const m of deskApiMethods) expect(typeof handlers[m], m).toBe('function');
    expect(Object.keys(handlers).sort()).toEqual([...deskApiMethods].sort());
  });

  it.each(deskApiMethods)('%s refuses malformed input with a clear validation error and writes nothing', async (method) => {
    const inputs = [...generic, ...(specific[method] ?? [])];
    for (const input of inputs) {
      expect(deskApiInputs[method].safeParse(input).success, `${method} ${JSON.stringify(input)?.slice(0, 80)}`).toBe(false);
      const before = rowCounts(t.desk);
      const r = await t.call(method, input);
      expect(r.ok, `${method} accepted ${JSON.stringify(input)?.slice(0, 80)}`).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('validation');
      expect(r.error.message.vi.length).toBeGreaterThan(3);
      expect(r.error.message.en.length).toBeGreaterThan(3);
      expect(rowCounts(t.desk)).toEqual(before);
    }
  });

  it('says why free text that prints on a form is refused, and takes the signs and line breaks a note may hold', async () => {
    const r = await t.call('dossiers.transfer', { dossierId, note: 'Chuyển gấp 🙏' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe('note');
      expect(r.error.message.vi).toBe('Có hình biểu tượng (như 😀 hay ✔) hoặc ký tự điều khiển, không in được trên phiếu. Hãy xoá chúng.');
    }
    const note = 'Thửa đất có diện tích > 100 m², xem tờ bản đồ số 5 <bản sao>\nChuyển phòng Tài nguyên';
    expect(deskApiInputs['dossiers.transfer'].safeParse({ dossierId, note }).success).toBe(true);
    expect(deskApiInputs['dossiers.returnResult'].safeParse({ dossierId, receivedBy: 'Trần Văn Bố (con trai)' }).success).toBe(true);
    // The papers a refusal names come from the catalog as published, whatever signs it holds: never refused here.
    expect(deskApiInputs['dossiers.refuse'].safeParse({ reason: 'Thiếu giấy tờ', missingItems: ['Tờ khai ✔ theo mẫu'] }).success).toBe(true);
  });

  it('names the field of the first problem, in Vietnamese and English', async () => {
    const r = await t.call('dossiers.receive', {
      procedureCode: ordinaryProcedure().code,
      applicant: { ...applicant(), idNumber: '12345' },
      components: [],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.field).toBe('applicant.idNumber');
    expect(r.error.message.vi).toBe('Số định danh cá nhân phải gồm đúng 12 chữ số.');
    const long = await t.call('dossiers.withdraw', { dossierId, reason: HUGE });
    expect(long.ok ? null : long.error).toMatchObject({ field: 'reason', message: { vi: 'Quá dài: tối đa 1000 ký tự.' } });
  });

  it('answers an unknown method and unknown ids with clear errors, and keeps working', async () => {
    const unknown = await callDesk(t.handlers, 'dossiers.delete', {});
    expect(unknown.ok ? null : unknown.error.code).toBe('unknown_method');
    const before = rowCounts(t.desk);
    for (const method of ['dossiers.transfer', 'dossiers.supplementReceived', 'dossiers.feesPaid', 'dossiers.returnResult'] as const) {
      const r = await t.call(method, { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11' });
      expect(r.ok ? null : r.error.code).toBe('dossier_not_found');
    }
    expect((await t.call('users.update', { id: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11', role: 'clerk' })).ok).toBe(false);
    expect(rowCounts(t.desk)).toEqual(before);
    expect((await t.call('dossiers.transfer', { dossierId })).ok).toBe(true);
  });

  it('stores SQL and HTML metacharacters in free text as plain text', async () => {
    const r = await t.must('dossiers.requestSupplement', { dossierId, items: [SQL, HTML], reason: `${HTML} ${SQL}` });
    expect(r.dossier.status).toBe(5);
    const detail = await t.must('dossiers.get', { dossierId });
    expect(detail.state.supplement).toMatchObject({ items: [SQL, HTML], reason: `${HTML} ${SQL}` });
    expect((t.desk.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('turns an unexpected exception inside a handler into an internal error without throwing', async () => {
    const handlers = createDeskHandlers(t.desk);
    const broken = { ...handlers, 'dossiers.list': () => Promise.reject(new Error('disk on fire')) } as typeof handlers;
    const r = await callDesk(broken, 'dossiers.list', {});
    expect(r.ok ? null : r.error.code).toBe('internal');
  });
});
