/**
 * The bulk path of the dataset generator: a documented shortcut that produces the rows the desk's own code would.
 * Events are built with the shared payload schemas, deadline engine, dossier codes and hash chain, exactly as the
 * desk commands build them; dossier rows come from `projectDossier` + `dossierRowOf`, exactly what the projector
 * writes. What it skips is the per-event write amplification: the secondary indexes, the search-index triggers
 * and any other triggers on `dossiers` are dropped while loading and recreated from their own saved SQL after, the
 * search index is rebuilt in one pass, and other triggers' tables are refreshed by touching each row once.
 * tests/desk/dataset-generator.test.ts holds it to `rebuildProjections()` and `verify`.
 */
import { v7 as uuidv7 } from 'uuid';
import { eventPayloadSchemas, type DossierEvent, type DossierEventType, type UnhashedDossierEvent } from '../../shared/domain/events';
import { evolve, projectDossier, type DossierState } from '../../shared/domain/lifecycle';
import { nextDossierCode } from '../../shared/domain/dossier-code';
import type { Procedure } from '../../shared/domain/procedure';
import type { Actor } from '../../shared/domain/users';
import { toVnIso, vnDateKey } from '../../shared/calendar/vn-time';
import { dueAfterFeesPaid, dueAfterSupplement, dueForReceipt } from '../../shared/calendar/deadline';
import type { WorkingCalendar } from '../../shared/calendar/working-calendar';
import type { Desk } from '../../electron/desk/desk';
import type { DeskIdentity } from '../../electron/desk/identity/device-identity';
import { eventHash } from '../../electron/desk/events/hash';
import { eventRowValues, INSERT_EVENT_SQL } from '../../electron/desk/events/event-rows';
import { dossierRowOf, type DossierRow } from '../../electron/desk/projections/dossier-row';

type Payload<T extends DossierEventType> = Parameters<(typeof eventPayloadSchemas)[T]['parse']>[0];

/** Builds one dossier's events with the desk's rules, given the times the generator chose. */
export class DossierHistory {
  readonly events: DossierEvent[] = [];
  private state: DossierState | undefined;

  constructor(
    private readonly writer: BulkWriter,
    readonly dossierId: string,
  ) {}

  get current(): DossierState | undefined {
    return this.state;
  }

  add<T extends DossierEventType>(type: T, payload: Payload<T>, at: Date): DossierState {
    const event = this.writer.makeEvent(this.dossierId, type, payload, this.state?.version ?? 0, at);
    this.events.push(event);
    // This desk's events in sequence order: the fold order, so evolving one at a time is projectDossier.
    this.state = evolve(this.state, event);
    return this.state;
  }
}

export class BulkWriter {
  private seq: number;
  private prevHash: string | null;
  private readonly counters = new Map<string, number>();
  private readonly insertEvent;
  private readonly saved: string[] = [];

  constructor(
    private readonly desk: Desk,
    private readonly identity: DeskIdentity,
    private readonly actor: Actor,
    private readonly calendar: WorkingCalendar,
  ) {
    const db = desk.db;
    const last = db.prepare('SELECT device_seq, hash FROM events WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1').get(identity.deviceId) as
      | { device_seq: number; hash: string }
      | undefined;
    this.seq = last?.device_seq ?? 0;
    this.prevHash = last?.hash ?? null;
    this.insertEvent = db.prepare(INSERT_EVENT_SQL);
  }

  /** Drops what makes each write expensive; `finish` puts it back from the saved SQL. */
  begin(): void {
    const db = this.desk.db;
    const objects = db
      .prepare(
        `SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND ((type = 'index' AND tbl_name IN ('dossiers', 'events')) OR (type = 'trigger' AND tbl_name = 'dossiers'))`,
      )
      .all() as { type: string; name: string; sql: string }[];
    for (const o of objects) {
      // Indexes the generator's own lookups need stay.
      if (o.name === 'events_by_dossier') continue;
      this.saved.push(o.sql);
      db.exec(`DROP ${o.type.toUpperCase()} ${o.name}`);
    }
    db.pragma('synchronous = OFF');
  }

  makeEvent<T extends DossierEventType>(dossierId: string, type: T, payload: Payload<T>, baseVersion: number, at: Date): DossierEvent {
    this.seq += 1;
    const unhashed = {
      id: uuidv7({ msecs: at.getTime() }),
      dossierId,
      deviceId: this.identity.deviceId,
      deviceSeq: this.seq,
      type,
      payload: eventPayloadSchemas[type].parse(payload),
      baseVersion,
      actor: this.actor,
      deviceTime: toVnIso(at),
      prevHash: this.prevHash,
    } as UnhashedDossierEvent;
    const event = { ...unhashed, hash: eventHash(unhashed), serverSeq: null, serverTime: null } as DossierEvent;
    this.prevHash = event.hash;
    return event;
  }

  history(at: Date): DossierHistory {
    return new DossierHistory(this, uuidv7({ msecs: at.getTime() }));
  }

  /** The desk's code for a reception at `at`, from its per-day partition. */
  code(at: Date): string {
    const date = vnDateKey(at);
    const key = `${this.identity.unitCode}|${date}|${this.identity.deskNumber}`;
    const next = nextDossierCode(this.identity.unitCode, date, this.identity.deskNumber, this.counters.get(key) ?? null);
    if (!next.ok) throw new Error(next.error.message.en);
    this.counters.set(key, next.value.sequence);
    return next.value.code;
  }

  due(procedure: Procedure, at: Date): string {
    return toVnIso(dueForReceipt({ receivedAt: at, processingTime: procedure.processingTime, fridayNoWait: procedure.fridayNoWait, calendar: this.calendar }));
  }

  dueAfterSupplement(procedure: Procedure, at: Date): string {
    return toVnIso(dueAfterSupplement({ completedAt: at, processingTime: procedure.processingTime, fridayNoWait: procedure.fridayNoWait, calendar: this.calendar }));
  }

  dueAfterFees(state: DossierState, at: Date): string {
    return toVnIso(
      dueAfterFeesPaid({ requestedAt: new Date(state.fees!.requestedAt), paidAt: at, dueAt: new Date(state.dueAt!), calendar: this.calendar }),
    );
  }

  /** Writes a dossier's events and its projection row. */
  write(history: DossierHistory): void {
    for (const e of history.events) this.insertEvent.run(eventRowValues(e, 'pending'));
    const state = history.current!;
    if (state.conflict) throw new Error(`generated an illegal history for ${history.dossierId}`);
    const procedure = state.procedureCode ? this.desk.catalog.find(state.procedureCode) : undefined;
    this.rowStatement().run(dossierRowOf(state, procedure, { pending: history.events.length, quarantined: 0 }));
  }

  private rowStatementCache: ReturnType<Desk['db']['prepare']> | null = null;

  private rowStatement() {
    if (!this.rowStatementCache) {
      const sample = dossierRowOf(projectDossier([this.makeProbe()])!, undefined, { pending: 0, quarantined: 0 });
      const columns = Object.keys(sample) as (keyof DossierRow)[];
      this.rowStatementCache = this.desk.db.prepare(`INSERT INTO dossiers (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    }
    return this.rowStatementCache;
  }

  /** A throwaway event, only to learn the row's column names from dossierRowOf. */
  private makeProbe(): DossierEvent {
    return {
      id: uuidv7(),
      dossierId: uuidv7(),
      deviceId: 'probe',
      deviceSeq: 1,
      type: 'dossier.withdrawn',
      payload: { reason: 'probe' },
      baseVersion: 0,
      actor: this.actor,
      deviceTime: '2026-01-01T00:00:00+07:00',
      prevHash: null,
      hash: '0'.repeat(64),
    } as DossierEvent;
  }

  /** Code counters, then the dropped indexes and triggers from their own SQL, the search index, other triggers' tables. */
  finish(): void {
    const db = this.desk.db;
    const save = db.prepare(
      `INSERT INTO dossier_code_counters (unit_code, receipt_date, desk_number, last_sequence) VALUES (?, ?, ?, ?)
       ON CONFLICT (unit_code, receipt_date, desk_number) DO UPDATE SET last_sequence = excluded.last_sequence`,
    );
    db.transaction(() => {
      for (const [key, last] of this.counters) {
        const [unit, date, desk] = key.split('|');
        save.run(unit, date, Number(desk), last);
      }
    })();
    const indexes = this.saved.filter((sql) => /^CREATE (UNIQUE )?INDEX/i.test(sql));
    const triggers = this.saved.filter((sql) => /^CREATE TRIGGER/i.test(sql));
    for (const sql of indexes) db.exec(sql);
    db.exec("INSERT INTO dossier_search (dossier_search) VALUES ('rebuild')");
    for (const sql of triggers) db.exec(sql);
    // Tables other modules keep from dossiers by "AFTER UPDATE OF status" triggers: touch every row once.
    if (triggers.some((sql) => !/dossier_search/.test(sql))) db.exec('UPDATE dossiers SET status = status');
    db.pragma('synchronous = FULL');
  }
}
