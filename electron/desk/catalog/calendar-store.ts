/**
 * The working calendar's configuration (office hours, per-year holiday overrides) as the desk holds it: the
 * standard calendar until the server sends its version. The built calendar is cached; it caches years itself.
 */
import { WorkingCalendar } from '../../../shared/calendar/working-calendar';
import { calendarConfigSchema, type CalendarConfig } from '../../../shared/calendar/schema';
import type { Db } from '../db/open-database';
import type { Clock } from '../clock';

export class CalendarStore {
  private calendar: WorkingCalendar | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  isConfigured(): boolean {
    return this.db.prepare('SELECT 1 FROM calendar_config').get() !== undefined;
  }

  config(): CalendarConfig {
    const row = this.db.prepare<[], { data: string }>('SELECT data FROM calendar_config').get();
    return row ? calendarConfigSchema.parse(JSON.parse(row.data)) : {};
  }

  /** Stores a calendar version (from the server; or the empty standard one on first open). */
  set(config: CalendarConfig, source: 'seed' | 'server'): void {
    const parsed = calendarConfigSchema.parse(config);
    this.db
      .prepare(
        `INSERT INTO calendar_config (singleton, data, source, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (singleton) DO UPDATE SET data = excluded.data, source = excluded.source, updated_at = excluded.updated_at`,
      )
      .run(JSON.stringify(parsed), source, this.clock.iso());
    this.calendar = null;
  }

  working(): WorkingCalendar {
    this.calendar ??= new WorkingCalendar(this.config());
    return this.calendar;
  }
}
