/**
 * The actions a dossier offers, as data: which desk API method each lifecycle event maps to, and what the clerk
 * fills in for it. Which of them are shown comes from the desk (`allowedActions`, the shared lifecycle's
 * `allowedEventTypes` for the dossier's status and the clerk's role), never from a second copy of the rules.
 */
import type { DossierEventType } from '../../../../shared/domain/events';
import type { DeskApiMethod } from '../../../../shared/api/desk-api';
import { MAX_FEE_VND } from '../../../../shared/api/dossier-inputs';
import { UNIT_CODE_PATTERN } from '../../../../shared/domain/units';
import type { DossierDetail } from '../../../../shared/api/dossier-views';
import { dateInputProblem, parseVnDateInput } from '../../format/vn-time';
import { formatCount, parseDongAmount } from '../../format/numbers';
import type { AppError, LocalizedText } from '../../../../shared/result';
import { fieldErrorsOf } from '../../components/desk-errors';

export type ActionFieldKind = 'text' | 'textarea' | 'lines' | 'amount' | 'date' | 'time' | 'checkbox' | 'status' | 'agency' | 'papers';

/** A paper of the procedure, ticked when it is in the dossier: as the applicant sent it, until the clerk checks. */
export interface PaperCheck {
  id: string;
  name: string;
  mandatory: boolean;
  present: boolean;
}

/** The papers a dossier's reception checks: the procedure's, each as the dossier holds it (an online one: as sent). */
export function papersOf(detail: DossierDetail): PaperCheck[] {
  return (detail.procedure?.components ?? []).map((c) => ({
    id: c.id,
    name: c.name,
    mandatory: c.mandatory,
    present: detail.state.components.find((k) => k.componentId === c.id)?.present ?? false,
  }));
}

/** The form's value of a paper's tick (undefined until the clerk changes it). */
export const paperValue = (id: string) => `paper:${id}`;

/** The agency field's choice "another agency", whose name is typed in `<field>Other`. */
export const OTHER_AGENCY = 'other';

export interface ActionField {
  name: string;
  /** i18n key of the label. */
  label: string;
  kind: ActionFieldKind;
  required: boolean;
  /** i18n key of a hint under the field (what leaving it empty does). */
  hint?: string;
}

export interface ActionSpec {
  type: DossierEventType;
  method: DeskApiMethod;
  fields: ActionField[];
  /** The form printed after it, if any. */
  form?: '01' | '02' | '03' | '04' | '05';
  tone?: 'danger';
  /**
   * For an action without fields that moves the deadline (it cannot be undone: events are kept for good), what it
   * does, shown in a confirmation first; without it such an action runs at the click.
   */
  explain?: string;
}

const reason: ActionField = { name: 'reason', label: 'detail.reasonLabel', kind: 'textarea', required: true };
const note: ActionField = { name: 'note', label: 'detail.noteLabel', kind: 'textarea', required: false };

export const actionSpecs: ActionSpec[] = [
  // An online submission seldom holds every paper (an ID card is shown at the desk): the clerk ticks what was checked.
  { type: 'dossier.received', method: 'dossiers.receive', fields: [{ name: 'components', label: 'detail.papersChecked', kind: 'papers', required: false, hint: 'detail.papersHint' }] },
  { type: 'dossier.refused', method: 'dossiers.refuse', fields: [reason], form: '03', tone: 'danger' },
  // Where to: the procedure's agency (left as chosen), a unit whose desks then receive the dossier (the district, for a
  // commune), or another agency by name. A unit's code typed by hand was the only way to reach another unit's desks.
  { type: 'dossier.transferred', method: 'dossiers.transfer', fields: [{ name: 'toAgency', label: 'detail.toAgency', kind: 'agency', required: false, hint: 'detail.toAgencyHint' }, note] },
  {
    type: 'dossier.handed_over',
    method: 'dossiers.handOver',
    fields: [
      { name: 'from', label: 'detail.handFrom', kind: 'text', required: true },
      { name: 'to', label: 'detail.handTo', kind: 'text', required: true },
      note,
    ],
    form: '05',
  },
  // Said above its fields: a request made once the dossier is late restarts nothing (lifecycle.ts pausedLate).
  { type: 'dossier.supplement_requested', method: 'dossiers.requestSupplement', fields: [{ name: 'items', label: 'detail.items', kind: 'lines', required: true }, reason], explain: 'detail.explainSupplementRequested', form: '02' },
  // Both move the appointment: the receipt (form 01) is given again with the new one.
  { type: 'dossier.supplement_received', method: 'dossiers.supplementReceived', fields: [], explain: 'detail.explainSupplementReceived', form: '01' },
  { type: 'dossier.fees_requested', method: 'dossiers.requestFees', fields: [{ name: 'amountVnd', label: 'detail.amount', kind: 'amount', required: true }, reason] },
  { type: 'dossier.fees_paid', method: 'dossiers.feesPaid', fields: [], explain: 'detail.explainFeesPaid', form: '01' },
  { type: 'dossier.resolved', method: 'dossiers.resolve', fields: [{ name: 'resultDigitised', label: 'detail.digitised', kind: 'checkbox', required: false }] },
  { type: 'dossier.returned', method: 'dossiers.returnResult', fields: [{ name: 'receivedBy', label: 'detail.receivedBy', kind: 'text', required: false }] },
  {
    type: 'dossier.reappointed',
    method: 'dossiers.reappoint',
    fields: [
      { name: 'date', label: 'detail.newDueAt', kind: 'date', required: true },
      { name: 'time', label: 'detail.newDueTime', kind: 'time', required: true },
      reason,
    ],
    form: '04',
  },
  { type: 'dossier.withdrawn', method: 'dossiers.withdraw', fields: [reason], tone: 'danger' },
  { type: 'dossier.stopped', method: 'dossiers.stop', fields: [reason], tone: 'danger' },
  // Why the supervisor chose this status, as a stop or a re-appointment says why: the timeline showed "· —" (QA).
  { type: 'dossier.conflict_resolved', method: 'dossiers.resolveConflict', fields: [{ name: 'status', label: 'dossiers.status', kind: 'status', required: true }, { name: 'note', label: 'detail.conflictReason', kind: 'textarea', required: true }] },
];

export const specFor = (type: DossierEventType): ActionSpec | undefined => actionSpecs.find((s) => s.type === type);

export type ActionValues = Record<string, string | boolean>;

/**
 * What an action's form starts with. A result is most often collected by the applicant: their name is filled in, for
 * the clerk to correct when someone else comes, so a habitual Enter records who took it rather than nobody. A fee
 * request starts with the procedure's fee in the catalog, written as the clerk would type it ("100.000"), for the
 * clerk to change when more is due (a tax, several copies); a procedure without a fee leaves the amount empty.
 */
export function initialValues(spec: ActionSpec, detail: DossierDetail, language: 'vi' | 'en' = 'vi'): ActionValues {
  const applicant = detail.state.applicant?.name.trim();
  if (spec.method === 'dossiers.returnResult' && applicant) return { receivedBy: applicant };
  const fee = detail.procedure?.feeVnd ?? 0;
  if (spec.method === 'dossiers.requestFees' && fee > 0) return { amountVnd: formatCount(fee, language) };
  return {};
}

/** Whether a paper is ticked in the form: as the clerk left it, or as the portal sent it until the clerk touches it. */
export const paperTicked = (values: ActionValues, paper: { id: string; present: boolean }): boolean => {
  const value = values[paperValue(paper.id)];
  return typeof value === 'boolean' ? value : paper.present;
};

/** The desk names the fields of its input; these are the form fields the clerk typed them in. */
const formFieldOf: Record<string, string> = { newDueAt: 'date' };

/**
 * A desk error put next to the form fields it concerns; empty when it concerns none of them, so the caller shows
 * it as a banner instead of swallowing it (a re-appointment in the past used to do nothing visible).
 */
export function problemsOnForm(spec: ActionSpec, error: AppError): Record<string, LocalizedText> {
  const out: Record<string, LocalizedText> = {};
  for (const [field, message] of Object.entries(fieldErrorsOf(error))) {
    const name = formFieldOf[field] ?? field;
    if (spec.fields.some((f) => f.name === name)) out[name] ??= message;
  }
  return out;
}

const copiesOf = (sent: DossierDetail['state']['components'], id: string) => {
  const copies = sent.find((c) => c.componentId === id)?.copies;
  return copies === undefined ? {} : { copies };
};

const required: LocalizedText = { vi: 'Trường này không được để trống.', en: 'This field must not be empty.' };

/**
 * The desk API input for an action from what the clerk typed, or the problems per field. The dossier's version
 * goes with it, so an action on a dossier someone else just changed is refused instead of applied blindly.
 */
export function actionInput(
  spec: ActionSpec,
  values: ActionValues,
  detail: DossierDetail,
  /** The district's units this desk knows (its registry); empty when it knows none yet, and then nothing is checked. */
  knownUnits: readonly string[] = [],
): { ok: true; input: Record<string, unknown> } | { ok: false; problems: Record<string, LocalizedText> } {
  const problems: Record<string, LocalizedText> = {};
  const text = (name: string) => String(values[name] ?? '').trim();
  for (const f of spec.fields) if (f.required && f.kind !== 'checkbox' && text(f.name) === '') problems[f.name] = required;
  const target = { dossierId: detail.state.id, expectedVersion: detail.state.version };
  const optional = (name: string) => (text(name) ? { [name]: text(name) } : {});
  let input: Record<string, unknown> = target;
  switch (spec.method) {
    case 'dossiers.receive': {
      const s = detail.state;
      const ticked = (id: string, present: boolean) => paperTicked(values, { id, present });
      const papers = papersOf(detail);
      input = {
        dossierId: s.id,
        procedureCode: s.procedureCode,
        channel: s.channel ?? 'online',
        applicant: s.applicant,
        // Without the procedure in this desk's catalog, the papers go as they were sent (the desk then says why not).
        components:
          papers.length > 0
            ? papers.map((p) => ({ componentId: p.id, present: ticked(p.id, p.present), ...copiesOf(s.components, p.id) }))
            : s.components.map((c) => ({ componentId: c.componentId, present: c.present, copies: c.copies })),
      };
      break;
    }
    case 'dossiers.refuse':
      input = { ...target, reason: text('reason') };
      break;
    case 'dossiers.transfer': {
      const other = text('toAgency') === OTHER_AGENCY;
      const to = other ? text('toAgencyOther') : text('toAgency');
      if (other && !to) problems.toAgencyOther = required;
      // A unit's code typed as "another agency" sends the dossier to that unit's desks: one the registry does not
      // hold reaches no desk at all (QA: a mistyped code was accepted, and the dossier went nowhere).
      else if (other && UNIT_CODE_PATTERN.test(to) && knownUnits.length > 0 && !knownUnits.includes(to))
        problems.toAgencyOther = {
          vi: `Không có đơn vị mã ${to} trong danh sách đơn vị của huyện: hồ sơ sẽ không đến quầy nào. Hãy chọn đơn vị trong danh sách ở trên, hoặc ghi tên cơ quan nếu chuyển ra ngoài huyện.`,
          en: `No unit has the code ${to} in the district's list: the dossier would reach no desk. Choose the unit in the list above, or write the agency's name if it goes outside the district.`,
        };
      input = { ...target, ...(to ? { toAgency: to } : {}), ...optional('note') };
      break;
    }
    case 'dossiers.handOver':
      input = { ...target, from: text('from'), to: text('to'), ...optional('note') };
      break;
    case 'dossiers.requestSupplement':
      input = { ...target, items: text('items').split('\n').map((l) => l.trim()).filter(Boolean), reason: text('reason') };
      break;
    case 'dossiers.requestFees': {
      const amount = parseDongAmount(text('amountVnd'));
      // More digits than a fee can have is said as too large, not as "not a whole number" (QA: twenty nines).
      const digits = text('amountVnd').replace(/[.,\s]/g, '').replace(/^0+/, '');
      const tooLarge = (amount !== null && amount > MAX_FEE_VND) || (/^\d+$/.test(digits) && digits.length > String(MAX_FEE_VND).length);
      if (tooLarge)
        problems.amountVnd = { vi: `Số tiền quá lớn: tối đa ${formatCount(MAX_FEE_VND, 'vi')} đồng.`, en: `The amount is too large: at most ${formatCount(MAX_FEE_VND, 'en')} dong.` };
      else if (text('amountVnd') && (amount === null || amount <= 0))
        problems.amountVnd = { vi: 'Số tiền phải là số nguyên dương (đồng), ví dụ 150.000.', en: 'The amount must be a positive whole number of dong, such as 150,000.' };
      input = { ...target, amountVnd: amount ?? Number.NaN, reason: text('reason') };
      break;
    }
    case 'dossiers.resolve':
      input = { ...target, resultDigitised: values.resultDigitised === true };
      break;
    case 'dossiers.returnResult':
      input = { ...target, ...optional('receivedBy') };
      break;
    case 'dossiers.reappoint': {
      const date = parseVnDateInput(text('date'));
      // "9:00" and "9h00" as a clerk types them, as well as "09:00".
      const typed = /^([01]?\d|2[0-3])\s*[:hH.]\s*([0-5]\d)$/.exec(text('time'));
      const time = typed ? `${typed[1]!.padStart(2, '0')}:${typed[2]}` : null;
      const dateProblem = dateInputProblem(text('date'));
      if (dateProblem) problems.date = dateProblem;
      if (text('time') && !time) problems.time = { vi: 'Giờ phải có dạng giờ:phút theo 24 giờ, ví dụ 9:00 hoặc 14:30.', en: 'Times are hours:minutes on the 24-hour clock, such as 9:00 or 14:30.' };
      input = { ...target, newDueAt: date && time ? `${date}T${time}:00+07:00` : '', reason: text('reason') };
      break;
    }
    case 'dossiers.withdraw':
    case 'dossiers.stop':
      input = { ...target, reason: text('reason') };
      break;
    case 'dossiers.resolveConflict':
      input = { ...target, status: Number(text('status')), note: text('note') };
      break;
    default:
      input = target;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, input };
}
