/**
 * Session 24: two supervisors who settled one conflict, each offline, no longer see the later decision silently
 * undo the first; it is a new conflict (shared/domain/lifecycle.ts evolve). The dossiers whose log holds more than one
 * decision are refolded: their rows by the refold queue, which the desk drains in the background when it opens
 * (desk.ts finishLeftoverRefold), and their report facts at the next report or while the desk is idle. They are few.
 */
import type { Migration } from '../migrate';

const DECIDED_TWICE = `SELECT dossier_id FROM events WHERE type = 'dossier.conflict_resolved' GROUP BY dossier_id HAVING count(*) > 1`;

export const secondConflictDecisions: Migration = {
  version: 22,
  name: '022-second-conflict-decisions',
  up(db) {
    db.exec(`
      INSERT OR IGNORE INTO sync_refold (dossier_id) ${DECIDED_TWICE};
      INSERT OR IGNORE INTO report_facts_stale (dossier_id) ${DECIDED_TWICE};
    `);
  },
};
