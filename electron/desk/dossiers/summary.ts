/** A dossier row as the list shows it. */
import { DossierStatus, statusLabel, type Channel } from '../../../shared/domain/dossier';
import type { DossierSummary, DossierSyncState } from '../../../shared/api/dossier-views';
import type { DossierRow } from '../projections/dossier-row';
import { addWorkingMinutes } from '../../../shared/calendar/deadline';
import { lateResolutionDays, legalDueOf } from '../reports/legal-lateness';
import type { DeskStore } from '../desk';

/** Statuses in which the legal deadline runs (not paused, not finished). */
export const RUNNING_STATUSES: readonly number[] = [DossierStatus.Received, DossierStatus.Processing];

export type SummaryRow = Omit<DossierRow, 'search_text' | 'state'> & LegalDueColumn;

/** The legal due instant of a re-appointed dossier (read from its state only for those), null for the others. */
interface LegalDueColumn {
  legal_due_at?: string | null;
}

export const SUMMARY_COLUMNS =
  "id, code, status, version, procedure_code, procedure_name, field, channel, applicant_name, received_at, due_at, due_ms, friday_no_wait, in_conflict, pending_events, quarantined_events, resolved_at, reappointed, CASE WHEN reappointed = 1 THEN json_extract(state, '$.originalDueAt') END AS legal_due_at";

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

/**
 * Until when (included) a running dossier's deadline is "due soon": the administrator's number of working hours from now (the
 * list's "Sắp đến hạn" filter and the yellow badge use this one horizon; the badge once counted two calendar days).
 */
export function dueSoonUntilMs(store: Pick<DeskStore, 'settings' | 'calendar'>, now: Date): number {
  return addWorkingMinutes(store.calendar.working(), now, store.settings.get().dueSoonWorkingHours * 60).getTime();
}

export function summaryOf(
  row: Pick<DossierRow, 'id' | 'code' | 'status' | 'version' | 'procedure_code' | 'procedure_name' | 'field' | 'channel' | 'applicant_name' | 'received_at' | 'due_at' | 'due_ms' | 'friday_no_wait' | 'in_conflict' | 'pending_events' | 'quarantined_events' | 'resolved_at' | 'reappointed'> &
    LegalDueColumn & { state?: string },
  nowMs: number,
  /** dueSoonUntilMs, to say which running dossiers are due soon; without it `dueSoon` is left out. */
  soonUntilMs?: number,
): DossierSummary {
  const status = row.status as DossierStatus;
  const legalDue = legalDueOf({ status, dueAt: row.due_at, legalDueAt: legalDueAtOf(row), resolvedAt: row.resolved_at }, nowMs);
  const resolvedLateDays = lateResolutionDays({ status, resolvedAt: row.resolved_at }, legalDue?.at ?? row.due_at);
  return {
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
    overdue: RUNNING_STATUSES.includes(status) && row.due_ms !== null && row.due_ms < nowMs,
    ...(soonUntilMs === undefined
      ? {}
      : { dueSoon: RUNNING_STATUSES.includes(status) && row.due_ms !== null && row.due_ms >= nowMs && row.due_ms <= soonUntilMs }),
    ...(legalDue ? { legalDue } : {}),
    ...(resolvedLateDays > 0 ? { resolvedLateDays } : {}),
    fridayNoWait: row.friday_no_wait === 1,
    syncState: syncStateOf(row),
    version: row.version,
  };
}
