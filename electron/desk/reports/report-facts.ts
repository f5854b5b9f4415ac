/**
 * The desk's report facts: one narrow row per dossier (shared/reports/facts.ts), so a full-year report reads
 * integers instead of folding half a million dossiers. Triggers (migrations 002 and 008) mark a dossier stale
 * whenever its projection row changes (every event reaches the row: a local one at once, a pulled one at its
 * refold) and when an event is renumbered, quarantined or deleted; `refreshReportFacts` refolds the stale ones with
 * the domain's own fold
 * and the same `reportFactOf` the server uses, so the desk's and the server's facts cannot drift apart.
 */
import { projectDossier } from '../../../shared/domain/lifecycle';
import { reportFactColumns, reportFactOf, reportFactOfValues } from '../../../shared/reports/facts';
import type { Db } from '../db/open-database';
import { EventLog } from '../events/event-log';
import { DESK_FACTS_TABLE, factWriter, overdueSpansReader } from './fact-tables';
import { CountChanges, ensureReportCounts } from './report-counts-upkeep';

export { DESK_FACTS_TABLE, DESK_OVERDUE_TABLE } from './fact-tables';
export const DESK_STALE_TABLE = 'report_facts_stale';

const BATCH = 2000;

/** Refolds every stale dossier into its facts row, and its counts; returns how many it refreshed. */
export function refreshReportFacts(db: Db): number {
  ensureReportCounts(db);
  const events = new EventLog(db);
  const current = db.prepare(`SELECT ${reportFactColumns.join(', ')} FROM ${DESK_FACTS_TABLE} WHERE dossier_id = ?`).raw();
  const changes = new CountChanges();
  const stale = db.prepare<[number], { dossier_id: string }>(`SELECT dossier_id FROM ${DESK_STALE_TABLE} LIMIT ?`);
  const facts = factWriter(db);
  const spansOf = overdueSpansReader(db);
  const done = db.prepare(`DELETE FROM ${DESK_STALE_TABLE} WHERE dossier_id = ?`);
  let refreshed = 0;
  const batch = db.transaction((ids: string[]) => {
    for (const id of ids) {
      const state = projectDossier(events.forDossier(id));
      const before = current.get(id) as unknown[] | undefined;
      if (before) {
        changes.apply(reportFactOfValues(before, spansOf(id)), -1);
        facts.remove(id);
      }
      if (state) {
        const fact = reportFactOf(state);
        facts.insert(fact);
        changes.apply(fact, 1);
      }
      done.run(id);
    }
    changes.write(db);
  });
  for (;;) {
    const ids = stale.all(BATCH).map((r) => r.dossier_id);
    if (ids.length === 0) return refreshed;
    batch(ids);
    refreshed += ids.length;
  }
}
