/**
 * Session 25: an online dossier received at two desks while offline keeps the code of the receipt that does not stand
 * (shared/domain/lifecycle.ts voidedReceipts), so the code the citizen was handed still finds it. The dossiers
 * received more than once are refolded by the refold queue, which the desk drains in the background when it opens
 * (desk.ts finishLeftoverRefold); their report facts do not change. They are few.
 */
import type { Migration } from '../migrate';

export const voidedReceipts: Migration = {
  version: 23,
  name: '023-voided-receipts',
  up(db) {
    db.exec(`
      INSERT OR IGNORE INTO sync_refold (dossier_id)
        SELECT dossier_id FROM events WHERE type = 'dossier.received' AND sync_state != 'quarantined'
        GROUP BY dossier_id HAVING count(*) > 1;
    `);
  },
};
