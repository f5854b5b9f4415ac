/**
 * Two changes of the fold (shared/domain/lifecycle.ts) that stored rows and report facts do not have yet.
 *
 * A supplement asked for once the dossier was late restarts nothing when it comes (`pausedLate`): the dossier keeps
 * its due, where the old fold took the restart the completion's event carries, which erased the lateness from the
 * row, the list's badge and the reports. The dossiers whose log holds a completion and a request made after a due the
 * dossier had (the reception's, a restart's or a payment's: the legal due at the request was one of them, so none
 * late is missed; one in time after an earlier, shorter due is refolded for nothing) are refolded.
 *
 * A supervisor's conflict decision takes all that the competing deed recorded (`deedEffect`, `closingOfChoice`),
 * not only its time: the dossiers with a decision in their log are refolded, and those with a conflict still open,
 * whose stored conflict lacks what each deed recorded.
 *
 * Their rows by the refold queue, which the desk drains in the background when it opens (desk.ts
 * finishLeftoverRefold), and their report facts at the next report or while the desk is idle. They are few.
 */
import type { Migration } from '../migrate';

const REFOLDED = `
  SELECT q.dossier_id FROM events q
  WHERE q.type = 'dossier.supplement_requested'
    AND EXISTS (SELECT 1 FROM events c WHERE c.dossier_id = q.dossier_id AND c.type = 'dossier.supplement_received')
    AND EXISTS (
      SELECT 1 FROM events d
      WHERE d.dossier_id = q.dossier_id AND d.type IN ('dossier.received', 'dossier.supplement_received', 'dossier.fees_paid')
        AND unixepoch(q.device_time, 'subsec') > unixepoch(json_extract(d.payload, '$.dueAt'), 'subsec'))
  UNION SELECT dossier_id FROM events WHERE type = 'dossier.conflict_resolved'
  UNION SELECT id FROM dossiers WHERE in_conflict = 1`;

export const lateSupplementsAndDecidedDeeds: Migration = {
  version: 26,
  name: '026-late-supplements-and-decided-deeds',
  up(db) {
    db.exec(`
      INSERT OR IGNORE INTO sync_refold (dossier_id) ${REFOLDED};
      INSERT OR IGNORE INTO report_facts_stale (dossier_id) ${REFOLDED};
    `);
  },
};
