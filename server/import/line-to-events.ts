/**
 * Turns one import line into the events a desk would have made for that dossier — receipt, transfers, pauses,
 * resolution, return — each transition checked by the lifecycle (`decide`) and folded as it goes. Payloads are
 * built only from parts the line schema already checked with the domain's own schemas (codes, applicant,
 * instants, NFC text), so they are valid event payloads without a second, costly validation (tests/import parses
 * every imported event with `dossierEventSchema`). A line that does not make a legal dossier is refused whole.
 */
import { dueAfterFeesPaid, dueAfterSupplement } from '../../shared/calendar/deadline';
import { parseInstant, toVnIso } from '../../shared/calendar/vn-time';
import type { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { DossierStatus, type DossierComponent } from '../../shared/domain/dossier';
import { parseDossierCode } from '../../shared/domain/dossier-code';
import type { DossierEvent, DossierEventType } from '../../shared/domain/events';
import { decide, dueKeptOnLateCompletion, evolve, pausedLate, type DossierState } from '../../shared/domain/lifecycle';
import type { Procedure } from '../../shared/domain/procedure';
import type { Actor } from '../../shared/domain/users';
import { fail, ok, type Result } from '../../shared/result';
import type { HistoryEntry, ImportLine } from './import-format';
import { publicSignature } from '../reports/report-rows';
import { v7 as uuidv7 } from 'uuid';
import { sha256Hex } from '../secrets';
import { checkDueAfterFees, checkDueAfterSupplement, checkNotFuture, checkReappointmentLine, checkReceipt } from './line-rules';

export const IMPORT_DEVICE_ID = 'import';
export const IMPORT_ACTOR: Actor = { userId: 'import', name: 'Nhập dữ liệu từ hệ thống cũ', role: 'administrator' };

export interface ImportContext {
  procedures: ReadonlyMap<string, Procedure>;
  calendar: WorkingCalendar;
  randomPin(): string;
  /** When the server accepts the events: folded in, so the state is the one the server's projection will hold. */
  serverTime: string;
}

/** An event of the dossier, complete but for its place in the import device's chain (sequence, prevHash, hash). */
export type ImportEvent = Omit<DossierEvent, 'deviceSeq' | 'prevHash' | 'hash'>;

export interface ImportedDossier {
  code: string;
  unitCode: string;
  dossierId: string;
  portalRef: string | null;
  events: ImportEvent[];
  state: DossierState;
  /** Index of the last event that changed what the public sees (the feed orders dossiers by it). */
  lastPublicChange: number;
  /** Stand-in scan hashes (no file on the server): not registered as blobs desks may download. */
  archivedScanRefs: Set<string>;
}

const refuse = (code: string, vi: string, en: string): Result<never> => fail(code, vi, en);

/** A stand-in hash for a scan that the old system holds but did not export: marks the paper as digitised. */
const archivedScanRef = (code: string, componentId: string): string => sha256Hex(`motcua-import:${code}:${componentId}`);

/** The fold needs an envelope; it never reads the hash. */
const FOLD_HASH = '0'.repeat(64);

const instant = (text: string): Date => (parseInstant(text) as { ok: true; value: Date }).value;

const defaults = {
  supplementItems: ['Giấy tờ bổ sung theo yêu cầu (nhập từ hệ thống cũ)'],
  supplementReason: 'Hồ sơ cần bổ sung (nhập từ hệ thống cũ)',
  feesReason: 'Nghĩa vụ tài chính (nhập từ hệ thống cũ)',
  withdrawnReason: 'Công dân rút hồ sơ (nhập từ hệ thống cũ)',
  stoppedReason: 'Dừng xử lý (nhập từ hệ thống cũ)',
  refusedReason: 'Không tiếp nhận (nhập từ hệ thống cũ)',
};

interface Draft {
  /** The event id, made once so the checked fold and the written event are the same event. */
  id?: string;
  type: DossierEventType;
  at: string;
  payload: unknown;
  entry: string;
}

export function lineToEvents(line: ImportLine, ctx: ImportContext): Result<ImportedDossier> {
  const parsedCode = parseDossierCode(line.code);
  if (!parsedCode.ok) return parsedCode;
  const unitCode = line.unitCode ?? parsedCode.value.unitCode;
  if (unitCode !== parsedCode.value.unitCode) {
    return refuse(
      'import_unit_mismatch',
      `unitCode: đơn vị ${unitCode} không khớp với mã hồ sơ ${line.code}.`,
      `unitCode: the unit ${unitCode} does not match the dossier code ${line.code}.`,
    );
  }
  const receipt = checkReceipt(line, parsedCode.value);
  if (!receipt.ok) return receipt;
  // A code outside the catalog (a typing mistake, or a procedure the catalog lacks) would be stored with no name,
  // agency or deadline rule, and counted under "Lĩnh vực khác" in every report: refused, like an unknown unit, so the
  // officer corrects the line or the catalog and imports the file again (what is already in is skipped).
  const procedure = ctx.procedures.get(line.procedureCode);
  if (!procedure) {
    return refuse(
      'import_unknown_procedure',
      `procedureCode: thủ tục ${line.procedureCode} không có trong danh mục thủ tục của máy chủ (gõ nhầm mã, hoặc danh mục còn thiếu); hãy sửa dòng, hoặc nhờ quản trị viên thêm thủ tục vào danh mục, rồi nhập lại tệp.`,
      `procedureCode: the procedure ${line.procedureCode} is not in the server's catalog (a mistyped code, or a procedure the catalog lacks); correct the line, or have the administrator add the procedure to the catalog, then import the file again.`,
    );
  }
  const dossierId = uuidv7();
  const archivedScanRefs = new Set<string>();
  const components: DossierComponent[] = line.components.map((c, i) => {
    const componentId = c.id ?? `tp-${i + 1}`;
    return {
      componentId,
      name: c.name,
      form: c.form,
      copies: c.copies,
      present: c.present,
      ...(c.digitised ? { attachmentSha256: c.sha256 ?? remembered(archivedScanRefs, archivedScanRef(line.code, componentId)) } : {}),
    };
  });
  const deskNumber = line.deskNumber ?? parsedCode.value.deskNumber ?? 1;
  const drafts: Draft[] = [];
  const first = line.history[0];

  if (first?.status === DossierStatus.NotReceived) {
    if (line.history.length > 1 || line.reappointment) {
      return refuse('import_history', 'history: hồ sơ không được tiếp nhận không thể có thêm trạng thái sau đó.', 'history: a dossier that was not received cannot have later statuses.');
    }
    drafts.push({
      type: 'dossier.refused',
      at: first.at,
      entry: 'history[0]',
      payload: { reason: first.reason ?? defaults.refusedReason, refusedAt: first.at, unitCode, deskNumber, procedureCode: line.procedureCode, channel: line.channel, applicant: line.applicant, components },
    });
  } else {
    // A portal reference comes with the submission it names: alone it would be dropped (the dossier is only an online
    // one with its submission time), and a repeat of it in the file would not be refused (QA).
    if (line.portalRef && !line.submittedAt) {
      return refuse(
        'import_channel',
        'portalRef: mã hồ sơ trên cổng đi kèm thời điểm nộp trên cổng; hãy ghi thêm submittedAt (hồ sơ trực tuyến), hoặc bỏ portalRef.',
        'portalRef: a portal reference goes with the portal submission time; give submittedAt too (an online dossier), or leave portalRef out.',
      );
    }
    if (line.submittedAt) {
      if (line.channel !== 'online') {
        return refuse('import_channel', 'submittedAt: chỉ hồ sơ trực tuyến (channel: online) mới có thời điểm nộp trên cổng.', 'submittedAt: only an online dossier (channel: online) has a portal submission time.');
      }
      drafts.push({
        type: 'dossier.submitted_online',
        at: line.submittedAt,
        entry: 'submittedAt',
        payload: { unitCode, procedureCode: line.procedureCode, channel: 'online', applicant: line.applicant, components, portalRef: line.portalRef ?? `import:${line.code}`, submittedAt: line.submittedAt },
      });
    }
    drafts.push({
      type: 'dossier.received',
      at: line.receivedAt,
      entry: 'receivedAt',
      payload: { code: line.code, unitCode, deskNumber, procedureCode: line.procedureCode, channel: line.channel, applicant: line.applicant, components, receivedAt: line.receivedAt, dueAt: line.dueAt, pin: line.pin ?? ctx.randomPin() },
    });
  }

  // History entries, with the one re-appointment slotted in at its time.
  const refused = first?.status === DossierStatus.NotReceived;
  const entries: (HistoryEntry | { reappointment: true; at: string; newDueAt: string; reason: string })[] = refused ? [] : [...line.history];
  if (line.reappointment && !refused) {
    const r = line.reappointment;
    const at = entries.findIndex((e) => e.at > r.at);
    entries.splice(at < 0 ? entries.length : at, 0, { reappointment: true, ...r });
  }

  const fold = new DossierFold(dossierId, drafts[0]!.at, ctx.serverTime);
  let pauseStartedAt: string | null = null;
  for (const draft of drafts) {
    const r = fold.step(draft);
    if (!r.ok) return r;
  }

  for (const entry of entries) {
    const where = 'reappointment' in entry ? 'reappointment' : `history[${line.history.indexOf(entry)}]`;
    const draft = nextDraft(entry, where, fold.state!, pauseStartedAt, line, procedure, ctx);
    if (!draft.ok) return draft;
    if (draft.value.type === 'dossier.supplement_requested' || draft.value.type === 'dossier.fees_requested') pauseStartedAt = draft.value.at;
    if (draft.value.type === 'dossier.supplement_received' || draft.value.type === 'dossier.fees_paid') pauseStartedAt = null;
    drafts.push(draft.value);
    const r = fold.step(draft.value);
    if (!r.ok) return r;
  }

  const events = drafts.map((d, i) => eventOf(d, dossierId, i));
  return ok({ code: line.code, unitCode, dossierId, portalRef: line.submittedAt ? (line.portalRef ?? `import:${line.code}`) : null, events, state: fold.state!, lastPublicChange: fold.lastPublicChange, archivedScanRefs });
}

const remembered = (refs: Set<string>, sha: string): string => (refs.add(sha), sha);

/**
 * The lifecycle fold of one line's drafts: each step checked (time order, `decide`) and applied (`evolve`).
 * A class, not closures made per line: the TypeScript loader keeps function names, which costs a property
 * definition for every named closure created (measured in the import's profile).
 */
class DossierFold {
  state: DossierState | undefined;
  /** Index of the last step that changed what the public sees. */
  lastPublicChange = 0;
  private folded = 0;
  private lastSignature: string | null = null;

  constructor(
    private readonly dossierId: string,
    private previousAt: string,
    private readonly serverTime: string,
  ) {}

  step(draft: Draft): Result<void> {
    if (Date.parse(draft.at) < Date.parse(this.previousAt)) {
      return refuse(
        'import_history_order',
        `${draft.entry}: thời điểm ${draft.at} sớm hơn bước trước (${this.previousAt}); lịch sử phải theo thứ tự thời gian.`,
        `${draft.entry}: the time ${draft.at} is before the previous step (${this.previousAt}); the history must be in time order.`,
      );
    }
    this.previousAt = draft.at;
    const notFuture = checkNotFuture(draft.entry, draft.at, this.serverTime);
    if (!notFuture.ok) return notFuture;
    const allowed = decide(this.state, draft.type, IMPORT_ACTOR.role);
    if (!allowed.ok) {
      return refuse('import_transition', `${draft.entry}: ${allowed.error.message.vi}`, `${draft.entry}: ${allowed.error.message.en}`);
    }
    draft.id ??= uuidv7();
    this.state = evolve(this.state, {
      id: draft.id,
      dossierId: this.dossierId,
      deviceId: IMPORT_DEVICE_ID,
      deviceSeq: 1,
      baseVersion: 0,
      type: draft.type,
      payload: draft.payload,
      actor: IMPORT_ACTOR,
      deviceTime: draft.at,
      prevHash: null,
      hash: FOLD_HASH,
      serverTime: this.serverTime,
    } as DossierEvent);
    const signature = publicSignature(this.state);
    if (signature !== this.lastSignature) this.lastPublicChange = this.folded;
    this.lastSignature = signature;
    this.folded += 1;
    return ok(undefined);
  }
}

/**
 * The event of a draft, one object literal (measured: building it by spreading a stub and adding fields cost
 * more than the lifecycle fold itself, ≈ 40 µs a line).
 */
function eventOf(draft: Draft, dossierId: string, baseVersion: number): ImportEvent {
  draft.id ??= uuidv7();
  return {
    id: draft.id,
    dossierId,
    deviceId: IMPORT_DEVICE_ID,
    baseVersion,
    type: draft.type,
    payload: draft.payload,
    actor: IMPORT_ACTOR,
    deviceTime: draft.at,
  } as ImportEvent;
}

function nextDraft(
  entry: HistoryEntry | { reappointment: true; at: string; newDueAt: string; reason: string },
  where: string,
  state: DossierState,
  pauseStartedAt: string | null,
  line: ImportLine,
  procedure: Procedure,
  ctx: ImportContext,
): Result<Draft> {
  if ('reappointment' in entry) {
    const checked = checkReappointmentLine(state, entry, ctx.calendar);
    if (!checked.ok) return checked;
    return draftAt(entry.at, where, 'dossier.reappointed', { newDueAt: entry.newDueAt, reason: entry.reason });
  }
  const paused = state.status === DossierStatus.SupplementRequested || state.status === DossierStatus.FeesRequested;
  if (paused && (entry.status === DossierStatus.Received || entry.status === DossierStatus.Processing)) {
    if (state.status === DossierStatus.SupplementRequested) {
      // Asked for once the dossier was late: nothing restarts, the appointment is kept (as the desk and the fold do),
      // whatever the previous system wrote.
      if (pausedLate(state) && state.dueAt) {
        return draftAt(entry.at, where, 'dossier.supplement_received', { completedAt: entry.at, dueAt: dueKeptOnLateCompletion(state.originalDueAt, state.dueAt) });
      }
      let dueAt = entry.dueAt;
      if (!dueAt) {
        dueAt = toVnIso(dueAfterSupplement({ completedAt: instant(entry.at), processingTime: procedure.processingTime, fridayNoWait: procedure.fridayNoWait, calendar: ctx.calendar }));
      }
      const restarted = checkDueAfterSupplement(`${where}.dueAt`, dueAt, entry.at);
      if (!restarted.ok) return restarted;
      return draftAt(entry.at, where, 'dossier.supplement_received', { completedAt: entry.at, dueAt });
    }
    let dueAt = entry.dueAt;
    let appointmentAt: string | undefined;
    const legalDue = state.originalDueAt ?? state.dueAt;
    if (dueAt) {
      const carried = checkDueAfterFees(`${where}.dueAt`, dueAt, legalDue);
      if (!carried.ok) return carried;
    } else {
      if (!legalDue || !pauseStartedAt) return needDue(where);
      const carried = (due: string) =>
        toVnIso(dueAfterFeesPaid({ requestedAt: instant(pauseStartedAt), paidAt: instant(entry.at), dueAt: instant(due), calendar: ctx.calendar }));
      dueAt = carried(legalDue);
      // A re-appointment's later date is carried apart, as the desk does (dossier-commands.ts feesPaid).
      if (state.dueAt && state.dueAt !== legalDue && carried(state.dueAt) !== dueAt) appointmentAt = carried(state.dueAt);
    }
    return draftAt(entry.at, where, 'dossier.fees_paid', { paidAt: entry.at, dueAt, ...(appointmentAt ? { appointmentAt } : {}) });
  }
  switch (entry.status) {
    case DossierStatus.Processing:
      return draftAt(entry.at, where, 'dossier.transferred', { toAgency: entry.agency ?? procedure.agency });
    case DossierStatus.SupplementRequested:
      return draftAt(entry.at, where, 'dossier.supplement_requested', { items: entry.items ?? defaults.supplementItems, reason: entry.reason ?? defaults.supplementReason });
    case DossierStatus.FeesRequested:
      if (entry.amountVnd === undefined) {
        return refuse('import_invalid', `${where}: yêu cầu nghĩa vụ tài chính cần số tiền (amountVnd).`, `${where}: a fees request needs the amount (amountVnd).`);
      }
      return draftAt(entry.at, where, 'dossier.fees_requested', { amountVnd: entry.amountVnd, reason: entry.reason ?? defaults.feesReason });
    case DossierStatus.Withdrawn:
      return draftAt(entry.at, where, 'dossier.withdrawn', { reason: entry.reason ?? defaults.withdrawnReason });
    case DossierStatus.Stopped:
      return draftAt(entry.at, where, 'dossier.stopped', { reason: entry.reason ?? defaults.stoppedReason });
    case DossierStatus.Resolved:
      return draftAt(entry.at, where, 'dossier.resolved', { resolvedAt: entry.at, resultDigitised: line.resultDigitised });
    case DossierStatus.Returned:
      return draftAt(entry.at, where, 'dossier.returned', { returnedAt: entry.at, ...(entry.receivedBy ? { receivedBy: entry.receivedBy } : {}) });
    default:
      return refuse(
        'import_history',
        `${where}: không thể chuyển sang trạng thái ${entry.status} từ trạng thái ${state.status}.`,
        `${where}: cannot move to status ${entry.status} from status ${state.status}.`,
      );
  }
}

const draftAt = (at: string, where: string, type: DossierEventType, payload: unknown): Result<Draft> => ok({ type, at, entry: where, payload });

const needDue = (where: string): Result<never> =>
  refuse('import_due_unknown', `${where}: không tính được hạn mới; hãy ghi hạn mới (dueAt).`, `${where}: cannot compute the new due date; give the new due date (dueAt).`);
