/**
 * How the desk shows instants: dd/MM/yyyy and 24-hour times in Vietnam time, whatever time zone the PC is set to —
 * a clerk reads the same appointment as the citizen's receipt even on a PC left on UTC. The arithmetic is the
 * calendar engine's (shared/calendar/vn-time); this file only writes it the way Vietnamese forms do.
 */
import { vnDateTimeText, vnParts, type VnParts } from '../../../shared/calendar/vn-time';
import { TYPED_YEARS } from '../../../shared/domain/time';
import type { LocalizedText } from '../../../shared/result';

const pad = (n: number): string => String(n).padStart(2, '0');

function readable(value: Date | string | null | undefined): Date | null {
  if (value == null || value === '') return null;
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

function partsOf(value: Date | string | null | undefined): VnParts | null {
  const date = readable(value);
  return date ? vnParts(date) : null;
}

/** `27/10/2023` */
export function formatVnDate(value: Date | string | null | undefined): string {
  const p = partsOf(value);
  return p ? `${pad(p.day)}/${pad(p.month)}/${p.year}` : '—';
}

/** `09:32` */
export function formatVnTime(value: Date | string | null | undefined): string {
  const p = partsOf(value);
  return p ? `${pad(p.hour)}:${pad(p.minute)}` : '—';
}

/** `09:32 27/10/2023`: time first, as receipts write an appointment ("09 giờ 32 phút, ngày 27/10/2023"). */
export function formatVnDateTime(value: Date | string | null | undefined): string {
  const date = readable(value);
  return date ? vnDateTimeText(date) : '—';
}

/** ISO weekday (1 = Monday) of an instant in Vietnam, or null. */
export function vnWeekday(value: Date | string | null | undefined): number | null {
  return partsOf(value)?.weekday ?? null;
}

/**
 * "dd/MM/yyyy" typed by a clerk → `YYYY-MM-DD`, or null when it is not a real date or its year is outside TYPED_YEARS
 * (a typing slip, said as such rather than as a day missing from the calendar).
 */
export function parseVnDateInput(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < TYPED_YEARS.first || year > TYPED_YEARS.last) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Why a typed date is refused, in both languages; null when it is a real date (or nothing was typed). "31/02/2026"
 * has the right form: telling the clerk to use dd/mm/yyyy would send them looking for a typo.
 */
export function dateInputProblem(text: string): LocalizedText | null {
  const typed = text.trim();
  if (typed === '' || parseVnDateInput(typed) !== null) return null;
  const form = /^\d{1,2}\/\d{1,2}\/(\d{4})$/.exec(typed);
  if (!form) return { vi: 'Ngày phải có dạng dd/mm/yyyy.', en: 'Dates are dd/mm/yyyy.' };
  const year = Number(form[1]);
  if (year < TYPED_YEARS.first || year > TYPED_YEARS.last) {
    const { first, last } = TYPED_YEARS;
    return { vi: `Năm ${form[1]} không hợp lệ: năm phải từ ${first} đến ${last}.`, en: `The year ${form[1]} is not valid: years run from ${first} to ${last}.` };
  }
  return { vi: `Không có ngày ${typed} trong lịch.`, en: `There is no such date as ${typed}.` };
}

/** `YYYY-MM-DD` → `dd/MM/yyyy`. */
export const dateKeyToVn = (key: string): string => (key.length === 10 ? `${key.slice(8, 10)}/${key.slice(5, 7)}/${key.slice(0, 4)}` : key);

/** Whole hours and minutes of a span, for countdowns ("còn 1 giờ 05 phút"). */
export function splitMinutes(totalMinutes: number): { hours: number; minutes: number } {
  const m = Math.max(0, Math.floor(totalMinutes));
  return { hours: Math.floor(m / 60), minutes: m % 60 };
}

export function formatVnd(amount: number, language: 'vi' | 'en'): string {
  const grouped = Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, language === 'vi' ? '.' : ',');
  return language === 'vi' ? `${grouped} đồng` : `${grouped} VND`;
}
