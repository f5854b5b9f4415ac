import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { canonicalEventText, type DossierEvent } from '../../shared/domain/events';
import { reportFactColumns, reportFactOf, reportFactValues } from '../../shared/reports/facts';
import { invalidateReportCounts } from '../../electron/desk/reports/report-counts-upkeep';
import { ADMIN, allPresent, applicant, fridayProcedure, makeTestDesk, ordinaryProcedure, rowCounts, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function receive(desk: TestDesk, procedure = ordinaryProcedure(), name = 'Nguyễn Văn Đức', idNumber = '001203004567') {
  return desk.must('dossiers.receive', { procedureCode: procedure.code, applicant: applicant(name, idNumber), components: allPresent(procedure) });
}

async function expectRefused(desk: TestDesk, method: Parameters<TestDesk['call']>[0], input: unknown, code: string) {
  const before = rowCounts(desk.desk);
  const r = await desk.call(method, input);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  expect(r.error.message.vi.length).toBeGreaterThan(5);
  expect(r.error.message.en.length).toBeGreaterThan(5);
  expect(rowCounts(desk.desk)).toEqual(before);
  return r.error;
}

async function addUser(desk: TestDesk, username: string, role: 'clerk' | 'supervisor') {
  await desk.must('users.create', { username, displayName: `Cán bộ ${username}`, role, password: 'mat-khau-456' });
}

async function loginAs(desk: TestDesk, username: string, password = 'mat-khau-456') {
  await desk.must('auth.logout', {});
  await desk.must('auth.login', { username, password });
}

describe('receiving a dossier', () => {
  it("assigns codes from this desk's daily partition, a 6-digit PIN and the due instant from the calendar", async () => {
    t = await makeTestDesk(); // desk 2, Friday 2026-11-27 09:32
    const first = await receive(t);
    expect(first.code).toBe('000.00.06.H56-261127-2001');
    expect(first.pin).toMatch(/^\d{6}$/);
    expect(first.receivedAt).toBe('2026-11-27T09:32:00+07:00');
    // 7 working days of 8 hours from Friday 09:32 run out on the Tuesday after next at 09:32.
    expect(first.dueAt).toBe('2026-12-08T09:32:00+07:00');
    expect(first.dossier).toMatchObject({ status: 2, channel: 'in_person', applicantName: 'Nguyễn Văn Đức', syncState: 'pending', version: 1 });
    const second = await receive(t, ordinaryProcedure(), 'Lê Văn Tám', '001203004568');
    expect(second.code).toBe('000.00.06.H56-261127-2002');
    t.clock.set('2026-11-30T08:00:00+07:00');
    expect((await receive(t, ordinaryProcedure(), 'Lê Văn Tám', '001203004568')).code).toBe('000.00.06.H56-261130-2001');
  });

  it('gives a Friday-without-waiting dossier received before 15:30 a same-day appointment at closing time', async () => {
    t = await makeTestDesk({ now: '2026-11-27T14:10:00+07:00' });
    const r = await receive(t, fridayProcedure());
    expect(r.dueAt).toBe('2026-11-27T17:00:00+07:00');
    expect(r.dossier.fridayNoWait).toBe(true);
  });

  it('refuses an incomplete dossier, naming the missing papers, and writes nothing', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    const mandatory = p.components.filter((c) => c.mandatory);
    const components = p.components.map((c) => ({ componentId: c.id, present: c.id !== mandatory[0]!.id }));
    const error = await expectRefused(t, 'dossiers.receive', { procedureCode: p.code, applicant: applicant(), components }, 'incomplete_dossier');
    expect(error!.message.vi).toContain(mandatory[0]!.name);
    expect(error!.field).toBe('components');
    expect(error!.details).toEqual({ missing: [{ componentId: mandatory[0]!.id, name: mandatory[0]!.name }] });
  });

  it('refuses an unknown procedure or component, and a desk that is not set up', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    await expectRefused(t, 'dossiers.receive', { procedureCode: '1.999999.000.00.00.H56', applicant: applicant(), components: [] }, 'unknown_procedure');
    await expectRefused(
      t,
      'dossiers.receive',
      { procedureCode: p.code, applicant: applicant(), components: [...allPresent(p), { componentId: 'no-such-paper', present: true }] },
      'unknown_component',
    );
    t.desk.db.prepare('DELETE FROM device_identity').run();
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await expectRefused(t, 'dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) }, 'desk_not_set_up');
  });

  it('needs a logged-in user, and records who acted in the event', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    await t.must('auth.logout', {});
    await expectRefused(t, 'dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) }, 'unauthenticated');
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const r = await receive(t);
    const detail = await t.must('dossiers.get', { dossierId: r.dossier.id });
    expect(detail.timeline[0]!.actor).toMatchObject({ name: ADMIN.displayName, role: 'administrator' });
  });

  it('refuses at the desk with a form 03 reason, creating a not-received record', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    const r = await t.must('dossiers.refuse', {
      procedureCode: p.code,
      applicant: applicant(),
      reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của huyện',
      missingItems: ['Giấy ủy quyền'],
    });
    expect(r.dossier.status).toBe(3);
    const detail = await t.must('dossiers.get', { dossierId: r.dossier.id });
    expect(detail.state.closingReason).toBe('Hồ sơ không thuộc thẩm quyền giải quyết của huyện');
    await expectRefused(t, 'dossiers.transfer', { dossierId: r.dossier.id }, 'dossier_closed');
  });
});

describe('the lifecycle after reception', () => {
  it('transfers, logs hand-overs, resolves with a digitised result and returns it', async () => {
    t = await makeTestDesk();
    const { dossier } = await receive(t);
    const id = dossier.id;
    expect((await t.must('dossiers.transfer', { dossierId: id })).dossier.status).toBe(4);
    await t.must('dossiers.handOver', { dossierId: id, from: 'Bộ phận một cửa', to: 'Phòng Tài nguyên và Môi trường' });
    const resolved = await t.must('dossiers.resolve', { dossierId: id, resultDigitised: true });
    expect(resolved.dossier.status).toBe(9);
    const returned = await t.must('dossiers.returnResult', { dossierId: id, receivedBy: 'Nguyễn Văn Đức' });
    expect(returned.dossier.status).toBe(10);
    const detail = await t.must('dossiers.get', { dossierId: id });
    expect(detail.timeline.map((e) => e.type)).toEqual([
      'dossier.received',
      'dossier.transferred',
      'dossier.handed_over',
      'dossier.resolved',
      'dossier.returned',
    ]);
    expect(detail.state).toMatchObject({ currentHolder: 'Phòng Tài nguyên và Môi trường', resultDigitised: true, returnedTo: 'Nguyễn Văn Đức' });
    expect(detail.state.currentAgency).toBe(ordinaryProcedure().agency);
  });

  it('stops the deadline for a supplement and restarts it from zero when the supplement is complete', async () => {
    t = await makeTestDesk();
    const { dossier } = await receive(t);
    t.clock.set('2026-11-30T10:00:00+07:00');
    const asked = await t.must('dossiers.requestSupplement', { dossierId: dossier.id, items: ['Bản sao sổ hộ khẩu'], reason: 'Thiếu giấy tờ' });
    expect(asked.dossier.status).toBe(5);
    t.clock.set('2026-12-02T10:00:00+07:00'); // Wednesday
    const back = await t.must('dossiers.supplementReceived', { dossierId: dossier.id });
    expect(back.dossier.status).toBe(2);
    // Seven full working days again from Wednesday 10:00: Friday of the following week, 10:00.
    expect(back.dossier.dueAt).toBe('2026-12-11T10:00:00+07:00');
  });

  it('pauses for fees and carries the remaining working time from the payment', async () => {
    t = await makeTestDesk(); // received Fri 27 Nov 09:32, due Tue 8 Dec 09:32
    const { dossier } = await receive(t);
    t.clock.set('2026-12-07T09:32:00+07:00'); // Monday: 8 working hours left
    await t.must('dossiers.requestFees', { dossierId: dossier.id, amountVnd: 150_000, reason: 'Lệ phí cấp giấy' });
    t.clock.set('2026-12-10T13:30:00+07:00'); // paid Thursday at 13:30
    const paid = await t.must('dossiers.feesPaid', { dossierId: dossier.id });
    expect(paid.dossier.status).toBe(2);
    // 8 hours carried: Thursday 13:30–17:00 (3.5 h) and Friday 07:00–11:30 (4.5 h).
    expect(paid.dossier.dueAt).toBe('2026-12-11T11:30:00+07:00');
  });

  it('carries the office time left when the fees were asked for, whatever days off are announced during the pause', async () => {
    t = await makeTestDesk(); // received Fri 27 Nov 09:32, due Tue 8 Dec 09:32
    const { dossier } = await receive(t);
    t.clock.set('2026-12-04T09:32:00+07:00'); // Friday: 16 office hours left (Fri 5 h 28, Mon 8 h, Tue 2 h 32)
    await t.must('dossiers.requestFees', { dossierId: dossier.id, amountVnd: 150_000, reason: 'Lệ phí cấp giấy' });
    // Saturday: the unit announces Monday 7 and Tuesday 8 December off. The clock was stopped; the time left stands.
    t.clock.set('2026-12-05T09:00:00+07:00');
    await t.must('calendar.setLocal', {
      officeHours: null,
      daysOff: [
        { date: '2026-12-07', name: 'Nghỉ theo thông báo của huyện' },
        { date: '2026-12-08', name: 'Nghỉ theo thông báo của huyện' },
      ],
      workingDays: [],
    });
    t.clock.set('2026-12-10T09:32:00+07:00'); // paid Thursday at 09:32
    const paid = await t.must('dossiers.feesPaid', { dossierId: dossier.id });
    // 16 office hours carried from Thursday 09:32: due Monday 14 at 09:32. Measured at the payment, by the new
    // calendar, only Friday's 5 h 28 min would have been left: due that Thursday at closing time.
    expect(paid.dossier.dueAt).toBe('2026-12-14T09:32:00+07:00');
    expect(paid.dossier.legalDue?.at ?? paid.dossier.dueAt).toBe('2026-12-14T09:32:00+07:00');
  });

  it('carries a re-appointed dossier’s legal due and its appointment apart, so paying fees cannot excuse lateness', async () => {
    t = await makeTestDesk(); // received Fri 27 Nov 09:32, legal due Tue 8 Dec 09:32
    await addUser(t, 'lanhdao', 'supervisor');
    const { dossier } = await receive(t);
    await loginAs(t, 'lanhdao');
    t.clock.set('2026-12-03T10:00:00+07:00');
    await t.must('dossiers.reappoint', { dossierId: dossier.id, newDueAt: '2026-12-15T09:00:00+07:00', reason: 'Chờ xác minh thực địa' });
    t.clock.set('2026-12-07T09:32:00+07:00'); // 8 working hours of the legal time left, 5 days of the appointment's
    await t.must('dossiers.requestFees', { dossierId: dossier.id, amountVnd: 150_000, reason: 'Lệ phí cấp giấy' });
    t.clock.set('2026-12-09T07:00:00+07:00');
    const paid = await t.must('dossiers.feesPaid', { dossierId: dossier.id });
    // The applicant's appointment: the 47 h 28 min of office time it had left, from Wednesday 07:00.
    expect(paid.dossier.dueAt).toBe('2026-12-16T16:28:00+07:00');
    // The law's due date: the 8 hours that were left, so Wednesday at closing time. It used to be the appointment
    // above, for both, which made a resolution on the 14th early instead of late.
    expect(paid.dossier.legalDue?.at).toBe('2026-12-09T17:00:00+07:00');
    t.clock.set('2026-12-14T10:00:00+07:00');
    await t.must('dossiers.resolve', { dossierId: dossier.id, resultDigitised: false });
    const report = await t.must('reports.summary', { from: '2026-12-01', to: '2026-12-31' });
    expect(report.counts.resolved).toMatchObject({ total: 1, late: 1, early: 0, onTime: 0 });
  });

  it('refuses an illegal transition with the reason in both languages and writes nothing', async () => {
    t = await makeTestDesk();
    const { dossier } = await receive(t);
    const error = await expectRefused(t, 'dossiers.returnResult', { dossierId: dossier.id }, 'illegal_transition');
    expect(error!.message.vi).toContain('Không thể trả kết quả');
    expect(error!.message.en).toContain('Cannot return the result');
    await expectRefused(t, 'dossiers.supplementReceived', { dossierId: dossier.id }, 'illegal_transition');
    await expectRefused(t, 'dossiers.feesPaid', { dossierId: dossier.id }, 'illegal_transition');
  });

  it('lets only a supervisor stop a dossier or re-appoint it, and re-appoints only once, to a later date', async () => {
    t = await makeTestDesk();
    await addUser(t, 'canbo1', 'clerk');
    await addUser(t, 'lanhdao', 'supervisor');
    const { dossier } = await receive(t);
    await loginAs(t, 'canbo1');
    await expectRefused(t, 'dossiers.stop', { dossierId: dossier.id, reason: 'Theo yêu cầu' }, 'forbidden_role');
    await expectRefused(t, 'dossiers.reappoint', { dossierId: dossier.id, newDueAt: '2026-12-15T09:00:00+07:00', reason: 'Chậm' }, 'forbidden_role');
    await loginAs(t, 'lanhdao');
    await expectRefused(t, 'dossiers.reappoint', { dossierId: dossier.id, newDueAt: '2026-12-01T09:00:00+07:00', reason: 'Chậm' }, 'reappointment.not_later');
    // 2099 for 2026: the one re-appointment would be spent on it, printed on the apology letter and never corrected.
    await expectRefused(t, 'dossiers.reappoint', { dossierId: dossier.id, newDueAt: '2099-12-01T09:00:00+07:00', reason: 'Chậm' }, 'reappointment.too_far');
    const r = await t.must('dossiers.reappoint', { dossierId: dossier.id, newDueAt: '2026-12-15T09:00:00+07:00', reason: 'Chờ xác minh thực địa' });
    expect(r.dossier.dueAt).toBe('2026-12-15T09:00:00+07:00');
    await expectRefused(t, 'dossiers.reappoint', { dossierId: dossier.id, newDueAt: '2026-12-16T09:00:00+07:00', reason: 'Chậm' }, 'already_reappointed');
    expect((await t.must('dossiers.stop', { dossierId: dossier.id, reason: 'Người nộp không bổ sung' })).dossier.status).toBe(8);
  });

  it('withdraws at the citizen’s request, after which only files can be attached', async () => {
    t = await makeTestDesk();
    const { dossier } = await receive(t);
    expect((await t.must('dossiers.withdraw', { dossierId: dossier.id, reason: 'Công dân rút hồ sơ' })).dossier.status).toBe(7);
    await expectRefused(t, 'dossiers.resolve', { dossierId: dossier.id, resultDigitised: false }, 'dossier_closed');
  });

  it('refuses an action based on a version someone else has since changed', async () => {
    t = await makeTestDesk();
    const { dossier } = await receive(t);
    await t.must('dossiers.transfer', { dossierId: dossier.id, expectedVersion: 1 });
    await expectRefused(t, 'dossiers.resolve', { dossierId: dossier.id, resultDigitised: false, expectedVersion: 1 }, 'stale_version');
  });

  it('refuses actions on a dossier that does not exist', async () => {
    t = await makeTestDesk();
    await expectRefused(t, 'dossiers.transfer', { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11' }, 'dossier_not_found');
  });
});

describe('conflicts between desks', () => {
  /** An event of another desk as the server would deliver it. */
  function remoteEvent(
    dossierId: string,
    type: DossierEvent['type'],
    payload: unknown,
    baseVersion: number,
    serverSeq: number,
    deviceId = 'desk-khac',
    role: 'clerk' | 'supervisor' = 'clerk',
  ): DossierEvent {
    const unhashed = {
      id: uuidv7(),
      dossierId,
      deviceId,
      deviceSeq: serverSeq,
      type,
      payload,
      baseVersion,
      actor: { userId: 'u-khac', name: 'Cán bộ quầy khác', role },
      deviceTime: '2026-11-27T10:00:00+07:00',
      prevHash: null,
    };
    const hash = createHash('sha256').update(canonicalEventText(unhashed as never)).digest('hex');
    return { ...unhashed, hash, serverSeq, serverTime: '2026-11-27T10:00:01+07:00' } as DossierEvent;
  }

  /**
   * What the server made of a dossier: the first `accepted` of this desk's events (all when undefined) accepted in
   * their order, then other desks' events as it delivers them; the dossier refolded.
   */
  function merge(desk: TestDesk, id: string, remote: DossierEvent[], accepted?: number): void {
    const ours = desk.desk.db.prepare('SELECT id FROM events WHERE dossier_id = ? ORDER BY device_seq').all(id) as { id: string }[];
    desk.desk.db.transaction(() => {
      ours.slice(0, accepted).forEach((e, i) => desk.desk.events.markAccepted(e.id, i + 1, '2026-11-27T09:40:00+07:00'));
      for (const e of remote) desk.desk.events.insertFromServer(e);
      desk.desk.projector.refresh(id);
    })();
    // Read from the server after it accepted them: this desk's clock is past their time (one earlier is a clock
    // behind, and the desk records no deed before them: dossiers/clock-order.ts).
    const latest = Math.max(...remote.map((e) => Date.parse(e.serverTime!)));
    if (desk.clock.current.getTime() < latest) desk.clock.current = new Date(latest + 60_000);
  }

  /**
   * This desk resolved and returned a dossier; the server accepted that first, then another desk's withdrawal made
   * on the dossier as just received. Returns the dossier's id.
   */
  async function returnedHereWithdrawnThere(desk: TestDesk, reason: string): Promise<string> {
    const { dossier } = await receive(desk);
    const id = dossier.id;
    await desk.must('dossiers.resolve', { dossierId: id, resultDigitised: false });
    await desk.must('dossiers.returnResult', { dossierId: id });
    merge(desk, id, [remoteEvent(id, 'dossier.withdrawn', { reason }, 1, 10)]);
    return id;
  }

  it('marks a dossier in conflict when merged events clash, and a supervisor resolves it explicitly', async () => {
    t = await makeTestDesk();
    const id = await returnedHereWithdrawnThere(t, 'Rút');
    const page = await t.must('dossiers.list', { inConflict: true });
    expect(page.items.map((d) => d.id)).toEqual([id]);
    expect(page.items[0]!.syncState).toBe('conflict');
    await expectRefused(t, 'dossiers.withdraw', { dossierId: id, reason: 'x' }, 'dossier_in_conflict');
    const withdrawal = t.desk.db.prepare<[string], string>("SELECT id FROM events WHERE dossier_id = ? AND type = 'dossier.withdrawn'").pluck().get(id)!;
    expect((await t.must('dossiers.get', { dossierId: id })).notApplied).toEqual([withdrawal]);
    const resolved = await t.must('dossiers.resolveConflict', { dossierId: id, status: 10, note: 'Kết quả đã trả; bỏ yêu cầu rút của quầy khác' });
    expect(resolved.dossier.status).toBe(10);
    expect(resolved.dossier.syncState).toBe('pending');
    // Decided, the withdrawal still did not count: the history keeps saying so.
    const after = await t.must('dossiers.get', { dossierId: id });
    expect([after.state.conflict, after.notApplied]).toEqual([null, [withdrawal]]);
    // The return was kept, not the withdrawal: nothing not applied was adopted.
    expect(after.adopted).toEqual([]);
    await expectRefused(t, 'dossiers.resolveConflict', { dossierId: id, status: 10, note: 'again' }, 'no_conflict');
  });

  it('says which deed not applied a supervisor chose: the withdrawal, when the dossier is decided withdrawn', async () => {
    t = await makeTestDesk();
    const id = await returnedHereWithdrawnThere(t, 'Rút');
    const withdrawal = t.desk.db.prepare<[string], string>("SELECT id FROM events WHERE dossier_id = ? AND type = 'dossier.withdrawn'").pluck().get(id)!;
    expect((await t.must('dossiers.get', { dossierId: id })).adopted).toEqual([]);
    await t.must('dossiers.resolveConflict', { dossierId: id, status: 7, note: 'Công dân đã rút trước khi nhận kết quả' });
    const after = await t.must('dossiers.get', { dossierId: id });
    expect([after.state.status, after.notApplied, after.adopted]).toEqual([7, [withdrawal], [withdrawal]]);
  });

  it('does not say a deed was chosen once a decision for it was contested and the dossier decided otherwise', async () => {
    t = await makeTestDesk();
    const id = await returnedHereWithdrawnThere(t, 'Rút');
    const withdrawal = t.desk.db.prepare<[string], string>("SELECT id FROM events WHERE dossier_id = ? AND type = 'dossier.withdrawn'").pluck().get(id)!;
    const base = (await t.must('dossiers.get', { dossierId: id })).state.version;
    await t.must('dossiers.resolveConflict', { dossierId: id, status: 7, note: 'Rút' });
    // The server took this decision first, then another supervisor's made offline on the same conflict: returned.
    const ours = t.desk.db.prepare<[string], string>("SELECT id FROM events WHERE dossier_id = ? AND type = 'dossier.conflict_resolved'").pluck().get(id)!;
    t.desk.events.markAccepted(ours, 15, '2026-11-27T09:50:00+07:00');
    merge(t, id, [remoteEvent(id, 'dossier.conflict_resolved', { status: 10, note: 'Đã trả' }, base, 20, 'desk-khac', 'supervisor')], 0);
    await t.must('dossiers.resolveConflict', { dossierId: id, status: 10, note: 'Kết quả đã trả' });
    const after = await t.must('dossiers.get', { dossierId: id });
    // The other supervisor's decision, not applied when it came, is the one whose status now stands.
    const theirs = t.desk.db.prepare<[string], string>("SELECT id FROM events WHERE dossier_id = ? AND device_id = 'desk-khac' AND type = 'dossier.conflict_resolved'").pluck().get(id)!;
    expect([after.state.status, after.notApplied.includes(withdrawal), after.adopted]).toEqual([10, true, [theirs]]);
  });

  it("another supervisor's different decision on the same conflict, made offline, opens it again instead of undoing this one", async () => {
    t = await makeTestDesk();
    const id = await returnedHereWithdrawnThere(t, 'Rút');
    const base = (await t.must('dossiers.get', { dossierId: id })).state.version;
    await t.must('dossiers.resolveConflict', { dossierId: id, status: 10, note: 'Kết quả đã trả' });
    // The server took this desk's decision first, then the other supervisor's (made on the same conflict): withdrawn.
    const ours = t.desk.db.prepare<[string], string>("SELECT id FROM events WHERE dossier_id = ? AND type = 'dossier.conflict_resolved'").pluck().get(id)!;
    t.desk.events.markAccepted(ours, 15, '2026-11-27T09:50:00+07:00');
    merge(t, id, [remoteEvent(id, 'dossier.conflict_resolved', { status: 9, note: 'Công dân đã rút' }, base, 20, 'desk-khac', 'supervisor')], 0);
    const detail = await t.must('dossiers.get', { dossierId: id });
    expect(detail.state.status).toBe(10);
    expect(detail.state.conflict?.events.map((e) => e.type)).toEqual(['dossier.conflict_resolved']);
    expect(detail.conflictChoices).toEqual(expect.arrayContaining([9, 10]));
    expect((await t.must('dossiers.list', { inConflict: true })).items.map((d) => d.id)).toEqual([id]);

    // A desk that folded it by the old rule (the later decision won): desk migration 022 refolds it when it opens.
    t.desk.db.prepare('UPDATE dossiers SET status = 9, in_conflict = 0 WHERE id = ?').run(id);
    t.desk.db.pragma('user_version = 21');
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await vi.waitFor(() => expect(t!.desk.db.prepare('SELECT count(*) FROM sync_refold').pluck().get()).toBe(0));
    expect((await t.must('dossiers.list', { inConflict: true })).items.map((d) => [d.id, d.status])).toEqual([[id, 10]]);
  });

  it('offers only the statuses the competing deeds led to and the one before them, and refuses any other in plain words', async () => {
    t = await makeTestDesk();
    const id = await returnedHereWithdrawnThere(t, 'Công dân xin rút');
    const detail = await t.must('dossiers.get', { dossierId: id });
    // Received (before both), resolved and returned (this desk's deeds), withdrawn (the other desk's).
    expect(detail.conflictChoices).toEqual([2, 7, 9, 10]);
    const version = detail.state.version;
    for (const status of [1, 3, 4, 6, 8]) {
      const refused = await expectRefused(t, 'dossiers.resolveConflict', { dossierId: id, status, note: 'Thử' }, 'conflict_status_not_offered');
      expect(refused?.field).toBe('status');
    }
    const error = await expectRefused(t, 'dossiers.resolveConflict', { dossierId: id, status: 5, note: 'Thử' }, 'conflict_status_not_offered');
    expect(error?.message.vi).toBe(
      'Không thể giải quyết xung đột về trạng thái «Yêu cầu bổ sung»: các thao tác xung đột không dẫn tới trạng thái này. Hãy chọn một trong: Được tiếp nhận, Rút hồ sơ, Đã xử lý xong, Đã trả kết quả.',
    );
    expect(error?.message.en).toBe(
      'Cannot resolve the conflict to "Supplement requested": none of the conflicting actions led there. Choose one of: Received, Withdrawn, Resolved, Returned.',
    );
    const still = await t.must('dossiers.get', { dossierId: id });
    expect(still.state.version).toBe(version);
    expect(still.state.conflict).not.toBeNull();
    // The status before both deeds is a choice: the supervisor may undo both and take the dossier up again.
    const resolved = await t.must('dossiers.resolveConflict', { dossierId: id, status: 2, note: 'Làm lại từ khi tiếp nhận' });
    expect(resolved.dossier.status).toBe(2);
    expect((await t.must('dossiers.get', { dossierId: id })).conflictChoices).toBeUndefined();
  });

  it('follows offline deeds as their desk saw them: a result returned after resolving is a choice', async () => {
    t = await makeTestDesk();
    const { dossier } = await receive(t);
    const id = dossier.id;
    // Offline, this desk resolves the dossier and hands the result to the citizen (it saw 1, then 2 events).
    await t.must('dossiers.resolve', { dossierId: id, resultDigitised: false });
    await t.must('dossiers.returnResult', { dossierId: id });
    // Only the reception reached the server before another desk's withdrawal: both our deeds come after it.
    merge(t, id, [remoteEvent(id, 'dossier.withdrawn', { reason: 'Công dân xin rút' }, 1, 2)], 1);
    const detail = await t.must('dossiers.get', { dossierId: id });
    expect(detail.state.status).toBe(7);
    expect(detail.state.conflict?.events.map((e) => e.type)).toEqual(['dossier.resolved', 'dossier.returned']);
    // Received (before both), withdrawn (the other desk), resolved then returned (this desk's chain of deeds).
    expect(detail.conflictChoices).toEqual([2, 7, 9, 10]);
    const resolved = await t.must('dossiers.resolveConflict', { dossierId: id, status: 10, note: 'Công dân đã nhận kết quả' });
    expect(resolved.dossier.status).toBe(10);
    expect((await t.must('dossiers.get', { dossierId: id })).state.conflict).toBeNull();
  });

  it('a decision to "Đã trả kết quả" closes the dossier when its deeds said, in the row and the report, also after an upgrade', async () => {
    t = await makeTestDesk({ now: '2026-11-20T08:00:00+07:00' });
    const { dossier } = await receive(t);
    const id = dossier.id;
    const resolvedAt = t.clock.now().toISOString();
    await t.must('dossiers.resolve', { dossierId: id, resultDigitised: false });
    t.clock.advanceMinutes(60);
    await t.must('dossiers.returnResult', { dossierId: id });
    // Another desk's withdrawal reached the server first: both our deeds compete with it.
    merge(t, id, [remoteEvent(id, 'dossier.withdrawn', { reason: 'Công dân xin rút' }, 1, 2)], 1);
    t.clock.set('2026-12-03T09:00:00+07:00');
    await t.must('dossiers.resolveConflict', { dossierId: id, status: 10, note: 'Công dân đã nhận kết quả' });
    const state = (await t.must('dossiers.get', { dossierId: id })).state;
    expect(Date.parse(state.resolvedAt!)).toBe(Date.parse(resolvedAt));
    expect(state.returnedAt?.slice(0, 10)).toBe('2026-11-20');
    const report = async () => (await t!.must('reports.summary', { from: '2026-11-01', to: '2026-12-31' })).counts;
    const counted = (c: Awaited<ReturnType<typeof report>>) => [c.resolved.total, c.inProgress.total];
    expect(counted(await report())).toEqual([1, 0]);

    // The same dossier on a desk that folded it before this rule: its row and its report fact without the closing.
    const old = reportFactOf({ ...state, resolvedAt: null, returnedAt: null });
    const db = t.desk.db;
    db.prepare('UPDATE dossiers SET resolved_at = NULL WHERE id = ?').run(id);
    db.prepare(`UPDATE report_facts SET ${reportFactColumns.map((c) => `${c} = ?`).join(', ')} WHERE dossier_id = ?`).run(...reportFactValues(old), id);
    // Written by hand, the row marked its fact to be refolded (a trigger): the old desk had no such mark.
    db.prepare('DELETE FROM report_facts_stale').run();
    invalidateReportCounts(db);
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(counted(await report())).toEqual([0, 1]);
    // Desk migration 019 refolds it when the desk opens: the row, and the fact at the next report.
    t.desk.db.pragma('user_version = 18');
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await vi.waitFor(() => expect(t!.desk.db.prepare('SELECT count(*) FROM sync_refold').pluck().get()).toBe(0));
    expect((await t.must('dossiers.list', { status: [10] })).items.map((d) => d.id)).toEqual([id]);
    expect(t.desk.db.prepare('SELECT resolved_at FROM dossiers WHERE id = ?').pluck().get(id)).not.toBeNull();
    expect(counted(await report())).toEqual([1, 0]);
  });

  it("three desks: a third desk's deed on top of one side, and this desk's offline chain on the other", async () => {
    t = await makeTestDesk();
    const { dossier } = await receive(t);
    const id = dossier.id;
    await t.must('dossiers.resolve', { dossierId: id, resultDigitised: false });
    await t.must('dossiers.returnResult', { dossierId: id });
    // Another desk (saw the reception) transferred it; a third (saw both) requested a supplement, with the same base
    // as this desk's return: the base alone does not say which desk saw what.
    const transfer = remoteEvent(id, 'dossier.transferred', { toAgency: 'Phòng Tư pháp' }, 1, 2);
    const supplement = remoteEvent(id, 'dossier.supplement_requested', { items: ['Bản sao sổ hộ khẩu'], reason: 'Thiếu giấy tờ' }, 2, 3, 'desk-thu-ba');
    merge(t, id, [transfer, supplement], 1);
    const detail = await t.must('dossiers.get', { dossierId: id });
    expect(detail.state.status).toBe(5);
    expect(detail.state.conflict?.events.map((e) => e.type)).toEqual(['dossier.resolved', 'dossier.returned']);
    // Received (before all), processing then supplement requested (the other two desks), resolved then returned (ours).
    expect(detail.conflictChoices).toEqual([2, 4, 5, 9, 10]);
    const resolved = await t.must('dossiers.resolveConflict', { dossierId: id, status: 10, note: 'Đã trả kết quả; bỏ yêu cầu bổ sung' });
    expect(resolved.dossier.status).toBe(10);
  });

  it('a paused dossier: the status a deed resumes to is a choice', async () => {
    t = await makeTestDesk();
    const { dossier } = await receive(t);
    const id = dossier.id;
    await t.must('dossiers.transfer', { dossierId: id });
    await t.must('dossiers.requestSupplement', { dossierId: id, items: ['Bản sao sổ hộ khẩu'], reason: 'Thiếu giấy tờ' });
    await t.must('dossiers.supplementReceived', { dossierId: id });
    // Another desk saw the supplement requested (3 events) and took the supplement in too; ours came first.
    merge(t, id, [remoteEvent(id, 'dossier.supplement_received', { dueAt: '2026-12-09T10:00:00+07:00' }, 3, 10)]);
    const detail = await t.must('dossiers.get', { dossierId: id });
    // Supplement requested (before both), processing (where both supplement receptions led).
    expect(detail.conflictChoices).toEqual([4, 5]);
  });
});
