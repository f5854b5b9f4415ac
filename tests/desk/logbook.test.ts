/**
 * Form 06, the tracking logbook (electron/desk/dossiers/logbook.ts): what a clerk prints at the end of a month. It
 * must list the month's receptions in order, numbered on from the year's earlier months, with what became of each
 * (sent to its agency, resolved, handed back), leave out what was never received (refused at the counter), and
 * keep the reading in the access log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { projectDossier } from '../../shared/domain/lifecycle';
import { at, dossierEvents } from '../reports/support/dossier-builder';
import { makeTestDesk, ordinaryProcedure, receiveDossier, submittedOnline, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('form 06, the tracking logbook', () => {
  it('numbers the year continuously across months and records each dossier’s path; a refusal at the counter is not in it', async () => {
    t = await makeTestDesk({ now: '2025-12-31T16:30:00+07:00' });
    // The year before: not in this year's numbers.
    await receiveDossier(t, 'Đinh Văn Cũ', '001203004500');
    t.clock.set('2026-01-05T09:00:00+07:00');
    const first = await receiveDossier(t, 'Nguyễn Văn An', '001203004501');
    // Submitted online (on 26/11) and not yet checked at the desk: not received, so not in November's book.
    const waiting = '0194f3a2-7c4e-7d3b-9a51-3f1f6a7e2b11';
    t.desk.db.transaction(() => {
      t!.desk.events.insertFromServer(submittedOnline(waiting));
      t!.desk.projector.refresh(waiting);
    })();
    t.clock.set('2026-01-20T10:15:00+07:00');
    const late = await receiveDossier(t, 'Trần Thị Bình', '001203004502');
    t.clock.set('2026-01-27T10:00:00+07:00');
    await t.must('dossiers.reappoint', { dossierId: late.dossier.id, expectedVersion: late.dossier.version, newDueAt: '2026-02-10T16:00:00+07:00', reason: 'Cần xác minh thêm' });
    // The year before does not count in this year's numbers.
    t.clock.set('2026-02-02T08:00:00+07:00');
    const sent = await receiveDossier(t, 'Lê Văn Cường', '001203004503');
    t.clock.set('2026-02-02T09:30:00+07:00');
    await t.must('dossiers.refuse', { applicant: { kind: 'person', name: 'Phạm Thị Dung', idNumber: '001203004504' }, reason: 'Thiếu giấy tờ' });
    const withdrawn = await receiveDossier(t, 'Hoàng Văn Em', '001203004505');
    t.clock.set('2026-02-03T14:00:00+07:00');
    const afterTransfer = await t.must('dossiers.transfer', { dossierId: sent.dossier.id, expectedVersion: sent.dossier.version });
    t.clock.set('2026-02-05T10:00:00+07:00');
    const resolved = await t.must('dossiers.resolve', { dossierId: sent.dossier.id, expectedVersion: afterTransfer.dossier.version, resultDigitised: false });
    t.clock.set('2026-02-06T15:00:00+07:00');
    await t.must('dossiers.returnResult', { dossierId: sent.dossier.id, expectedVersion: resolved.dossier.version, receivedBy: 'Lê Văn Cường' });
    await t.must('dossiers.withdraw', { dossierId: withdrawn.dossier.id, expectedVersion: withdrawn.dossier.version, reason: 'Công dân xin rút' });

    const january = await t.must('dossiers.logbook', { year: 2026, month: 1 });
    expect(january.entries.map((e) => [e.no, e.code])).toEqual([
      [1, first.code],
      [2, late.code],
    ]);
    // A re-appointed dossier keeps the appointment its receipt gave, and says where form 04 moved it.
    expect(january.entries[1]).toMatchObject({ dueAt: late.dueAt, reappointedTo: '2026-02-10T16:00:00+07:00' });
    expect(january.entries[0]!.reappointedTo).toBeNull();
    const february = await t.must('dossiers.logbook', { year: 2026, month: 2 });
    // Numbered on from January's two; the refusal at the counter was never received.
    expect(february.entries.map((e) => e.no)).toEqual([3, 4]);
    const [path, out] = february.entries;
    expect(path).toMatchObject({
      code: sent.code,
      applicantName: 'Lê Văn Cường',
      applicantAddress: 'Thôn Đông, xã Thanh Hải',
      applicantPhone: '0912345678',
      receivedAt: '2026-02-02T08:00:00+07:00',
      dueAt: sent.dueAt,
      transferredAt: '2026-02-03T14:00:00+07:00',
      returnedTo: 'Lê Văn Cường',
    });
    expect(path!.resolvedAt?.startsWith('2026-02-05')).toBe(true);
    expect(path!.returnedAt?.startsWith('2026-02-06')).toBe(true);
    expect(path!.agency).toBeTruthy();
    expect(out).toMatchObject({ code: withdrawn.code, status: 7, transferredAt: null, resolvedAt: null });
    expect((await t.must('dossiers.logbook', { year: 2026, month: 3 })).entries).toEqual([]);
    expect((await t.must('dossiers.logbook', { year: 2026, month: 11 })).entries).toEqual([]);
    // Every applicant of the month is on it: its reading is in the access log.
    // December's book of the year before: its one dossier, numbered 1.
    expect((await t.must('dossiers.logbook', { year: 2025, month: 12 })).entries.map((e) => e.no)).toEqual([1]);
    const read = t.desk.db.prepare<[], string>("SELECT detail FROM audit_log WHERE action = 'dossier.list' ORDER BY id").pluck().all().slice(0, 3);
    expect(read).toEqual(['form 06 logbook 2026-01, 2 dossiers', 'form 06 logbook 2026-02, 2 dossiers', 'form 06 logbook 2026-03, 0 dossiers']);
  });

  it('names the agency a dossier was sent to as a clerk reads it: a unit by its name, never by its bare code', async () => {
    t = await makeTestDesk({ now: '2026-03-02T08:00:00+07:00' });
    const procedure = ordinaryProcedure();
    await receiveDossier(t, 'Nguyễn Thị Chờ', '001203004601');
    const roundTrip = await receiveDossier(t, 'Phạm Văn Đi', '001203004602');
    const byName = await receiveDossier(t, 'Lê Thị Tên', '001203004603');
    t.clock.set('2026-03-03T09:00:00+07:00');
    // To the commune's desks, and back to the district's (as the commune desk sends it back: a unit's code).
    const toCommune = await t.must('dossiers.transfer', { dossierId: roundTrip.dossier.id, expectedVersion: roundTrip.dossier.version, toAgency: '000.02.06.H56' });
    await t.must('dossiers.transfer', { dossierId: roundTrip.dossier.id, expectedVersion: toCommune.dossier.version, toAgency: '000.00.06.H56' });
    await t.must('dossiers.transfer', { dossierId: byName.dossier.id, expectedVersion: byName.dossier.version, toAgency: 'Chi cục Thuế khu vực Thanh Hà' });

    const march = await t.must('dossiers.logbook', { year: 2026, month: 3 });
    expect(march.entries.map((e) => [e.applicantName, e.agency])).toEqual([
      // Not sent yet: the procedure's agency in the catalog.
      ['Nguyễn Thị Chờ', procedure.agency],
      ['Phạm Văn Đi', 'Huyện Thanh Hà (000.00.06.H56)'],
      ['Lê Thị Tên', 'Chi cục Thuế khu vực Thanh Hà'],
    ]);
  });

  it('refuses a month that is not one, in plain words, and logs nothing', async () => {
    t = await makeTestDesk();
    const bad = await t.call('dossiers.logbook', { year: 2026, month: 13 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message.vi).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/);
    expect(t.desk.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'dossier.list'").get()).toEqual({ n: 0 });
  });
});

describe('the first transfer a dossier\'s fold applied', () => {
  it('dates the book\'s "sent on" column; a transfer a conflict left unapplied does not', () => {
    const sent = projectDossier(
      dossierEvents({ receivedAt: at('2026-02-02'), dueAt: at('2026-02-09', '17:00'), steps: [{ type: 'transferred', at: at('2026-02-03', '14:00') }, { type: 'transferred', at: at('2026-02-04', '09:00') }] }),
    )!;
    expect(sent.firstTransferredAt).toBe(at('2026-02-03', '14:00'));
    // Withdrawn first, then a transfer made on another desk: a conflict, not a transfer.
    const refused = projectDossier(
      dossierEvents({ receivedAt: at('2026-02-02'), dueAt: at('2026-02-09', '17:00'), steps: [{ type: 'withdrawn', at: at('2026-02-03', '10:00') }, { type: 'transferred', at: at('2026-02-03', '14:00') }] }),
    )!;
    expect(refused.conflict).not.toBeNull();
    expect(refused.firstTransferredAt).toBeUndefined();
  });
});
