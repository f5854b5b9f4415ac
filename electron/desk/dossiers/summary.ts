/** A dossier row as the list shows it. */
import { DossierStatus, statusLabel, type Channel } from '../../../shared/domain/dossier';
import type { DossierSummary, DossierSyncState } from '../../../shared/api/dossier-views';
import type { DossierRow } from '../projections/dossier-row';

/** Statuses in which the legal deadline runs (not paused, not finished). */
export const RUNNING_STATUSES: readonly number[] = [DossierStatus.Received, DossierStatus.Processing];

export type SummaryRow = Omit<DossierRow, 'search_text' | 'state'>;

export const SUMMARY_COLUMNS =
  'id, code, status, version, procedure_code, procedure_name, field, channel, applicant_name, received_at, due_at, due_ms, friday_no_wait, in_conflict, pending_events, quarantined_events';

function syncStateOf(row: Pick<DossierRow, 'in_conflict' | 'pending_events' | 'quarantined_events'>): DossierSyncState {
  if (row.in_conflict) return 'conflict';
  if (row.quarantined_events > 0) return 'quarantined';
  if (row.pending_events > 0) return 'pending';
  return 'synced';
}

export function summaryOf(row: Pick<DossierRow, 'id' | 'code' | 'status' | 'version' | 'procedure_code' | 'procedure_name' | 'field' | 'channel' | 'applicant_name' | 'received_at' | 'due_at' | 'due_ms' | 'friday_no_wait' | 'in_conflict' | 'pending_events' | 'quarantined_events'>, nowMs: number): DossierSummary {
  const status = row.status as DossierStatus;
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
    fridayNoWait: row.friday_no_wait === 1,
    syncState: syncStateOf(row),
    version: row.version,
  };
}
