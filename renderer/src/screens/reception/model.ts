/**
 * The reception form's logic, apart from React so it is tested on its own: the draft a clerk is filling in, the
 * applicant checks (the same zod schema the desk applies, so the clerk sees the desk's verdict before saving),
 * the completeness of the checklist, and the appointment the receipt would carry if saved now.
 */
import { boundedApplicantSchema, componentCheckSchema } from '../../../../shared/api/dossier-inputs';
import type { Applicant, Channel, DossierComponent } from '../../../../shared/domain/dossier';
import type { PersonIdKind } from '../../../../shared/domain/applicant';
import type { DocumentComponent, Procedure } from '../../../../shared/domain/procedure';
import { localiseIssue } from '../../../../shared/domain/messages';
import { foldText } from '../../../../shared/text/fold';
import { dueForReceipt } from '../../../../shared/calendar/deadline';
import type { WorkingCalendar } from '../../../../shared/calendar/working-calendar';
import { vnParts } from '../../../../shared/calendar/vn-time';
import { timeOfMinutes } from '../../../../shared/calendar/schema';
import type { LocalizedText } from '../../../../shared/result';

export type ApplicantKind = 'person' | 'organisation';
export type DeskChannel = Exclude<Channel, 'online'>;

export interface ApplicantDraft {
  kind: ApplicantKind;
  name: string;
  /** For a person: which paper the number is from. A draft an older version kept has none: the personal ID number. */
  idKind?: PersonIdKind;
  idNumber: string;
  phone: string;
  address: string;
  email: string;
}

export interface ComponentDraft {
  present: boolean;
  copies: number;
  /** The scan linked from the scan inbox, if any. */
  attachmentSha256?: string;
  attachmentName?: string;
}

export interface ReceptionDraft {
  /**
   * The form's own id (a UUID), made when the form starts and kept with it wherever it goes (its draft, set aside,
   * restored after a reload): the key of its draft, and the `requestId` of its reception, so a retry after a lost
   * answer gets the dossier already made instead of a second one.
   */
  id: string;
  procedureCode: string | null;
  applicant: ApplicantDraft;
  channel: DeskChannel;
  components: Record<string, ComponentDraft>;
  /** For an incomplete dossier: what the supplement slip (form 02) or the refusal (form 03) says. */
  note: string;
}

export const emptyDraft = (): ReceptionDraft => ({
  id: crypto.randomUUID(),
  procedureCode: null,
  applicant: { kind: 'person', name: '', idKind: 'personal', idNumber: '', phone: '', address: '', email: '' },
  channel: 'in_person',
  components: {},
  note: '',
});

/** True when the clerk has typed anything worth keeping as a draft. */
export function draftHasContent(draft: ReceptionDraft): boolean {
  const a = draft.applicant;
  return (
    draft.procedureCode !== null ||
    [a.name, a.idNumber, a.phone, a.address, a.email, draft.note].some((v) => v.trim() !== '') ||
    Object.values(draft.components).some((c) => c.present)
  );
}

/** The desk's bound on the copies of one paper, read from its schema so the form and the desk cannot disagree. */
const copiesSchema = componentCheckSchema.shape.copies.unwrap();
export const MAX_COPIES = copiesSchema.maxValue ?? 100;

/** A number of copies the desk would refuse (more than it takes, or not a whole number): said, never changed. */
export const copiesWrong = (copies: number): boolean => !copiesSchema.safeParse(copies).success;

/** The papers whose copies the desk would refuse: the dossier is not saved until the clerk corrects them. */
export const papersWithWrongCopies = (procedure: Procedure, draft: ReceptionDraft): string[] =>
  procedure.components.filter((c) => copiesWrong(draft.components[c.id]?.copies ?? c.copies)).map((c) => c.id);

/**
 * The copies typed for a paper decide its tick, so the box, the panel and the slip say the same thing: 0 or less
 * means the citizen did not bring it (a fast clerk types 0 for that rather than going back to the box), and a number
 * typed means they did (as a scan attached does). The draft keeps 0 for "none" (not the -5 typed: there is no
 * negative copy) and any larger number as typed, which the checklist marks when the desk would refuse it.
 */
export function copiesTyped(current: ComponentDraft, typed: number): ComponentDraft {
  const copies = Number.isFinite(typed) ? typed : 0;
  return copies < 1 ? { ...current, present: false, copies: 0 } : { ...current, present: true, copies };
}

/** Ticked again after being given no copies, a paper comes with the number the procedure asks for, not with none. */
export function ticked(current: ComponentDraft, present: boolean, required: number): ComponentDraft {
  return present && current.copies < 1 ? { ...current, present, copies: Math.max(1, required) } : { ...current, present };
}

/** The checklist for a newly chosen procedure: nothing ticked yet, the required number of copies. */
export function checklistFor(procedure: Procedure): Record<string, ComponentDraft> {
  return Object.fromEntries(procedure.components.map((c) => [c.id, { present: false, copies: c.copies }]));
}

/** A paper the clerk ticked as brought, with at least one copy: ticked with none, the slip would print "0". */
const brought = (d: ComponentDraft | undefined): d is ComponentDraft => d !== undefined && d.present && d.copies >= 1;

/** Mandatory papers not brought. */
export function missingMandatory(procedure: Procedure, draft: ReceptionDraft): DocumentComponent[] {
  return procedure.components.filter((c) => c.mandatory && !brought(draft.components[c.id]));
}

/** The components as the desk's receive call carries them. */
export function dossierComponents(procedure: Procedure, draft: ReceptionDraft): DossierComponent[] {
  return procedure.components.map((c) => {
    const d = draft.components[c.id];
    return {
      componentId: c.id,
      name: c.name,
      form: c.form,
      copies: d?.copies ?? c.copies,
      present: brought(d),
      ...(brought(d) && d.attachmentSha256 ? { attachmentSha256: d.attachmentSha256 } : {}),
    };
  });
}

/** How many of the papers ticked as brought have a scan: all of them makes the dossier "digitised at receipt". */
export function scanCount(procedure: Procedure, components: Record<string, ComponentDraft>): { brought: number; scanned: number } {
  const papers = procedure.components.filter((c) => brought(components[c.id]));
  return { brought: papers.length, scanned: papers.filter((c) => components[c.id]?.attachmentSha256).length };
}

/** The scans to link once the dossier exists: only those of papers ticked as brought (an unticked paper's scan stays in the draft). */
export function scansToLink(procedure: Procedure, draft: ReceptionDraft): { componentId: string; name: string; sha256: string; fileName?: string }[] {
  return procedure.components.flatMap((c) => {
    const d = draft.components[c.id];
    if (!brought(d) || !d.attachmentSha256) return [];
    return [{ componentId: c.id, name: c.name, sha256: d.attachmentSha256, ...(d.attachmentName ? { fileName: d.attachmentName } : {}) }];
  });
}

/**
 * The scans picked for the form that no dossier took once it is recorded: after a refusal all of them (the citizen
 * takes the papers away), after a reception those of papers left unticked or whose link failed. Each is still the
 * desk's unlinked pick, moved out of the scan folder; given back, it is offered there again instead of vanishing.
 */
export function scansNotLinked(draft: ReceptionDraft, linked: ReadonlySet<string> = new Set()): ComponentDraft[] {
  return Object.entries(draft.components).flatMap(([componentId, d]) => (d.attachmentSha256 && !linked.has(componentId) ? [d] : []));
}

/**
 * The scans the given forms name, by SHA-256: one of them given back to the scan folder would be lost to the form
 * that still names it (the desk forgets a scan put back, so its link fails) and could be picked for another citizen.
 */
export function scansNamedBy(drafts: readonly ReceptionDraft[]): Set<string> {
  const named = new Set<string>();
  for (const draft of drafts) {
    // A draft read back from the store is as an older version wrote it: no checklist yet is none.
    for (const c of Object.values(draft.components ?? {})) if (c.attachmentSha256) named.add(c.attachmentSha256);
  }
  return named;
}

/** The applicant as the desk API takes it: empty optional fields left out, not sent as "". */
export function applicantInput(a: ApplicantDraft) {
  const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
  return {
    kind: a.kind,
    name: a.name,
    // Only a passport is named: a personal ID number is what a person's number has always meant.
    ...(a.kind === 'person' && a.idKind === 'passport' ? { idKind: 'passport' as const } : {}),
    idNumber: optional(a.idNumber),
    phone: optional(a.phone),
    address: optional(a.address),
    email: optional(a.email),
  };
}

export type ApplicantField = keyof Omit<ApplicantDraft, 'kind' | 'idKind'>;

/**
 * Problems per field, in both languages, from the schema the desk reads a reception's applicant with (its lengths
 * included): every problem the desk would refuse is marked on the first save, not one round at a time. The desk's
 * length check carries no message of its own, so its words (`tooLong`) come from the screen.
 */
export function applicantIssues(a: ApplicantDraft, tooLong: (max: number) => LocalizedText): Partial<Record<ApplicantField, LocalizedText>> {
  const parsed = boundedApplicantSchema.safeParse(applicantInput(a));
  if (parsed.success) return {};
  const issues: Partial<Record<ApplicantField, LocalizedText>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ApplicantField | undefined;
    if (field && !issues[field]) issues[field] = issue.code === 'too_big' ? tooLong(Number(issue.maximum)) : localiseIssue(issue);
  }
  return issues;
}

/** The applicant as the desk stores it: read by the desk's own schema (a phone typed "+84 912…" kept as "0912…"). */
export function storedApplicant(a: ApplicantDraft): Applicant | null {
  const parsed = boundedApplicantSchema.safeParse(applicantInput(a));
  return parsed.success ? parsed.data : null;
}

/** Procedures whose folded name or code contains every word typed (no diacritics needed). */
export function searchProcedures(procedures: readonly Procedure[], query: string, limit = 12): Procedure[] {
  const words = foldText(query).split(' ').filter(Boolean);
  if (words.length === 0) return procedures.slice(0, limit);
  const scored: { p: Procedure; score: number }[] = [];
  for (const p of procedures) {
    const haystack = `${p.code.toLowerCase()} ${foldText(p.name)} ${foldText(p.field)}`;
    if (!words.every((w) => haystack.includes(w))) continue;
    // A code typed exactly, or a name that starts with the words, comes first; then a name holding the words as
    // typed, side by side ("khai tu" is "đăng ký khai tử", not "khai sinh" whose "Thủ tục" happens to hold "tu").
    const name = foldText(p.name);
    const phrase = words.join(' ');
    const score = p.code.toLowerCase() === query.trim().toLowerCase() ? 0 : name.startsWith(phrase) ? 1 : name.includes(phrase) ? 2 : 3;
    scored.push({ p, score });
  }
  return scored
    .sort((x, y) => x.score - y.score || x.p.name.localeCompare(y.p.name, 'vi'))
    .slice(0, limit)
    .map((s) => s.p);
}

export interface AppointmentPreview {
  dueAt: Date;
  /** Only for listed procedures: whether the Friday rule applies now and which side of the cut-off we are. */
  friday: 'listed' | 'friday_before_cutoff' | 'friday_after_cutoff' | null;
  fridayCutoff: string;
  /** When a listed dossier received after the Friday cut-off is due the next working day. */
  fridayNextDue: string;
  /** Only for same-day procedures: the cut-off and whether it has passed. */
  /** `dayOff`: today is not a working day, so the result is due the next one whatever the hour. */
  sameDay: { cutoff: string; passed: boolean; dayOff: boolean } | null;
}

/** The appointment if the dossier were received at `now`: what the receipt will print. */
export function previewAppointment(procedure: Procedure, now: Date, calendar: WorkingCalendar): AppointmentPreview {
  const dueAt = dueForReceipt({
    receivedAt: now,
    processingTime: procedure.processingTime,
    fridayNoWait: procedure.fridayNoWait,
    calendar,
  });
  const parts = vnParts(now);
  const hours = calendar.officeHours;
  const workingToday = calendar.isWorkingDay(`${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`);
  const isWorkingFriday = parts.weekday === 5 && workingToday;
  let friday: AppointmentPreview['friday'] = null;
  if (procedure.fridayNoWait) {
    friday = !isWorkingFriday ? 'listed' : parts.minutesOfDay < hours.fridayNoWaitCutoff ? 'friday_before_cutoff' : 'friday_after_cutoff';
  }
  // On a working Friday a listed procedure is due by the Friday rule, not the same-day cut-off (dueForReceipt): at
  // 15:20 the slip says today 17:00, so a line saying "past 15:00, due the next working day" would contradict it.
  const fridayRuleApplies = friday === 'friday_before_cutoff' || friday === 'friday_after_cutoff';
  const sameDay =
    procedure.processingTime.kind === 'sameDay' && !fridayRuleApplies
      ? { cutoff: timeOfMinutes(hours.sameDayCutoff), passed: parts.minutesOfDay >= hours.sameDayCutoff, dayOff: !workingToday }
      : null;
  return { dueAt, friday, fridayCutoff: timeOfMinutes(hours.fridayNoWaitCutoff), fridayNextDue: timeOfMinutes(hours.fridayNoWaitNextDue), sameDay };
}

