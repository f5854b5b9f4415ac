/**
 * The desk's own layer over the calendar the server sends down. The server's document stays the source for public
 * holidays and the district's announcements; the unit's administrator sets, at the desk, the unit's office hours
 * and the unit's own extra days off and make-up working days. A newer server document replaces only the server's
 * layer, so a local edit survives it; the effective calendar is the two merged (`mergeCalendarLayers`).
 *
 * Precedence on one date: the unit's local entry beats the server's entry for that date (the unit's announcement
 * is the more specific one), and, as everywhere in the engine, a make-up working day beats a computed holiday.
 */
import { z } from 'zod';
import type { LocalizedText } from '../result';
import { parseDateKey } from './civil-date';
import { unprintable } from '../text/printable';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, minutesOfTime, type CalendarConfig, type YearOverride } from './schema';

/** Validation messages of the local layer, by the key a zod issue carries (the desk API maps them to both languages). */
export const localCalendarMessages = {
  'calendar.time': { vi: 'Giờ phải có dạng HH:MM (24 giờ), vd. 07:30.', en: 'A time must be HH:MM (24-hour), e.g. 07:30.' },
  'calendar.weekdays_empty': {
    vi: 'Phải có ít nhất một ngày làm việc trong tuần.',
    en: 'At least one weekday must be a working day.',
  },
  'calendar.weekdays_unique': { vi: 'Mỗi thứ chỉ được ghi một lần.', en: 'Each weekday may be listed only once.' },
  'calendar.weekday': { vi: 'Thứ trong tuần là số từ 1 (thứ Hai) đến 7 (Chủ nhật).', en: 'A weekday is 1 (Monday) to 7 (Sunday).' },
  'calendar.sessions_empty': { vi: 'Phải có ít nhất một buổi làm việc.', en: 'There must be at least one office session.' },
  'calendar.session_span': {
    vi: 'Giờ kết thúc phải sau giờ bắt đầu của buổi này.',
    en: 'The session must end after it starts.',
  },
  'calendar.session_order': {
    vi: 'Buổi này phải bắt đầu sau khi buổi trước kết thúc.',
    en: 'This session must start after the previous one ends.',
  },
  'calendar.cutoff_outside': {
    vi: 'Giờ này phải nằm trong giờ làm việc (từ giờ mở cửa đến giờ đóng cửa).',
    en: 'This time must be within office hours (between opening and closing).',
  },
  'calendar.date': {
    vi: 'Ngày phải có dạng dd/mm/yyyy và là một ngày có thật.',
    en: 'A date must be dd/mm/yyyy and a real calendar date.',
  },
  'calendar.year': {
    vi: `Ngày phải thuộc các năm từ ${FIRST_CALENDAR_YEAR} đến ${LAST_CALENDAR_YEAR}.`,
    en: `The date must be in the years ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}.`,
  },
  'calendar.date_twice': { vi: 'Ngày này đã có trong danh sách.', en: 'This date is already in the list.' },
  'calendar.off_and_working': {
    vi: 'Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù.',
    en: 'A day cannot be both a day off and a make-up working day.',
  },
  'calendar.day_name': { vi: 'Hãy ghi lý do nghỉ (vd. Ngày truyền thống của huyện).', en: 'Give the reason for the day off.' },
  'calendar.day_name_characters': {
    vi: 'Lý do có ký tự không in được (biểu tượng cảm xúc, ký tự điều khiển hoặc dấu < >). Hãy ghi bằng chữ.',
    en: 'The reason holds characters that cannot be printed (emoji, control characters or < >). Write it in words.',
  },
} satisfies Record<string, LocalizedText>;
type MessageKey = keyof typeof localCalendarMessages;
const m = (key: MessageKey) => ({ error: key });

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const timeSchema = z.string().trim().regex(TIME_OF_DAY, m('calendar.time'));
const dateSchema = z
  .string()
  .trim()
  .refine((s) => parseDateKey(s) !== undefined, m('calendar.date'))
  .refine((s) => {
    const year = Number(s.slice(0, 4));
    return year >= FIRST_CALENDAR_YEAR && year <= LAST_CALENDAR_YEAR;
  }, m('calendar.year'));

/** The unit's office hours as the administrator sets them at the desk: every part given, nothing left to a default. */
export const localOfficeHoursSchema = z
  .strictObject({
    /** ISO weekdays the office opens on (1 = Monday … 7 = Sunday). */
    weekdays: z
      .array(z.number().int().min(1, m('calendar.weekday')).max(7, m('calendar.weekday')))
      .min(1, m('calendar.weekdays_empty'))
      .refine((w) => new Set(w).size === w.length, m('calendar.weekdays_unique')),
    sessions: z.array(z.strictObject({ start: timeSchema, end: timeSchema })).min(1, m('calendar.sessions_empty')).max(4),
    sameDayCutoff: timeSchema,
    fridayNoWaitCutoff: timeSchema,
    fridayNoWaitNextDue: timeSchema,
  })
  .superRefine((h, ctx) => {
    let sessionsSound = h.sessions.length > 0;
    h.sessions.forEach((s, i) => {
      if (!TIME_OF_DAY.test(s.start) || !TIME_OF_DAY.test(s.end)) {
        sessionsSound = false;
        return;
      }
      if (minutesOfTime(s.start) >= minutesOfTime(s.end)) {
        ctx.addIssue({ code: 'custom', message: 'calendar.session_span', path: ['sessions', i, 'end'] });
        sessionsSound = false;
      }
      const before = h.sessions[i - 1];
      if (before && TIME_OF_DAY.test(before.end) && minutesOfTime(before.end) > minutesOfTime(s.start)) {
        ctx.addIssue({ code: 'custom', message: 'calendar.session_order', path: ['sessions', i, 'start'] });
        sessionsSound = false;
      }
    });
    // Cut-offs are judged against the office day only once the sessions themselves make sense.
    const first = h.sessions[0];
    const last = h.sessions[h.sessions.length - 1];
    if (!sessionsSound || !first || !last) return;
    const [opening, closing] = [minutesOfTime(first.start), minutesOfTime(last.end)];
    // A cut-off outside the day would make the same-day and Friday rules say something the office cannot keep.
    for (const key of ['sameDayCutoff', 'fridayNoWaitCutoff', 'fridayNoWaitNextDue'] as const) {
      const value = h[key];
      if (!TIME_OF_DAY.test(value)) continue;
      const t = minutesOfTime(value);
      if (t < opening || t > closing) ctx.addIssue({ code: 'custom', message: 'calendar.cutoff_outside', path: [key] });
    }
  });
export type LocalOfficeHours = z.infer<typeof localOfficeHoursSchema>;

export const localDayOffSchema = z.strictObject({
  date: dateSchema,
  name: z.string().trim().min(1, m('calendar.day_name')).max(200).transform((s) => s.normalize('NFC')),
});
export const localWorkingDaySchema = z.strictObject({
  date: dateSchema,
  name: z
    .string()
    .trim()
    .max(200)
    .transform((s) => s.normalize('NFC'))
    .optional(),
});

/** The desk's layer: office hours (null = the server's, else the standard ones) and the unit's own days. */
export const localCalendarSchema = z
  .strictObject({
    officeHours: localOfficeHoursSchema.nullable(),
    daysOff: z.array(localDayOffSchema).max(366),
    workingDays: z.array(localWorkingDaySchema).max(366),
  })
  .superRefine((c, ctx) => {
    const twice = (list: { date: string }[], key: 'daysOff' | 'workingDays') => {
      const seen = new Set<string>();
      list.forEach((d, i) => {
        if (seen.has(d.date)) ctx.addIssue({ code: 'custom', message: 'calendar.date_twice', path: [key, i, 'date'] });
        seen.add(d.date);
      });
    };
    twice(c.daysOff, 'daysOff');
    twice(c.workingDays, 'workingDays');
    const off = new Set(c.daysOff.map((d) => d.date));
    c.workingDays.forEach((w, i) => {
      if (off.has(w.date)) ctx.addIssue({ code: 'custom', message: 'calendar.off_and_working', path: ['workingDays', i, 'date'] });
    });
  });
export type LocalCalendar = z.infer<typeof localCalendarSchema>;

/**
 * The layer as an administrator saves it: also each day's reason in words, as on a notice (it is shown in the
 * calendar and beside the appointments a day off moves). Only what is saved now: a layer stored before is read by
 * localCalendarSchema, so no unit's days off are dropped for a reason written then.
 */
export const localCalendarEditSchema = localCalendarSchema.superRefine((c, ctx) => {
  for (const key of ['daysOff', 'workingDays'] as const) {
    c[key].forEach((d, i) => {
      if (d.name !== undefined && unprintable(d.name)) ctx.addIssue({ code: 'custom', message: 'calendar.day_name_characters', path: [key, i, 'name'] });
    });
  }
});

export const emptyLocalCalendar = (): LocalCalendar => ({ officeHours: null, daysOff: [], workingDays: [] });

/**
 * The calendar the desk computes deadlines with: the server's document, the unit's office hours instead of the
 * server's when set, and the unit's days added to each year (replacing the server's entry for the same date).
 */
export function mergeCalendarLayers(server: CalendarConfig, local: LocalCalendar): CalendarConfig {
  const years = new Map<number, YearOverride>();
  for (const y of server.years ?? []) years.set(y.year, { ...y });
  const yearOf = (date: string): YearOverride => {
    const year = Number(date.slice(0, 4));
    let o = years.get(year);
    if (!o) years.set(year, (o = { year }));
    return o;
  };
  for (const d of local.daysOff) {
    const o = yearOf(d.date);
    o.daysOff = [...(o.daysOff ?? []).filter((x) => x.date !== d.date), { date: d.date, name: d.name }];
    o.workingDays = (o.workingDays ?? []).filter((x) => x.date !== d.date);
    // A statutory Tết day cannot be "more off"; leaving it listed is harmless, so tetDays is not touched.
  }
  for (const w of local.workingDays) {
    const o = yearOf(w.date);
    o.workingDays = [...(o.workingDays ?? []).filter((x) => x.date !== w.date), { date: w.date, ...(w.name ? { name: w.name } : {}) }];
    o.daysOff = (o.daysOff ?? []).filter((x) => x.date !== w.date);
  }
  const merged: CalendarConfig = {};
  const officeHours = local.officeHours ?? server.officeHours;
  if (officeHours) merged.officeHours = officeHours;
  if (years.size > 0) merged.years = [...years.values()].sort((a, b) => a.year - b.year);
  return merged;
}
