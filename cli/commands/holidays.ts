/** `motcua holidays`: a year's days off other than ordinary weekends, as the working calendar sees them. */
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../../shared/calendar/schema';
import type { CliCommand } from '../command';
import { parseOptions } from '../options';
import { asUsageError, loadCalendarOption, refuse } from './due';

export const holidaysCommand: CliCommand = {
  name: 'holidays',
  summary: "print a year's public holidays, compensatory days and declared days off as JSON",
  usage: 'motcua holidays --year YYYY [--calendar FILE]',
  async run(argv, io) {
    const values = parseOptions(argv, {
      year: { type: 'string' },
      calendar: { type: 'string' },
      help: { type: 'boolean' },
    });
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    if (values.year === undefined)
      refuse('cần có --year YYYY, ví dụ --year 2026.', '--year YYYY is required, e.g. --year 2026.');
    const year = /^\d{4}$/.test(values.year) ? Number(values.year) : NaN;
    if (!(year >= FIRST_CALENDAR_YEAR && year <= LAST_CALENDAR_YEAR)) {
      refuse(
        `--year phải là một năm từ ${FIRST_CALENDAR_YEAR} đến ${LAST_CALENDAR_YEAR}, không phải "${values.year}".`,
        `--year must be a year from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}, not "${values.year}".`,
      );
    }
    const calendar = loadCalendarOption(values.calendar);
    try {
      io.out(JSON.stringify(calendar.daysOff(year), null, 2));
    } catch (e) {
      asUsageError(e);
    }
    return 0;
  },
};
