/**
 * The reference implementation of the report's grouped counts, straight from dossier projections: no facts
 * table, no SQL, dates read through the calendar's Vietnam-time helpers rather than by slicing strings. It is the
 * oracle the SQL paths are tested against (same counts on random datasets), and it is fast enough for a desk to
 * check a handful of dossiers, but it reads every dossier: the real reports use the aggregation query.
 */
import { parseInstant, vnDateKey } from '../calendar/vn-time';
import { DossierStatus } from '../domain/dossier';
import type { DossierState } from '../domain/lifecycle';
import type { GroupedCounts, GroupedRow, QueryDays } from './aggregation-sql';
import { reportCategories } from './aggregation-sql';

const dayOf = (instant: string | null): number | null => {
  if (instant === null) return null;
  const parsed = parseInstant(instant);
  if (!parsed.ok) return null;
  return Number(vnDateKey(parsed.value).replaceAll('-', ''));
};

const inRange = (day: number | null, from: number, to: number): boolean => day !== null && day >= from && day <= to;

/** The calendar day after a day number, through Date arithmetic. */
const dayAfter = (day: number): number => {
  const d = new Date(Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, (day % 100) + 1));
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
};

/**
 * Days overdue under deadlines a completed supplement replaced, when it was asked for after the due day: from the
 * day after that due day to the restart. Several such spans are taken as one from the first to the last, as the
 * facts keep them (facts.ts lateSpanOf).
 */
function lateSpan(state: DossierState): { from: number; until: number } | null {
  const spans = (state.restartedDeadlines ?? []).flatMap((d) => {
    const due = dayOf(d.dueAt)!;
    const span = { from: dayAfter(due), until: dayOf(d.restartedAt)! };
    return dayOf(d.pausedAt)! > due && span.until > span.from ? [span] : [];
  });
  if (spans.length === 0) return null;
  return { from: Math.min(...spans.map((s) => s.from)), until: Math.max(...spans.map((s) => s.until)) };
}

/** Which categories one dossier falls in for the period. */
export function referenceCategoriesOf(state: DossierState, days: QueryDays): Set<keyof GroupedCounts> {
  const out = new Set<keyof GroupedCounts>();
  const { from, to, judgedOn } = days;
  const received = dayOf(state.receivedAt);
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
    // The clock stopped by a pause that began on or before the due day; a pause that began later hides nothing.
    const paused = dayOf(state.pausedAt);
    const clockStopped = paused !== null && paused <= judgedOn && (due === null || paused <= due);
    // Or late then under a deadline that a supplement completed later replaced.
    const late = lateSpan(state);
    const lateThen = late !== null && late.from <= judgedOn && judgedOn < late.until;
    out.add((due !== null && due < judgedOn && !clockStopped) || lateThen ? 'in_progress_overdue' : 'in_progress_within');
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
