/**
 * Report facts: the few columns of a dossier that every report figure is computed from, with dates as Vietnam day
 * numbers. The server keeps one row per dossier (server/reports); the desk derives the same row from its
 * projection (electron/desk/reports). Both then run the same aggregation (aggregation-sql.ts).
 */
import { DossierStatus } from '../domain/dossier';
import { deadlineStopped, type DossierState } from '../domain/lifecycle';
import { nextDay } from './buckets';
import { dayNumberOfInstant, dayNumberOrNull, isFriday, OPEN_END_DAY, type DayNumber } from './days';

export interface ReportFact {
  dossierId: string;
  code: string | null;
  unitCode: string | null;
  procedureCode: string | null;
  channel: string | null;
  status: number;
  /** Day the dossier was received (status 2); null for one never received. */
  receivedDay: DayNumber | null;
  /** Received on a Friday (for the Friday-without-waiting figures). */
  receivedFriday: 0 | 1;
  /** The legal due day: `originalDueAt`, which a re-appointment does not move. */
  legalDueDay: DayNumber | null;
  resolvedDay: DayNumber | null;
  returnedDay: DayNumber | null;
  withdrawnDay: DayNumber | null;
  stoppedDay: DayNumber | null;
  refusedDay: DayNumber | null;
  /** The day the dossier left the desk's workload: resolved, withdrawn or stopped. */
  finishedDay: DayNumber | null;
  /** Start of the current supplement or fee pause (the clock is stopped from then). */
  pausedDay: DayNumber | null;
  /** First and last day the dossier can count in any figure: lets the query skip the rest by index. */
  spanStart: DayNumber | null;
  spanEnd: DayNumber | null;
  /** Every paper brought was scanned at the reception desk (DossierState.digitisedAtReceipt). */
  componentsDigitised: 0 | 1;
  resultDigitised: 0 | 1;
  /**
   * The days the dossier was (or is) in progress and overdue (overdueSpansOf), kept beside the row in the facts
   * table's `_overdue` table; none for nearly every dossier.
   */
  overdueSpans: readonly OverdueSpan[];
}

/** Days from `from` to before `until` (null: still open), in Vietnam days. */
export interface OverdueSpan {
  from: DayNumber;
  until: DayNumber | null;
}

/** Column names, in the order the tables declare them. */
export const reportFactColumns = [
  'dossier_id',
  'code',
  'unit_code',
  'procedure_code',
  'channel',
  'status',
  'received_day',
  'received_friday',
  'legal_due_day',
  'resolved_day',
  'returned_day',
  'withdrawn_day',
  'stopped_day',
  'refused_day',
  'finished_day',
  'paused_day',
  'span_start',
  'span_end',
  'components_digitised',
  'result_digitised',
] as const;
export type ReportFactColumn = (typeof reportFactColumns)[number];

const closedDay = (state: DossierState, status: DossierStatus): DayNumber | null =>
  state.status === status ? dayNumberOrNull(state.closedAt ?? state.lastEventAt) : null;

/**
 * The days a dossier was in progress and overdue, judged each day by the clock of that day (DESIGN.md §7): past its
 * legal due day, with the clock running, or paused by a request made only once the due instant had passed (a
 * supplement or fee asked for in time stops the clock before it runs out; one asked for late hides nothing). The
 * clock of a day is the one in force at its end (DossierState.clockChanges, then the current one), so an event
 * later than the day (a restart, a payment, a closing) never changes how it is judged. Adjacent spans are joined.
 */
export function overdueSpansOf(state: DossierState, receivedDay: DayNumber | null, finishedDay: DayNumber | null): OverdueSpan[] {
  if (receivedDay === null) return [];
  const end = finishedDay ?? Infinity;
  const clocks = [...(state.clockChanges ?? []), { at: null, dueAt: state.originalDueAt ?? state.dueAt, pausedAt: state.pausedAt }];
  const spans: OverdueSpan[] = [];
  let startDay = receivedDay;
  for (const clock of clocks) {
    const untilDay = clock.at === null ? end : Math.min(end, dayNumberOfInstant(clock.at));
    const stopped = deadlineStopped(clock);
    if (clock.dueAt !== null && !stopped) {
      const from = Math.max(startDay, nextDay(dayNumberOfInstant(clock.dueAt)));
      if (from < untilDay) {
        const last = spans.at(-1);
        const until = untilDay === Infinity ? null : untilDay;
        if (last && last.until === from) last.until = until;
        else spans.push({ from, until });
      }
    }
    if (clock.at !== null) startDay = Math.max(startDay, dayNumberOfInstant(clock.at));
  }
  return spans;
}

/**
 * A dossier one desk received and another refused (or left as the online submission it was), which a supervisor then
 * judged "Không được tiếp nhận" or "Mới đăng ký", was never received: it is counted as a refusal or not at all, not
 * as received and open for ever. The receipt's instant stays in the state (the citizen holds its slip).
 */
export const neverReceived = (state: Pick<DossierState, 'status'>): boolean =>
  state.status === DossierStatus.NotReceived || state.status === DossierStatus.SubmittedOnline;

export function reportFactOf(state: DossierState): ReportFact {
  const receivedDay = neverReceived(state) ? null : dayNumberOrNull(state.receivedAt);
  const resolvedDay = dayNumberOrNull(state.resolvedAt);
  const returnedDay = dayNumberOrNull(state.returnedAt);
  const withdrawnDay = closedDay(state, DossierStatus.Withdrawn);
  const stoppedDay = closedDay(state, DossierStatus.Stopped);
  const refusedDay =
    state.status === DossierStatus.NotReceived ? dayNumberOrNull(state.refusedAt ?? state.closedAt) : null;
  const finishedDay = resolvedDay ?? withdrawnDay ?? stoppedDay;
  let spanStart: DayNumber | null = null;
  let spanEnd: DayNumber | null = null;
  if (receivedDay !== null) {
    spanStart = receivedDay;
    spanEnd = finishedDay === null ? OPEN_END_DAY : Math.max(finishedDay, returnedDay ?? 0);
  } else if (refusedDay !== null) {
    spanStart = refusedDay;
    spanEnd = refusedDay;
  }
  return {
    dossierId: state.id,
    code: state.code,
    unitCode: state.unitCode,
    procedureCode: state.procedureCode,
    channel: state.channel,
    status: state.status,
    receivedDay,
    receivedFriday: receivedDay !== null && isFriday(receivedDay) ? 1 : 0,
    legalDueDay: dayNumberOrNull(state.originalDueAt ?? state.dueAt),
    resolvedDay,
    returnedDay,
    withdrawnDay,
    stoppedDay,
    refusedDay,
    finishedDay,
    pausedDay: dayNumberOrNull(state.pausedAt),
    spanStart,
    spanEnd,
    componentsDigitised: (state.digitisedAtReceipt ?? state.componentsDigitised) ? 1 : 0,
    resultDigitised: state.resultDigitised ? 1 : 0,
    overdueSpans: overdueSpansOf(state, receivedDay, finishedDay),
  };
}

/** The fact as a row of column values, in `reportFactColumns` order. */
export const reportFactValues = (f: ReportFact): (string | number | null)[] => [
  f.dossierId,
  f.code,
  f.unitCode,
  f.procedureCode,
  f.channel,
  f.status,
  f.receivedDay,
  f.receivedFriday,
  f.legalDueDay,
  f.resolvedDay,
  f.returnedDay,
  f.withdrawnDay,
  f.stoppedDay,
  f.refusedDay,
  f.finishedDay,
  f.pausedDay,
  f.spanStart,
  f.spanEnd,
  f.componentsDigitised,
  f.resultDigitised,
];

/**
 * The fact of a row of column values in `reportFactColumns` order (as a facts table returns it, raw), with its
 * overdue spans as its `_overdue` table holds them.
 */
export function reportFactOfValues(v: readonly unknown[], overdueSpans: readonly OverdueSpan[] = []): ReportFact {
  const day = (i: number) => (v[i] as DayNumber | null) ?? null;
  const text = (i: number) => (v[i] as string | null) ?? null;
  return {
    dossierId: v[0] as string,
    code: text(1),
    unitCode: text(2),
    procedureCode: text(3),
    channel: text(4),
    status: v[5] as number,
    receivedDay: day(6),
    receivedFriday: v[7] === 1 ? 1 : 0,
    legalDueDay: day(8),
    resolvedDay: day(9),
    returnedDay: day(10),
    withdrawnDay: day(11),
    stoppedDay: day(12),
    refusedDay: day(13),
    finishedDay: day(14),
    pausedDay: day(15),
    spanStart: day(16),
    spanEnd: day(17),
    componentsDigitised: v[18] === 1 ? 1 : 0,
    resultDigitised: v[19] === 1 ? 1 : 0,
    overdueSpans,
  };
}
