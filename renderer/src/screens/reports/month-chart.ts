/**
 * What the chart by month shows of the monthly series: per month a received bar and a resolved bar split into
 * early or on time / late, all scaled to the tallest bar of the chart, with the month's names in the language.
 */
import type { ReportMonth } from '../../../../shared/api/report-months';

export interface MonthBar {
  month: string;
  period: { from: string; to: string };
  /** Short label under the bar: "T3" / "Mar". */
  short: string;
  /** Full name for tables and screen readers: "Tháng 3/2026" / "March 2026". */
  full: string;
  /** The year under the first bar and under each January, so a chart across years reads without guessing. */
  year: string | null;
  received: number;
  resolved: number;
  /** Early and on time together, the part of the resolved bar the on-time rate counts. */
  inTime: number;
  late: number;
  onTimeRate: number | null;
  /** Bar heights in percent of the plot height; the tallest takes HEADROOM, leaving room for its number above. */
  receivedHeight: number;
  inTimeHeight: number;
  lateHeight: number;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthNames(month: string, language: 'vi' | 'en'): { short: string; full: string } {
  const year = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  if (language === 'vi') return { short: `T${m}`, full: `Tháng ${m}/${year}` };
  const name = EN_MONTHS[m - 1] ?? String(m);
  return { short: name.slice(0, 3), full: `${name} ${year}` };
}

export const HEADROOM = 85;

export function monthBars(months: readonly ReportMonth[], language: 'vi' | 'en'): MonthBar[] {
  const tallest = Math.max(1, ...months.map((m) => Math.max(m.received, m.resolved.total)));
  const scale = (n: number) => (n / tallest) * HEADROOM;
  return months.map((m, i) => {
    const inTime = m.resolved.early + m.resolved.onTime;
    const names = monthNames(m.month, language);
    return {
      month: m.month,
      period: m.period,
      ...names,
      year: i === 0 || m.month.endsWith('-01') ? m.month.slice(0, 4) : null,
      received: m.received,
      resolved: m.resolved.total,
      inTime,
      late: m.resolved.late,
      onTimeRate: m.onTimeRate,
      receivedHeight: scale(m.received),
      inTimeHeight: scale(inTime),
      lateHeight: scale(m.resolved.late),
    };
  });
}
