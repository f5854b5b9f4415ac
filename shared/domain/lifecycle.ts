/**
 * The dossier lifecycle: `decide` says whether an actor may make an event now (and why not, in words a clerk
 * reads); `evolve` folds an event into the dossier projection that the desk and the server store.
 *
 * `evolve` never throws. Events from several desks are merged by server order (DESIGN.md §5), so an event that
 * was legal where it was made can be illegal after merging (two desks returning the same result): it is kept,
 * counted, not applied, and the dossier is marked in conflict until a supervisor resolves it with an explicit
 * `dossier.conflict_resolved` event.
 */
import { fail, ok, type LocalizedText, type Result } from '../result';
import {
  DossierStatus,
  isTerminalStatus,
  statusLabel,
  type Applicant,
  type Channel,
  type DossierComponent,
} from './dossier';
import type { DossierEvent, DossierEventType } from './events';
import { roleAtLeast, roleLabels, type Role } from './roles';
import { transitionRules } from './transitions';

export interface ConflictingEvent {
  eventId: string;
  type: DossierEventType;
  deviceId: string;
  /** The status the dossier had when the event came to be applied. */
  atStatus: DossierStatus;
  reason: LocalizedText;
  /**
   * When the deed says it happened: a result's resolution or hand-back time, a refusal's time, else its device time.
   * A supervisor who resolves the conflict to the status the deed led to closes the dossier then (closingOfChoice).
   * Absent from states folded before it was kept (refolded by desk migration 019 and report schema 3).
   */
  at?: string;
  /**
   * What the deed would have recorded on the dossier (deedEffect): a supervisor who resolves the conflict to the status
   * it led to takes all of it, not only its time (closingOfChoice). Absent for deeds that lead to no status of their
   * own, and from states folded before it was kept.
   */
  effect?: DeedEffect;
}

/** The fields of the dossier a deed sets when applied, as the deed itself says them (deedEffect). */
export type DeedEffect = Partial<Omit<DossierState, 'id' | 'status' | 'version' | 'lastEventAt' | 'conflict'>>;

export interface DossierConflict {
  /** Server time (or device time before sync) of the first conflicting event. */
  since: string;
  events: ConflictingEvent[];
}

export interface SupplementRequest {
  requestedAt: string;
  items: string[];
  reason: string;
}

export interface SupplementReceived {
  requestedAt: string;
  receivedAt: string;
  items: string[];
  /**
   * false when the completion restarted nothing: the supplement was asked for once the dossier was late (pausedLate).
   * Absent when it restarted the deadline from zero, as in every state folded before it was kept.
   */
  restarted?: false;
}

export interface FeesRequest {
  requestedAt: string;
  amountVnd: number;
  reason: string;
  /** The office time left when the clock stopped (events.ts feesRequestedPayloadSchema); absent from older requests. */
  workingMsLeft?: number;
  appointmentWorkingMsLeft?: number;
}

/** The dossier projection: one row per dossier on the desk and on the server, rebuilt by folding its events. */
export interface DossierState {
  id: string;
  code: string | null;
  unitCode: string | null;
  deskNumber: number | null;
  procedureCode: string | null;
  channel: Channel | null;
  applicant: Applicant | null;
  components: DossierComponent[];
  portalRef: string | null;
  pin: string | null;
  status: DossierStatus;
  submittedAt: string | null;
  receivedAt: string | null;
  refusedAt: string | null;
  /** The appointment currently promised to the applicant (moved by a re-appointment). */
  dueAt: string | null;
  /**
   * The legal due instant: set at receipt, moved by supplement and fee pauses made in time (one made once the dossier
   * was late moves nothing: pausedLate), never by a re-appointment.
   */
  originalDueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  returnedTo: string | null;
  /** When the one allowed re-appointment (form 04) was made; null if never. */
  reappointedAt: string | null;
  reappointReason: string | null;
  /** When the current pause (supplement or fees) began; null when the clock runs. */
  pausedAt: string | null;
  /** The status to go back to when the pause ends. */
  statusBeforePause: DossierStatus | null;
  supplement: SupplementRequest | null;
  supplementRequestCount: number;
  /**
   * Each supplement the applicant completed: the papers asked for (received means complete, so all of them), when
   * asked and when they came. The new receipt (form 01) lists them beside the new appointment. Absent from states
   * folded before it was kept, as from dossiers never asked for a supplement.
   */
  supplementsReceived?: SupplementReceived[];
  fees: FeesRequest | null;
  feesPaidAt: string | null;
  currentAgency: string | null;
  /**
   * When the file was first sent on to its processing agency (the first transfer applied; one a conflict left
   * unapplied is not one): the tracking logbook's "chuyển hồ sơ" date. Absent until then, and in states folded before
   * it was kept.
   */
  firstTransferredAt?: string;
  /** Who holds the file now, per the last hand-over (form 05). */
  currentHolder: string | null;
  resultDigitised: boolean;
  resultAttachmentSha256: string | null;
  /** Every paper brought has a scan (and at least one was brought). */
  componentsDigitised: boolean;
  /**
   * Every paper brought had its scan while the dossier was still at the reception desk: before it was first
   * transferred, resolved or closed (the reports' "digitised at receipt"; a scan added later does not change it).
   * Absent in states folded before it was kept: `componentsDigitised` stands in.
   */
  digitisedAtReceipt?: boolean;
  /**
   * How the deadline clock stood before each change since receipt (a pause, its end, a new legal due): the reports
   * judge a past day by the clock of that day, so a later event cannot rewrite a closed period. Absent: no change.
   */
  clockChanges?: ClockChange[];
  /** Refusal, withdrawal or stop: when and why the dossier was closed without a result. */
  closedAt: string | null;
  closingReason: string | null;
  /** Number of events folded into this projection, conflicting ones included: the next event's baseVersion. */
  version: number;
  lastEventAt: string | null;
  conflict: DossierConflict | null;
  /**
   * The receipts of a later reception of the same online dossier (two desks received it while offline): the first
   * the server took gave the dossier its code, and these receipts, already handed to the citizen, do not stand. Kept
   * so that their code still finds the dossier, at the desk and in the public lookup (with that receipt's own PIN).
   * Absent when there is none, and in states folded before they were kept.
   */
  voidedReceipts?: VoidedReceipt[];
}

/** A receipt whose code does not stand (DossierState.voidedReceipts). */
export interface VoidedReceipt {
  code: string;
  pin: string;
}

/** The deadline clock as it stood until `at`, when an event paused it, resumed it or gave it a new legal due. */
export interface ClockChange {
  at: string;
  /** The legal due instant until then. */
  dueAt: string | null;
  /** When the pause in force until then began; null when the clock ran. */
  pausedAt: string | null;
}

export interface TransitionOutcome {
  from: DossierStatus | null;
  to: DossierStatus;
}

function refusal(
  code: string,
  type: DossierEventType,
  why: LocalizedText,
  details: Record<string, unknown>,
): Result<never> {
  const { action } = transitionRules[type];
  return fail(code, `Không thể ${action.vi}: ${why.vi}`, `Cannot ${action.en}: ${why.en}`, {
    details: { type, ...details },
  });
}

/**
 * The rules both `decide` and `evolve` apply: existence, closed dossiers, the status table, the single
 * re-appointment, and the role. `target` is only needed for `dossier.conflict_resolved`.
 */
function checkTransition(
  state: DossierState | undefined,
  type: DossierEventType,
  role: Role,
  target?: DossierStatus,
): Result<TransitionOutcome> {
  const rule = transitionRules[type];
  const from = state?.status ?? null;
  if (state === undefined) {
    if (!rule.from.includes('new')) {
      return refusal(
        'dossier_not_found',
        type,
        {
          vi: 'hồ sơ chưa tồn tại; hãy tiếp nhận hoặc ghi nhận hồ sơ trước.',
          en: 'the dossier does not exist yet; receive or register it first.',
        },
        { from },
      );
    }
  } else {
    if (
      isTerminalStatus(state.status) &&
      type !== 'dossier.attachment_linked' &&
      type !== 'dossier.conflict_resolved'
    ) {
      const label = statusLabel(state.status);
      return refusal(
        'dossier_closed',
        type,
        {
          vi: `hồ sơ đã kết thúc (${label.vi.toLowerCase()}); chỉ còn đính kèm được tệp.`,
          en: `the dossier is closed (${label.en.toLowerCase()}); only files can still be attached.`,
        },
        { from },
      );
    }
    if (!rule.from.includes(state.status)) {
      return refusal(
        rule.from.includes('new') && !rule.from.some((s) => s !== 'new')
          ? 'dossier_exists'
          : 'illegal_transition',
        type,
        rule.needs,
        { from },
      );
    }
    if (type === 'dossier.reappointed' && state.reappointedAt !== null) {
      return refusal(
        'already_reappointed',
        type,
        {
          vi: 'hồ sơ đã được hẹn lại một lần; mỗi hồ sơ chỉ được hẹn lại một lần.',
          en: 'the dossier has already been re-appointed once; only one re-appointment is allowed.',
        },
        { from },
      );
    }
  }
  if (!roleAtLeast(role, rule.minRole)) {
    const needed = roleLabels[rule.minRole];
    return refusal(
      'forbidden_role',
      type,
      {
        vi: `việc này cần vai trò ${needed.vi.toLowerCase()} trở lên.`,
        en: `this needs the ${needed.en.toLowerCase()} role or higher.`,
      },
      { from, role },
    );
  }
  return ok({ from, to: targetStatus(state, type, target) });
}

function targetStatus(
  state: DossierState | undefined,
  type: DossierEventType,
  chosen: DossierStatus | undefined,
): DossierStatus {
  const to = transitionRules[type].to;
  const current = state?.status ?? DossierStatus.Received;
  switch (to) {
    case 'same':
      return current;
    case 'resume':
      return state?.statusBeforePause ?? DossierStatus.Processing;
    case 'chosen':
      return chosen ?? current;
    default:
      return to;
  }
}

/**
 * May `role` make an event of `type` on this dossier now? Stricter than `evolve`: a dossier in conflict accepts
 * only file links and the supervisor's resolution until someone resolves it.
 */
export function decide(
  state: DossierState | undefined,
  type: DossierEventType,
  role: Role,
): Result<TransitionOutcome> {
  if (state?.conflict && type !== 'dossier.attachment_linked' && type !== 'dossier.conflict_resolved') {
    return refusal(
      'dossier_in_conflict',
      type,
      {
        vi: 'hồ sơ đang có xung đột giữa các quầy; lãnh đạo bộ phận cần giải quyết xung đột trước.',
        en: 'the dossier is in conflict between desks; a supervisor must resolve the conflict first.',
      },
      { from: state.status },
    );
  }
  if (type === 'dossier.conflict_resolved' && state !== undefined && state.conflict === null) {
    return refusal('no_conflict', type, transitionRules[type].needs, { from: state.status });
  }
  return checkTransition(state, type, role);
}

/** The event types `role` may make on this dossier now: what the desk offers as buttons. */
export function allowedEventTypes(state: DossierState | undefined, role: Role): DossierEventType[] {
  return (Object.keys(transitionRules) as DossierEventType[]).filter((type) => decide(state, type, role).ok);
}

function emptyState(dossierId: string, status: DossierStatus): DossierState {
  return {
    id: dossierId,
    code: null,
    unitCode: null,
    deskNumber: null,
    procedureCode: null,
    channel: null,
    applicant: null,
    components: [],
    portalRef: null,
    pin: null,
    status,
    submittedAt: null,
    receivedAt: null,
    refusedAt: null,
    dueAt: null,
    originalDueAt: null,
    resolvedAt: null,
    returnedAt: null,
    returnedTo: null,
    reappointedAt: null,
    reappointReason: null,
    pausedAt: null,
    statusBeforePause: null,
    supplement: null,
    supplementRequestCount: 0,
    fees: null,
    feesPaidAt: null,
    currentAgency: null,
    currentHolder: null,
    resultDigitised: false,
    resultAttachmentSha256: null,
    componentsDigitised: false,
    digitisedAtReceipt: false,
    closedAt: null,
    closingReason: null,
    version: 0,
    lastEventAt: null,
    conflict: null,
  };
}

const allBroughtPapersScanned = (components: DossierComponent[]): boolean => {
  const brought = components.filter((c) => c.present);
  return brought.length > 0 && brought.every((c) => c.attachmentSha256 !== undefined);
};

/** When an event moved the deadline clock: a completion or a payment at the instant it names, others when made. */
const clockInstant = (event: DossierEvent): string =>
  event.type === 'dossier.supplement_received'
    ? event.payload.completedAt
    : event.type === 'dossier.fees_paid'
      ? event.payload.paidAt
      : event.deviceTime;

/** Not yet transferred to the processing agency, resolved or closed: scans added now count as made at receipt. */
const atReceptionDesk = (state: DossierState): boolean =>
  state.currentAgency === null && state.resolvedAt === null && state.closedAt === null;

/**
 * A copy of the state, every field written out in one order, the optional ones too (undefined when absent, which
 * JSON leaves out, so the stored text is the spread's whenever they are). A fold copies the state once per event,
 * and its states took on the optional fields in the order their events came: `{ ...state }` then met so many
 * shapes that V8 copied field by field through its slowest path, about half of a fold's time (a first pull folds a
 * quarter of a million events; docs/decisions.md, session 22). One shape keeps every copy, and every later read of
 * a field, on the fast path.
 */
function copyOf(s: DossierState, status: DossierStatus): DossierState {
  return {
    id: s.id,
    code: s.code,
    unitCode: s.unitCode,
    deskNumber: s.deskNumber,
    procedureCode: s.procedureCode,
    channel: s.channel,
    applicant: s.applicant,
    components: s.components,
    portalRef: s.portalRef,
    pin: s.pin,
    status,
    submittedAt: s.submittedAt,
    receivedAt: s.receivedAt,
    refusedAt: s.refusedAt,
    dueAt: s.dueAt,
    originalDueAt: s.originalDueAt,
    resolvedAt: s.resolvedAt,
    returnedAt: s.returnedAt,
    returnedTo: s.returnedTo,
    reappointedAt: s.reappointedAt,
    reappointReason: s.reappointReason,
    pausedAt: s.pausedAt,
    statusBeforePause: s.statusBeforePause,
    supplement: s.supplement,
    supplementRequestCount: s.supplementRequestCount,
    fees: s.fees,
    feesPaidAt: s.feesPaidAt,
    currentAgency: s.currentAgency,
    currentHolder: s.currentHolder,
    resultDigitised: s.resultDigitised,
    resultAttachmentSha256: s.resultAttachmentSha256,
    componentsDigitised: s.componentsDigitised,
    digitisedAtReceipt: s.digitisedAtReceipt,
    closedAt: s.closedAt,
    closingReason: s.closingReason,
    version: s.version,
    lastEventAt: s.lastEventAt,
    conflict: s.conflict,
    firstTransferredAt: s.firstTransferredAt,
    clockChanges: s.clockChanges,
    supplementsReceived: s.supplementsReceived,
    voidedReceipts: s.voidedReceipts,
  } satisfies Record<keyof DossierState, unknown>;
}

/**
 * What a deed records on the dossier, from the deed alone: `apply` sets it (with what depends on the dossier as it
 * stands, such as the status a pause resumes to), and a deed that could not be applied keeps it
 * (ConflictingEvent.effect) for a supervisor who resolves the conflict to the status that deed led to.
 */
function deedEffect(event: DossierEvent): DeedEffect | undefined {
  const at = event.deviceTime;
  switch (event.type) {
    case 'dossier.received': {
      const p = event.payload;
      return {
        code: p.code,
        unitCode: p.unitCode,
        deskNumber: p.deskNumber,
        procedureCode: p.procedureCode,
        channel: p.channel,
        applicant: p.applicant,
        components: p.components,
        receivedAt: p.receivedAt,
        dueAt: p.dueAt,
        originalDueAt: p.dueAt,
        pin: p.pin,
      };
    }
    case 'dossier.refused': {
      const p = event.payload;
      const refusedAt = p.refusedAt ?? at;
      const effect: DeedEffect = { refusedAt, closedAt: refusedAt, closingReason: p.reason };
      if (p.unitCode !== undefined) effect.unitCode = p.unitCode;
      if (p.deskNumber !== undefined) effect.deskNumber = p.deskNumber;
      if (p.procedureCode !== undefined) effect.procedureCode = p.procedureCode;
      if (p.channel !== undefined) effect.channel = p.channel;
      if (p.applicant !== undefined) effect.applicant = p.applicant;
      if (p.components !== undefined) effect.components = p.components;
      return effect;
    }
    case 'dossier.transferred':
      return { currentAgency: event.payload.toAgency, currentHolder: event.payload.toAgency, firstTransferredAt: at };
    case 'dossier.supplement_requested':
      return { pausedAt: at, supplement: { requestedAt: at, items: event.payload.items, reason: event.payload.reason } };
    case 'dossier.fees_requested':
    {
      const { amountVnd, reason, workingMsLeft, appointmentWorkingMsLeft } = event.payload;
      const left = {
        ...(workingMsLeft !== undefined ? { workingMsLeft } : {}),
        ...(appointmentWorkingMsLeft !== undefined ? { appointmentWorkingMsLeft } : {}),
      };
      return { pausedAt: at, fees: { requestedAt: at, amountVnd, reason, ...left }, feesPaidAt: null };
    }
    case 'dossier.withdrawn':
    case 'dossier.stopped':
      return { closedAt: at, closingReason: event.payload.reason };
    case 'dossier.resolved': {
      const { resolvedAt, resultDigitised, resultAttachmentSha256 } = event.payload;
      // Never "not digitised": a result scan already linked to the dossier stays one.
      if (resultAttachmentSha256 !== undefined) return { resolvedAt, resultDigitised: true, resultAttachmentSha256 };
      return resultDigitised ? { resolvedAt, resultDigitised } : { resolvedAt };
    }
    case 'dossier.returned':
      return { returnedAt: event.payload.returnedAt, returnedTo: event.payload.receivedBy ?? null };
    default:
      return undefined;
  }
}

/** The event's effect on a dossier whose transition has been checked. */
function apply(state: DossierState, event: DossierEvent, to: DossierStatus): DossierState {
  const at = event.deviceTime;
  const next = copyOf(state, to);
  switch (event.type) {
    case 'dossier.submitted_online': {
      const p = event.payload;
      Object.assign(next, {
        unitCode: p.unitCode,
        procedureCode: p.procedureCode,
        channel: p.channel,
        applicant: p.applicant,
        components: p.components,
        portalRef: p.portalRef,
        submittedAt: p.submittedAt,
      });
      break;
    }
    case 'dossier.received':
    case 'dossier.refused':
    case 'dossier.resolved':
    case 'dossier.returned':
      Object.assign(next, deedEffect(event));
      break;
    case 'dossier.transferred':
      Object.assign(next, deedEffect(event));
      next.firstTransferredAt = state.firstTransferredAt ?? event.deviceTime;
      break;
    case 'dossier.handed_over':
      next.currentHolder = event.payload.to;
      break;
    case 'dossier.supplement_requested':
      Object.assign(next, deedEffect(event));
      next.statusBeforePause = state.status;
      next.supplementRequestCount = state.supplementRequestCount + 1;
      break;
    case 'dossier.supplement_received': {
      // Asked for in time, the deadline restarts from zero at completion: the new due instant was computed then and
      // is stored in the event. Asked for once the dossier was late, the request stopped nothing, so nothing restarts:
      // the dossier keeps its legal due and its appointment, whatever the event says (a desk before this rule wrote
      // a restart there; one since writes the appointment kept). The fold rules, so every replica converges. The
      // completion says which it was, for those that go by when the deadline last started (the Friday rule's badge
      // and board, electron/desk/dossiers/summary.ts clockStartedAt).
      const restarted = !pausedLate(state);
      if (state.supplement) {
        const received: SupplementReceived = { requestedAt: state.supplement.requestedAt, receivedAt: event.payload.completedAt, items: state.supplement.items };
        if (!restarted) received.restarted = false;
        next.supplementsReceived = [...(state.supplementsReceived ?? []), received];
      }
      if (restarted) Object.assign(next, { dueAt: event.payload.dueAt, originalDueAt: event.payload.dueAt });
      Object.assign(next, { statusBeforePause: null, pausedAt: null, supplement: null });
      break;
    }
    case 'dossier.fees_requested':
      Object.assign(next, deedEffect(event));
      next.statusBeforePause = state.status;
      break;
    case 'dossier.fees_paid':
      Object.assign(next, {
        statusBeforePause: null,
        pausedAt: null,
        fees: null,
        feesPaidAt: event.payload.paidAt,
        dueAt: event.payload.appointmentAt ?? event.payload.dueAt,
        originalDueAt: event.payload.dueAt,
      });
      break;
    case 'dossier.withdrawn':
    case 'dossier.stopped':
      Object.assign(next, deedEffect(event));
      next.pausedAt = null;
      next.statusBeforePause = null;
      break;
    case 'dossier.reappointed':
      next.reappointedAt = at;
      next.reappointReason = event.payload.reason;
      next.dueAt = event.payload.newDueAt;
      break;
    case 'dossier.attachment_linked': {
      const { target, sha256 } = event.payload;
      if ('componentId' in target) {
        next.components = state.components.map((c) =>
          c.componentId === target.componentId ? { ...c, attachmentSha256: sha256 } : c,
        );
      } else {
        next.resultDigitised = true;
        next.resultAttachmentSha256 = sha256;
      }
      break;
    }
    case 'dossier.conflict_resolved':
      next.conflict = null;
      if (to !== DossierStatus.SupplementRequested && to !== DossierStatus.FeesRequested) {
        next.pausedAt = null;
        next.statusBeforePause = null;
      }
      closingOfChoice(state, next, to, at);
      break;
  }
  next.componentsDigitised = allBroughtPapersScanned(next.components);
  if (atReceptionDesk(state)) next.digitisedAtReceipt = next.componentsDigitised;
  if (state.receivedAt !== null && (next.originalDueAt !== state.originalDueAt || next.pausedAt !== state.pausedAt)) {
    next.clockChanges = [...(state.clockChanges ?? []), { at: clockInstant(event), dueAt: state.originalDueAt, pausedAt: state.pausedAt }];
  }
  return next;
}

function markConflict(
  state: DossierState,
  event: DossierEvent,
  reason: LocalizedText,
  when: string,
): DossierState {
  const entry: ConflictingEvent = {
    eventId: event.id,
    type: event.type,
    deviceId: event.deviceId,
    atStatus: state.status,
    reason,
    at: deedTime(event),
  };
  const effect = deedEffect(event);
  if (effect !== undefined) entry.effect = effect;
  return {
    ...state,
    conflict: state.conflict
      ? { ...state.conflict, events: [...state.conflict.events, entry] }
      : { since: when, events: [entry] },
  };
}

/** When a deed says it happened (ConflictingEvent.at). */
function deedTime(event: DossierEvent): string {
  switch (event.type) {
    case 'dossier.resolved':
      return event.payload.resolvedAt;
    case 'dossier.returned':
      return event.payload.returnedAt;
    case 'dossier.refused':
      return event.payload.refusedAt ?? event.deviceTime;
    default:
      return event.deviceTime;
  }
}

/** The time fields a deed that ends or pauses the dossier, or gives its result, sets. */
type DeedTime = 'resolvedAt' | 'returnedAt' | 'refusedAt' | 'closedAt' | 'pausedAt';

/**
 * A supervisor's decision sets the dossier to the outcome chosen, which the deeds' own fields did not:
 * - a status that a deed not applied (it competed) led to takes what that deed recorded (the last competing deed of
 *   the kind; its effect): the resolution's time and digitised result, the hand-back's time and who collected the
 *   result, the withdrawal's, stop's or refusal's time and reason, the papers or the fees asked for, the reception's
 *   receipt, the transfer's agency. Left without it, the reports counted a dossier resolved this way in progress for
 *   ever, then resolved but its result not digitised. Without the effect (a chain of deeds on one desk, a state folded
 *   before deeds kept it), the time the deed says, else the time of the decision;
 * - what an applied deed recorded and the choice undoes is cleared: a dossier taken up again ("Được tiếp nhận") is no
 *   longer resolved, one judged withdrawn is no longer resolved too, and so on, so the reports count it once, as
 *   what was chosen. What an applied deed recorded and the choice keeps stays as it was.
 */
function closingOfChoice(state: DossierState, next: DossierState, to: DossierStatus, decidedAt: string): void {
  const deeds = state.conflict?.events ?? [];
  const lastDeed = (type: DossierEventType) => deeds.findLast((e) => e.type === type);
  /** Unless the dossier has `field`, what the last competing deed of `type` recorded: that field and all else. */
  const take = (field: 'receivedAt' | 'currentAgency' | DeedTime, type: DossierEventType) => {
    if (next[field] === null) Object.assign(next, lastDeed(type)?.effect);
  };
  /** The same, then (no effect kept) the time the deed says, else `otherwise`. */
  const fill = (field: DeedTime, type: DossierEventType, otherwise: string) => {
    take(field, type);
    next[field] ??= lastDeed(type)?.at ?? otherwise;
  };
  const result = to === DossierStatus.Resolved || to === DossierStatus.Returned;
  const ended = to === DossierStatus.Withdrawn || to === DossierStatus.Stopped || to === DossierStatus.NotReceived;
  if (!result) {
    next.resolvedAt = null;
    next.returnedAt = null;
    next.returnedTo = null;
    // The result was digitised by the resolution undone; a result scan linked to the dossier still is one.
    next.resultDigitised = next.resultAttachmentSha256 !== null;
  }
  if (!ended) {
    next.closedAt = null;
    next.closingReason = null;
  }
  if (to !== DossierStatus.NotReceived) next.refusedAt = null;
  if (to !== DossierStatus.SupplementRequested) next.supplement = null;
  if (to !== DossierStatus.FeesRequested) next.fees = null;
  // A status past reception that no applied deed reached: the receipt of the competing reception (code, appointment).
  if (to !== DossierStatus.SubmittedOnline && to !== DossierStatus.NotReceived) take('receivedAt', 'dossier.received');
  switch (to) {
    case DossierStatus.Processing:
      take('currentAgency', 'dossier.transferred');
      break;
    case DossierStatus.Resolved:
      next.returnedAt = null;
      next.returnedTo = null;
      fill('resolvedAt', 'dossier.resolved', decidedAt);
      break;
    case DossierStatus.Returned:
      fill('returnedAt', 'dossier.returned', decidedAt);
      fill('resolvedAt', 'dossier.resolved', next.returnedAt ?? decidedAt);
      break;
    case DossierStatus.NotReceived:
      fill('refusedAt', 'dossier.refused', decidedAt);
      next.closedAt = next.refusedAt;
      break;
    case DossierStatus.SupplementRequested:
    case DossierStatus.FeesRequested: {
      // Paused by the competing request: its clock stops then (or at the decision), and a late one stops nothing,
      // as the reports and the desk's overdue filter judge any pause. Another pause's start is not this one's.
      const supplement = to === DossierStatus.SupplementRequested;
      if ((supplement ? next.supplement : next.fees) === null) {
        next.pausedAt = null;
        fill('pausedAt', supplement ? 'dossier.supplement_requested' : 'dossier.fees_requested', decidedAt);
        if (supplement && next.supplement !== null) next.supplementRequestCount = state.supplementRequestCount + 1;
      }
      // It resumes to where the request was made: in processing once sent to the agency, else received.
      next.statusBeforePause ??= next.currentAgency !== null ? DossierStatus.Processing : DossierStatus.Received;
      break;
    }
    case DossierStatus.Withdrawn:
    case DossierStatus.Stopped:
      if (state.status !== to) {
        // Another ending's time and reason are not this one's.
        next.closedAt = null;
        next.closingReason = null;
        fill('closedAt', to === DossierStatus.Withdrawn ? 'dossier.withdrawn' : 'dossier.stopped', decidedAt);
      }
      break;
    default:
      break;
  }
}

/**
 * An online dossier received at two desks while their link was down: the one the server took first gave the dossier
 * its code; the other's receipt, already printed and handed over, names a code that leads nowhere. Said so, with both
 * codes, so the supervisor can tell the citizen which one stands (the rule's own words were about new dossiers only).
 */
function receivedTwice(state: DossierState | undefined, event: DossierEvent): LocalizedText | undefined {
  if (event.type !== 'dossier.received' || state === undefined || state.receivedAt === null || state.code === null) return undefined;
  const voided = event.payload.code;
  return {
    vi: `hồ sơ đã được tiếp nhận với mã ${state.code}, lần tiếp nhận đến máy chủ trước; phiếu hẹn mã ${voided} của lần tiếp nhận này không có hiệu lực, hãy báo công dân dùng mã ${state.code}.`,
    en: `the dossier had been received as ${state.code}, the reception that reached the server first; the receipt of this reception, ${voided}, does not stand: tell the citizen to use ${state.code}.`,
  };
}

/** Why a second, different decision on a conflict already settled is not applied (shown to the supervisor). */
function secondDecision(decided: DossierStatus): LocalizedText {
  const label = statusLabel(decided);
  return {
    vi: `xung đột này đã được giải quyết trước đó sang trạng thái «${label.vi}»; quyết định này khác và được giữ lại để lãnh đạo xem lại.`,
    en: `this conflict had already been resolved to “${label.en}”; this different decision is kept for a supervisor to review.`,
  };
}

/** Status an event leads to when it cannot be applied to anything (an orphan with no creating event). */
function orphanStatus(type: DossierEventType): DossierStatus {
  const to = transitionRules[type].to;
  return typeof to === 'number' ? to : DossierStatus.Received;
}

/**
 * Folds one event into a dossier. Pure: the same events in the same order give the same projection everywhere.
 * An event that is illegal at this point is recorded as a conflict instead of being applied.
 */
export function evolve(state: DossierState | undefined, event: DossierEvent): DossierState {
  const when = event.serverTime ?? event.deviceTime;
  const target = event.type === 'dossier.conflict_resolved' ? event.payload.status : undefined;
  const check = checkTransition(state, event.type, event.actor.role, target);
  let next: DossierState;
  if (check.ok && target !== undefined && state !== undefined && state.conflict === null && target !== state.status) {
    // Two supervisors settled one conflict, each offline: the later decision does not silently undo the first (a
    // legal record's status), it is a new conflict for a person. The same decision twice changes nothing.
    next = markConflict(state, event, secondDecision(state.status), when);
  } else if (check.ok) {
    next = apply(state ?? emptyState(event.dossierId, check.value.to), event, check.value.to);
  } else {
    // Keep the record (no silent drops): an orphan gets a placeholder dossier that is flagged for a person.
    const twice = receivedTwice(state, event);
    next = markConflict(state ?? emptyState(event.dossierId, orphanStatus(event.type)), event, twice ?? check.error.message, when);
    if (twice && event.type === 'dossier.received') {
      next.voidedReceipts = [...(state?.voidedReceipts ?? []), { code: event.payload.code, pin: event.payload.pin }];
    }
  }
  // `next` is a copy already (apply and markConflict never return the state they were given): the fold's own fields
  // are set on it instead of copying it once more per event (a first pull folds a quarter of a million events).
  next.version = (state?.version ?? 0) + 1;
  next.lastEventAt = when;
  return next;
}

/**
 * The order every replica folds a dossier's events in: by server sequence once known, then the events not yet
 * synced — each device's in its own sequence, devices interleaved by device time. Duplicates (same id) count once.
 */
export function orderEvents(events: readonly DossierEvent[]): DossierEvent[] {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  const synced = unique
    .filter((e) => e.serverSeq != null)
    .sort((a, b) => (a.serverSeq as number) - (b.serverSeq as number));
  const pendingByDevice = new Map<string, DossierEvent[]>();
  for (const e of unique) {
    if (e.serverSeq != null) continue;
    const list = pendingByDevice.get(e.deviceId) ?? [];
    list.push(e);
    pendingByDevice.set(e.deviceId, list);
  }
  const queues = [...pendingByDevice.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, list]) => list.sort((a, b) => a.deviceSeq - b.deviceSeq));
  const pending: DossierEvent[] = [];
  for (;;) {
    let best: DossierEvent[] | undefined;
    for (const q of queues) {
      const head = q[0];
      if (head === undefined) continue;
      if (
        best === undefined ||
        Date.parse(head.deviceTime) < Date.parse((best[0] as DossierEvent).deviceTime)
      )
        best = q;
    }
    if (best === undefined) break;
    pending.push(best.shift() as DossierEvent);
  }
  return [...synced, ...pending];
}

/** The projection of one dossier from all its known events, in any order. Undefined when there are none. */
export function projectDossier(events: readonly DossierEvent[]): DossierState | undefined {
  return orderEvents(events).reduce<DossierState | undefined>(evolve, undefined);
}

/** Whether the deadline clock is stopped (supplement requested, fees requested). */
export const isPaused = (state: DossierState): boolean => state.pausedAt !== null;

/**
 * The due a completion event carries after a supplement asked for once late: the legal due, not a re-appointment's
 * date. A desk or server of an older release restarts from the event's due and must still count the dossier late;
 * this fold reads nothing from it (it keeps both dues as they were). The desk and the import write the same.
 */
export function dueKeptOnLateCompletion(originalDueAt: string | null, dueAt: string): string {
  return originalDueAt ?? dueAt;
}

/**
 * Paused by a request made only once the legal due instant had passed: such a request stops nothing (the reports
 * count the dossier overdue while it waits, shared/reports/facts.ts overdueSpansOf), and a supplement it asked for
 * restarts nothing when it comes. A request at the due instant itself is in time. Compared to the millisecond.
 * Also over a clock of the past (ClockChange), whose `dueAt` is already the legal due: the reports judge each day's clock by it.
 */
export function pausedLate(state: Pick<DossierState, 'pausedAt' | 'dueAt'> & Partial<Pick<DossierState, 'originalDueAt'>>): boolean {
  const legalDue = state.originalDueAt ?? state.dueAt;
  return state.pausedAt !== null && legalDue !== null && Date.parse(state.pausedAt) > Date.parse(legalDue);
}

/** The statuses of a dossier on hold: a supplement (5) or fees (6) asked for; a hold asked in time stops the deadline. */
export const ON_HOLD_STATUSES: readonly number[] = [DossierStatus.SupplementRequested, DossierStatus.FeesRequested];

/** The deadline stands still: paused by a request made by the legal due instant (not pausedLate). */
export function deadlineStopped(state: Pick<DossierState, 'pausedAt' | 'dueAt'> & Partial<Pick<DossierState, 'originalDueAt'>>): boolean {
  return state.pausedAt !== null && state.pausedAt !== undefined && !pausedLate(state);
}
