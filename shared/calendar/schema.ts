/**
 * The shape of a working-calendar file: a unit's office hours and, per year, the changes the government or the
 * administrator announces. The server administers this document and syncs it to desks; `motcua --calendar FILE`
 * reads the same JSON. Everything is optional: `{}` is the standard calendar.
 */
import { z } from 'zod';
import type { LocalizedText, Result } from '../result';
import { fail, ok } from '../result';
import { parseDateKey } from './civil-date';
import { localiseIssue } from '../domain/messages';
import { lunarNewYearDay } from './lunar';
import { DEFAULT_OFFICE_HOURS } from './office-hours';

/** How far from the lunar new year's day a Tết day may be: the notices give about a week either side at most. */
const TET_DAYS_AROUND_NEW_YEAR = 10;

export const FIRST_CALENDAR_YEAR = 2000;
export const LAST_CALENDAR_YEAR = 2099;

const messages = {
  time: { vi: 'Giờ phải có dạng HH:MM, vd. 07:00.', en: 'A time of day must be HH:MM, e.g. 07:00.' },
  date: {
    vi: 'Ngày phải có dạng YYYY-MM-DD và là một ngày có thật.',
    en: 'A date must be YYYY-MM-DD and a real calendar date.',
  },
  weekday: {
    vi: 'Thứ trong tuần là số từ 1 (thứ Hai) đến 7 (Chủ nhật).',
    en: 'A weekday is a number from 1 (Monday) to 7 (Sunday).',
  },
  weekdaysUnique: { vi: 'Mỗi thứ chỉ được ghi một lần.', en: 'Each weekday may be listed only once.' },
  weekdaysEmpty: {
    vi: 'Phải có ít nhất một ngày làm việc trong tuần.',
    en: 'At least one weekday must be a working day.',
  },
  sessions: {
    vi: 'Các buổi làm việc phải theo thứ tự, không chồng nhau, giờ bắt đầu trước giờ kết thúc.',
    en: 'Office sessions must be in order, must not overlap, and each must start before it ends.',
  },
  sessionsEmpty: {
    vi: 'Phải có ít nhất một buổi làm việc.',
    en: 'There must be at least one office session.',
  },
  year: {
    vi: `Năm phải từ ${FIRST_CALENDAR_YEAR} đến ${LAST_CALENDAR_YEAR}.`,
    en: `The year must be between ${FIRST_CALENDAR_YEAR} and ${LAST_CALENDAR_YEAR}.`,
  },
  yearsUnique: { vi: 'Mỗi năm chỉ được khai báo một lần.', en: 'Each year may be declared only once.' },
  dateInYear: {
    vi: 'Ngày này không thuộc năm được khai báo.',
    en: 'This date is not in the year it is declared under.',
  },
  dayOffAndWorking: {
    vi: 'Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù.',
    en: 'A day cannot be both a day off and a make-up working day.',
  },
  tetDays: {
    vi: 'Tết phải có từ 1 đến 10 ngày, không trùng nhau.',
    en: 'Tết must have 1 to 10 distinct days.',
  },
  tetNearNewYear: {
    vi: 'Ngày Tết phải ở quanh mùng 1 Tết Nguyên đán của năm đó (không quá 10 ngày trước hay sau); hãy kiểm tra tháng đã gõ.',
    en: "A Tết day must fall near that year's lunar new year (no more than 10 days before or after it); check the month typed.",
  },
  cutoffOutside: {
    vi: 'Giờ này phải nằm trong giờ làm việc (từ giờ mở cửa đến giờ đóng cửa của các buổi làm việc).',
    en: 'This time must be within office hours (between the opening and the closing of the office sessions).',
  },
  name: { vi: 'Tên ngày nghỉ không được để trống.', en: 'A day off must have a name.' },
  json: {
    vi: 'Tệp lịch làm việc không phải JSON hợp lệ.',
    en: 'The working-calendar file is not valid JSON.',
  },
  shape: {
    vi: 'Tệp lịch làm việc không đúng cấu trúc.',
    en: 'The working-calendar file does not have the expected shape.',
  },
} satisfies Record<string, LocalizedText>;
type MessageKey = keyof typeof messages;
const m = (key: MessageKey): { error: MessageKey } => ({ error: key });

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const timeOfDaySchema = z.string().regex(TIME_OF_DAY, m('time'));

/** Minutes since midnight of `HH:MM` (already validated). */
export const minutesOfTime = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since 00:00 as `HH:MM`, the other way round. */
export const timeOfMinutes = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const dateKeySchema = z.string().refine((s) => parseDateKey(s) !== undefined, m('date'));
const yearOf = (dateKey: string): number => Number(dateKey.slice(0, 4));

export const officeSessionSchema = z.strictObject({ start: timeOfDaySchema, end: timeOfDaySchema });
export type OfficeSession = z.infer<typeof officeSessionSchema>;

export const officeHoursSchema = z.strictObject({
  /** ISO weekdays the office opens on (1 = Monday … 7 = Sunday). Default Monday–Friday. */
  weekdays: z
    .array(z.number().int().min(1, m('weekday')).max(7, m('weekday')))
    .min(1, m('weekdaysEmpty'))
    .refine((w) => new Set(w).size === w.length, m('weekdaysUnique'))
    .optional(),
  /** The same sessions every working day. Default 07:00–11:30 and 13:30–17:00. */
  sessions: z
    .array(officeSessionSchema)
    .min(1, m('sessionsEmpty'))
    .refine(
      (sessions) =>
        sessions.every(
          (s, i) =>
            minutesOfTime(s.start) < minutesOfTime(s.end) &&
            (i === 0 || minutesOfTime(sessions[i - 1]!.end) <= minutesOfTime(s.start)),
        ),
      m('sessions'),
    )
    .optional(),
  /** Same-day procedures received before this time are due at closing time that day. Default 15:00. */
  sameDayCutoff: timeOfDaySchema.optional(),
  /** Friday-without-waiting: received before this time, due at closing that Friday. Default 15:30. */
  fridayNoWaitCutoff: timeOfDaySchema.optional(),
  /** Friday-without-waiting received at or after the cut-off: due at this time the next working day. Default 09:00. */
  fridayNoWaitNextDue: timeOfDaySchema.optional(),
});
export type OfficeHoursConfig = z.infer<typeof officeHoursSchema>;

const namedDaySchema = z.strictObject({ date: dateKeySchema, name: z.string().trim().min(1, m('name')) });

export const yearOverrideSchema = z
  .strictObject({
    year: z.number().int().min(FIRST_CALENDAR_YEAR, m('year')).max(LAST_CALENDAR_YEAR, m('year')),
    /** The statutory Tết days as the government fixed them for this year (replacing the computed five). */
    tetDays: z
      .array(dateKeySchema)
      .min(1, m('tetDays'))
      .max(10, m('tetDays'))
      .refine((d) => new Set(d).size === d.length, m('tetDays'))
      .optional(),
    /**
     * When true the computed holidays and compensatory days of this year are dropped: the year's days off are
     * exactly `daysOff` (plus `tetDays` when given), as the administrator typed them from the official notice.
     */
    replaceComputed: z.boolean().optional(),
    /** Extra days off (a swapped bridge day, a local holiday). */
    daysOff: z.array(namedDaySchema).optional(),
    /** Make-up working days, e.g. a Saturday worked in exchange for a bridge day. */
    workingDays: z
      .array(z.strictObject({ date: dateKeySchema, name: z.string().trim().min(1, m('name')).optional() }))
      .optional(),
  })
  .superRefine((o, ctx) => {
    const check = (dates: string[], path: (string | number)[]) =>
      dates.forEach((d, i) => {
        if (yearOf(d) !== o.year) ctx.addIssue({ code: 'custom', message: 'dateInYear', path: [...path, i] });
      });
    check(o.tetDays ?? [], ['tetDays']);
    check(
      (o.daysOff ?? []).map((d) => d.date),
      ['daysOff'],
    );
    check(
      (o.workingDays ?? []).map((d) => d.date),
      ['workingDays'],
    );
    const off = new Set([...(o.daysOff ?? []).map((d) => d.date), ...(o.tetDays ?? [])]);
    (o.workingDays ?? []).forEach((w, i) => {
      if (off.has(w.date))
        ctx.addIssue({ code: 'custom', message: 'dayOffAndWorking', path: ['workingDays', i] });
    });
  });
export type YearOverride = z.infer<typeof yearOverrideSchema>;

export const calendarConfigSchema = z.strictObject({
  officeHours: officeHoursSchema.optional(),
  years: z
    .array(yearOverrideSchema)
    .refine((ys) => new Set(ys.map((y) => y.year)).size === ys.length, m('yearsUnique'))
    .optional(),
});
export type CalendarConfig = z.infer<typeof calendarConfigSchema>;

function localise(issue: z.core.$ZodIssue): LocalizedText {
  const known = messages[issue.message as MessageKey];
  if (known) return known;
  // zod's own checks (wrong type, unknown key) in each language's words, after what is wrong in general.
  const words = localiseIssue(issue);
  return { vi: `${messages.shape.vi} ${words.vi}`, en: `${messages.shape.en} ${words.en}` };
}

/** Validates a calendar document; the error names the first offending field in both languages. */
export function parseCalendarConfig(value: unknown): Result<CalendarConfig> {
  const parsed = calendarConfigSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join('.');
  const text = localise(issue);
  return fail(
    'calendar.invalid',
    where ? `${where}: ${text.vi}` : text.vi,
    where ? `${where}: ${text.en}` : text.en,
    { field: where || undefined },
  );
}

/**
 * A calendar as a person publishes or checks it (the administrator's PUT, `motcua due|holidays --calendar`): also
 * each Tết day near its year's lunar new year. A month typed wrong ("2027-12-07" for 7 February) would move Tết, and
 * every deadline across it, by months (QA). Only where it is edited: a calendar already stored on a server or a desk,
 * or received from a server, is read by the structure alone, so one stored before this check still opens.
 */
export function parseCalendarEdit(value: unknown): Result<CalendarConfig> {
  const parsed = parseCalendarConfig(value);
  if (!parsed.ok) return parsed;
  const outside = cutoffOutsideOfficeDay(parsed.value.officeHours);
  if (outside) {
    const where = `officeHours.${outside.key}`;
    const [vi, en] = outside.defaultTime
      ? [` Giờ này chưa ghi nên là giờ mặc định ${outside.defaultTime}; hãy ghi giờ phù hợp với các buổi đã khai.`, ` It is not given, so it is the default ${outside.defaultTime}; give one that suits the sessions.`]
      : ['', ''];
    return fail('calendar.invalid', `${where}: ${messages.cutoffOutside.vi}${vi}`, `${where}: ${messages.cutoffOutside.en}${en}`, { field: where });
  }
  for (const [y, year] of (parsed.value.years ?? []).entries()) {
    const newYear = lunarNewYearDay(year.year);
    for (const [i, d] of (year.tetDays ?? []).entries()) {
      const day = parseDateKey(d);
      if (day === undefined || Math.abs(day - newYear) <= TET_DAYS_AROUND_NEW_YEAR) continue;
      const where = `years.${y}.tetDays.${i}`;
      return fail('calendar.invalid', `${where}: ${messages.tetNearNewYear.vi}`, `${where}: ${messages.tetNearNewYear.en}`, { field: where });
    }
  }
  return parsed;
}

/**
 * The first cut-off outside the office day (from the first session's start to the last one's end), typed or left to
 * its default: a same-day cut-off after closing promised receipts taken after closing an appointment at that
 * closing, before the receipt itself (QA), and a next-day time before opening an appointment at a shut door. The
 * desk's own office-hours form refuses the same (local-layer.ts), where every time is typed.
 */
function cutoffOutsideOfficeDay(
  hours: OfficeHoursConfig | undefined,
): { key: 'sameDayCutoff' | 'fridayNoWaitCutoff' | 'fridayNoWaitNextDue'; defaultTime?: string } | null {
  const sessions = hours?.sessions?.map((s) => ({ start: minutesOfTime(s.start), end: minutesOfTime(s.end) })) ?? DEFAULT_OFFICE_HOURS.sessions;
  const [opening, closing] = [sessions[0]!.start, sessions[sessions.length - 1]!.end];
  for (const key of ['sameDayCutoff', 'fridayNoWaitCutoff', 'fridayNoWaitNextDue'] as const) {
    const typed = hours?.[key];
    const minutes = typed !== undefined ? minutesOfTime(typed) : DEFAULT_OFFICE_HOURS[key];
    if (minutes >= opening && minutes <= closing) continue;
    return typed !== undefined ? { key } : { key, defaultTime: timeOfMinutes(minutes) };
  }
  return null;
}

/** Reads a calendar document from JSON text (the `--calendar FILE` contents, or a synced payload). */
export function parseCalendarConfigText(text: string): Result<CalendarConfig> {
  const value = jsonOf(text);
  return value.ok ? parseCalendarConfig(value.value) : value;
}

/**
 * A calendar file a person checks before publishing (`motcua due|holidays --calendar`), as parseCalendarEdit. The
 * document as `GET /v1/admin/calendar` gives it carries the version it was read at, for the PUT back: that `version`
 * is the edit's base (server/admin/documents.ts documentEdit drops it the same way), not a calendar field to refuse.
 */
export function parseCalendarEditText(text: string): Result<CalendarConfig> {
  const value = jsonOf(text);
  if (!value.ok) return value;
  const document = value.value;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return parseCalendarEdit(document);
  const { version: _version, ...calendar } = document as Record<string, unknown>;
  return parseCalendarEdit(calendar);
}

function jsonOf(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('calendar.invalid', messages.json.vi, messages.json.en);
  }
}
