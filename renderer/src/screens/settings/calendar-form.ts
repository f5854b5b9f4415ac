/**
 * The Settings form for the unit's office hours and own days, apart from React so it is tested on its own: what
 * the form shows for the desk's calendar, and the `calendar.setLocal` input it makes — checked with the same schema
 * the desk applies, so each problem is shown under its field before anything is sent.
 */
import type { CalendarView } from '../../../../shared/api/desk-calendar';
import { apiValidationError } from '../../../../shared/api/api-messages';
import { localCalendarEditSchema, localCalendarMessages, type LocalCalendar } from '../../../../shared/calendar/local-layer';
import { WorkingCalendar } from '../../../../shared/calendar/working-calendar';
import { timeOfMinutes } from '../../../../shared/calendar/schema';
import type { LocalizedText } from '../../../../shared/result';
import { fieldErrorsOf } from '../../components/desk-errors';
import { dateKeyToVn, parseVnDateInput } from '../../format/vn-time';

export interface DayRow {
  /** As typed: dd/MM/yyyy. */
  date: string;
  name: string;
}

export interface CalendarForm {
  /** true: the hours come from the server's calendar (or the standard ones); the hour fields are read-only. */
  useServerHours: boolean;
  weekdays: number[];
  sessions: { start: string; end: string }[];
  sameDayCutoff: string;
  fridayNoWaitCutoff: string;
  fridayNoWaitNextDue: string;
  daysOff: DayRow[];
  workingDays: DayRow[];
}

export const MAX_SESSIONS = 4;

/** The hours the server's layer gives (its own or the standard ones), as the form writes them. */
function serverHours(view: CalendarView): Pick<CalendarForm, 'weekdays' | 'sessions' | 'sameDayCutoff' | 'fridayNoWaitCutoff' | 'fridayNoWaitNextDue'> {
  const h = new WorkingCalendar(view.server.config).officeHours;
  return {
    weekdays: [...h.weekdays],
    sessions: h.sessions.map((s) => ({ start: timeOfMinutes(s.start), end: timeOfMinutes(s.end) })),
    sameDayCutoff: timeOfMinutes(h.sameDayCutoff),
    fridayNoWaitCutoff: timeOfMinutes(h.fridayNoWaitCutoff),
    fridayNoWaitNextDue: timeOfMinutes(h.fridayNoWaitNextDue),
  };
}

export function formFromView(view: CalendarView): CalendarForm {
  const local = view.local;
  const hours = local.officeHours
    ? { ...local.officeHours, weekdays: [...local.officeHours.weekdays], sessions: local.officeHours.sessions.map((s) => ({ ...s })) }
    : serverHours(view);
  return {
    useServerHours: local.officeHours === null,
    ...hours,
    daysOff: local.daysOff.map((d) => ({ date: dateKeyToVn(d.date), name: d.name })),
    workingDays: local.workingDays.map((d) => ({ date: dateKeyToVn(d.date), name: d.name ?? '' })),
  };
}

/** Switching back to the server's hours shows them again (nothing the clerk typed is sent). */
export function withServerHours(form: CalendarForm, view: CalendarView): CalendarForm {
  return { ...form, useServerHours: true, ...serverHours(view) };
}

export type CalendarFormErrors = Record<string, LocalizedText>;

/**
 * The desk's input, or the problems by field (`officeHours.sessions.1.start`, `daysOff.0.date`, …): a date the
 * clerk typed that is not dd/MM/yyyy is named here, the rest by the desk's own schema.
 */
export function calendarInput(form: CalendarForm): { input: LocalCalendar } | { errors: CalendarFormErrors } {
  const errors: CalendarFormErrors = {};
  const dateOf = (row: DayRow, field: string): string => {
    const key = parseVnDateInput(row.date);
    if (key === null) errors[field] = localCalendarMessages['calendar.date'];
    return key ?? '2000-01-01';
  };
  const candidate = {
    officeHours: form.useServerHours
      ? null
      : {
          weekdays: [...form.weekdays].sort((a, b) => a - b),
          sessions: form.sessions.map((s) => ({ start: s.start.trim(), end: s.end.trim() })),
          sameDayCutoff: form.sameDayCutoff.trim(),
          fridayNoWaitCutoff: form.fridayNoWaitCutoff.trim(),
          fridayNoWaitNextDue: form.fridayNoWaitNextDue.trim(),
        },
    daysOff: form.daysOff.map((d, i) => ({ date: dateOf(d, `daysOff.${i}.date`), name: d.name })),
    workingDays: form.workingDays.map((d, i) => ({
      date: dateOf(d, `workingDays.${i}.date`),
      ...(d.name.trim() ? { name: d.name } : {}),
    })),
  };
  const parsed = localCalendarEditSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const [field, message] of Object.entries(fieldErrorsOf(apiValidationError(parsed.error)))) errors[field] ??= message;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { input: parsed.data };
}
