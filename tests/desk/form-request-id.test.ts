/**
 * `dossiers.receive` and `dossiers.refuse` with the reception form's request id: the desk commits and dies (or its
 * reply is lost) before the renderer hears back; the clerk presses the key again with the same form. The second call
 * must hand back the dossier already made — same code, same PIN, same appointment, or the same refusal record — and
 * write nothing, even after the desk was reopened. One form ends either received or refused, never both.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, allPresent, applicant, makeTestDesk, ordinaryProcedure, rowCounts, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const form = (requestId: string | undefined, name = 'Nguyễn Văn Đức') => {
  const p = ordinaryProcedure();
  return { ...(requestId ? { requestId } : {}), procedureCode: p.code, applicant: applicant(name), components: allPresent(p) };
};

const eventsOf = (desk: TestDesk, dossierId: string) =>
  desk.desk.db.prepare<[string], number>('SELECT count(*) FROM events WHERE dossier_id = ?').pluck().get(dossierId);
const allCounts = (desk: TestDesk) => ({
  ...rowCounts(desk.desk),
  receiveRequests: desk.desk.db.prepare<[], number>('SELECT count(*) FROM receive_requests').pluck().get(),
});

describe('receiving a dossier again under the same request id', () => {
  it('answers a retry with the dossier already made, and writes nothing more', async () => {
    t = await makeTestDesk();
    const requestId = randomUUID();
    const first = await t.must('dossiers.receive', form(requestId));
    const after = allCounts(t);
    // Minutes later a second reception would get another time, code and PIN: the retry gets none of them.
    t.clock.advanceMinutes(3);
    const retry = await t.must('dossiers.receive', form(requestId));
    expect(retry).toMatchObject({ eventId: first.eventId, code: first.code, pin: first.pin, receivedAt: first.receivedAt, dueAt: first.dueAt });
    expect(retry.dossier.id).toBe(first.dossier.id);
    expect(retry.dossier.version).toBe(first.dossier.version);
    expect(allCounts(t)).toEqual(after);
    expect(eventsOf(t, first.dossier.id)).toBe(1);
    expect(t.desk.db.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(1);

    // A new form (a new id), even for the same citizen and papers, is a new dossier: two identical dossiers are legal.
    const next = await t.must('dossiers.receive', form(randomUUID()));
    expect(next.code).not.toBe(first.code);
    expect(next.dossier.id).not.toBe(first.dossier.id);
  });

  it('tells, after a crash, which of the forms left as drafts it had already saved, and what each made', async () => {
    t = await makeTestDesk();
    const received = randomUUID();
    const refused = randomUUID();
    const neverSaved = randomUUID();
    const first = await t.must('dossiers.receive', form(received));
    await t.must('dossiers.refuse', refusal(refused));
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const saved = await t.must('dossiers.savedForms', { requestIds: [received, refused, neverSaved] });
    expect(saved).toEqual([
      { requestId: received, dossierId: first.dossier.id, outcome: 'dossier.received', code: first.code, at: first.receivedAt },
      expect.objectContaining({ requestId: refused, outcome: 'dossier.refused' }),
    ]);
    const bad = await t.call('dossiers.savedForms', { requestIds: ['not-an-id'] });
    expect(bad.ok).toBe(false);
  });

  it('still recognises the request after the desk is closed and opened again, as after a crash', async () => {
    t = await makeTestDesk();
    const requestId = randomUUID();
    const first = await t.must('dossiers.receive', form(requestId));
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const after = allCounts(t);
    t.clock.advanceMinutes(10);
    const retry = await t.must('dossiers.receive', form(requestId));
    expect(retry).toMatchObject({ code: first.code, pin: first.pin, receivedAt: first.receivedAt, dueAt: first.dueAt, eventId: first.eventId });
    expect(retry.dossier.id).toBe(first.dossier.id);
    expect(allCounts(t)).toEqual(after);
    expect(eventsOf(t, first.dossier.id)).toBe(1);
  });

  it('refuses the same request id with other content, writing nothing and naming what differs (never the values)', async () => {
    t = await makeTestDesk();
    const requestId = randomUUID();
    const first = await t.must('dossiers.receive', form(requestId, 'Nguyễn Văn Đức'));
    const after = allCounts(t);
    const r = await t.call('dossiers.receive', form(requestId, 'Trần Thị Bình'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('request_id_reused');
    expect(r.error.field).toBe('requestId');
    expect(r.error.message.vi).toContain(first.code);
    expect(r.error.message.vi).toContain('người nộp');
    expect(r.error.message.vi).toContain('Không có gì được lưu');
    expect(r.error.message.en).toContain(first.code);
    expect(r.error.message.en).toContain('applicant');
    expect(r.error.message.en).toContain('Nothing was saved');
    const said = JSON.stringify(r.error);
    expect(said).not.toContain('Trần Thị Bình');
    expect(said).not.toContain('Nguyễn Văn Đức');
    expect(said).not.toContain(first.pin);
    expect(allCounts(t)).toEqual(after);
  });

  it('needs a logged-in user before it answers a retry (the answer holds the lookup PIN)', async () => {
    t = await makeTestDesk();
    const requestId = randomUUID();
    await t.must('dossiers.receive', form(requestId));
    await t.must('auth.logout', {});
    const r = await t.call('dossiers.receive', form(requestId));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unauthenticated');
  });

  it('still takes a reception without a request id (older callers), each call a dossier of its own', async () => {
    t = await makeTestDesk();
    const a = await t.must('dossiers.receive', form(undefined));
    const b = await t.must('dossiers.receive', form(undefined));
    expect(a.dossier.id).not.toBe(b.dossier.id);
    expect(t.desk.db.prepare('SELECT count(*) FROM receive_requests').pluck().get()).toBe(0);
  });

  it('refuses a request id that is not a UUID', async () => {
    t = await makeTestDesk();
    const r = await t.call('dossiers.receive', form('not-a-uuid'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('requestId');
  });

  it('forgets request ids older than 30 days at a later reception', async () => {
    t = await makeTestDesk();
    const old = randomUUID();
    await t.must('dossiers.receive', form(old));
    t.clock.advanceMinutes(29 * 24 * 60);
    const recent = randomUUID();
    await t.must('dossiers.receive', form(recent));
    const ids = () => t!.desk.db.prepare<[], string>('SELECT request_id FROM receive_requests ORDER BY request_id').pluck().all();
    expect(ids()).toEqual([old, recent].sort());
    t.clock.advanceMinutes(2 * 24 * 60);
    const later = randomUUID();
    await t.must('dossiers.receive', form(later));
    expect(ids()).toEqual([recent, later].sort());
  });
});

const refusal = (requestId: string | undefined, reason = 'Thiếu giấy tờ bắt buộc') => {
  const p = ordinaryProcedure();
  return { ...(requestId ? { requestId } : {}), procedureCode: p.code, applicant: applicant('Lê Thị Hoa'), reason, missingItems: ['Giấy ủy quyền'] };
};

describe('refusing at the desk again under the same request id', () => {
  it('answers a retry with the refusal already recorded: one record, one form 03', async () => {
    t = await makeTestDesk();
    const requestId = randomUUID();
    const first = await t.must('dossiers.refuse', refusal(requestId));
    const after = allCounts(t);
    t.clock.advanceMinutes(2);
    const retry = await t.must('dossiers.refuse', refusal(requestId));
    expect(retry.eventId).toBe(first.eventId);
    expect(retry.dossier).toMatchObject({ id: first.dossier.id, version: first.dossier.version, status: 3 });
    expect(allCounts(t)).toEqual(after);
    expect(t.desk.db.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(1);

    // After the desk was closed and opened again, as after a crash between the commit and the answer.
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const loggedIn = allCounts(t);
    const again = await t.must('dossiers.refuse', refusal(requestId));
    expect(again.dossier.id).toBe(first.dossier.id);
    expect(allCounts(t)).toEqual(loggedIn);
    expect(eventsOf(t, first.dossier.id)).toBe(1);

    // Without an id (older callers) each refusal is a record of its own.
    await t.must('dossiers.refuse', refusal(undefined));
    expect(t.desk.db.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(2);
  });

  it('refuses another reason under the same id, naming the part that differs and writing nothing', async () => {
    t = await makeTestDesk();
    const requestId = randomUUID();
    await t.must('dossiers.refuse', refusal(requestId, 'Thiếu giấy tờ bắt buộc'));
    const after = allCounts(t);
    const r = await t.call('dossiers.refuse', refusal(requestId, 'Không thuộc thẩm quyền'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('request_id_reused');
    expect(r.error.message.vi).toContain('phiếu từ chối (mẫu 03)');
    expect(r.error.message.vi).toContain('lý do từ chối');
    expect(r.error.message.en).toContain('reason for refusal');
    expect(JSON.stringify(r.error)).not.toContain('Không thuộc thẩm quyền');
    expect(allCounts(t)).toEqual(after);
  });

  it('does not refuse a form already received, nor receive a form already refused', async () => {
    t = await makeTestDesk();
    const received = randomUUID();
    const receipt = await t.must('dossiers.receive', form(received));
    let after = allCounts(t);
    const r = await t.call('dossiers.refuse', refusal(received));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('request_id_reused');
      expect(r.error.message.vi).toContain(`tiếp nhận thành hồ sơ ${receipt.code}`);
      expect(r.error.message.en).toContain(`received as dossier ${receipt.code}`);
    }
    expect(allCounts(t)).toEqual(after);

    const refused = randomUUID();
    await t.must('dossiers.refuse', refusal(refused));
    after = allCounts(t);
    const s = await t.call('dossiers.receive', form(refused));
    expect(s.ok).toBe(false);
    if (!s.ok) {
      expect(s.error.code).toBe('request_id_reused');
      expect(s.error.message.vi).toContain('đã được lập phiếu từ chối');
      expect(s.error.message.en).toContain('already refused (form 03)');
    }
    expect(allCounts(t)).toEqual(after);
  });
});
