/**
 * The reference implementation of the report's grouped counts, straight from dossier projections: no facts
 * table, no SQL, dates read through the calendar's Vietnam-time helpers rather than by slicing strings. It is the
 * oracle the SQL paths are tested against (same counts on random datasets), and it is fast enough for a desk to
 * check a handful of dossiers, but it reads every dossier: the real reports use the aggregation query.
 */
import { parseInstant, vnDateKey } from '../calendar/vn-time';
import { DossierStatus } from '../domain/dossier';
import { deadlineStopped, type DossierState } from '../domain/lifecycle';
import type { GroupedCounts, GroupedRow, QueryDays } from './aggregation-sql';
import { reportCategories } from './aggregation-sql';

const dayOf = (instant: string | null): number | null => {
  if (instant === null) return null;
  const parsed = parseInstant(instant);
  if (!parsed.ok) return null;
  return Number(vnDateKey(parsed.value).replaceAll('-', ''));
};

const inRange = (day: number | null, from: number, to: number): boolean => day !== null && day >= from && day <= to;

/**
 * Whether the dossier was overdue at the end of `day`, with the clock of that day: the last clock change made on or
 * before it (DossierState.clockChanges records the clock as it stood until each change), or the current clock. The
 * clock is past its legal due day and not stopped by a pause asked for by the due instant.
 */
function overdueOn(state: DossierState, day: number): boolean {
  const changes = state.clockChanges ?? [];
  const later = changes.find((c) => dayOf(c.at)! > day);
  const clock = later ?? { dueAt: state.originalDueAt ?? state.dueAt, pausedAt: state.pausedAt };
  const due = dayOf(clock.dueAt);
  if (due === null || due >= day) return false;
  return !deadlineStopped(clock);
}

/** Which categories one dossier falls in for the period. */
export function referenceCategoriesOf(state: DossierState, days: QueryDays): Set<keyof GroupedCounts> {
  const out = new Set<keyof GroupedCounts>();
  const { from, to, judgedOn } = days;
  // As the facts count it (facts.ts neverReceived): a decision that it was not received undoes the receipt.
  const received = state.status === DossierStatus.NotReceived || state.status === DossierStatus.SubmittedOnline ? null : dayOf(state.receivedAt);
  const due = dayOf(state.originalDueAt ?? state.dueAt);
  const resolved = dayOf(state.resolvedAt);
  const closed = dayOf(state.closedAt ?? state.lastEventAt);
  const withdrawn = state.status === DossierStatus.Withdrawn ? closed : null;
  const stopped = state.status === DossierStatus.Stopped ? closed : null;
  const finished = resolved ?? withdrawn ?? stopped;
  if (state.status === DossierStatus.NotReceived && inRange(dayOf(state.refusedAt ?? state.closedAt), from, to)) out.add('refused');
  if (inRange(dayOf(state.returnedAt), from, to)) out.add('returned');
  if (received === null) return out;

  if (received < from && (finished === null || finished >= from)) out.add('carried_over');
  if (inRange(received, from, to)) {
    out.add('received_new');
    if (state.digitisedAtReceipt ?? state.componentsDigitised) out.add('digitised_at_receipt');
    const weekday = new Date(Date.UTC(Math.floor(received / 10000), (Math.floor(received / 100) % 100) - 1, received % 100)).getUTCDay();
    if (weekday === 5) out.add('received_friday');
  }
  if (inRange(resolved, from, to)) {
    const r = resolved as number;
    if (due !== null && r < due) out.add('resolved_early');
    else if (due !== null && r > due) out.add('resolved_late');
    else out.add('resolved_on_time');
    if (state.resultDigitised) out.add('result_digitised');
  }
  if (received <= to && (finished === null || finished > to)) {
    out.add(overdueOn(state, judgedOn) ? 'in_progress_overdue' : 'in_progress_within');
  }
  if (inRange(withdrawn, from, to)) out.add('withdrawn');
  if (inRange(stopped, from, to)) out.add('stopped');
  return out;
}

const emptyCounts = (): GroupedCounts =>
  Object.fromEntries(reportCategories.map((c) => [c, 0])) as unknown as GroupedCounts;

/** Grouped counts per (unit, procedure, channel), as the aggregation query returns them (groups with all zeros omitted). */
export function referenceGroupedRows(states: Iterable<DossierState>, days: QueryDays, unitCodes: readonly string[] = []): GroupedRow[] {
  const units = new Set(unitCodes);
  const groups = new Map<string, GroupedRow>();
  for (const state of states) {
    if (units.size > 0 && (state.unitCode === null || !units.has(state.unitCode))) continue;
    const categories = referenceCategoriesOf(state, days);
    if (categories.size === 0) continue;
    const key = JSON.stringify([state.unitCode, state.procedureCode, state.channel]);
    let row = groups.get(key);
    if (!row) {
      row = { unit_code: state.unitCode, procedure_code: state.procedureCode, channel: state.channel, ...emptyCounts() };
      groups.set(key, row);
    }
    for (const c of categories) row[c] += 1;
  }
  return [...groups.values()];
}
