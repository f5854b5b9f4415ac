/**
 * The "Thứ Sáu không chờ" badge on a dossier (`DossierSummary.fridayNoWait`) tells the clerk that the Friday rule
 * gave it its appointment: a listed procedure received on a working Friday. The QA walk-through found it on
 * dossiers received on a Monday, whose appointment came from the ordinary processing time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applicant, fridayProcedure, makeTestDesk, receiveDossier, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** The badge as the receipt's answer, the list and the detail page carry it. */
async function fridayBadgeAt(desk: TestDesk, now: string): Promise<{ dueAt: string; badge: boolean[] }> {
  desk.clock.set(now);
  const received = await receiveDossier(desk, 'Nguyễn Văn An', '001203000051', fridayProcedure());
  const id = received.dossier.id;
  const listed = (await desk.must('dossiers.list', { limit: 50 })).items.find((d) => d.id === id)!;
  const detail = (await desk.must('dossiers.get', { dossierId: id })).summary;
  return { dueAt: received.dueAt, badge: [received.dossier.fridayNoWait, listed.fridayNoWait, detail.fridayNoWait] };
}

describe('the Friday-without-waiting badge of a dossier', () => {
  it('is on a listed dossier received on a working Friday, before the cut-off or after it', async () => {
    t = await makeTestDesk({ now: '2026-11-27T14:10:00+07:00' });
    expect(await fridayBadgeAt(t, '2026-11-27T14:10:00+07:00')).toEqual({ dueAt: '2026-11-27T17:00:00+07:00', badge: [true, true, true] });
    expect(await fridayBadgeAt(t, '2026-11-27T15:40:00+07:00')).toEqual({ dueAt: '2026-11-30T09:00:00+07:00', badge: [true, true, true] });
  });

  it('is not on a listed dossier received on a Monday, nor on a holiday Friday: the ordinary rule gave their appointments', async () => {
    t = await makeTestDesk({ now: '2026-11-30T08:00:00+07:00' });
    const monday = await fridayBadgeAt(t, '2026-11-30T08:00:00+07:00');
    expect(monday.badge).toEqual([false, false, false]);
    expect(monday.dueAt).not.toBe('2026-11-30T17:00:00+07:00');
    // 1 January 2027 is a Friday and New Year's Day.
    const holiday = await fridayBadgeAt(t, '2027-01-01T09:00:00+07:00');
    expect(holiday.badge).toEqual([false, false, false]);
    expect(holiday.dueAt.slice(0, 10)).not.toBe('2027-01-01');
  });

  it('is not on a listed dossier refused at the counter on a Friday: it was never received', async () => {
    t = await makeTestDesk({ now: '2026-11-27T10:00:00+07:00' });
    const refused = await t.must('dossiers.refuse', { procedureCode: fridayProcedure().code, applicant: applicant(), reason: 'Không thuộc thẩm quyền' });
    expect(refused.dossier.fridayNoWait).toBe(false);
    expect((await t.must('dossiers.get', { dossierId: refused.dossier.id })).summary.fridayNoWait).toBe(false);
  });
});
