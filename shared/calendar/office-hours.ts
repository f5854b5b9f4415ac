/**
 * The office day in minutes since 00:00 Vietnam time, and the hours an office keeps when its calendar says nothing
 * of them. Apart from working-calendar.ts so that the calendar's schema can check an edit against them too.
 */
/** A session of the office day, in minutes since 00:00 Vietnam time. */
export interface SessionMinutes {
  start: number;
  end: number;
}

export interface OfficeHours {
  /** ISO weekdays (1 = Monday … 7 = Sunday) the office ordinarily opens on. */
  weekdays: readonly number[];
  sessions: readonly SessionMinutes[];
  sameDayCutoff: number;
  fridayNoWaitCutoff: number;
  fridayNoWaitNextDue: number;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({
  weekdays: Object.freeze([1, 2, 3, 4, 5]),
  sessions: Object.freeze([
    { start: 7 * 60, end: 11 * 60 + 30 },
    { start: 13 * 60 + 30, end: 17 * 60 },
  ]),
  sameDayCutoff: 15 * 60,
  fridayNoWaitCutoff: 15 * 60 + 30,
  fridayNoWaitNextDue: 9 * 60,
});
