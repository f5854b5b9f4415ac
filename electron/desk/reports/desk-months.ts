/**
 * The dashboard's monthly series: a period cut into calendar months (the first and last clipped to the period),
 * and each month's own report from the desk's fast counts (a month is one bucket key in report_counts).
 */
import type { ReportMonth } from '../../../shared/api/report-months';
import type { ReportPeriod } from '../../../shared/reports/period';
import type { Report } from '../../../shared/reports/report';
import { runReport, type ReportRequest } from '../../../shared/reports/run-report';
import type { Db } from '../db/open-database';
import { countedSources, type DeskReportOptions } from './desk-report';
import { reportFactsUpToDate } from './report-facts';

const pad = (n: number) => String(n).padStart(2, '0');

const lastDayOfMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The calendar months the period touches, each clipped to the period; `YYYY-MM-DD` keys compare as strings. */
export function monthsOfPeriod(period: ReportPeriod): { month: string; period: ReportPeriod }[] {
  const out: { month: string; period: ReportPeriod }[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  for (;;) {
    const key = `${year}-${pad(month)}`;
    if (`${key}-01` > period.to) break;
    const first = `${key}-01`;
    const last = `${key}-${pad(lastDayOfMonth(year, month))}`;
    out.push({
      month: key,
      period: { from: first < period.from ? period.from : first, to: last > period.to ? period.to : last },
    });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

export const monthOfReport = (month: string, report: Report): ReportMonth => ({
  month,
  period: report.period,
  received: report.counts.received.total,
  resolved: { ...report.counts.resolved },
  onTimeRate: report.rates.onTimeRate,
});

/**
 * One report per month, in order, through the same aggregation and builder as reports.summary, so a month's bar
 * equals its report. Two savings over calling deskReport per month: the facts are refreshed once, and the
 * year-earlier aggregation is skipped (a month's bar shows no comparison; it would double the work). Months not begun
 * by the request's today are left out: their bar would open a report the desk refuses as not begun (a reviewer), and
 * a row of noughts for them reads as months without work.
 */
export async function deskReportMonths(db: Db, request: ReportRequest, options: DeskReportOptions = {}): Promise<ReportMonth[]> {
  await reportFactsUpToDate(db, options.checkpointInBackground);
  const sources = countedSources(db, options);
  const months: ReportMonth[] = [];
  for (const slice of monthsOfPeriod(request.period).filter((m) => m.period.from <= request.today)) {
    const report = await runReport({ ...request, period: slice.period }, sources, { yearOnYear: false });
    months.push(monthOfReport(slice.month, report));
  }
  return months;
}
