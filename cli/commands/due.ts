/**
 * `motcua due`: the appointment the desk would print for a receipt, computed by the shared deadline engine.
 * Also home of what both calendar commands share: `loadCalendarOption`, the `--calendar FILE` reader, and their
 * refusals, said in Vietnamese, then in English.
 */
import { readFileSync } from 'node:fs';
import type { ProcessingTime } from '../../shared/domain/procedure';
import { AppFailure } from '../../shared/result';
import { dueForReceipt } from '../../shared/calendar/deadline';
import { parseCalendarEditText } from '../../shared/calendar/schema';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { parseInstant, toVnIso } from '../../shared/calendar/vn-time';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { parseOptions } from '../options';
import type { PlainWords } from '../plain-errors';

/** Stops a calendar command with a usage mistake: what is wrong and what to give instead, in each language. */
export function refuse(vi: string, en: string): never {
  throw new UsageError({ vi, en });
}

/** Why a calendar file could not be read, in both languages. */
function unreadable(e: unknown): PlainWords {
  switch ((e as { code?: string }).code) {
    case 'ENOENT':
      return { vi: 'không có tệp này', en: 'no such file' };
    case 'EISDIR':
      return { vi: 'đây là một thư mục', en: 'it is a folder' };
    case 'EACCES':
    case 'EPERM':
      return { vi: 'người dùng này không có quyền đọc', en: 'permission denied' };
    default:
      return { vi: 'không đọc được', en: (e as Error).message ?? 'unreadable' };
  }
}

/** The working calendar of `--calendar FILE`, or the standard one. */
export function loadCalendarOption(file: string | undefined): WorkingCalendar {
  if (file === undefined) return WorkingCalendar.standard();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = unreadable(e);
    refuse(`không đọc được tệp lịch ${file}: ${reason.vi}.`, `cannot read the calendar file ${file}: ${reason.en}.`);
  }
  const parsed = parseCalendarEditText(text);
  if (!parsed.ok) refuse(`tệp lịch ${file} không hợp lệ: ${parsed.error.message.vi}`, `the calendar file ${file} is invalid: ${parsed.error.message.en}`);
  return new WorkingCalendar(parsed.value);
}

/** Turns the engine's AppFailure (e.g. a year outside 2000–2099) into a usage mistake; rethrows anything else. */
export function asUsageError(e: unknown): never {
  if (e instanceof AppFailure) refuse(e.error.message.vi, e.error.message.en);
  throw e;
}

const POSITIVE_INTEGER = /^[1-9]\d{0,5}$/;

function processingTimeOf(values: { days?: string; hours?: string; 'same-day'?: boolean }): ProcessingTime {
  const given = [values.days !== undefined, values.hours !== undefined, values['same-day'] === true].filter(
    Boolean,
  ).length;
  if (given === 0)
    refuse(
      'hãy cho biết thời hạn giải quyết: --days N, --hours N hoặc --same-day.',
      'give the processing time: --days N, --hours N or --same-day.',
    );
  if (given > 1) refuse('chỉ dùng một trong --days, --hours và --same-day.', 'give only one of --days, --hours and --same-day.');
  if (values.days !== undefined) {
    if (!POSITIVE_INTEGER.test(values.days))
      refuse(
        `--days phải là số nguyên ngày làm việc (từ 1 trở lên), không phải "${values.days}".`,
        `--days must be a whole number of working days (1 or more), not "${values.days}".`,
      );
    return { kind: 'days', days: Number(values.days) };
  }
  if (values.hours !== undefined) {
    if (!POSITIVE_INTEGER.test(values.hours))
      refuse(
        `--hours phải là số nguyên giờ làm việc (từ 1 trở lên), không phải "${values.hours}".`,
        `--hours must be a whole number of working hours (1 or more), not "${values.hours}".`,
      );
    return { kind: 'hours', hours: Number(values.hours) };
  }
  return { kind: 'sameDay' };
}

export const dueCommand: CliCommand = {
  name: 'due',
  summary: 'print the due instant of a dossier received at a given time',
  usage:
    'motcua due --received <ISO time with offset> (--days N | --hours N | --same-day) [--friday-no-wait] [--calendar FILE]',
  async run(argv, io) {
    const values = parseOptions(argv, {
      received: { type: 'string' },
      days: { type: 'string' },
      hours: { type: 'string' },
      'same-day': { type: 'boolean' },
      'friday-no-wait': { type: 'boolean' },
      calendar: { type: 'string' },
      help: { type: 'boolean' },
    });
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    if (values.received === undefined)
      refuse(
        'cần có --received <thời điểm>, ví dụ --received 2026-11-27T09:32:00+07:00.',
        '--received <time> is required, e.g. --received 2026-11-27T09:32:00+07:00.',
      );
    const received = parseInstant(values.received);
    if (!received.ok) refuse(`--received: ${received.error.message.vi}`, `--received: ${received.error.message.en}`);
    const processingTime = processingTimeOf(values);
    const calendar = loadCalendarOption(values.calendar);
    try {
      const due = dueForReceipt({
        receivedAt: received.value,
        processingTime,
        fridayNoWait: values['friday-no-wait'] === true,
        calendar,
      });
      io.out(toVnIso(due));
    } catch (e) {
      asUsageError(e);
    }
    return 0;
  },
};
