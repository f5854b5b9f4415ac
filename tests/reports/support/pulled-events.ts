/**
 * Stores dossiers' events in a desk's log as a pull does: the events, then each touched dossier's projection row
 * refolded (the row's triggers mark its report facts stale, desk migrations 002 and 008).
 */
import type { DossierEvent } from '../../../shared/domain/events';
import type { Db } from '../../../electron/desk/db/open-database';
import { ProcedureCatalog } from '../../../electron/desk/catalog/procedure-catalog';
import { EventLog } from '../../../electron/desk/events/event-log';
import { eventRowValues, INSERT_EVENT_SQL } from '../../../electron/desk/events/event-rows';
import { Projector } from '../../../electron/desk/projections/projector';

export function storePulled(db: Db, dossiers: readonly DossierEvent[][]): void {
  const insert = db.prepare(INSERT_EVENT_SQL);
  const projector = new Projector(db, new EventLog(db), new ProcedureCatalog(db));
  db.transaction(() => {
    const touched = new Set<string>();
    for (const events of dossiers)
      for (const e of events) {
        insert.run(eventRowValues(e, 'synced'));
        touched.add(e.dossierId);
      }
    for (const id of touched) projector.refresh(id);
  })();
}
