/**
 * Whether a dossier was resolved before, on or after its due, for the control slip's (form 05) "Kết quả giải quyết hồ
 * sơ (trước hạn/đúng hạn/quá hạn)": the reports' own rule (shared/reports/counts.ts), by Vietnam day against the legal
 * due, so the slip in the file and the month's report never disagree.
 */
import { resolutionTimingOf, type ResolutionTiming } from '../../../shared/reports/counts';
import { dayNumberOrNull } from '../../../shared/reports/days';

/** The words the form prints, as the template's column names them. */
export const resolutionTimingLabels: Record<ResolutionTiming, string> = {
  resolved_early: 'Trước hạn',
  resolved_on_time: 'Đúng hạn',
  resolved_late: 'Quá hạn',
};

/** Null when the resolution's time is missing or unreadable: the form then leaves the cell to be written by hand. */
export function resolutionTiming(resolvedAt: string | null, legalDueAt: string | null): ResolutionTiming | null {
  const resolved = readableDay(resolvedAt);
  return resolved === null ? null : resolutionTimingOf(resolved, readableDay(legalDueAt));
}

function readableDay(instant: string | null): number | null {
  if (!instant || Number.isNaN(new Date(instant).getTime())) return null;
  return dayNumberOrNull(instant);
}
