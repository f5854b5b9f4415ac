/**
 * Two changes of the fold (shared/domain/lifecycle.ts) that stored rows and report facts do not have yet.
 *
 * A supplement asked for once the dossier was late restarts nothing when it comes (`pausedLate`): the dossier keeps
 * its due, where the old fold took the restart the completion's event carries, which erased the lateness from the
 * row, the list's badge and the reports. The dossiers whose log holds a completion and a request made after a due the
 * dossier had (the reception's, a restart's or a payment's: the legal due at the request was one of them, so none
 * late is missed; one in time after an earlier, shorter due is refolded for nothing) are refolded. The refold also
 * marks such a completion `restarted: false` in `supplementsReceived`, so the Friday-without-waiting badge and board
 * (dossiers/summary.ts clockStartedAt) no longer take it for the moment the deadline last started: a listed dossier
 * is selected like any other, whatever its procedure.
 *
 * A supervisor's conflict decision takes all that the competing deed recorded (`deedEffect`, `closingOfChoice`),
 * not only its time: the dossiers with a decision in their log are refolded, and those with a conflict still open,
 * whose stored conflict lacks what each deed recorded.
 *
 * Their rows by the refold queue, which the desk drains in the background when it opens (desk.ts
 * finishLeftoverRefold), and their report facts at the next report or while the desk is idle. They are few.
 */
import type { Migration } from '../migrate';

/**
 * One pass over the events for the two kinds that matter (the log has no index on `type`, and a desk holds about two
 * million events: each pass reads them all), then each candidate's own events by the dossier index.
 */
const CANDIDATES = `
  CREATE TEMP TABLE m026_candidates AS
    SELECT DISTINCT dossier_id, type FROM events WHERE type IN ('dossier.supplement_requested', 'dossier.conflict_resolved')`;

const REFOLDED = `
  CREATE TEMP TABLE m026_refolded AS
    SELECT c.dossier_id FROM m026_candidates c
    WHERE c.type = 'dossier.supplement_requested'
      AND EXISTS (SELECT 1 FROM events s WHERE s.dossier_id = c.dossier_id AND s.type = 'dossier.supplement_received')
      AND EXISTS (
        SELECT 1 FROM events q JOIN events d ON d.dossier_id = q.dossier_id
        WHERE q.dossier_id = c.dossier_id AND q.type = 'dossier.supplement_requested'
          AND d.type IN ('dossier.received', 'dossier.supplement_received', 'dossier.fees_paid')
          AND unixepoch(q.device_time, 'subsec') > unixepoch(json_extract(d.payload, '$.dueAt'), 'subsec'))
    UNION SELECT dossier_id FROM m026_candidates WHERE type = 'dossier.conflict_resolved'
    UNION SELECT id FROM dossiers WHERE in_conflict = 1`;

export const lateSupplementsAndDecidedDeeds: Migration = {
  version: 26,
  name: '026-late-supplements-and-decided-deeds',
  up(db) {
    db.exec(`
      ${CANDIDATES};
      ${REFOLDED};
      INSERT OR IGNORE INTO sync_refold (dossier_id) SELECT dossier_id FROM m026_refolded;
      INSERT OR IGNORE INTO report_facts_stale (dossier_id) SELECT dossier_id FROM m026_refolded;
      DROP TABLE m026_candidates;
      DROP TABLE m026_refolded;
    `);
  },
};
