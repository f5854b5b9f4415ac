/**
 * What a clerk does to dossiers. Each command checks the transition with the shared lifecycle (`decide`) for the
 * logged-in user's role, then appends the event and refolds the projection in ONE transaction: either both are
 * on disk or neither is. A refused command writes nothing.
 */
import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AppFailure, appFailure } from '../../../shared/result';
import { decide, dueKeptOnLateCompletion, pausedLate, type DossierState } from '../../../shared/domain/lifecycle';
import type { DossierEventType, EventPayload } from '../../../shared/domain/events';
import { statusLabel, type DossierComponent, type DossierStatus } from '../../../shared/domain/dossier';
import type { Procedure } from '../../../shared/domain/procedure';
import { deskSequenceRange, formatDossierCode, nextDossierCode, parseDossierCode } from '../../../shared/domain/dossier-code';
import { generatePin } from '../../../shared/domain/pin';
import { checkReappointment, dueAfterFeesPaid, dueAfterSupplement, dueForReceipt, workingMsLeft } from '../../../shared/calendar/deadline';
import { parseInstant, toVnIso } from '../../../shared/calendar/vn-time';
import type { DossierChange, Receipt } from '../../../shared/api/dossier-views';
import type {
  FeesPaidInput,
  HandOverInput,
  ReappointInput,
  ReasonInput,
  ReceiveInput,
  RefuseInput,
  RequestFeesInput,
  RequestSupplementInput,
  ResolveConflictInput,
  ResolveInput,
  ReturnResultInput,
  SupplementReceivedInput,
  TransferInput,
} from '../../../shared/api/dossier-inputs';
import type { Desk, DeskStore } from '../desk';
import { dueSoonUntilMs, summaryOf } from './summary';
import { conflictChoices } from './conflict-choices';
import { dossierRowOf, type DossierRow } from '../projections/dossier-row';
import { refuseWhileCatchingUp } from '../identity/restore-catch-up';
import { refuseWhileInUseElsewhere } from '../identity/identity-in-use-elsewhere';
import { ClockOrder } from './clock-order';
import { FormRequests, formSavedOf, partsDiffering, receptionFingerprint, refusalFingerprint, requestIdReused, type Fingerprint, type FormOutcome, type FormRequest } from './form-requests';
import type { SavedFormView } from '../../../shared/api/desk-api';

interface Committed {
  eventId: string;
  deviceSeq: number;
  /** The dossier code a reception gave. */
  issuedCode?: string;
  row: DossierRow;
}

/** What a command checks before it writes: the version the clerk saw, and the clerk's word on a clock set back. */
interface CommitGuard {
  expectedVersion?: number | undefined;
  /** The clerk confirmed writing on a clock that reads earlier than this desk's own unsent stamp (clock-order.ts). */
  clockConfirmed?: boolean | undefined;
}

export class DossierCommands {
  private readonly counterOf;
  private readonly saveCounter;
  private readonly lastCodeBetween;
  private readonly formRequests;
  private readonly clockOrder;

  constructor(
    private readonly store: DeskStore,
    private readonly desk: Desk,
  ) {
    this.counterOf = store.db.prepare<[string, string, number], { last_sequence: number }>(
      'SELECT last_sequence FROM dossier_code_counters WHERE unit_code = ? AND receipt_date = ? AND desk_number = ?',
    );
    this.saveCounter = store.db.prepare(
      `INSERT INTO dossier_code_counters (unit_code, receipt_date, desk_number, last_sequence) VALUES (?, ?, ?, ?)
       ON CONFLICT (unit_code, receipt_date, desk_number) DO UPDATE SET last_sequence = excluded.last_sequence`,
    );
    this.lastCodeBetween = store.db.prepare<[string, string], string | null>('SELECT max(code) FROM dossiers WHERE code BETWEEN ? AND ?').pluck();
    this.formRequests = new FormRequests(store.db);
    this.clockOrder = new ClockOrder(store.db);
  }

  /**
   * The one write path: check, build the payload from the current state, append, refold. `build` runs inside the
   * transaction, so what it reads (the code counter, the state) cannot change underneath it. `fresh`: the id was
   * made for this command (newDossierId), so no event or row can have it and there is nothing to read.
   * `alongside`: written in the same transaction once the event is appended (a reception's request id). `guard`:
   * the expected version (or the input carrying it), and whether the clerk confirmed a clock set back: a deed
   * stamped before what the dossier already records is refused or asked about first (clock-order.ts).
   */
  private commit<T extends DossierEventType>(
    dossierId: string,
    type: T,
    guard: CommitGuard,
    build: (state: DossierState | undefined) => EventPayload<T>,
    fresh = false,
    alongside?: (committed: Committed) => void,
  ): Committed {
    const { expectedVersion, clockConfirmed } = guard;
    const user = this.desk.requireUser();
    const identity = this.desk.requireIdentity();
    const { db, projector, events } = this.store;
    const committed = db
      .transaction((): Committed => {
        refuseWhileCatchingUp(db);
        refuseWhileInUseElsewhere(db);
        const before = fresh ? undefined : projector.stored(dossierId);
        const state = before?.state;
        if (expectedVersion !== undefined && state && state.version !== expectedVersion) {
          throw appFailure(
            'stale_version',
            'Hồ sơ vừa được cập nhật bởi người khác hoặc quầy khác. Hãy mở lại hồ sơ rồi thực hiện lại.',
            'The dossier was changed by someone else meanwhile. Reopen it and try again.',
            { details: { expectedVersion, currentVersion: state.version } },
          );
        }
        const decision = decide(state, type, user.role);
        if (!decision.ok) throw new AppFailure(decision.error);
        if (!fresh && type !== 'dossier.attachment_linked') {
          this.clockOrder.check(dossierId, identity.deviceId, this.desk.clock.now(), clockConfirmed === true);
        }
        const payload = build(state);
        const event = events.appendLocal(
          { dossierId, type, payload, baseVersion: state?.version ?? 0, actor: { userId: user.id, name: user.displayName, role: user.role } },
          identity.deviceId,
          this.desk.clock.iso(),
        );
        const issuedCode = type === 'dossier.received' ? (payload as EventPayload<'dossier.received'>).code : undefined;
        const committed: Committed = {
          eventId: event.id,
          deviceSeq: event.deviceSeq,
          ...(issuedCode ? { issuedCode } : {}),
          row: projector.applyLocal(before, event),
        };
        alongside?.(committed);
        return committed;
      })
      .immediate();
    this.desk.recorded(committed.deviceSeq, committed.issuedCode); // only what is committed (data-folder-claim.ts)
    this.desk.notifications.outboxChanged(); // sync hook (electron/desk/sync): push the new event soon
    return committed;
  }

  private change(committed: Pick<Committed, 'eventId' | 'row'>): DossierChange {
    const now = this.desk.clock.now();
    return { eventId: committed.eventId, dossier: summaryOf(committed.row, now.getTime(), this.store.calendar.working(), dueSoonUntilMs(this.store, now)) };
  }

  private procedureOf(state: DossierState | undefined): Procedure {
    if (!state?.procedureCode) {
      throw appFailure('unknown_procedure', 'Hồ sơ không có thủ tục.', 'The dossier has no procedure.');
    }
    return this.store.catalog.get(state.procedureCode);
  }

  /** The components as recorded: every one the procedure lists, brought or not, with the clerk's counts. */
  private checkComponents(procedure: Procedure, checks: ReceiveInput['components'], previous: DossierComponent[] = []): DossierComponent[] {
    const known = new Set(procedure.components.map((c) => c.id));
    const unknown = checks.find((c) => !known.has(c.componentId));
    if (unknown) {
      throw appFailure(
        'unknown_component',
        `Thủ tục ${procedure.code} không có thành phần hồ sơ "${unknown.componentId}".`,
        `Procedure ${procedure.code} has no document component "${unknown.componentId}".`,
        { field: 'components' },
      );
    }
    return procedure.components.map((c) => {
      const check = checks.find((k) => k.componentId === c.id);
      const scanned = previous.find((p) => p.componentId === c.id)?.attachmentSha256;
      return {
        componentId: c.id,
        name: c.name,
        form: c.form,
        copies: check?.copies ?? c.copies,
        present: check?.present ?? false,
        ...(scanned ? { attachmentSha256: scanned } : {}),
      };
    });
  }

  /**
   * Receives a complete dossier: code from this desk's partition, due instant from the calendar, a lookup PIN. Under
   * a request id already received (a retry after a lost answer) it writes nothing and answers as the first time.
   */
  receive(input: ReceiveInput): Receipt {
    if (input.requestId !== undefined) {
      // The answer carries the lookup PIN: only to a logged-in clerk, as the reception itself.
      this.desk.requireUser();
      const earlier = this.formRequests.find(input.requestId);
      if (earlier) return this.receivedBefore(earlier, input);
    }
    // A new dossier only under a procedure the catalog still offers; an online one was submitted while it did.
    const procedure = input.dossierId === undefined ? this.store.catalog.offered(input.procedureCode) : this.store.catalog.get(input.procedureCode);
    const online = input.dossierId !== undefined ? this.store.projector.current(input.dossierId) : undefined;
    if (input.dossierId !== undefined && !online) {
      throw appFailure('not_found', 'Không tìm thấy hồ sơ trực tuyến cần tiếp nhận.', 'The online dossier to receive was not found.', {
        field: 'dossierId',
      });
    }
    const components = this.checkComponents(procedure, input.components, online?.components);
    const missing = procedure.components.filter((c) => c.mandatory && !components.find((k) => k.componentId === c.id)?.present);
    if (missing.length > 0) {
      const names = missing.map((c) => c.name).join('; ');
      throw appFailure(
        'incomplete_dossier',
        `Hồ sơ chưa đầy đủ, còn thiếu: ${names}. Hãy hướng dẫn người nộp bổ sung, hoặc lập phiếu từ chối (mẫu 03).`,
        `The dossier is incomplete; missing: ${names}. Ask the applicant to complete it, or issue a refusal (form 03).`,
        { field: 'components', details: { missing: missing.map((c) => ({ componentId: c.id, name: c.name })) } },
      );
    }
    const identity = this.desk.requireIdentity();
    const dossierId = input.dossierId ?? newDossierId();
    const now = this.desk.clock.now();
    const receivedAt = toVnIso(now);
    const dueAt = toVnIso(
      dueForReceipt({ receivedAt: now, processingTime: procedure.processingTime, fridayNoWait: procedure.fridayNoWait, calendar: this.store.calendar.working() }),
    );
    const pin = generatePin(randomInt);
    let code = '';
    const committed = this.commit(
      dossierId,
      'dossier.received',
      input,
      () => {
        code = this.allocateCode(identity.unitCode, this.desk.clock.today(), identity.deskNumber);
        return {
          code,
          unitCode: identity.unitCode,
          deskNumber: identity.deskNumber,
          procedureCode: procedure.code,
          channel: online ? 'online' : input.channel,
          applicant: input.applicant,
          components,
          receivedAt,
          dueAt,
          pin,
        };
      },
      input.dossierId === undefined,
      (done) => {
        if (input.requestId === undefined) return;
        const request = { requestId: input.requestId, dossierId, eventId: done.eventId, fingerprint: receptionFingerprint(input), savedMs: now.getTime() };
        this.formRequests.record(request);
      },
    );
    return { ...this.change(committed), code, pin, receivedAt, dueAt };
  }

  /**
   * The answer to a reception already made under this request id, read back from its event: the same code, PIN,
   * time and appointment the first answer carried, and the dossier as it stands now (its version, for the scans the
   * renderer links next). Another form under the same id, or a form refused under it, is refused: it would be taken
   * for the first.
   */
  private receivedBefore(earlier: FormRequest, input: ReceiveInput): Receipt {
    const { event, change } = this.savedBefore(earlier, 'dossier.received', receptionFingerprint(input));
    const { code, pin, receivedAt, dueAt } = event.payload as EventPayload<'dossier.received'>;
    return { ...change, code, pin, receivedAt, dueAt };
  }

  /** The same for a refusal at the desk: the record it made, as it stands now. */
  private refusedBefore(earlier: FormRequest, input: RefuseInput): DossierChange {
    return this.savedBefore(earlier, 'dossier.refused', refusalFingerprint(input)).change;
  }

  /**
   * The forms among `requestIds` the desk already saved: a draft offered after a crash may be one whose save was
   * recorded while its answer was lost (the desk killed in between), and the clerk must not take it for unsaved.
   */
  savedForms(requestIds: readonly string[]): SavedFormView[] {
    this.desk.requireUser();
    return requestIds.flatMap((requestId) => {
      const earlier = this.formRequests.find(requestId);
      const event = earlier && this.store.events.get(earlier.eventId);
      const saved = event && formSavedOf(event);
      return saved ? [{ requestId, dossierId: earlier!.dossierId, ...saved }] : [];
    });
  }

  /**
   * The event a form's first save made, and its dossier as it stands now, when this save repeats it; otherwise the
   * refusal of this save.
   */
  private savedBefore(earlier: FormRequest, attempt: FormOutcome, fingerprint: Fingerprint) {
    const event = this.store.events.get(earlier.eventId);
    const saved = event && formSavedOf(event);
    const stored = this.store.projector.stored(earlier.dossierId);
    if (!event || !saved || !stored) {
      throw appFailure(
        'internal',
        'Không đọc lại được hồ sơ đã lưu cho biểu mẫu này. Hãy báo quản trị hệ thống; đừng lưu lại biểu mẫu này trước khi kiểm tra danh sách hồ sơ.',
        'The dossier already saved for this form cannot be read back. Tell the administrator; do not save this form again before checking the dossier list.',
      );
    }
    if (saved.outcome !== attempt) throw requestIdReused(saved, attempt, []);
    const differs = partsDiffering(earlier, fingerprint);
    if (differs.length > 0) throw requestIdReused(saved, attempt, differs);
    const row = stored.row ?? dossierRowOf(stored.state, this.store.catalog.find(stored.state.procedureCode ?? ''), stored);
    return { event, change: this.change({ eventId: earlier.eventId, row }) };
  }

  /**
   * Next code of this desk's daily partition (desk 2: 2001–2999), counted per unit, day and desk. The counter only
   * rises; the dossiers' own codes of the partition (one look-up in `dossiers_code`: fixed width, so a range) are
   * counted too, for the codes of dossiers that came back from the server after a restore, which the restored
   * counter never saw (identity/restore-catch-up.ts).
   */
  private allocateCode(unitCode: string, date: string, deskNumber: number): string {
    const { first, last } = deskSequenceRange(deskNumber);
    const lastCode = this.lastCodeBetween.get(
      formatDossierCode({ unitCode, date, sequence: first }),
      formatDossierCode({ unitCode, date, sequence: last }),
    );
    const parsed = lastCode ? parseDossierCode(lastCode) : null;
    const onRows = parsed?.ok ? parsed.value.sequence : null;
    const counted = this.counterOf.get(unitCode, date, deskNumber)?.last_sequence ?? null;
    const lastIssued = onRows === null ? counted : counted === null ? onRows : Math.max(onRows, counted);
    const next = nextDossierCode(unitCode, date, deskNumber, lastIssued);
    if (!next.ok) throw new AppFailure(next.error);
    this.saveCounter.run(unitCode, date, deskNumber, next.value.sequence);
    return next.value.code;
  }

  /**
   * Form 03: refuses a dossier at the desk (creating its record) or one submitted online. At the desk, under a
   * request id already saved (a retry after a lost answer) it writes nothing and answers with the record made.
   */
  refuse(input: RefuseInput): DossierChange {
    const identity = this.desk.requireIdentity();
    const atDesk = input.dossierId === undefined;
    // Only the desk's refusal creates a record; an online dossier's second refusal is stopped by its status.
    const requestId = atDesk ? input.requestId : undefined;
    if (requestId !== undefined) {
      this.desk.requireUser();
      const earlier = this.formRequests.find(requestId);
      if (earlier) return this.refusedBefore(earlier, input);
    }
    if (input.procedureCode && atDesk) this.store.catalog.offered(input.procedureCode);
    else if (input.procedureCode) this.store.catalog.get(input.procedureCode);
    const dossierId = input.dossierId ?? newDossierId();
    if (input.dossierId !== undefined && !this.store.projector.current(input.dossierId)) {
      throw appFailure('not_found', 'Không tìm thấy hồ sơ.', 'The dossier was not found.', { field: 'dossierId' });
    }
    const now = this.desk.clock.now();
    return this.change(
      this.commit(
        dossierId,
        'dossier.refused',
        input,
        () => ({
          reason: input.reason,
          refusedAt: toVnIso(now),
          ...(atDesk ? { unitCode: identity.unitCode, deskNumber: identity.deskNumber, channel: input.channel ?? 'in_person' } : {}),
          ...(input.procedureCode ? { procedureCode: input.procedureCode } : {}),
          ...(input.applicant ? { applicant: input.applicant } : {}),
          ...(input.missingItems ? { missingItems: input.missingItems } : {}),
        }),
        atDesk,
        (done) => {
          if (requestId === undefined) return;
          this.formRequests.record({ requestId, dossierId, eventId: done.eventId, fingerprint: refusalFingerprint(input), savedMs: now.getTime() });
        },
      ),
    );
  }

  transfer(input: TransferInput): DossierChange {
    return this.change(
      this.commit(input.dossierId, 'dossier.transferred', input, (state) => ({
        toAgency: input.toAgency ?? this.procedureOf(state).agency,
        ...(input.note ? { note: input.note } : {}),
      })),
    );
  }

  /** Form 05: one line of the control slip. */
  handOver(input: HandOverInput): DossierChange {
    return this.change(
      this.commit(input.dossierId, 'dossier.handed_over', input, () => ({
        from: input.from,
        to: input.to,
        ...(input.note ? { note: input.note } : {}),
      })),
    );
  }

  /** Form 02: the deadline stops until the supplement is brought. */
  requestSupplement(input: RequestSupplementInput): DossierChange {
    return this.change(
      this.commit(input.dossierId, 'dossier.supplement_requested', input, () => ({ items: input.items, reason: input.reason })),
    );
  }

  /**
   * The supplement is complete: the processing time restarts from zero now, when it was asked for in time. Asked for
   * once the dossier was late, it stopped nothing and restarts nothing: the event carries the legal due kept, and the
   * fold keeps the appointment as it was (lifecycle.ts pausedLate), which the new receipt (form 01) prints.
   */
  supplementReceived(input: SupplementReceivedInput): DossierChange {
    return this.change(
      this.commit(input.dossierId, 'dossier.supplement_received', input, (state) => {
        const now = this.desk.clock.now();
        if (state?.dueAt && pausedLate(state)) return { completedAt: toVnIso(now), dueAt: dueKeptOnLateCompletion(state.originalDueAt, state.dueAt) };
        const procedure = this.procedureOf(state);
        const dueAt = dueAfterSupplement({
          completedAt: now,
          processingTime: procedure.processingTime,
          fridayNoWait: procedure.fridayNoWait,
          calendar: this.store.calendar.working(),
        });
        return { completedAt: toVnIso(now), dueAt: toVnIso(dueAt) };
      }),
    );
  }

  /**
   * The deadline pauses until the fees or taxes are paid. The office time left is measured now, by today's calendar,
   * and kept in the event: a day off announced during the pause takes nothing from it (QA).
   */
  requestFees(input: RequestFeesInput): DossierChange {
    return this.change(
      this.commit(input.dossierId, 'dossier.fees_requested', input, (state) => {
        const now = this.desk.clock.now();
        const calendar = this.store.calendar.working();
        const legalDue = state?.originalDueAt ?? state?.dueAt;
        const left = legalDue ? workingMsLeft(calendar, now, instant(legalDue)) : undefined;
        const appointmentLeft =
          state?.dueAt && legalDue && state.dueAt !== legalDue ? workingMsLeft(calendar, now, instant(state.dueAt)) : undefined;
        return {
          amountVnd: input.amountVnd,
          reason: input.reason,
          ...(left !== undefined ? { workingMsLeft: left } : {}),
          ...(appointmentLeft !== undefined ? { appointmentWorkingMsLeft: appointmentLeft } : {}),
        };
      }),
    );
  }

  /**
   * Paid: the working time left when the fees were requested is carried from now, from the legal due (which the
   * reports judge by) and, apart, from a re-appointment's later date (which the applicant was promised).
   */
  feesPaid(input: FeesPaidInput): DossierChange {
    return this.change(
      this.commit(input.dossierId, 'dossier.fees_paid', input, (state) => {
        const now = this.desk.clock.now();
        const requestedAt = state?.fees?.requestedAt ?? state?.pausedAt;
        const legalDue = state?.originalDueAt ?? state?.dueAt;
        if (!state || !requestedAt || !legalDue) throw appFailure('internal', 'Thiếu thời điểm yêu cầu nộp phí.', 'The fee request time is missing.');
        const carried = (due: string, msLeft: number | undefined) =>
          toVnIso(
            dueAfterFeesPaid({
              requestedAt: instant(requestedAt),
              paidAt: now,
              dueAt: instant(due),
              calendar: this.store.calendar.working(),
              msLeft,
            }),
          );
        const dueAt = carried(legalDue, state.fees?.workingMsLeft);
        const appointmentAt = state.dueAt && state.dueAt !== legalDue ? carried(state.dueAt, state.fees?.appointmentWorkingMsLeft) : dueAt;
        return { paidAt: toVnIso(now), dueAt, ...(appointmentAt !== dueAt ? { appointmentAt } : {}) };
      }),
    );
  }

  withdraw(input: ReasonInput): DossierChange {
    return this.change(this.commit(input.dossierId, 'dossier.withdrawn', input, () => ({ reason: input.reason })));
  }

  stop(input: ReasonInput): DossierChange {
    return this.change(this.commit(input.dossierId, 'dossier.stopped', input, () => ({ reason: input.reason })));
  }

  /** The result is back at the desk, with or without its scan. */
  resolve(input: ResolveInput): DossierChange {
    if (input.resultAttachmentSha256) this.store.attachments.requireBlob(input.resultAttachmentSha256);
    return this.change(
      this.commit(input.dossierId, 'dossier.resolved', input, () => ({
        resolvedAt: this.desk.clock.iso(),
        resultDigitised: input.resultDigitised || input.resultAttachmentSha256 !== undefined,
        ...(input.resultAttachmentSha256 ? { resultAttachmentSha256: input.resultAttachmentSha256 } : {}),
      })),
    );
  }

  returnResult(input: ReturnResultInput): DossierChange {
    return this.change(
      this.commit(input.dossierId, 'dossier.returned', input, () => ({
        returnedAt: this.desk.clock.iso(),
        ...(input.receivedBy ? { receivedBy: input.receivedBy } : {}),
      })),
    );
  }

  /** Form 04: apology and a new appointment, once per dossier, later than the current one, when the office is open. */
  reappoint(input: ReappointInput): DossierChange {
    return this.change(
      this.commit(input.dossierId, 'dossier.reappointed', input, (state) => {
        const newDueAt = instant(input.newDueAt);
        const check = checkReappointment({
          currentDueAt: instant(state!.dueAt ?? this.desk.clock.iso()),
          newDueAt,
          alreadyReappointed: state!.reappointedAt !== null,
          calendar: this.store.calendar.working(),
          now: this.desk.clock.now(),
        });
        if (!check.ok) throw new AppFailure({ ...check.error, field: 'newDueAt' });
        if (newDueAt.getTime() <= this.desk.clock.now().getTime()) {
          throw appFailure('reappointment.past', 'Ngày hẹn mới phải ở tương lai.', 'The new appointment must be in the future.', {
            field: 'newDueAt',
          });
        }
        return { newDueAt: toVnIso(newDueAt), reason: input.reason };
      }),
    );
  }

  /** Only to a status the competing deeds led to or the one before them (conflict-choices.ts). */
  resolveConflict(input: ResolveConflictInput): DossierChange {
    return this.change(
      this.commit(input.dossierId, 'dossier.conflict_resolved', input, () => {
        const events = this.store.events.forDossier(input.dossierId, { includeQuarantined: true }).filter((e) => e.syncState !== 'quarantined');
        const choices = conflictChoices(events);
        if (!choices.includes(input.status)) throw statusNotOffered(input.status, choices);
        return { status: input.status, note: input.note };
      }),
    );
  }

  /** Links a stored scan to a component or to the result (used by the attachment service). */
  linkAttachment(dossierId: string, payload: EventPayload<'dossier.attachment_linked'>, expectedVersion?: number): DossierChange {
    return this.change(
      this.commit(dossierId, 'dossier.attachment_linked', { expectedVersion }, (state) => {
        if ('componentId' in payload.target) {
          const componentId = payload.target.componentId;
          if (!state?.components.some((c) => c.componentId === componentId)) {
            throw appFailure('unknown_component', `Hồ sơ không có thành phần "${componentId}".`, `The dossier has no component "${componentId}".`, {
              field: 'target',
            });
          }
        }
        return payload;
      }),
    );
  }
}

function statusNotOffered(status: DossierStatus, choices: readonly DossierStatus[]): AppFailure {
  const list = (language: 'vi' | 'en') => choices.map((s) => statusLabel(s)[language]).join(', ');
  return appFailure(
    'conflict_status_not_offered',
    `Không thể giải quyết xung đột về trạng thái «${statusLabel(status).vi}»: các thao tác xung đột không dẫn tới trạng thái này. Hãy chọn một trong: ${list('vi')}.`,
    `Cannot resolve the conflict to "${statusLabel(status).en}": none of the conflicting actions led there. Choose one of: ${list('en')}.`,
    { field: 'status', details: { choices } },
  );
}

/**
 * Time-ordered (UUID v7), so a new dossier's id lands at the end of the id indexes instead of at a random page
 * of a half-million-row b-tree.
 */
const newDossierId = (): string => uuidv7();

function instant(iso: string): Date {
  const parsed = parseInstant(iso);
  if (!parsed.ok) throw new AppFailure(parsed.error);
  return parsed.value;
}
