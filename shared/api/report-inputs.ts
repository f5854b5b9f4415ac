/**
 * Inputs of the desk's report methods. The schemas check each field's shape; `checkReportPeriod` checks the
 * period as a whole (years, order, start, length), because those errors need their own words next to the right field and the
 * API's generic validation messages have none for them.
 */
import { z } from 'zod';
import { appFailure, type AppFailure } from '../result';
import { parseReportPeriod, shownDay, type ReportPeriod } from '../reports/period';
import { reportCategories } from '../reports/aggregation-sql';
import { isLeapYear, vnDateSchema } from '../domain/time';
import { channels } from '../domain/dossier';

/** Longer periods are not a desk's business (the server keeps the archive) and would make the year-on-year query heavy. */
export const MAX_REPORT_YEARS = 5;

const unitCode = z.string().trim().min(1).max(40).optional();

export const reportSummaryInputSchema = z.strictObject({
  from: vnDateSchema,
  to: vnDateSchema,
  unitCode,
});

/** The figures a clerk can click on the dashboard to see the dossiers behind them. */
export const drillDownFigures = reportCategories;
export type DrillDownFigure = (typeof drillDownFigures)[number];

export const reportDossiersInputSchema = z.strictObject({
  from: vnDateSchema,
  to: vnDateSchema,
  unitCode,
  figure: z.enum(drillDownFigures),
  /** Only the dossiers received through this channel (the online / in person / postal cards). */
  channel: z.enum(channels).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(100_000).default(0),
});

/** The monthly series of the chart: the same period and unit as the summary. */
export const reportMonthsInputSchema = reportSummaryInputSchema;

export const reportExportFormats = ['xlsx', 'csv', 'pdf'] as const;
export type ReportExportFormat = (typeof reportExportFormats)[number];

export const reportExportInputSchema = z.strictObject({
  from: vnDateSchema,
  to: vnDateSchema,
  unitCode,
  format: z.enum(reportExportFormats),
});

/** The same day `years` years later (29 February becomes 28 February in a common year). */
function yearsAfter(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  return `${y}-${md === '02-29' && !isLeapYear(y) ? '02-28' : md}`;
}

/**
 * The period, or the failure to show next to its field: refused by parseReportPeriod (years outside 1900–2099,
 * reversed, not begun by `today`, the desk's clock), or longer than MAX_REPORT_YEARS.
 */
export function checkReportPeriod(
  from: string,
  to: string,
  today: string,
): { period: ReportPeriod } | { failure: AppFailure } {
  const parsed = parseReportPeriod(from, to, today);
  if (!parsed.ok)
    return {
      failure: appFailure(parsed.error.code, parsed.error.message.vi, parsed.error.message.en, {
        field: parsed.error.field ?? 'from',
      }),
    };
  const period = parsed.value;
  if (period.to >= yearsAfter(period.from, MAX_REPORT_YEARS)) {
    return {
      failure: appFailure(
        'report_period_too_long',
        `Kỳ báo cáo dài quá ${MAX_REPORT_YEARS} năm (${shownDay(period.from)} đến ${shownDay(period.to)}); hãy chọn kỳ ngắn hơn.`,
        `The report period is longer than ${MAX_REPORT_YEARS} years (${shownDay(period.from)} to ${shownDay(period.to)}); choose a shorter one.`,
        { field: 'to' },
      ),
    };
  }
  return { period };
}
