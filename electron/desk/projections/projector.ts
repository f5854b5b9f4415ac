/**
 * Keeps the `dossiers` table equal to the fold of the event log; the search index follows it while the desk is
 * idle (migration 011, search-index-upkeep.ts).
 * `refresh` refolds a dossier from all its events (used after sync and by the rebuild); `applyLocal` folds one
 * new local event onto the state before it, which is the same thing because a local unsent event is always last
 * in the fold order. The rebuild-equality test holds the two to the same rows.
 */
import { evolve, projectDossier, type DossierState } from '../../../shared/domain/lifecycle';
import type { DossierEvent } from '../../../shared/domain/events';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import type { EventLog } from '../events/event-log';
import type { StoredEvent } from '../events/event-rows';
import type { ProcedureCatalog } from '../catalog/procedure-catalog';
import { dossierRowOf, type DossierRow } from './dossier-row';
import { SearchIndexUpkeep } from './search-index-upkeep';
import { emptySearchIndex, indexNewRows } from '../db/search-index-mark';

export interface StoredProjection {
  state: DossierState;
  pending: number;
  quarantined: number;
  /** Missing while the dossier waits for its refold after a pull. */
  row: DossierRow | undefined;
}

/** Quarantined events are kept (and counted) but are not part of the state. */
const inFold = (e: StoredEvent): boolean => e.syncState !== 'quarantined';

function syncCountsOf(events: readonly StoredEvent[]): { pending: number; quarantined: number } {
  let pending = 0;
  let quarantined = 0;
  for (const e of events) {
    if (e.syncState === 'pending') pending += 1;
    else if (e.syncState === 'quarantined') quarantined += 1;
  }
  return { pending, quarantined };
}

const COLUMNS: (keyof DossierRow)[] = [
  'id', 'code', 'status', 'version', 'unit_code', 'desk_number', 'procedure_code', 'procedure_name', 'field', 'agency',
  'channel', 'applicant_kind', 'applicant_name', 'applicant_id_number', 'applicant_phone', 'received_at', 'received_ms',
  'due_at', 'due_ms', 'resolved_at', 'returned_at', 'friday_no_wait', 'reappointed', 'in_conflict', 'pending_events',
  'quarantined_events', 'last_event_at', 'search_text', 'state',
];

export class Projector {
  private readonly insert;
  private readonly rowOf;
  private readonly rowExists;
  private readonly deleteRow;
  /** UPDATE statements by the set of columns they change: an event changes a few columns, so only their indexes move. */
  private readonly updates = new Map<string, Statement<DossierRow>>();
  /** Brings the search index up to the rows while the desk is idle; every row written here restarts its wait. */
  readonly searchIndex: SearchIndexUpkeep;

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
    private readonly catalog: ProcedureCatalog,
    /** Told after every row written or removed (the report facts' upkeep waits for the desk to be quiet). */
    private readonly rowWritten: () => void = () => undefined,
  ) {
    this.insert = db.prepare<DossierRow>(`INSERT INTO dossiers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
    this.rowOf = db.prepare<[string], DossierRow>(`SELECT ${COLUMNS.join(', ')} FROM dossiers WHERE id = ?`);
    this.rowExists = db.prepare<[string], number>('SELECT 1 FROM dossiers WHERE id = ?').pluck();
    this.deleteRow = db.prepare('DELETE FROM dossiers WHERE id = ?');
    this.searchIndex = new SearchIndexUpkeep(db);
  }

  /** Refolds one dossier from its events. Call inside the transaction that changed its events. */
  refresh(dossierId: string): DossierState | undefined {
    return this.refreshWith(dossierId, this.events.forDossier(dossierId, { includeQuarantined: true }));
  }

  /**
   * `refresh` with the dossier's events — quarantined ones included, in any order — already read (the bulk path,
   * projections/refold-queue.ts, reads many dossiers' events in one query).
   */
  refreshWith(dossierId: string, events: readonly StoredEvent[]): DossierState | undefined {
    const state = projectDossier(events.filter(inFold));
    if (!state) {
      this.deleteRow.run(dossierId);
      this.searchIndex.noteWrite();
      this.rowWritten();
      return undefined;
    }
    this.write(state, syncCountsOf(events), this.rowOf.get(dossierId));
    return state;
  }

  /** Whether the dossier has a row yet (a pulled one waits for its refold without one). */
  hasRow(dossierId: string): boolean {
    return this.rowExists.get(dossierId) !== undefined;
  }

  /**
   * Writes the new row of a dossier that a pull folded in memory (projections/pulled-folds.ts): all its events are
   * synced, and it has no row yet (see hasRow), so this is the row `refresh` would write.
   */
  writePulled(state: DossierState): void {
    this.write(state, { pending: 0, quarantined: 0 }, undefined);
  }

  /** The same, with the row already built from the state (in the page worker: sync/page-folds.ts). */
  writePulledRow(row: DossierRow): void {
    this.searchIndex.noteWrite();
    this.rowWritten();
    this.insert.run(row);
  }

  /** Folds this device's event just appended onto the dossier's stored state. Call in the append's transaction. */
  applyLocal(before: StoredProjection | undefined, event: DossierEvent): DossierRow {
    const state = evolve(before?.state, event);
    return this.write(state, { pending: (before?.pending ?? 0) + 1, quarantined: before?.quarantined ?? 0 }, before?.row);
  }

  private write(state: DossierState, counts: { pending: number; quarantined: number }, previous: DossierRow | undefined): DossierRow {
    const procedure = state.procedureCode ? this.catalog.find(state.procedureCode) : undefined;
    const row = dossierRowOf(state, procedure, counts);
    this.searchIndex.noteWrite();
    this.rowWritten();
    if (!previous) {
      this.insert.run(row);
      return row;
    }
    const changed = COLUMNS.filter((c) => c !== 'id' && row[c] !== previous[c]);
    if (changed.length === 0) return row;
    const key = changed.join(',');
    let update = this.updates.get(key);
    if (!update) {
      update = this.db.prepare<DossierRow>(`UPDATE dossiers SET ${changed.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      this.updates.set(key, update);
    }
    update.run(row);
    return row;
  }

  /**
   * A dossier's current state, folded from its events, with its stored row if it has one yet: after a pull, a
   * dossier waits for its refold (projections/refold-queue.ts) with its row missing or stale, and a clerk's
   * command must still act on its true state.
   */
  stored(dossierId: string): StoredProjection | undefined {
    const events = this.events.forDossier(dossierId, { includeQuarantined: true });
    const state = projectDossier(events.filter(inFold));
    return state ? { state, ...syncCountsOf(events), row: this.rowOf.get(dossierId) } : undefined;
  }

  current(dossierId: string): DossierState | undefined {
    return this.stored(dossierId)?.state;
  }

  /**
   * Rebuilds every dossier row from the log, in the order dossiers first appeared there, so the rows get the same
   * sequence numbers (and the search index the same rowids) as when they were projected one event at a time.
   */
  rebuildAll(): number {
    let count = 0;
    this.db.transaction(() => {
      // Emptied first, whole: the triggers then leave it alone while the rows go and come back.
      emptySearchIndex(this.db);
      this.db.exec('DELETE FROM dossiers');
      const ids = this.db.prepare<[], { dossier_id: string }>('SELECT dossier_id FROM events GROUP BY dossier_id ORDER BY min(rowid)').all();
      for (const { dossier_id: id } of ids) {
        if (this.refresh(id)) count += 1;
      }
      // The rows came back above the emptied index's mark (migration 011): the whole table is indexed at once, as
      // the rebuild always did, rather than left to a search that would read every row until the desk is idle.
      indexNewRows(this.db);
    })();
    return count;
  }
}
