/**
 * Pre-aggregated report counts: what one dossier's facts add to the counts kept per (unit, procedure, channel,
 * calendar bucket), so a report sums a few rows per group instead of reading every dossier (the desk:
 * electron/desk/reports/report-counts.ts). The figures must be exactly those of the aggregation over the facts
 * (aggregation-sql.ts); tests hold the two equal.
 *
 * Most figures count things that happened on a day (received, resolved early, returned, …): the fact adds 1 under
 * that day. "Carried over" and "in progress" count dossiers open on a day; they are kept as the days an interval
 * opens and closes, so the number open on day D is (opened ≤ D) − (closed ≤ D):
 * - open: from the day of receipt to the day it was finished (resolved, withdrawn, stopped);
 * - overdue while open: from max(receipt, the day after the legal due day) to min(finished, start of the current
 *   pause). This is "overdue at the end of the period" when the period is judged on its last day; a period that
 *   has not ended is judged today, and its in-progress figures are read from the facts of open dossiers instead.
 */
import type { DayNumber } from './days';
import type { ReportFact } from './facts';

/** Counts kept per bucket, in table order. */
export const countMeasures = [
  'received',
  'digitised',
  'friday',
  'open_start',
  'open_end',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'result_digitised',
  'returned',
  'withdrawn',
  'stopped',
  'refused',
  'overdue_start',
  'overdue_end',
] as const;
export type CountMeasure = (typeof countMeasures)[number];

/** One count a fact adds to, under one day. */
export interface Contribution {
  day: DayNumber;
  measure: CountMeasure;
}

/**
 * The aggregation over facts first keeps the dossiers whose span touches the period; the counts rely on every
 * counted day lying inside the span, which the fold always gives. A fact that breaks it (only odd imported data
 * could) is "irregular": it is left out of the counts and aggregated from its fact by every report. So are empty
 * group codes, which the counts table uses for "none".
 */
export function isRegularFact(f: ReportFact): boolean {
  for (const day of [f.receivedDay, f.resolvedDay, f.returnedDay, f.withdrawnDay, f.stoppedDay, f.refusedDay]) {
    if (day === null) continue;
    if (f.spanStart === null || f.spanEnd === null || day < f.spanStart || day > f.spanEnd) return false;
  }
  return f.unitCode !== '' && f.procedureCode !== '' && f.channel !== '';
}

export type ResolutionTiming = 'resolved_early' | 'resolved_on_time' | 'resolved_late';

/**
 * A resolution against the legal due (a re-appointment does not make a late dossier on time), by Vietnam day. The
 * reports count by it and the control slip (form 05) prints it, so the slip in the file never says "đúng hạn" of a
 * dossier the month's report counts late. No due (a procedure without a set time) counts as on time.
 */
export function resolutionTimingOf(resolvedDay: DayNumber, legalDueDay: DayNumber | null): ResolutionTiming {
  if (legalDueDay === null || resolvedDay === legalDueDay) return 'resolved_on_time';
  return resolvedDay < legalDueDay ? 'resolved_early' : 'resolved_late';
}

/** Everything a (regular) fact adds to the counts. */
export function factContributions(f: ReportFact): Contribution[] {
  const out: Contribution[] = [];
  const add = (day: DayNumber | null, measure: CountMeasure) => {
    if (day !== null) out.push({ day, measure });
  };
  const received = f.receivedDay;
  if (received !== null) {
    add(received, 'received');
    if (f.componentsDigitised === 1) add(received, 'digitised');
    if (f.receivedFriday === 1) add(received, 'friday');
    if (f.finishedDay === null || f.finishedDay > received) {
      add(received, 'open_start');
      add(f.finishedDay, 'open_end');
    }
    const resolved = f.resolvedDay;
    if (resolved !== null) {
      add(resolved, resolutionTimingOf(resolved, f.legalDueDay));
      if (f.resultDigitised === 1) add(resolved, 'result_digitised');
    }
    add(f.withdrawnDay, 'withdrawn');
    add(f.stoppedDay, 'stopped');
    // The days it was in progress and overdue, each judged by the clock of that day (facts.ts overdueSpansOf).
    for (const span of f.overdueSpans) {
      add(span.from, 'overdue_start');
      add(span.until, 'overdue_end');
    }
  }
  add(f.returnedDay, 'returned');
  add(f.refusedDay, 'refused');
  return out;
}

/** The bucket keys a day's count is kept under: the day, its month and its year (buckets.ts). */
export const bucketsOfDay = (day: DayNumber): [number, number, number] => [day, Math.floor(day / 100), Math.floor(day / 10000)];
