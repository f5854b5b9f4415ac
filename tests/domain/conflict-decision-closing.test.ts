/**
 * A supervisor's conflict decision that ends a dossier closes it when the deed that led there says; a choice that
 * undoes what an applied deed closed clears it. Before, a dossier resolved, returned or refused by such a decision
 * had no closing day, and the reports counted it in progress (and, past its due, overdue) for ever; one taken up
 * again after an applied resolution was counted resolved.
 */
import { describe, expect, it } from 'vitest';
import { evolve, projectDossier, type DossierState } from '../../shared/domain/lifecycle';
import type { DossierEvent } from '../../shared/domain/events';
import { reportFactOf } from '../../shared/reports/facts';
import { dayNumberOfInstant } from '../../shared/reports/days';
import { makeEvent, receivedPayload, samplePayloads, submittedOnlinePayload } from './fixtures';

const RESOLVED_AT = '2023-11-01T15:00:00+07:00';
const RETURNED_AT = '2023-11-02T09:00:00+07:00';
const DECIDED_AT = '2023-11-20T08:00:00+07:00';

const received = () => makeEvent('dossier.received', receivedPayload, { serverSeq: 1 });
/** Desk 1's deed, applied first (it saw the reception). */
const withdrawnHere = () =>
  makeEvent('dossier.withdrawn', samplePayloads['dossier.withdrawn'], { serverSeq: 2, baseVersion: 1, deviceTime: '2023-10-30T10:00:00+07:00' });
/** Desk 2's deeds, made offline on the dossier as received, merged after desk 1's: each one competes. */
const resolvedThere = (serverSeq = 3) =>
  makeEvent('dossier.resolved', { resolvedAt: RESOLVED_AT, resultDigitised: false }, { serverSeq, baseVersion: 1, deviceId: 'desk-2', deviceSeq: 1 });
const returnedThere = (serverSeq = 4) =>
  makeEvent('dossier.returned', { returnedAt: RETURNED_AT }, { serverSeq, baseVersion: 2, deviceId: 'desk-2', deviceSeq: 2 });
const decision = (status: number, serverSeq: number) =>
  makeEvent('dossier.conflict_resolved', { status: status as never, note: 'Quyết định của lãnh đạo' }, { serverSeq, role: 'supervisor', deviceTime: DECIDED_AT });

const dayOf = (instant: string) => dayNumberOfInstant(instant);
const open = (state: DossierState | undefined) => reportFactOf(state!).finishedDay === null;

describe("a supervisor's decision closes the dossier as chosen", () => {
  it('"Đã xử lý xong" over an applied withdrawal: resolved when the competing resolution says, not open for ever', () => {
    const state = projectDossier([received(), withdrawnHere(), resolvedThere(), decision(9, 4)]);
    expect(state).toMatchObject({ status: 9, conflict: null, resolvedAt: RESOLVED_AT, closedAt: null });
    const fact = reportFactOf(state!);
    expect([fact.resolvedDay, fact.finishedDay, fact.withdrawnDay]).toEqual([dayOf(RESOLVED_AT), dayOf(RESOLVED_AT), null]);
    expect(open(state)).toBe(false);
  });

  it('"Đã trả kết quả" over an applied withdrawal: resolved and returned when the other desk did both', () => {
    const state = projectDossier([received(), withdrawnHere(), resolvedThere(), returnedThere(), decision(10, 5)]);
    expect(state).toMatchObject({ status: 10, resolvedAt: RESOLVED_AT, returnedAt: RETURNED_AT });
    const fact = reportFactOf(state!);
    expect([fact.resolvedDay, fact.returnedDay]).toEqual([dayOf(RESOLVED_AT), dayOf(RETURNED_AT)]);
  });

  it('"Không được tiếp nhận" over another desk\'s reception of an online dossier: a refusal, not a dossier received', () => {
    const refusedAt = '2023-10-27T10:00:00+07:00';
    const events: DossierEvent[] = [
      makeEvent('dossier.submitted_online', submittedOnlinePayload, { serverSeq: 1, role: 'clerk' }),
      makeEvent('dossier.received', receivedPayload, { serverSeq: 2, baseVersion: 1 }),
      makeEvent('dossier.refused', { reason: 'Thiếu giấy chứng sinh', refusedAt }, { serverSeq: 3, baseVersion: 1, deviceId: 'desk-2', deviceSeq: 1 }),
      decision(3, 4),
    ];
    const state = projectDossier(events);
    expect(state).toMatchObject({ status: 3, refusedAt, closedAt: refusedAt });
    const fact = reportFactOf(state!);
    expect([fact.receivedDay, fact.refusedDay, fact.spanStart, fact.spanEnd]).toEqual([null, dayOf(refusedAt), dayOf(refusedAt), dayOf(refusedAt)]);
    expect(fact.overdueSpans).toEqual([]);
  });

  it('"Được tiếp nhận" over an applied resolution: taken up again, no longer resolved', () => {
    // Desk 1 resolved (applied); desk 2 withdrew on the dossier as received (competes); the supervisor takes it up again.
    const resolvedHere = makeEvent('dossier.resolved', { resolvedAt: RESOLVED_AT, resultDigitised: false }, { serverSeq: 2, baseVersion: 1 });
    const withdrawnThere = makeEvent('dossier.withdrawn', { reason: 'Xin rút' }, { serverSeq: 3, baseVersion: 1, deviceId: 'desk-2', deviceSeq: 1 });
    const state = projectDossier([received(), resolvedHere, withdrawnThere, decision(2, 4)]);
    expect(state).toMatchObject({ status: 2, resolvedAt: null, closedAt: null });
    expect(open(state)).toBe(true);
    // "Rút hồ sơ" instead: withdrawn when desk 2 says, and no longer resolved (it was counted as both).
    const withdrawn = projectDossier([received(), resolvedHere, withdrawnThere, decision(7, 4)]);
    expect(withdrawn).toMatchObject({ status: 7, resolvedAt: null, closedAt: withdrawnThere.deviceTime });
    const fact = reportFactOf(withdrawn!);
    expect([fact.resolvedDay, fact.withdrawnDay]).toEqual([null, dayOf(withdrawnThere.deviceTime)]);
  });

  it('"Yêu cầu bổ sung" over an applied resolution: paused when the request was made, not open and overdue for ever', () => {
    const resolvedHere = makeEvent('dossier.resolved', { resolvedAt: RESOLVED_AT, resultDigitised: false }, { serverSeq: 2, baseVersion: 1 });
    // Asked for in time (the receipt's due is 3 November): the clock stopped then.
    const requestedAt = '2023-10-30T08:00:00+07:00';
    const supplementThere = makeEvent('dossier.supplement_requested', samplePayloads['dossier.supplement_requested'], {
      serverSeq: 3,
      baseVersion: 1,
      deviceId: 'desk-2',
      deviceSeq: 1,
      deviceTime: requestedAt,
    });
    const state = projectDossier([received(), resolvedHere, supplementThere, decision(5, 4)]);
    expect(state).toMatchObject({ status: 5, resolvedAt: null, pausedAt: requestedAt });
    // Each day is judged by the clock that stood then (reports.md): running past its due until the decision, which
    // stopped it; not after. (Before, no pause: overdue from 4 November for ever.)
    expect(reportFactOf(state!).overdueSpans).toEqual([{ from: dayOf('2023-11-04T00:00:00+07:00'), until: dayOf(DECIDED_AT) }]);
  });

  it('"Mới đăng ký" over another desk\'s reception: an online submission again, not a dossier received', () => {
    const events: DossierEvent[] = [
      makeEvent('dossier.submitted_online', submittedOnlinePayload, { serverSeq: 1, role: 'clerk' }),
      makeEvent('dossier.received', receivedPayload, { serverSeq: 2, baseVersion: 1 }),
      makeEvent('dossier.refused', { reason: 'Thiếu giấy chứng sinh' }, { serverSeq: 3, baseVersion: 1, deviceId: 'desk-2', deviceSeq: 1 }),
      decision(1, 4),
    ];
    const fact = reportFactOf(projectDossier(events)!);
    expect([fact.status, fact.receivedDay, fact.spanStart, fact.overdueSpans]).toEqual([1, null, null, []]);
  });

  it('a state folded before deeds kept their time is closed when the decision was made', () => {
    const before = projectDossier([received(), withdrawnHere(), resolvedThere()])!;
    const older: DossierState = { ...before, conflict: { ...before.conflict!, events: before.conflict!.events.map(({ at: _at, effect: _effect, ...e }) => e) } };
    const state = evolve(older, decision(9, 4));
    expect(state).toMatchObject({ status: 9, resolvedAt: DECIDED_AT });
  });
});
