/**
 * What the dashboard shows of a report: the headline figures of the district report form, each with the
 * drill-down target behind it (a report category, and a channel for the by-channel cards), and number formats.
 */
import type { DrillDownFigure } from '../../../../shared/api/report-inputs';
import type { Channel } from '../../../../shared/domain/dossier';
import type { Report } from '../../../../shared/reports/report';
import { numberLocale } from '../../format/numbers';

/** A figure the desk can list the dossiers of: a report category, for one channel or all. */
export interface DrillTarget {
  figure: DrillDownFigure;
  channel?: Channel;
}

export interface HeadlineCount {
  /** i18n key under `reports.` */
  label: string;
  value: number;
  target: DrillTarget;
}

export const headlineCounts = (report: Report): HeadlineCount[] => {
  const c = report.counts;
  return [
    { label: 'carriedOver', value: c.carriedOver, target: { figure: 'carried_over' } },
    { label: 'newReceived', value: c.received.total, target: { figure: 'received_new' } },
    { label: 'online', value: c.received.online, target: { figure: 'received_new', channel: 'online' } },
    {
      label: 'inPerson',
      value: c.received.inPerson,
      target: { figure: 'received_new', channel: 'in_person' },
    },
    { label: 'postal', value: c.received.postal, target: { figure: 'received_new', channel: 'postal' } },
    // Named as resolved: a card "Quá hạn" beside "Đang giải quyết quá hạn" read as the dossiers overdue today.
    { label: 'resolvedEarly', value: c.resolved.early, target: { figure: 'resolved_early' } },
    { label: 'resolvedOnTime', value: c.resolved.onTime, target: { figure: 'resolved_on_time' } },
    { label: 'resolvedLate', value: c.resolved.late, target: { figure: 'resolved_late' } },
    { label: 'inProgressWithin', value: c.inProgress.withinTime, target: { figure: 'in_progress_within' } },
    { label: 'inProgressOverdue', value: c.inProgress.overdue, target: { figure: 'in_progress_overdue' } },
    // Ended without a result: part of the period's total, so the cards would not add up to it without them.
    { label: 'withdrawn', value: c.withdrawn, target: { figure: 'withdrawn' } },
    { label: 'stopped', value: c.stopped, target: { figure: 'stopped' } },
    // Outside the period's total, but figures of the district's report all the same (in every export): results
    // handed over, and dossiers refused at the desk (form 03), which a supervisor follows too.
    { label: 'returned', value: c.returned, target: { figure: 'returned' } },
    { label: 'refused', value: c.refused, target: { figure: 'refused' } },
    { label: 'digitisedAtReceipt', value: c.digitisedAtReceipt, target: { figure: 'digitised_at_receipt' } },
    { label: 'resultsDigitised', value: c.resultsDigitised, target: { figure: 'result_digitised' } },
  ];
};

export interface HeadlineRate {
  label: string;
  value: number | null;
  /** Change in points against the same period a year earlier, where the report has one. */
  change: number | null;
}

export const headlineRates = (report: Report): HeadlineRate[] => {
  const { rates } = report;
  const change = report.yearOnYear.change;
  return [
    { label: 'onTimeRate', value: rates.onTimeRate, change: change.onTimeRate },
    { label: 'lateRate', value: rates.lateRate, change: change.lateRate },
    { label: 'digitisedRate', value: rates.digitisedAtReceiptRate, change: change.digitisedAtReceiptRate },
    { label: 'resultsDigitisedRate', value: rates.resultsDigitisedRate, change: change.resultsDigitisedRate },
    { label: 'onlineRate', value: rates.onlineRate, change: change.onlineRate },
  ];
};

export { formatCount } from '../../format/numbers';
const locale = numberLocale;

/** Rates come truncated to two decimals; shown as they are, with the language's decimal mark. */
export const formatPercent = (n: number | null, language: 'vi' | 'en'): string =>
  n === null
    ? '—'
    : `${n.toLocaleString(locale(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;

export const formatPoints = (n: number, language: 'vi' | 'en'): string =>
  `${n > 0 ? '+' : ''}${n.toLocaleString(locale(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The first day of this year and today, in Vietnam. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}
