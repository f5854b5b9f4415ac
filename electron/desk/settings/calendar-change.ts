/**
 * What an administrator changed in the desk's calendar layer, as one line for the audit trail: the office hours
 * before and after, and the days added or removed. Dates and the names of days off are not personal data.
 */
import type { LocalCalendar, LocalOfficeHours } from '../../../shared/calendar/local-layer';

const hoursText = (h: LocalOfficeHours | null): string =>
  h === null
    ? "server's"
    : `days ${h.weekdays.join('')}; ${h.sessions.map((s) => `${s.start}-${s.end}`).join(', ')}; same-day ${h.sameDayCutoff}; Friday ${h.fridayNoWaitCutoff}/${h.fridayNoWaitNextDue}`;

function dayChanges(label: string, before: { date: string; name?: string | undefined }[], after: { date: string; name?: string | undefined }[]): string[] {
  const key = (d: { date: string; name?: string | undefined }) => `${d.date}${d.name ? ` ${d.name}` : ''}`;
  const was = new Set(before.map(key));
  const is = new Set(after.map(key));
  const added = [...is].filter((d) => !was.has(d));
  const removed = [...was].filter((d) => !is.has(d));
  return [...(added.length ? [`${label} added: ${added.join('; ')}`] : []), ...(removed.length ? [`${label} removed: ${removed.join('; ')}`] : [])];
}

export function describeCalendarChange(before: LocalCalendar, after: LocalCalendar): string {
  const parts: string[] = [];
  const [was, is] = [hoursText(before.officeHours), hoursText(after.officeHours)];
  if (was !== is) parts.push(`office hours: ${was} -> ${is}`);
  parts.push(...dayChanges('days off', before.daysOff, after.daysOff));
  parts.push(...dayChanges('make-up working days', before.workingDays, after.workingDays));
  return parts.length > 0 ? parts.join(' | ') : 'no change';
}
