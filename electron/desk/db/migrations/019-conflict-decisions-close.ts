/**
 * Two changes of session 18.
 *
 * A dossier paused after its due is overdue on the desk as in the reports (dossiers/summary.ts PAUSED_LATE_SQL): the
 * few such rows get a partial index, so the overdue filter, its count and the home screen read them from it instead
 * of parsing every paused row's state in each status branch of a list (the benchmark's overdue list went from 5 to
 * 18 ms at p95 without it). The queries must use this very condition to be served by the index.
 *
 * A supervisor's conflict decision that ends a dossier now closes it when the deed that led there says
 * (shared/domain/lifecycle.ts closingOfChoice), and a dossier judged "Không được tiếp nhận" is no longer counted as
 * received (shared/reports/facts.ts). The dossiers with a decision in their log are refolded: their rows by the
 * refold queue, which the desk drains in the background when it opens (desk.ts finishLeftoverRefold), and their
 * report facts at the next report or while the desk is idle. They are few (one per conflict ever resolved).
 */
import type { Migration } from '../migrate';

/** Paused (supplement or fees asked for) only once past the legal due instant: see dossiers/summary.ts. */
export const PAUSED_LATE_CONDITION_019 =
  "unixepoch(json_extract(state, '$.pausedAt'), 'subsec') > coalesce(unixepoch(json_extract(state, '$.originalDueAt'), 'subsec'), due_ms / 1000.0)";

export const conflictDecisionsClose: Migration = {
  version: 19,
  name: '019-conflict-decisions-close',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS dossiers_paused_late ON dossiers (due_ms) WHERE status IN (5, 6) AND ${PAUSED_LATE_CONDITION_019};
      INSERT OR IGNORE INTO sync_refold (dossier_id)
        SELECT DISTINCT dossier_id FROM events WHERE type = 'dossier.conflict_resolved';
      INSERT OR IGNORE INTO report_facts_stale (dossier_id)
        SELECT DISTINCT dossier_id FROM events WHERE type = 'dossier.conflict_resolved';
    `);
  },
};
