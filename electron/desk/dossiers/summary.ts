/** A dossier row as the list shows it. */
import { DossierStatus, statusLabel, type Channel } from '../../../shared/domain/dossier';
import type { DossierSummary, DossierSyncState } from '../../../shared/api/dossier-views';
import type { DossierRow } from '../projections/dossier-row';
import { addWorkingMinutes, fridayNoWaitDue } from '../../../shared/calendar/deadline';
import { workingDaysOverdue } from '../../../shared/calendar/overdue-days';
import { vnEpochDay } from '../../../shared/calendar/vn-time';
import type { WorkingCalendar } from '../../../shared/calendar/working-calendar';
import { lateResolutionOf, legalDueOf, type LateResolution } from '../reports/legal-lateness';
import type { DeskStore } from '../desk';
import { ON_HOLD_STATUSES, pausedLate, type DossierState } from '../../../shared/domain/lifecycle';
import { PAUSED_LATE_CONDITION_019 } from '../db/migrations/019-conflict-decisions-close';

/** Statuses in which the legal deadline runs (not paused, not finished). */
export const RUNNING_STATUSES: readonly number[] = [DossierStatus.Received, DossierStatus.Processing];

/**
 * Over a paused row: its pause was asked for only after the legal due instant had passed, so it hides nothing and
 * the dossier is still overdue, as the reports count it (shared/reports/facts.ts overdueSpansOf: a request made in
 * time stops the clock, one made late does not). Compared to the millisecond, as the reports compare the instants.
 * The condition of the partial index `dossiers_paused_late` (migration 019), word for word, so that it serves it.
 */
export const PAUSED_LATE_SQL = PAUSED_LATE_CONDITION_019;

export type SummaryRow = Omit<DossierRow, 'search_text' | 'state'> & LegalDueColumn & ClockRestartColumn;

/**
 * The legal due instant of a re-appointed dossier (read from its state only for those), null for the others; and,
 * for a paused one, whether it was paused late (1), read from its state too.
 */
interface LegalDueColumn {
  legal_due_at?: string | null;
  paused_late?: number | null;
}

/**
 * When a completed supplement last restarted the deadline from zero (the last of `supplementsReceived` that did: one
 * asked for once the dossier was late restarted nothing, lifecycle.ts pausedLate), read from the state only for the
 * rows of listed procedures; null for the others, and for dossiers no completion restarted.
 */
interface ClockRestartColumn {
  clock_restarted_at?: string | null;
}

/**
 * The column above in SQL, over a row's state: the last completion is read with one lookup, as before the mark; only
 * when it restarted nothing (a late supplement: rare) are the completions before it searched, newest first, which the
 * fold's mark makes possible without a field of its own in the state. A JSON `false` reads as 0; an absent mark (a
 * restart, or a state folded before the mark was kept) as NULL.
 */
export const CLOCK_RESTARTED_AT_SQL =
  "CASE WHEN json_extract(state, '$.supplementsReceived[#-1].restarted') IS NOT 0 THEN json_extract(state, '$.supplementsReceived[#-1].receivedAt') " +
  "ELSE (SELECT json_extract(s.value, '$.receivedAt') FROM json_each(state, '$.supplementsReceived') AS s " +
  "WHERE json_extract(s.value, '$.restarted') IS NOT 0 ORDER BY s.key DESC LIMIT 1) END";

export const SUMMARY_COLUMNS =
  "id, code, status, version, procedure_code, procedure_name, field, channel, applicant_name, received_at, due_at, due_ms, friday_no_wait, in_conflict, pending_events, quarantined_events, resolved_at, reappointed, CASE WHEN reappointed = 1 THEN json_extract(state, '$.originalDueAt') END AS legal_due_at, " +
  `CASE WHEN status IN (${ON_HOLD_STATUSES.join(', ')}) THEN ${PAUSED_LATE_SQL} END AS paused_late, ` +
  `CASE WHEN friday_no_wait = 1 THEN ${CLOCK_RESTARTED_AT_SQL} END AS clock_restarted_at`;

function syncStateOf(row: Pick<DossierRow, 'in_conflict' | 'pending_events' | 'quarantined_events'>): DossierSyncState {
  if (row.in_conflict) return 'conflict';
  if (row.quarantined_events > 0) return 'quarantined';
  if (row.pending_events > 0) return 'pending';
  return 'synced';
}

/** A list row's legal due: from the column above, or from the state of a whole row (a command's own row). */
function legalDueAtOf(row: Pick<DossierRow, 'reappointed'> & LegalDueColumn & { state?: string }): string | null {
  if (row.reappointed !== 1) return null;
  if (row.legal_due_at !== undefined) return row.legal_due_at;
  return row.state ? ((JSON.parse(row.state) as { originalDueAt?: string | null }).originalDueAt ?? null) : null;
}

/** Paused after its legal due instant: from the column above, or from the state of a whole row (a command's own row). */
function rowPausedLate(row: Pick<DossierRow, 'status'> & LegalDueColumn & { state?: string }): boolean {
  if (!ON_HOLD_STATUSES.includes(row.status)) return false;
  if (row.paused_late !== undefined) return row.paused_late === 1;
  if (!row.state) return false;
  const state = JSON.parse(row.state) as { pausedAt?: string | null; originalDueAt?: string | null; dueAt?: string | null };
  return pausedLate({ pausedAt: state.pausedAt || null, originalDueAt: state.originalDueAt, dueAt: state.dueAt ?? null });
}

/**
 * Until when (included) a running dossier's deadline is "due soon": the administrator's number of working hours from now (the
 * list's "Sắp đến hạn" filter and the yellow badge use this one horizon; the badge once counted two calendar days).
 */
export function dueSoonUntilMs(store: Pick<DeskStore, 'settings' | 'calendar'>, now: Date): number {
  return addWorkingMinutes(store.calendar.working(), now, store.settings.get().dueSoonWorkingHours * 60).getTime();
}

export function summaryOf(
  row: Pick<DossierRow, 'id' | 'code' | 'status' | 'version' | 'procedure_code' | 'procedure_name' | 'field' | 'channel' | 'applicant_name' | 'received_at' | 'due_at' | 'due_ms' | 'friday_no_wait' | 'in_conflict' | 'pending_events' | 'quarantined_events' | 'resolved_at' | 'reappointed'> &
    LegalDueColumn &
    ClockRestartColumn & { state?: string },
  nowMs: number,
  /** The desk's working calendar, the one due instants are computed with: overdue days and the Friday rule. */
  calendar: WorkingCalendar,
  /** dueSoonUntilMs, to say which running dossiers are due soon; without it `dueSoon` is left out. */
  soonUntilMs?: number,
): DossierSummary {
  const status = row.status as DossierStatus;
  const legalDue = legalDueOf({ status, dueAt: row.due_at, legalDueAt: legalDueAtOf(row), resolvedAt: row.resolved_at }, nowMs);
  const lateResolution = lateResolutionOf({ status, resolvedAt: row.resolved_at }, legalDue?.at ?? row.due_at);
  const summary: DossierSummary = {
    id: row.id,
    code: row.code,
    status,
    statusLabel: statusLabel(status),
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    field: row.field,
    channel: row.channel as Channel | null,
    applicantName: row.applicant_name,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    overdue: (RUNNING_STATUSES.includes(status) && row.due_ms !== null && row.due_ms < nowMs) || rowPausedLate(row),
    ...(soonUntilMs === undefined
      ? {}
      : { dueSoon: RUNNING_STATUSES.includes(status) && row.due_ms !== null && row.due_ms >= nowMs && row.due_ms <= soonUntilMs }),
    ...(legalDue ? { legalDue } : {}),
    ...resolvedLateOf(lateResolution, calendar),
    fridayNoWait: fridayRuleApplied(row, calendar),
    syncState: syncStateOf(row),
    version: row.version,
  };
  return withOverdueDays(summary, calendar, new Date(nowMs));
}

/**
 * The days the overdue and "Còn N ngày" badges show, in working days (shared/calendar/overdue-days.ts): a few
 * lookups a row. A due day later today is "Đến hạn hôm nay", not a count.
 */
function withOverdueDays(summary: DossierSummary, calendar: WorkingCalendar, now: Date): DossierSummary {
  const { dueAt, legalDue } = summary;
  // Paused late after a re-appointment, it is late by its first appointment, the new one may still be ahead.
  const lateSince = ON_HOLD_STATUSES.includes(summary.status) && legalDue ? legalDue.at : dueAt;
  if (summary.overdue && lateSince) summary.overdueDays = workingDaysOverdue(calendar, new Date(lateSince), now);
  if (summary.dueSoon && dueAt) summary.dueInDays = calendar.workingDaysAfter(vnEpochDay(now), vnEpochDay(new Date(dueAt)));
  if (legalDue?.lateness === 'overdue') legalDue.overdueDays = workingDaysOverdue(calendar, new Date(legalDue.at), now);
  return summary;
}

/**
 * A finished dossier the reports count resolved late: that it was, and by how many working days of the desk's
 * calendar, counted as the overdue badge counted them while it was open (shared/calendar/overdue-days.ts), so
 * "Quá hạn 1 ngày" on a Monday morning does not turn into "Đã xong, trễ 3 ngày" when it is resolved that Monday.
 * Resolved on the weekend after a Friday due, it is late for the reports but by no working day: 0, not absent.
 */
function resolvedLateOf(late: LateResolution | null, calendar: WorkingCalendar): Pick<DossierSummary, 'resolvedLate' | 'resolvedLateDays'> {
  if (!late) return {};
  return { resolvedLate: true, resolvedLateDays: workingDaysOverdue(calendar, new Date(late.dueAt), new Date(late.resolvedAt)) };
}

/**
 * When the dossier's deadline last started counting: its reception, or the last completion of a supplement that
 * restarted it from zero as if the complete dossier had been received then (dueAfterSupplement). One asked for once
 * the dossier was late restarted nothing (`restarted: false`), so it is not when the deadline started. From the
 * column above, or from the state of a whole row (a command's own row).
 */
export function clockStartedAt(row: Pick<DossierRow, 'received_at'> & ClockRestartColumn & { state?: string }): string | null {
  if (row.clock_restarted_at !== undefined) return row.clock_restarted_at ?? row.received_at;
  if (!row.state) return row.received_at;
  const { supplementsReceived } = JSON.parse(row.state) as Pick<DossierState, 'supplementsReceived'>;
  return supplementsReceived?.findLast((s) => s.restarted !== false)?.receivedAt ?? row.received_at;
}

/**
 * Whether the Friday-without-waiting rule gave the dossier its appointment when its deadline last started, judged as
 * the reception judged it (fridayNoWaitDue): a listed procedure whose deadline started on a working Friday. A
 * re-appointment (form 04) later moves the date, not where the promise came from, so the badge stays. Being on the list is not
 * enough: received on a Monday, or on a holiday Friday, it was due by the ordinary rule, and the badge would tell the
 * clerk otherwise. A supplement completed on a Friday gives the rule's appointment (same day, or 09:00 the next
 * working day), and one completed on a Tuesday takes it away from a dossier received on a Friday; one asked for once
 * the dossier was late does neither, since it restarted nothing. A dossier with no deadline was never received (an
 * online submission waiting, a refusal at the counter), so its date is not a receipt. Judged with today's calendar: a Friday declared a day off after the fact loses the badge.
 */
function fridayRuleApplied(
  row: Pick<DossierRow, 'friday_no_wait' | 'received_at' | 'due_at'> & ClockRestartColumn & { state?: string },
  calendar: WorkingCalendar,
): boolean {
  if (row.friday_no_wait !== 1 || row.due_at === null) return false;
  const started = clockStartedAt(row);
  return started !== null && fridayNoWaitDue(calendar, new Date(started)) !== undefined;
}
