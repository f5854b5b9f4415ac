/** The working calendar as the desk API shows and changes it: the server's layer, the desk's own layer, and both merged. */
import type { CalendarConfig } from '../calendar/schema';
import { localCalendarEditSchema, type LocalCalendar } from '../calendar/local-layer';

/** `calendar.setLocal` takes the whole local layer (what the Settings form shows), not a patch. */
export const setLocalCalendarInputSchema = localCalendarEditSchema;

export interface CalendarView {
  /** What deadlines are computed with: the server's document with the desk's layer over it. */
  effective: CalendarConfig;
  /** The document the server sent down (or the standard calendar shipped with the app until it does). */
  server: { config: CalendarConfig; source: 'seed' | 'server'; updatedAt: string };
  /** The unit's office hours and days set at this desk; `updatedAt`/`updatedBy` are null until first set. */
  local: LocalCalendar & { updatedAt: string | null; updatedBy: string | null };
}
