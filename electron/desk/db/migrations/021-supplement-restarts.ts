/**
 * Session 24: the Friday-without-waiting badge and board judge a dossier by when its deadline last started, and a
 * completed supplement restarts it (dossiers/summary.ts clockStartedAt). A row folded before its state kept
 * `supplementsReceived` has no completion to read, so it would go by its first reception: a dossier received on a
 * Wednesday and completed on a Friday would stay without the badge. The rows of listed procedures whose log holds a
 * completion and whose state lacks the field are refolded by the refold queue, which the desk drains in the
 * background when it opens (desk.ts finishLeftoverRefold). No report fact depends on it.
 */
import type { Migration } from '../migrate';

export const supplementRestarts: Migration = {
  version: 21,
  name: '021-supplement-restarts',
  up(db) {
    db.exec(`
      INSERT OR IGNORE INTO sync_refold (dossier_id)
        SELECT DISTINCT e.dossier_id FROM events e JOIN dossiers d ON d.id = e.dossier_id
        WHERE e.type = 'dossier.supplement_received' AND d.friday_no_wait = 1
          AND json_extract(d.state, '$.supplementsReceived') IS NULL;
    `);
  },
};
