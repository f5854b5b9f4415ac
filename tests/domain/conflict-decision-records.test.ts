/**
 * A supervisor's conflict decision for the outcome of a deed that was not applied carries everything that deed
 * recorded, not only its time: the result digitised with the resolution, who collected the result, the reason of a
 * withdrawal, a stop or a refusal, the papers of a supplement request, the amount of a fee request, the receipt of a
 * reception, the agency of a transfer. And what an applied deed recorded goes with it when the choice undoes it.
 * Before, a resolution chosen this way had its time but not "result digitised", so the reports undercounted results
 * digitised (QA), and a withdrawal chosen over a resolution had no reason.
 */
import { describe, expect, it } from 'vitest';
import { evolve, projectDossier, type DossierState } from '../../shared/domain/lifecycle';
import { DossierStatus } from '../../shared/domain/dossier';
import type { DossierEvent } from '../../shared/domain/events';
import { makeEvent, receivedPayload, samplePayloads, submittedOnlinePayload } from './fixtures';

const RESOLVED_AT = '2023-11-01T15:00:00+07:00';
const RESULT_SCAN = 'c'.repeat(64);
const DECIDED_AT = '2023-11-20T08:00:00+07:00';

const received = () => makeEvent('dossier.received', receivedPayload, { serverSeq: 1 });
/** Desk D's deed, applied first. */
const withdrawnHere = () =>
  makeEvent('dossier.withdrawn', { reason: 'Công dân xin rút hồ sơ' }, { serverSeq: 2, baseVersion: 1, deviceId: 'desk-d', deviceTime: '2023-10-30T10:00:00+07:00' });
/** Desk A's deeds, made offline on the dossier as received and merged after desk D's: each one competes. */
const there = (serverSeq: number, baseVersion = 1) => ({ serverSeq, baseVersion, deviceId: 'desk-a', deviceSeq: serverSeq });
const resolvedThere = (serverSeq = 3, payload: DossierEvent['payload'] = { resolvedAt: RESOLVED_AT, resultDigitised: true }) =>
  makeEvent('dossier.resolved', payload as never, there(serverSeq));
const decision = (status: DossierStatus, serverSeq: number) =>
  makeEvent('dossier.conflict_resolved', { status, note: 'Quyết định của lãnh đạo' }, { serverSeq, role: 'supervisor', deviceTime: DECIDED_AT });

/** The dossier folded up to the supervisor's decision, then the decision folded onto it. */
const decided = (events: DossierEvent[], status: DossierStatus): DossierState =>
  projectDossier([...events, decision(status, events.length + 1)])!;

describe("a supervisor's decision carries what the chosen deed recorded", () => {
  it('"Đã xử lý xong" over an applied withdrawal: the result digitised with the resolution, not only its time (QA)', () => {
    const state = decided([received(), withdrawnHere(), resolvedThere()], DossierStatus.Resolved);
    expect(state).toMatchObject({ status: 9, conflict: null, resolvedAt: RESOLVED_AT, resultDigitised: true, closedAt: null, closingReason: null });
  });

  it('the scan of the result the resolution linked comes with it', () => {
    const withScan = resolvedThere(3, { resolvedAt: RESOLVED_AT, resultDigitised: false, resultAttachmentSha256: RESULT_SCAN });
    const state = decided([received(), withdrawnHere(), withScan], DossierStatus.Resolved);
    expect(state).toMatchObject({ resolvedAt: RESOLVED_AT, resultDigitised: true, resultAttachmentSha256: RESULT_SCAN });
  });

  it('a resolution that recorded no digitised result does not undo a result scan linked to the dossier', () => {
    const resultScan = makeEvent('dossier.attachment_linked', { ...samplePayloads['dossier.attachment_linked'], target: { result: true }, sha256: RESULT_SCAN }, { serverSeq: 3, baseVersion: 2 });
    const state = decided([received(), withdrawnHere(), resultScan, resolvedThere(4, { resolvedAt: RESOLVED_AT, resultDigitised: false })], DossierStatus.Resolved);
    expect(state).toMatchObject({ resultDigitised: true, resultAttachmentSha256: RESULT_SCAN });
  });

  it('"Đã trả kết quả": the resolution\'s result digitised and who collected the result', () => {
    const returnedThere = makeEvent('dossier.returned', { returnedAt: '2023-11-02T09:00:00+07:00', receivedBy: 'Nguyễn Văn Đức' }, there(4, 2));
    const state = decided([received(), withdrawnHere(), resolvedThere(), returnedThere], DossierStatus.Returned);
    expect(state).toMatchObject({ status: 10, resolvedAt: RESOLVED_AT, resultDigitised: true, returnedAt: '2023-11-02T09:00:00+07:00', returnedTo: 'Nguyễn Văn Đức' });
  });

  it('"Rút hồ sơ" over an applied resolution: the withdrawal\'s reason, and the undone resolution\'s result no longer digitised', () => {
    const resolvedHere = makeEvent('dossier.resolved', { resolvedAt: RESOLVED_AT, resultDigitised: true }, { serverSeq: 2, baseVersion: 1 });
    const withdrawnThere = makeEvent('dossier.withdrawn', { reason: 'Xin rút để bổ sung sau' }, { ...there(3), deviceTime: '2023-10-31T10:00:00+07:00' });
    const state = decided([received(), resolvedHere, withdrawnThere], DossierStatus.Withdrawn);
    expect(state).toMatchObject({ status: 7, resolvedAt: null, resultDigitised: false, closedAt: '2023-10-31T10:00:00+07:00', closingReason: 'Xin rút để bổ sung sau' });
  });

  it('"Dừng xử lý" over an applied withdrawal: the stop\'s reason, not the withdrawal\'s', () => {
    const stoppedThere = makeEvent('dossier.stopped', { reason: 'Hồ sơ giả mạo giấy tờ' }, { ...there(3), role: 'supervisor', deviceTime: '2023-10-31T11:00:00+07:00' });
    const state = decided([received(), withdrawnHere(), stoppedThere], DossierStatus.Stopped);
    expect(state).toMatchObject({ status: 8, closedAt: '2023-10-31T11:00:00+07:00', closingReason: 'Hồ sơ giả mạo giấy tờ' });
  });

  it('"Không được tiếp nhận" over another desk\'s reception of an online dossier: the refusal\'s reason', () => {
    const refusedAt = '2023-10-27T10:00:00+07:00';
    const events = [
      makeEvent('dossier.submitted_online', submittedOnlinePayload, { serverSeq: 1 }),
      makeEvent('dossier.received', { ...receivedPayload, channel: 'online' }, { serverSeq: 2, baseVersion: 1 }),
      makeEvent('dossier.refused', { reason: 'Thiếu giấy chứng sinh', refusedAt }, there(3)),
    ];
    expect(decided(events, DossierStatus.NotReceived)).toMatchObject({ status: 3, refusedAt, closedAt: refusedAt, closingReason: 'Thiếu giấy chứng sinh' });
  });

  it('"Được tiếp nhận" over another desk\'s refusal of an online dossier: the reception\'s receipt (code, PIN, appointment)', () => {
    const events = [
      makeEvent('dossier.submitted_online', submittedOnlinePayload, { serverSeq: 1 }),
      makeEvent('dossier.refused', { reason: 'Thiếu giấy chứng sinh' }, { serverSeq: 2, baseVersion: 1 }),
      makeEvent('dossier.received', { ...receivedPayload, channel: 'online' }, there(3)),
    ];
    const state = decided(events, DossierStatus.Received);
    expect(state).toMatchObject({
      status: 2,
      code: receivedPayload.code,
      pin: receivedPayload.pin,
      deskNumber: receivedPayload.deskNumber,
      receivedAt: receivedPayload.receivedAt,
      dueAt: receivedPayload.dueAt,
      originalDueAt: receivedPayload.dueAt,
      refusedAt: null,
      closedAt: null,
      closingReason: null,
    });
  });

  it('the receipt that stands is kept when the competing reception was a second one', () => {
    const events = [
      makeEvent('dossier.submitted_online', submittedOnlinePayload, { serverSeq: 1 }),
      makeEvent('dossier.received', { ...receivedPayload, channel: 'online' }, { serverSeq: 2, baseVersion: 1 }),
      makeEvent('dossier.received', { ...receivedPayload, channel: 'online', code: '000.00.06.H56-231027-2001', pin: '555555' }, there(3)),
    ];
    expect(decided(events, DossierStatus.Received)).toMatchObject({ code: receivedPayload.code, pin: receivedPayload.pin });
  });

  it('"Đang xử lý" over an applied withdrawal: the agency the competing transfer sent it to', () => {
    const transferredThere = makeEvent('dossier.transferred', { toAgency: 'Phòng Tư pháp huyện Thanh Hà' }, { ...there(3), deviceTime: '2023-10-28T08:00:00+07:00' });
    const state = decided([received(), withdrawnHere(), transferredThere], DossierStatus.Processing);
    expect(state).toMatchObject({
      status: 4,
      currentAgency: 'Phòng Tư pháp huyện Thanh Hà',
      currentHolder: 'Phòng Tư pháp huyện Thanh Hà',
      firstTransferredAt: '2023-10-28T08:00:00+07:00',
      closedAt: null,
    });
  });

  it('"Yêu cầu bổ sung" over an applied resolution: the papers asked for (form 02), resumed later to where it was', () => {
    const resolvedHere = makeEvent('dossier.resolved', { resolvedAt: RESOLVED_AT, resultDigitised: true }, { serverSeq: 2, baseVersion: 1 });
    const requestedAt = '2023-10-30T08:00:00+07:00';
    const supplementThere = makeEvent('dossier.supplement_requested', samplePayloads['dossier.supplement_requested'], { ...there(3), deviceTime: requestedAt });
    const state = decided([received(), resolvedHere, supplementThere], DossierStatus.SupplementRequested);
    expect(state).toMatchObject({
      status: 5,
      pausedAt: requestedAt,
      statusBeforePause: DossierStatus.Received,
      supplement: { requestedAt, ...samplePayloads['dossier.supplement_requested'] },
      supplementRequestCount: 1,
      resolvedAt: null,
      resultDigitised: false,
    });
  });

  it('"Yêu cầu nghĩa vụ tài chính" over an applied withdrawal: the amount and reason asked for', () => {
    const requestedAt = '2023-10-30T08:00:00+07:00';
    const feesThere = makeEvent('dossier.fees_requested', samplePayloads['dossier.fees_requested'], { ...there(3), deviceTime: requestedAt });
    const state = decided([received(), withdrawnHere(), feesThere], DossierStatus.FeesRequested);
    expect(state).toMatchObject({ status: 6, pausedAt: requestedAt, statusBeforePause: DossierStatus.Received, fees: { requestedAt, ...samplePayloads['dossier.fees_requested'] }, closedAt: null, closingReason: null });
  });

  it('a supplement request the choice undoes is no longer shown as asked for', () => {
    const supplementHere = makeEvent('dossier.supplement_requested', samplePayloads['dossier.supplement_requested'], { serverSeq: 2, baseVersion: 1 });
    const state = decided([received(), supplementHere, resolvedThere()], DossierStatus.Resolved);
    expect(state).toMatchObject({ status: 9, supplement: null, pausedAt: null, resolvedAt: RESOLVED_AT, resultDigitised: true });
  });

  it('a state stored between the conflict and the decision (the server folds onto it) decides the same', () => {
    const before = projectDossier([received(), withdrawnHere(), resolvedThere()])!;
    const stored = JSON.parse(JSON.stringify(before)) as DossierState;
    expect(evolve(stored, decision(DossierStatus.Resolved, 4))).toEqual(evolve(before, decision(DossierStatus.Resolved, 4)));
  });
});
