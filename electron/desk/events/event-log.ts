/**
 * The event log, the desk's source of truth. This device's events get a gap-free sequence and a hash chained to
 * its previous event; events of other devices arrive through sync already hashed and numbered by the server.
 * Callers wrap an append and its projection update in one transaction (see dossiers/commit.ts).
 */
import { v7 as uuidv7 } from 'uuid';
import { appFailure } from '../../../shared/result';
import {
  eventPayloadSchemas,
  type DossierEvent,
  type DossierEventType,
  type EventPayload,
  type UnhashedDossierEvent,
} from '../../../shared/domain/events';
import type { Actor } from '../../../shared/domain/users';
import type { Db } from '../db/open-database';
import { eventHash } from './hash';
import { eventFromRow, eventRowValues, INSERT_EVENT_SQL, type EventRow, type EventRowValues, type StoredEvent } from './event-rows';

export interface EventDraft<T extends DossierEventType = DossierEventType> {
  dossierId: string;
  type: T;
  payload: EventPayload<T>;
  baseVersion: number;
  actor: Actor;
}

/** The order every replica folds a dossier's events in: server order once known, then this device's unsent ones. */
const FOLD_ORDER = 'ORDER BY (server_seq IS NULL), server_seq, device_id, device_seq';

/**
 * `column = ?` for the statements every command runs. SQLite (built with STAT4, and `PRAGMA optimize` fills
 * sqlite_stat4) re-plans a statement whose equality on an indexed column it could estimate from the samples each
 * time a new value is bound: a full re-prepare per reception (two of them cost about 0.1 ms, and more once the
 * parser's code is out of the CPU's caches). `likelihood()` gives the estimate itself, so the samples are not
 * read and the plan stays prepared; these statements have one usable index, so the plan is the same either way.
 */
const eq = (column: string, probability: number): string => `likelihood(${column} = ?, ${probability})`;

export class EventLog {
  private readonly lastOfDevice;
  private readonly insert;
  private readonly byDossier;
  private readonly byDossierAll;
  private readonly byId;

  constructor(private readonly db: Db) {
    this.lastOfDevice = db.prepare<[string], { device_seq: number; hash: string }>(
      `SELECT device_seq, hash FROM events WHERE ${eq('device_id', 0.9)} ORDER BY device_seq DESC LIMIT 1`,
    );
    this.insert = db.prepare<[EventRowValues]>(INSERT_EVENT_SQL);
    this.byDossier = db.prepare<[string], EventRow>(
      `SELECT * FROM events WHERE ${eq('dossier_id', 0.000001)} AND sync_state != 'quarantined' ${FOLD_ORDER}`,
    );
    this.byDossierAll = db.prepare<[string], EventRow>(`SELECT * FROM events WHERE ${eq('dossier_id', 0.000001)} ${FOLD_ORDER}`);
    this.byId = db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?');
  }

  /** Appends one of this device's events. Runs inside the caller's transaction so the sequence stays gap-free. */
  appendLocal<T extends DossierEventType>(draft: EventDraft<T>, deviceId: string, deviceTime: string): DossierEvent {
    if (!this.db.inTransaction) throw new Error('appendLocal must run inside a transaction');
    const parsed = eventPayloadSchemas[draft.type].safeParse(draft.payload);
    if (!parsed.success) {
      // Services build payloads from validated input, so this is a bug, not a clerk's mistake.
      throw appFailure('internal', 'Lỗi nội bộ: sự kiện không hợp lệ.', `Internal error: invalid ${draft.type} payload.`, {
        details: parsed.error.issues.map((i) => i.path.join('.')),
      });
    }
    const last = this.lastOfDevice.get(deviceId);
    const unhashed = {
      id: uuidv7(),
      dossierId: draft.dossierId,
      deviceId,
      deviceSeq: (last?.device_seq ?? 0) + 1,
      type: draft.type,
      payload: parsed.data,
      baseVersion: draft.baseVersion,
      actor: { userId: draft.actor.userId, name: draft.actor.name, role: draft.actor.role },
      deviceTime,
      prevHash: last?.hash ?? null,
    } as UnhashedDossierEvent;
    const event = { ...unhashed, hash: eventHash(unhashed), serverSeq: null, serverTime: null } as DossierEvent;
    this.insert.run(eventRowValues(event, 'pending'));
    return event;
  }

  /**
   * Stores an event of another device (or this device's own, pulled back after a restore) as received from the
   * server. Returns false when the event is already here. The caller refolds the dossier's row in the same
   * transaction (`Projector.refresh`): the row's triggers are what mark its report facts stale (desk migration
   * 008). The sync client writes pages through sync/apply-page.ts; tests use this one.
   */
  insertFromServer(event: DossierEvent): boolean {
    if (eventHash(event) !== event.hash) {
      throw appFailure('event_hash_mismatch', 'Sự kiện nhận được bị sai mã băm.', `Event ${event.id} does not match its hash.`);
    }
    const existing = this.byId.get(event.id);
    if (existing) {
      if (event.serverSeq != null && existing.server_seq == null) this.markAccepted(event.id, event.serverSeq, event.serverTime ?? null);
      return false;
    }
    this.insert.run(eventRowValues(event, 'synced'));
    return true;
  }

  /** The dossier's events in fold order. Quarantined events are kept (and shown) but are not part of the state. */
  forDossier(dossierId: string, options: { includeQuarantined?: boolean } = {}): StoredEvent[] {
    return (options.includeQuarantined ? this.byDossierAll : this.byDossier).all(dossierId).map(eventFromRow);
  }

  get(id: string): StoredEvent | undefined {
    const row = this.byId.get(id);
    return row ? eventFromRow(row) : undefined;
  }

  /** This device's unsent events in sequence order: the outbox the sync client pushes. */
  outbox(deviceId: string, limit = 500): StoredEvent[] {
    return this.db
      .prepare<[string, number], EventRow>(
        "SELECT * FROM events WHERE device_id = ? AND sync_state = 'pending' ORDER BY device_seq LIMIT ?",
      )
      .all(deviceId, limit)
      .map(eventFromRow);
  }

  /** Dossiers with a change the server refused, as the sync page heads and lists them (one may have several). */
  refusedDossierCount(): number {
    return this.db
      .prepare<[], { n: number }>("SELECT count(DISTINCT dossier_id) AS n FROM events WHERE sync_state = 'quarantined'")
      .get()!.n;
  }

  /**
   * Dossiers with a refused change and no row (a refused reception leaves none: the fold takes no quarantined event),
   * the most recently changed first.
   */
  refusedDossiersWithoutRow(limit: number): string[] {
    return this.db
      .prepare<[number], string>(
        `SELECT dossier_id FROM events WHERE sync_state = 'quarantined'
           AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = events.dossier_id)
         GROUP BY dossier_id ORDER BY max(device_time) DESC LIMIT ?`,
      )
      .pluck()
      .all(limit);
  }

  pendingCount(deviceId: string): number {
    return this.db
      .prepare<[string], { n: number }>("SELECT count(*) AS n FROM events WHERE device_id = ? AND sync_state = 'pending'")
      .get(deviceId)!.n;
  }

  markAccepted(id: string, serverSeq: number, serverTime: string | null): void {
    this.db
      .prepare("UPDATE events SET sync_state = 'synced', sync_reason = NULL, server_seq = ?, server_time = ? WHERE id = ?")
      .run(serverSeq, serverTime, id);
  }

  markQuarantined(id: string, reason: string): void {
    this.db.prepare("UPDATE events SET sync_state = 'quarantined', sync_reason = ? WHERE id = ?").run(reason, id);
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
  }
}
