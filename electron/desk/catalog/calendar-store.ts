/**
 * The working calendar as the desk holds it, in two layers: the server's document (`calendar_config`: the standard
 * calendar until the server sends its version) and the desk's own layer (`calendar_local`: the unit's office hours
 * and its own days, set by an administrator at the desk). A new server document replaces only the first; deadlines
 * are computed with both merged (shared/calendar/local-layer.ts). The built calendar is cached until either changes.
 */
import { WorkingCalendar } from '../../../shared/calendar/working-calendar';
import { calendarConfigSchema, type CalendarConfig } from '../../../shared/calendar/schema';
import {
  emptyLocalCalendar,
  localCalendarEditSchema,
  localCalendarSchema,
  mergeCalendarLayers,
  type LocalCalendar,
} from '../../../shared/calendar/local-layer';
import type { CalendarView } from '../../../shared/api/desk-calendar';
import type { Db } from '../db/open-database';
import type { Clock } from '../clock';

export type CalendarSource = 'seed' | 'server' | 'local';

interface LocalRow {
  data: string;
  updated_at: string;
  updated_by_name: string;
}

export class CalendarStore {
  private calendar: WorkingCalendar | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Told after either layer changed, so an open reception screen recomputes its appointment. */
    private readonly onChange: (source: CalendarSource) => void = () => undefined,
  ) {}

  isConfigured(): boolean {
    return this.db.prepare('SELECT 1 FROM calendar_config').get() !== undefined;
  }

  /** The server's layer as stored. */
  serverConfig(): CalendarConfig {
    const row = this.db.prepare<[], { data: string }>('SELECT data FROM calendar_config').get();
    return row ? calendarConfigSchema.parse(JSON.parse(row.data)) : {};
  }

  /** The desk's layer; empty until an administrator sets it. */
  local(): LocalCalendar {
    const row = this.localRow();
    if (!row) return emptyLocalCalendar();
    const parsed = localCalendarSchema.safeParse(JSON.parse(row.data));
    // A layer written by a later version that no longer validates is ignored rather than stopping receptions.
    return parsed.success ? parsed.data : emptyLocalCalendar();
  }

  private localRow(): LocalRow | undefined {
    return this.db.prepare<[], LocalRow>('SELECT data, updated_at, updated_by_name FROM calendar_local').get();
  }

  /** What deadlines are computed with: the server's document with the desk's layer over it. */
  config(): CalendarConfig {
    return mergeCalendarLayers(this.serverConfig(), this.local());
  }

  /** Stores the server's layer (from the server; or the empty standard one on first open). The desk's layer stays. */
  set(config: CalendarConfig, source: 'seed' | 'server'): void {
    const parsed = calendarConfigSchema.parse(config);
    this.db
      .prepare(
        `INSERT INTO calendar_config (singleton, data, source, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (singleton) DO UPDATE SET data = excluded.data, source = excluded.source, updated_at = excluded.updated_at`,
      )
      .run(JSON.stringify(parsed), source, this.clock.iso());
    this.changed(source);
  }

  /** Replaces the desk's layer (already validated by the API's schema; validated again so no caller can skip it). */
  setLocal(layer: LocalCalendar, by: { id: string; displayName: string }): void {
    const parsed = localCalendarEditSchema.parse(layer);
    this.db
      .prepare(
        `INSERT INTO calendar_local (singleton, data, updated_at, updated_by_id, updated_by_name) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (singleton) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at,
           updated_by_id = excluded.updated_by_id, updated_by_name = excluded.updated_by_name`,
      )
      .run(JSON.stringify(parsed), this.clock.iso(), by.id, by.displayName);
    this.changed('local');
  }

  view(): CalendarView {
    const server = this.db
      .prepare<[], { data: string; source: 'seed' | 'server'; updated_at: string }>('SELECT data, source, updated_at FROM calendar_config')
      .get();
    const serverConfig = server ? calendarConfigSchema.parse(JSON.parse(server.data)) : {};
    const local = this.local();
    const row = this.localRow();
    return {
      effective: mergeCalendarLayers(serverConfig, local),
      server: { config: serverConfig, source: server?.source ?? 'seed', updatedAt: server?.updated_at ?? this.clock.iso() },
      local: { ...local, updatedAt: row?.updated_at ?? null, updatedBy: row?.updated_by_name ?? null },
    };
  }

  working(): WorkingCalendar {
    this.calendar ??= new WorkingCalendar(this.config());
    return this.calendar;
  }

  private changed(source: CalendarSource): void {
    this.calendar = null;
    this.onChange(source);
  }
}
