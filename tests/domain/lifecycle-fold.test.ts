/**
 * The dossier projection: what `evolve` makes of real event sequences, including merges from two desks where an
 * event turns out illegal (DESIGN.md §5 "Order and conflicts").
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, evolve, orderEvents, projectDossier } from '../../shared/domain/lifecycle';
import { DossierStatus } from '../../shared/domain/dossier';
import type { DossierEvent } from '../../shared/domain/events';
import type { DossierState } from '../../shared/domain/lifecycle';
import { components, dossierAt, makeEvent, pathTo, receivedPayload, samplePayloads, submittedOnlinePayload } from './fixtures';

const received = (options = {}) =>
  makeEvent('dossier.received', receivedPayload, { serverSeq: 1, ...options });

describe('receiving and processing', () => {
  it('a received dossier carries its code, applicant, papers, deadline and version 1', () => {
    const state = projectDossier([received()]);
    expect(state).toMatchObject({
      code: '000.00.06.H56-231027-1001',
      status: DossierStatus.Received,
      unitCode: '000.00.06.H56',
      deskNumber: 1,
      channel: 'in_person',
      receivedAt: '2023-10-27T09:32:00+07:00',
      dueAt: '2023-11-03T09:32:00+07:00',
      originalDueAt: '2023-11-03T09:32:00+07:00',
      pin: '042917',
      version: 1,
      conflict: null,
      componentsDigitised: false,
    });
    expect(state?.applicant?.name).toBe('Nguyễn Văn Đức');
  });

  it('an online submission keeps its portal reference when it is received at the desk', () => {
    const state = projectDossier([
      makeEvent('dossier.submitted_online', submittedOnlinePayload, { serverSeq: 1 }),
      makeEvent(
        'dossier.received',
        { ...receivedPayload, channel: 'online' },
        { serverSeq: 2, baseVersion: 1 },
      ),
    ]);
    expect(state).toMatchObject({
      status: 2,
      portalRef: 'G22.99-231026-000123',
      submittedAt: '2023-10-26T20:15:00+07:00',
      channel: 'online',
      version: 2,
    });
  });

  it('a refusal at the desk creates a closed dossier with its reason (form 03)', () => {
    const state = projectDossier([
      makeEvent('dossier.refused', samplePayloads['dossier.refused'], {
        serverSeq: 1,
        deviceTime: '2023-10-27T10:00:00+07:00',
      }),
    ]);
    expect(state).toMatchObject({
      status: 3,
      closingReason: 'Thiếu giấy chứng sinh',
      refusedAt: '2023-10-27T10:00:00+07:00',
      unitCode: '000.00.06.H56',
    });
  });

  it('transfer and hand-overs record the agency and who holds the file', () => {
    const state = projectDossier([
      received(),
      makeEvent('dossier.transferred', { toAgency: 'Phòng Tư pháp' }, { serverSeq: 2, baseVersion: 1 }),
      makeEvent(
        'dossier.handed_over',
        { from: 'Phòng Tư pháp', to: 'Chuyên viên Hùng' },
        { serverSeq: 3, baseVersion: 2 },
      ),
    ]);
    expect(state).toMatchObject({
      status: 4,
      currentAgency: 'Phòng Tư pháp',
      currentHolder: 'Chuyên viên Hùng',
      version: 3,
    });
  });
});

describe('pauses', () => {
  it('a supplement request stops the clock and its completion returns to the status before, with the new due date', () => {
    const paused = projectDossier([
      received(),
      makeEvent('dossier.transferred', { toAgency: 'Phòng Tư pháp' }, { serverSeq: 2 }),
      makeEvent(
        'dossier.supplement_requested',
        { items: ['Giấy chứng sinh bản chính'], reason: 'Bản sao mờ' },
        { serverSeq: 3, deviceTime: '2023-10-30T08:00:00+07:00' },
      ),
    ]);
    expect(paused).toMatchObject({
      status: 5,
      pausedAt: '2023-10-30T08:00:00+07:00',
      statusBeforePause: 4,
      supplementRequestCount: 1,
    });
    expect(paused?.supplement?.items).toEqual(['Giấy chứng sinh bản chính']);

    const resumed = evolve(
      paused,
      makeEvent(
        'dossier.supplement_received',
        { completedAt: '2023-11-01T09:00:00+07:00', dueAt: '2023-11-08T09:00:00+07:00' },
        { serverSeq: 4 },
      ),
    );
    expect(resumed).toMatchObject({
      status: 4,
      pausedAt: null,
      supplement: null,
      dueAt: '2023-11-08T09:00:00+07:00',
      originalDueAt: '2023-11-08T09:00:00+07:00',
    });
    // The papers asked for came (received means complete): the new receipt lists them, and when.
    expect(resumed?.supplementsReceived).toEqual([
      { requestedAt: '2023-10-30T08:00:00+07:00', receivedAt: '2023-11-01T09:00:00+07:00', items: ['Giấy chứng sinh bản chính'] },
    ]);
  });

  it('fees requested from a received dossier pause it; paying returns it to received with the carried deadline', () => {
    const state = projectDossier([
      received(),
      makeEvent('dossier.fees_requested', { amountVnd: 50_000, reason: 'Lệ phí' }, { serverSeq: 2 }),
      makeEvent(
        'dossier.fees_paid',
        { paidAt: '2023-10-30T10:00:00+07:00', dueAt: '2023-11-06T10:32:00+07:00' },
        { serverSeq: 3 },
      ),
    ]);
    expect(state).toMatchObject({
      status: 2,
      fees: null,
      feesPaidAt: '2023-10-30T10:00:00+07:00',
      dueAt: '2023-11-06T10:32:00+07:00',
      pausedAt: null,
    });
  });
});

describe('re-appointment (form 04)', () => {
  const reappoint = (serverSeq: number) =>
    makeEvent(
      'dossier.reappointed',
      { newDueAt: '2023-11-10T16:00:00+07:00', reason: 'Cần xác minh' },
      { serverSeq, role: 'supervisor', deviceTime: '2023-11-02T08:00:00+07:00' },
    );

  it('moves the promised date but not the legal due date, and is allowed once only', () => {
    const state = projectDossier([received(), reappoint(2)]);
    expect(state).toMatchObject({
      dueAt: '2023-11-10T16:00:00+07:00',
      originalDueAt: '2023-11-03T09:32:00+07:00',
      reappointedAt: '2023-11-02T08:00:00+07:00',
    });
    expect(decide(state, 'dossier.reappointed', 'supervisor')).toMatchObject({
      ok: false,
      error: { code: 'already_reappointed' },
    });
  });

  it('a second re-appointment merged from another desk is kept as a conflict, not applied', () => {
    const state = projectDossier([
      received(),
      reappoint(2),
      makeEvent(
        'dossier.reappointed',
        { newDueAt: '2023-11-20T16:00:00+07:00', reason: 'Lần hai' },
        { serverSeq: 3, role: 'supervisor', deviceId: 'desk-2' },
      ),
    ]);
    expect(state?.dueAt).toBe('2023-11-10T16:00:00+07:00');
    expect(state?.conflict?.events).toHaveLength(1);
    expect(state?.version).toBe(3);
  });
});

describe('digitisation', () => {
  const link = (componentId: string, serverSeq: number) =>
    makeEvent(
      'dossier.attachment_linked',
      {
        target: { componentId },
        sha256: String(serverSeq).repeat(64).slice(0, 64),
        fileName: `${componentId}.pdf`,
        mime: 'application/pdf',
        size: 1000,
      },
      { serverSeq },
    );

  it('is complete once every paper brought has a scan; papers not brought do not count', () => {
    const one = projectDossier([received(), link('to-khai', 2)]);
    expect(one?.componentsDigitised).toBe(false);
    const both = projectDossier([received(), link('to-khai', 2), link('giay-chung-sinh', 3)]);
    expect(both?.componentsDigitised).toBe(true);
    expect(both?.components.find((c) => c.componentId === 'uy-quyen')?.attachmentSha256).toBeUndefined();
  });

  it('a dossier received with every paper already scanned is digitised at receipt', () => {
    const scanned = components.map((c) => (c.present ? { ...c, attachmentSha256: 'c'.repeat(64) } : c));
    expect(
      projectDossier([
        makeEvent('dossier.received', { ...receivedPayload, components: scanned }, { serverSeq: 1 }),
      ])?.componentsDigitised,
    ).toBe(true);
  });

  it('a result scan linked after the result was returned still marks the result digitised', () => {
    const state = projectDossier([
      received(),
      makeEvent(
        'dossier.resolved',
        { resolvedAt: '2023-11-01T15:00:00+07:00', resultDigitised: false },
        { serverSeq: 2 },
      ),
      makeEvent('dossier.returned', { returnedAt: '2023-11-02T09:00:00+07:00' }, { serverSeq: 3 }),
      makeEvent(
        'dossier.attachment_linked',
        {
          target: { result: true },
          sha256: 'd'.repeat(64),
          fileName: 'ket-qua.pdf',
          mime: 'application/pdf',
          size: 5000,
        },
        { serverSeq: 4 },
      ),
    ]);
    expect(state).toMatchObject({
      status: 10,
      resultDigitised: true,
      resultAttachmentSha256: 'd'.repeat(64),
      conflict: null,
    });
  });
});

describe('two desks acting on one dossier', () => {
  const resolved = makeEvent('dossier.resolved', samplePayloads['dossier.resolved'], {
    serverSeq: 2,
    baseVersion: 1,
  });
  const returnedAtDesk1 = makeEvent(
    'dossier.returned',
    { returnedAt: '2023-11-02T09:00:00+07:00' },
    { serverSeq: 3, baseVersion: 2, deviceId: 'desk-1', deviceSeq: 3 },
  );
  const returnedAtDesk2 = makeEvent(
    'dossier.returned',
    { returnedAt: '2023-11-02T09:05:00+07:00' },
    { serverSeq: 4, baseVersion: 2, deviceId: 'desk-2', deviceSeq: 1 },
  );

  it('the later, now illegal, event is kept and marks the dossier in conflict instead of throwing', () => {
    const state = projectDossier([received(), resolved, returnedAtDesk1, returnedAtDesk2]);
    expect(state).toMatchObject({ status: 10, returnedAt: '2023-11-02T09:00:00+07:00', version: 4 });
    expect(state?.conflict?.events).toEqual([
      expect.objectContaining({
        eventId: returnedAtDesk2.id,
        deviceId: 'desk-2',
        type: 'dossier.returned',
        atStatus: 10,
      }),
    ]);
  });

  it('a dossier in conflict accepts only file links and a supervisor resolution', () => {
    const state = projectDossier([received(), resolved, returnedAtDesk1, returnedAtDesk2]);
    expect(decide(state, 'dossier.withdrawn', 'administrator')).toMatchObject({
      ok: false,
      error: { code: 'dossier_in_conflict' },
    });
    expect(decide(state, 'dossier.attachment_linked', 'clerk').ok).toBe(true);
    expect(decide(state, 'dossier.conflict_resolved', 'clerk')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_role' },
    });
    expect(decide(state, 'dossier.conflict_resolved', 'supervisor')).toEqual({
      ok: true,
      value: { from: 10, to: 10 },
    });
  });

  it("a supervisor's resolution clears the mark and sets the status chosen", () => {
    const resolution = makeEvent(
      'dossier.conflict_resolved',
      { status: 10, note: 'Đã trả tại quầy 1' },
      { serverSeq: 5, role: 'supervisor' },
    );
    const state = projectDossier([received(), resolved, returnedAtDesk1, returnedAtDesk2, resolution]);
    expect(state).toMatchObject({ status: 10, conflict: null, version: 5 });
  });

  it('two supervisors who settled one conflict offline: the later, different decision is a new conflict, not a silent undo', () => {
    const first = makeEvent('dossier.conflict_resolved', { status: 10, note: 'Đã trả tại quầy 1' }, { serverSeq: 5, role: 'supervisor', baseVersion: 4, deviceId: 'desk-1', deviceSeq: 4 });
    const second = makeEvent('dossier.conflict_resolved', { status: 9, note: 'Chưa trả' }, { serverSeq: 6, role: 'supervisor', baseVersion: 4, deviceId: 'desk-2', deviceSeq: 2 });
    const state = projectDossier([received(), resolved, returnedAtDesk1, returnedAtDesk2, first, second]);
    expect(state).toMatchObject({ status: 10, version: 6 });
    expect(state?.conflict?.events).toEqual([expect.objectContaining({ eventId: second.id, deviceId: 'desk-2', atStatus: 10 })]);
    expect(state?.conflict?.events[0]?.reason.vi).toContain('đã được giải quyết trước đó sang trạng thái «Đã trả kết quả»');
    // A supervisor settles it again, and it stays settled.
    expect(decide(state, 'dossier.conflict_resolved', 'supervisor').ok).toBe(true);
    // The same decision made twice changes nothing and raises nothing.
    const same = makeEvent('dossier.conflict_resolved', { status: 10, note: 'Cũng trả' }, { serverSeq: 6, role: 'supervisor', baseVersion: 4, deviceId: 'desk-2', deviceSeq: 2 });
    expect(projectDossier([received(), resolved, returnedAtDesk1, returnedAtDesk2, first, same])).toMatchObject({ status: 10, conflict: null });
  });

  it('an online dossier received at two desks offline: the later reception is a conflict naming the code that stands and the one that does not', () => {
    const submitted = makeEvent('dossier.submitted_online', submittedOnlinePayload, { serverSeq: 1, deviceId: 'portal' });
    const [code1, code2] = ['000.00.06.H56-231027-2002', '000.00.06.H56-231027-1010'];
    const atDesk2 = makeEvent('dossier.received', { ...receivedPayload, channel: 'online', code: code1 }, { serverSeq: 2, baseVersion: 1, deviceId: 'desk-2' });
    const atDesk1 = makeEvent('dossier.received', { ...receivedPayload, channel: 'online', code: code2 }, { serverSeq: 3, baseVersion: 1, deviceId: 'desk-1' });
    const state = projectDossier([submitted, atDesk2, atDesk1]);
    expect(state?.code).toBe(code1);
    expect(state?.conflict?.events[0]?.reason).toEqual({
      vi: `hồ sơ đã được tiếp nhận với mã ${code1}, lần tiếp nhận đến máy chủ trước; phiếu hẹn mã ${code2} của lần tiếp nhận này không có hiệu lực, hãy báo công dân dùng mã ${code1}.`,
      en: `the dossier had been received as ${code1}, the reception that reached the server first; the receipt of this reception, ${code2}, does not stand: tell the citizen to use ${code1}.`,
    });
    // The receipt that does not stand is kept, with its own PIN, so that its code still finds the dossier; a
    // supervisor's decision on the conflict does not undo that.
    expect(state?.voidedReceipts).toEqual([{ code: code2, pin: receivedPayload.pin }]);
    const decision = makeEvent('dossier.conflict_resolved', { status: 2, note: 'Giữ lần tiếp nhận trước' }, { serverSeq: 4, role: 'supervisor', baseVersion: 3 });
    expect(projectDossier([submitted, atDesk2, atDesk1, decision])).toMatchObject({ conflict: null, code: code1, voidedReceipts: [{ code: code2 }] });
    // A dossier received once has none.
    expect(projectDossier([submitted, atDesk2])?.voidedReceipts).toBeUndefined();
  });

  it("a clerk's resolution merged from a desk does not clear the conflict", () => {
    const resolution = makeEvent(
      'dossier.conflict_resolved',
      { status: 10, note: 'x' },
      { serverSeq: 5, role: 'clerk' },
    );
    const state = projectDossier([received(), resolved, returnedAtDesk1, returnedAtDesk2, resolution]);
    expect(state?.conflict?.events).toHaveLength(2);
  });

  it('an event whose dossier was never created is flagged, not lost', () => {
    const state = projectDossier([
      makeEvent('dossier.returned', { returnedAt: '2023-11-02T09:00:00+07:00' }, { serverSeq: 9 }),
    ]);
    expect(state?.conflict?.events[0]?.reason.en).toContain('does not exist');
    expect(state?.version).toBe(1);
  });
});

describe('event order', () => {
  it("server order wins over device clocks; unsynced events come last in each device's own order", () => {
    const a = makeEvent('dossier.received', receivedPayload, {
      serverSeq: 10,
      deviceTime: '2023-10-27T12:00:00+07:00',
    });
    const b = makeEvent(
      'dossier.transferred',
      { toAgency: 'X' },
      { serverSeq: 11, deviceTime: '2023-10-27T08:00:00+07:00' },
    );
    // desk-2's clock was moved back between its two events: its sequence, not its clock, orders them.
    const c = makeEvent(
      'dossier.handed_over',
      { from: 'X', to: 'Y' },
      { deviceId: 'desk-2', deviceSeq: 1, deviceTime: '2023-10-27T13:00:00+07:00' },
    );
    const d = makeEvent(
      'dossier.handed_over',
      { from: 'Y', to: 'Z' },
      { deviceId: 'desk-2', deviceSeq: 2, deviceTime: '2023-10-27T11:00:00+07:00' },
    );
    expect(orderEvents([d, c, b, a, b]).map((e) => e.id)).toEqual([a.id, b.id, c.id, d.id]);
    expect(projectDossier([d, c, b, a])?.currentHolder).toBe('Z');
  });

  it('any arrival order of the same events gives the same projection (replicas converge)', () => {
    const events: DossierEvent[] = [
      received(),
      makeEvent('dossier.transferred', { toAgency: 'Phòng Tư pháp' }, { serverSeq: 2 }),
      makeEvent('dossier.supplement_requested', { items: ['A'], reason: 'B' }, { serverSeq: 3 }),
      makeEvent('dossier.withdrawn', { reason: 'Rút' }, { serverSeq: 4, deviceId: 'desk-2' }),
      makeEvent('dossier.supplement_received', samplePayloads['dossier.supplement_received'], {
        serverSeq: 5,
      }),
      makeEvent('dossier.attachment_linked', samplePayloads['dossier.attachment_linked'], {
        deviceId: 'desk-3',
        deviceSeq: 1,
      }),
    ];
    const reference = projectDossier(events);
    expect(reference?.status).toBe(DossierStatus.Withdrawn);
    expect(reference?.conflict?.events.map((e) => e.type)).toEqual(['dossier.supplement_received']);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        (shuffled) => {
          expect(projectDossier(shuffled)).toEqual(reference);
        },
      ),
    );
  });

  it('no events, no dossier', () => {
    expect(projectDossier([])).toBeUndefined();
  });
});

/** Freezes an object and everything it holds, so that any write into it throws (ES modules are strict). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('the state a fold is given', () => {
  it('keeps every field it had that the event does not change, the optional ones too', () => {
    // The fold copies the state field by field (one shape for V8): a field left out of the copy would be lost at the
    // next event, as the logbook's transfer date or the reports' clock changes would be.
    const state = deepFreeze({
      ...dossierAt(DossierStatus.Processing),
      firstTransferredAt: '2023-10-27T10:00:00+07:00',
      clockChanges: [{ at: '2023-10-28T08:00:00+07:00', dueAt: '2023-11-03T09:32:00+07:00', pausedAt: null }],
      supplementsReceived: [
        { requestedAt: '2023-10-28T08:00:00+07:00', receivedAt: '2023-10-30T08:00:00+07:00', items: ['Tờ khai'] },
      ],
      digitisedAtReceipt: true,
    });
    const next = evolve(state, makeEvent('dossier.handed_over', samplePayloads['dossier.handed_over'], { serverSeq: 99 }));
    expect(next.currentHolder).toBe('Chuyên viên Phòng Tư pháp');
    expect({ ...next, currentHolder: state.currentHolder, version: state.version, lastEventAt: state.lastEventAt }).toEqual(
      state,
    );
  });

  it('is stored with its fields in the same order whatever order its events brought them in', () => {
    // A supplement asked for and brought before its first transfer or after it: the same fields, so the same text.
    const at = (n: number) => `2023-10-${27 + n}T09:00:00+07:00`;
    const fold = (types: DossierEvent['type'][]) =>
      projectDossier(
        types.map((type, i) =>
          makeEvent(type, samplePayloads[type] as never, {
            role: 'supervisor',
            deviceSeq: i + 1,
            baseVersion: i,
            serverSeq: i + 1,
            deviceTime: at(i),
          }),
        ),
      )!;
    const keysOf = (s: DossierState) => Object.keys(JSON.parse(JSON.stringify(s)) as object);
    const supplementFirst = fold([
      'dossier.received',
      'dossier.supplement_requested',
      'dossier.supplement_received',
      'dossier.transferred',
    ]);
    const transferFirst = fold([
      'dossier.received',
      'dossier.transferred',
      'dossier.supplement_requested',
      'dossier.supplement_received',
    ]);
    for (const state of [supplementFirst, transferFirst]) {
      expect(state.conflict).toBeNull();
      expect(keysOf(state)).toEqual(expect.arrayContaining(['firstTransferredAt', 'clockChanges', 'supplementsReceived']));
    }
    expect(keysOf(supplementFirst)).toEqual(keysOf(transferFirst));
  });

  it('is never changed by an event, legal or turned into a conflict, at any status', () => {
    // The fold reuses states (a pull's in-memory folds, a reception folding onto the stored row): evolve must copy.
    for (const status of Object.keys(pathTo).map(Number) as DossierStatus[]) {
      for (const type of Object.keys(samplePayloads) as (keyof typeof samplePayloads)[]) {
        const state = deepFreeze(dossierAt(status));
        const before = JSON.stringify(state);
        const next = evolve(state, makeEvent(type, samplePayloads[type] as never, { role: 'supervisor', serverSeq: 99 }));
        expect(next).not.toBe(state);
        expect(next.version).toBe(state.version + 1);
        expect(JSON.stringify(state)).toBe(before);
      }
    }
  });
});
