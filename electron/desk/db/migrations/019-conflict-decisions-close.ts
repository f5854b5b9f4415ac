/**
 * A supervisor's conflict decision that ends a dossier now closes it when the deed that led there says
 * (shared/domain/lifecycle.ts closingOfChoice), and a dossier judged "Không được tiếp nhận" is no longer counted as
 * received (shared/reports/facts.ts). The dossiers with a decision in their log are refolded: their rows by the
 * refold queue, which the desk drains in the background when it opens (desk.ts finishLeftoverRefold), and their
 * report facts at the next report or while the desk is idle. They are few (one per conflict ever resolved).
 */
import type { Migration } from '../migrate';

export const conflictDecisionsClose: Migration = {
  version: 19,
  name: '019-conflict-decisions-close',
  up(db) {
    db.exec(`
      INSERT OR IGNORE INTO sync_refold (dossier_id)
        SELECT DISTINCT dossier_id FROM events WHERE type = 'dossier.conflict_resolved';
      INSERT OR IGNORE INTO report_facts_stale (dossier_id)
        SELECT DISTINCT dossier_id FROM events WHERE type = 'dossier.conflict_resolved';
    `);
  },
};
