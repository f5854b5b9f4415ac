/**
 * `motcua due`: the appointment the desk would print for a receipt, computed by the shared deadline engine.
 * Also home of `loadCalendarOption`, the `--calendar FILE` reader both calendar commands share.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ProcessingTime } from '../../shared/domain/procedure';
import { AppFailure } from '../../shared/result';
import { dueForReceipt } from '../../shared/calendar/deadline';
import { parseCalendarConfigText } from '../../shared/calendar/schema';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { parseInstant, toVnIso } from '../../shared/calendar/vn-time';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

/**
 * node:util parseArgs with our rules on top: no positionals, no option given twice (parseArgs would silently
 * keep the last one), and its messages turned into one plain line.
 */
export function parseOptions<O extends OptionSpec>(argv: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = e instanceof Error ? e.message : String(e);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`unknown option ${/'([^']+)'/.exec(message)?.[1] ?? message}.`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(`unexpected argument ${/'([^']+)'/.exec(message)?.[1] ?? message}.`);
    }
    throw new UsageError(message.split('. ')[0]!.replace(/\.$/, '') + '.');
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once.`);
    seen.add(token.name);
  }
  return parsed.values;
}

/** The working calendar of `--calendar FILE`, or the standard one. */
export function loadCalendarOption(file: string | undefined): WorkingCalendar {
  if (file === undefined) return WorkingCalendar.standard();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason =
      (e as { code?: string }).code === 'ENOENT' ? 'no such file' : ((e as Error).message ?? 'unreadable');
    throw new UsageError(`cannot read the calendar file ${file}: ${reason}.`);
  }
  const parsed = parseCalendarConfigText(text);
  if (!parsed.ok) throw new UsageError(`the calendar file ${file} is invalid: ${parsed.error.message.en}`);
  return new WorkingCalendar(parsed.value);
}

/** Turns the engine's AppFailure (e.g. a year outside 2000–2099) into a usage error; rethrows anything else. */
export function asUsageError(e: unknown): never {
  if (e instanceof AppFailure) throw new UsageError(e.error.message.en);
  throw e;
}

const POSITIVE_INTEGER = /^[1-9]\d{0,5}$/;

function processingTimeOf(values: { days?: string; hours?: string; 'same-day'?: boolean }): ProcessingTime {
  const given = [values.days !== undefined, values.hours !== undefined, values['same-day'] === true].filter(
    Boolean,
  ).length;
  if (given === 0) throw new UsageError('give the processing time: --days N, --hours N or --same-day.');
  if (given > 1) throw new UsageError('give only one of --days, --hours and --same-day.');
  if (values.days !== undefined) {
    if (!POSITIVE_INTEGER.test(values.days))
      throw new UsageError(
        `--days must be a whole number of working days (1 or more), not "${values.days}".`,
      );
    return { kind: 'days', days: Number(values.days) };
  }
  if (values.hours !== undefined) {
    if (!POSITIVE_INTEGER.test(values.hours))
      throw new UsageError(
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
      throw new UsageError('--received <time> is required, e.g. --received 2026-11-27T09:32:00+07:00.');
    const received = parseInstant(values.received);
    if (!received.ok) throw new UsageError(`--received: ${received.error.message.en}`);
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
