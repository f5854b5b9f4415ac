/**
 * The deadline engine (DESIGN.md §3). A processing time is an amount of office time: N working days are
 * N × the standard office day (8 h by default), counted from the moment of receipt through office hours only,
 * so 5 working days from Friday 09:32 end the next Friday at 09:32. Due is the instant that time runs out; when
 * it runs out exactly at a session's end, due is that end (17:00), not the next opening.
 *
 * Due instants are computed once, when the event is made, and stored in the event: a later change of the
 * calendar never moves an appointment already printed on a receipt.
 */
import type { ProcessingTime } from '../domain/procedure';
import type { Result } from '../result';
import { fail, ok } from '../result';
import { isoWeekdayOf } from './civil-date';
import type { WorkingCalendar } from './working-calendar';
import { MS_PER_MINUTE, vnEpochDay, vnTimeOfDayMs } from './vn-time';

const FRIDAY = 5;

/** The instant `minutes` of office time after `from` (from the next opening when `from` is outside hours). */
export function addWorkingMinutes(calendar: WorkingCalendar, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`addWorkingMinutes: minutes must be a finite number ≥ 0, got ${minutes}`);
  }
  const t = from.getTime();
  if (minutes === 0) return new Date(t);
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  for (let day = vnEpochDay(from); ; day++) {
    for (const interval of calendar.openIntervals(day)) {
      if (interval.end <= t) continue;
      const start = Math.max(interval.start, t);
      const available = interval.end - start;
      // `<=`: time that runs out exactly at a session's end is due at that end, not at the next opening.
      if (remaining <= available) return new Date(start + remaining);
      remaining -= available;
    }
  }
}

/** Office minutes between two instants (negative when `to` is before `from`). */
export function workingMinutesBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -workingMinutesBetween(calendar, to, from);
  let total = 0;
  const lastDay = vnEpochDay(to);
  for (let day = vnEpochDay(from); day <= lastDay; day++) {
    for (const interval of calendar.openIntervals(day)) {
      const start = Math.max(interval.start, a);
      const end = Math.min(interval.end, b);
      if (end > start) total += end - start;
    }
  }
  return total / MS_PER_MINUTE;
}

/**
 * Same-day procedures: received on a working day strictly before the cut-off (15:00) → closing time that day;
 * at or after the cut-off, or on a day off → closing time of the next working day.
 */
export function sameDayDue(calendar: WorkingCalendar, receivedAt: Date): Date {
  const day = vnEpochDay(receivedAt);
  const beforeCutoff = vnTimeOfDayMs(receivedAt) < calendar.officeHours.sameDayCutoff * MS_PER_MINUTE;
  // Never before the receipt: a cut-off stored later than closing (a calendar edited before the edit refused it).
  const closing = calendar.closingOf(day);
  if (beforeCutoff && calendar.isWorkingEpochDay(day) && closing.getTime() > receivedAt.getTime()) return closing;
  return calendar.closingOf(calendar.nextWorkingEpochDay(day));
}

/**
 * Friday without waiting (Thứ Sáu không chờ), for listed procedures only: received on a working Friday strictly
 * before 15:30 → closing time that Friday; at 15:30:00 or later → 09:00 the next working day. Undefined when the
 * receipt is not on a working Friday (the ordinary rule applies).
 */
export function fridayNoWaitDue(calendar: WorkingCalendar, receivedAt: Date): Date | undefined {
  const day = vnEpochDay(receivedAt);
  if (isoWeekdayOf(day) !== FRIDAY || !calendar.isWorkingEpochDay(day)) return undefined;
  const { fridayNoWaitCutoff, fridayNoWaitNextDue } = calendar.officeHours;
  const closing = calendar.closingOf(day);
  if (vnTimeOfDayMs(receivedAt) < fridayNoWaitCutoff * MS_PER_MINUTE && closing.getTime() > receivedAt.getTime()) return closing;
  return calendar.atMinutes(calendar.nextWorkingEpochDay(day), fridayNoWaitNextDue);
}

/** The due instant of a processing time counted from `from`, by the ordinary rules. */
export function dueAfter(calendar: WorkingCalendar, from: Date, processingTime: ProcessingTime): Date {
  switch (processingTime.kind) {
    case 'days':
      return addWorkingMinutes(calendar, from, processingTime.days * calendar.standardDayMinutes);
    case 'hours':
      return addWorkingMinutes(calendar, from, processingTime.hours * 60);
    case 'sameDay':
      return sameDayDue(calendar, from);
  }
}

export interface ReceiptTiming {
  receivedAt: Date;
  processingTime: ProcessingTime;
  /** The procedure is in the Friday-without-waiting list. */
  fridayNoWait: boolean;
  calendar: WorkingCalendar;
}

/**
 * The appointment printed on the receipt. For a procedure in the Friday-without-waiting list received on a
 * working Friday, the Friday rule of DESIGN.md §3 (before 15:30 → closing time that day, otherwise 09:00 the next
 * working day) shortens the wait, and never lengthens it: a procedure of a few hours received on Friday morning is
 * due when its own time runs out (14:00 for 4 hours from 08:00), not at 17:00, three hours past the time the law
 * gives it (QA). Both are printed and judged the same way, so the earlier of the two is the appointment.
 */
export function dueForReceipt({ receivedAt, processingTime, fridayNoWait, calendar }: ReceiptTiming): Date {
  const ordinary = dueAfter(calendar, receivedAt, processingTime);
  const friday = fridayNoWait ? fridayNoWaitDue(calendar, receivedAt) : undefined;
  return friday && friday.getTime() < ordinary.getTime() ? friday : ordinary;
}

/**
 * Supplement requested in time, then completed: the clock restarts from zero at completion, as if the complete
 * dossier had been received then (so a Friday completion of a listed procedure gets the Friday rule). A dossier
 * already late when the supplement was requested restarts nothing: it stays due when it was (not computed here:
 * shared/domain/lifecycle.ts pausedLate; the fold keeps its due whatever the completion's event says).
 */
export function dueAfterSupplement(args: {
  completedAt: Date;
  processingTime: ProcessingTime;
  fridayNoWait: boolean;
  calendar: WorkingCalendar;
}): Date {
  return dueForReceipt({ ...args, receivedAt: args.completedAt });
}

/** The office time from `at` to `dueAt`, in whole milliseconds, none when `at` is past it: kept when a clock stops. */
export function workingMsLeft(calendar: WorkingCalendar, at: Date, dueAt: Date): number {
  return Math.max(0, Math.round(workingMinutesBetween(calendar, at, dueAt) * MS_PER_MINUTE));
}

/**
 * Fees requested, then paid: the clock was paused, and the office time that was left when it stopped is carried
 * over from the payment. `msLeft` is that time as measured when the fees were requested (the request's event keeps
 * it); without it (a request recorded before it was kept), it is measured now, by today's calendar. A dossier already
 * late when the fees were requested stays due when it was.
 */
export function dueAfterFeesPaid(args: {
  requestedAt: Date;
  paidAt: Date;
  dueAt: Date;
  calendar: WorkingCalendar;
  msLeft?: number | undefined;
}): Date {
  const remaining = args.msLeft ?? workingMsLeft(args.calendar, args.requestedAt, args.dueAt);
  if (remaining <= 0) return new Date(args.dueAt.getTime());
  return addWorkingMinutes(args.calendar, args.paidAt, remaining / MS_PER_MINUTE);
}

/** How far a re-appointment may reach: a year. */
const REAPPOINTMENT_HORIZON_MS = 366 * 86_400_000;

/**
 * Whether a re-appointment (form 04) may set `newDueAt`: only once per dossier, only later than the current
 * due, at most a year after the current due or today (whichever is later), and only at a time the office is open or
 * at a session's end, so the citizen is not sent to a closed door.
 */
export function checkReappointment(args: {
  currentDueAt: Date;
  newDueAt: Date;
  alreadyReappointed: boolean;
  calendar: WorkingCalendar;
  /** The desk's clock: the furthest appointment is counted from it for a dossier already late. */
  now: Date;
}): Result<Date> {
  const { currentDueAt, newDueAt, alreadyReappointed, calendar, now } = args;
  if (alreadyReappointed) {
    return fail(
      'reappointment.once',
      'Hồ sơ này đã được hẹn lại một lần; không được hẹn lại lần nữa.',
      'This dossier has already been re-appointed once; it cannot be re-appointed again.',
    );
  }
  if (newDueAt.getTime() <= currentDueAt.getTime()) {
    return fail(
      'reappointment.not_later',
      'Ngày hẹn mới phải sau ngày hẹn hiện tại.',
      'The new appointment must be later than the current one.',
    );
  }
  // A re-appointment is allowed once and cannot be corrected, so a year typed wrong (2062 for 2026) would be printed
  // on the apology letter and stay: nothing beyond a year is a date anyone meant.
  if (newDueAt.getTime() > Math.max(currentDueAt.getTime(), now.getTime()) + REAPPOINTMENT_HORIZON_MS) {
    return fail(
      'reappointment.too_far',
      'Ngày hẹn mới cách ngày hẹn hiện tại (hoặc hôm nay) hơn một năm. Hãy kiểm tra lại năm đã nhập.',
      'The new appointment is more than a year after the current one (or today). Check the year typed.',
    );
  }
  if (!calendar.isOpenAt(newDueAt) && !calendar.isSessionEnd(newDueAt)) {
    return fail(
      'reappointment.closed',
      'Ngày giờ hẹn mới rơi vào lúc cơ quan không làm việc; hãy chọn trong giờ hành chính của ngày làm việc.',
      'The new appointment falls when the office is closed; choose a time within office hours on a working day.',
    );
  }
  return ok(newDueAt);
}
