/**
 * The publication feed for the district portal and the provincial public-service portal: received dossiers with
 * public fields only — code, unit, procedure, status, received, due, resolved, returned, early / on time / late —
 * never the applicant (no name, ID number, phone, address or e-mail). Incremental: each item carries the feed
 * sequence of its last public change, and a reader asks for what came after the last sequence it saw.
 */
import { statusLabel, type DossierStatus } from '../../shared/domain/dossier';
import type { Procedure } from '../../shared/domain/procedure';
import { csvLine, UTF8_BOM } from '../../shared/reports/csv';
import { dateKeyOfDayNumber, OPEN_END_DAY } from '../../shared/reports/days';
import type { SqlDriver } from '../storage/sql-driver';
import { catchUpReports } from '../reports/projection';
import { ON_HOLD_STATUSES } from '../../shared/domain/lifecycle';
import { pausedInTime } from '../reports/paused-in-time';

export type Timeliness = 'early' | 'on_time' | 'late';

export interface PublicDossier {
  /** Feed position: ask for `after` this to get only later changes. */
  seq: number;
  code: string;
  unitCode: string | null;
  procedureCode: string | null;
  procedureName: string | null;
  status: number;
  statusLabel: string;
  receivedAt: string | null;
  /**
   * The appointment the applicant holds: after a re-appointment (with its apology letter), the new one. Null while
   * the deadline is stopped by a supplement or fees asked for in time (status 5 or 6): a new one is given when the hold
   * ends. One asked for once the dossier was late stops nothing, and the appointment stands (paused-in-time.ts).
   */
  dueAt: string | null;
  /**
   * The Vietnam calendar day the law counts lateness against: the first appointment, also after a re-appointment
   * moved `dueAt` (a re-appointed dossier resolved by its new date is still late). Without it, a portal showed a
   * dossier resolved before its published appointment as late, with nothing to say why. Null while stopped, as
   * `dueAt`: a portal comparing it with today showed a dossier on hold in time as late (QA).
   */
  legalDueDate: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  /** Against `legalDueDate`; null until resolved. */
  timeliness: Timeliness | null;
}

/** Exactly the fields a portal may publish; a test checks every item against this list. */
export const publicDossierFields = [
  'seq',
  'code',
  'unitCode',
  'procedureCode',
  'procedureName',
  'status',
  'statusLabel',
  'receivedAt',
  'dueAt',
  'resolvedAt',
  'returnedAt',
  'timeliness',
  // Last: added after portals read the CSV, so the columns before it keep their places.
  'legalDueDate',
] as const satisfies readonly (keyof PublicDossier)[];

export interface FeedPage {
  items: PublicDossier[];
  /** Give this as `after` next time. */
  nextCursor: number;
  hasMore: boolean;
}

interface FeedRow extends Record<string, unknown> {
  feed_seq: number;
  code: string;
  unit_code: string | null;
  procedure_code: string | null;
  status: number;
  received_at: string | null;
  due_at: string | null;
  resolved_at: string | null;
  returned_at: string | null;
  resolved_day: number | null;
  legal_due_day: number | null;
  /** The folded state, for a dossier on hold only (paused-in-time.ts). */
  on_hold_state: string | null;
}

export const MAX_FEED_PAGE = 1000;

export async function publicationFeed(driver: SqlDriver, after: number, limit: number, procedures: readonly Procedure[]): Promise<FeedPage> {
  await catchUpReports(driver);
  const names = new Map(procedures.map((p) => [p.code, p.name]));
  const size = Math.max(1, Math.min(MAX_FEED_PAGE, Math.floor(limit)));
  const rows = await driver.all<FeedRow>(
    `SELECT d.feed_seq, d.code, d.unit_code, d.procedure_code, d.status, d.received_at, d.due_at, d.resolved_at, d.returned_at,
            d.resolved_day, d.legal_due_day, s.state AS on_hold_state
     FROM report_dossiers d LEFT JOIN report_states s ON s.dossier_id = d.dossier_id AND d.status IN (${ON_HOLD_STATUSES.join(', ')})
     WHERE d.feed_seq > ? AND d.code IS NOT NULL AND d.received_at IS NOT NULL ORDER BY d.feed_seq LIMIT ?`,
    [after, size],
  );
  const items = rows.map((r): PublicDossier => {
    let timeliness: Timeliness | null = null;
    if (r.resolved_day !== null) {
      const resolved = Number(r.resolved_day);
      const due = r.legal_due_day === null ? resolved : Number(r.legal_due_day);
      timeliness = resolved < due ? 'early' : resolved > due ? 'late' : 'on_time';
    }
    const stopped = pausedInTime(r.on_hold_state);
    return {
      seq: Number(r.feed_seq),
      code: r.code,
      unitCode: r.unit_code,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_code ? (names.get(r.procedure_code) ?? null) : null,
      status: Number(r.status),
      statusLabel: statusLabel(Number(r.status) as DossierStatus).vi,
      receivedAt: r.received_at,
      dueAt: stopped ? null : r.due_at,
      legalDueDate:
        stopped || r.legal_due_day === null || Number(r.legal_due_day) === OPEN_END_DAY ? null : dateKeyOfDayNumber(Number(r.legal_due_day)),
      resolvedAt: r.resolved_at,
      returnedAt: r.returned_at,
      timeliness,
    };
  });
  return { items, nextCursor: items.at(-1)?.seq ?? after, hasMore: rows.length === size };
}

export function feedToCsv(page: FeedPage): string {
  const lines = [csvLine([...publicDossierFields]), ...page.items.map((item) => csvLine(publicDossierFields.map((f) => item[f])))];
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
