/**
 * Vietnam time. Vietnam has kept UTC+7 without daylight saving since 1975, so every conversion here is a fixed
 * shift of seven hours applied to UTC fields; the machine's own time zone is never consulted (no getHours, no
 * toLocaleString), which is what makes a desk in any TZ print the same appointment.
 */
import type { Result } from '../result';
import { fail, ok } from '../result';
import { epochDayOf, formatDateKey, isoWeekdayOf, isRealCivilDate } from './civil-date';

export const VN_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VN_OFFSET_MINUTES * 60_000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

export interface VnParts {
  year: number;
  month: number;
  day: number;
  /** ISO weekday: Monday = 1 … Sunday = 7. */
  weekday: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes since 00:00 Vietnam time, 0–1439. */
  minutesOfDay: number;
}

/** Milliseconds since 1970-01-01T00:00 on a Vietnam wall clock: day and time-of-day fall out by division. */
export const vnWallMs = (instant: Date): number => instant.getTime() + OFFSET_MS;

/** The Vietnam calendar day of an instant, as days since 1970-01-01. */
export const vnEpochDay = (instant: Date): number => Math.floor(vnWallMs(instant) / MS_PER_DAY);

/** Milliseconds since 00:00 Vietnam time on the instant's day. */
export const vnTimeOfDayMs = (instant: Date): number => {
  const wall = vnWallMs(instant);
  return wall - Math.floor(wall / MS_PER_DAY) * MS_PER_DAY;
};

/** The instant at which the Vietnam calendar day `epochDay` begins (00:00 +07:00). */
export const vnDayStart = (epochDay: number): Date => new Date(epochDay * MS_PER_DAY - OFFSET_MS);

/**
 * `09:32 27/11/2026`: an instant as the clerk's screens and messages write it, Vietnam time, time first (as receipts
 * write an appointment); the same whatever time zone the PC is set to.
 */
export function vnDateTimeText(instant: Date): string {
  const p = vnParts(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(p.hour)}:${pad(p.minute)} ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

export function vnParts(instant: Date): VnParts {
  const shifted = new Date(vnWallMs(instant));
  const hour = shifted.getUTCHours();
  const minute = shifted.getUTCMinutes();
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: isoWeekdayOf(vnEpochDay(instant)),
    hour,
    minute,
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    minutesOfDay: hour * 60 + minute,
  };
}

/** The instant shown as `year-month-day hour:minute` on a clock in Vietnam. */
export function fromVnLocal(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - OFFSET_MS);
}

/** `YYYY-MM-DD` of the instant's day in Vietnam. */
export const vnDateKey = (instant: Date): string => formatDateKey(vnEpochDay(instant));

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-11-27T09:32:00+07:00`; milliseconds are written only when there are some. */
export function toVnIso(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('toVnIso: invalid Date');
  const p = vnParts(instant);
  const ms = p.millisecond ? `.${pad(p.millisecond, 3)}` : '';
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${ms}+07:00`;
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;
const HAS_TIME_NO_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Reads an ISO 8601 instant that states its offset (`+07:00`, `-05:00` or `Z`). A time without an offset is
 * refused rather than guessed: read on a PC set to another zone it would silently shift every deadline.
 */
export function parseInstant(text: string): Result<Date> {
  const trimmed = text.trim();
  const m = ISO_INSTANT.exec(trimmed);
  if (!m) {
    if (HAS_TIME_NO_OFFSET.test(trimmed)) {
      return fail(
        'instant.no_offset',
        `Thời điểm "${trimmed}" thiếu múi giờ; hãy ghi rõ, ví dụ 2026-11-27T09:32:00+07:00.`,
        `The time "${trimmed}" has no UTC offset; write it with one, e.g. 2026-11-27T09:32:00+07:00.`,
      );
    }
    return fail(
      'instant.format',
      `"${trimmed}" không phải thời điểm hợp lệ; hãy viết dạng 2026-11-27T09:32:00+07:00.`,
      `"${trimmed}" is not a valid time; write it like 2026-11-27T09:32:00+07:00.`,
    );
  }
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] ? Number(m[6]) : 0;
  const millisecond = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const zone = m[8]!;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    if (oh > 14 || om > 59)
      return fail(
        'instant.format',
        `Múi giờ "${zone}" không hợp lệ.`,
        `The UTC offset "${zone}" is not valid.`,
      );
    offsetMinutes = sign * (oh * 60 + om);
  }
  if (!isRealCivilDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return fail(
      'instant.format',
      `"${trimmed}" không phải ngày giờ có thật.`,
      `"${trimmed}" is not a real date and time.`,
    );
  }
  const wallMs =
    epochDayOf(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
  return ok(new Date(wallMs - offsetMinutes * MS_PER_MINUTE));
}
