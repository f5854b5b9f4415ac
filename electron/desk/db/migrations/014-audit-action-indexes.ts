/**
 * The audit panel's filter by action read the whole trail: its count always, its page too for a rare action (about
 * 0.2–0.4 s at a million lines, on every "Lọc"). Two indexes, because the page is in `id` order and no single index
 * serves both shapes of the filter:
 * - `audit_log_action (action)` keeps each action's lines in rowid (`id`) order: an action alone counts from the
 *   index alone and reads its page newest first, stopping after the page, with no sort.
 * - `audit_log_action_at (action, at)` serves an action within a period: the count is one range of the index and
 *   the page sorts only the lines that match. Alone it would serve an action without a period too, but in time
 *   order, so the page would sort every line of that action (1.1 s for the dossier views of a million lines).
 * Each audit line now writes two more index entries (audit lines have no fsync of their own: AuditTrail.record);
 * measured in docs/decisions.md (Session 10).
 */
import type { Migration } from '../migrate';

export const auditActionIndexes: Migration = {
  version: 14,
  name: '014-audit-action-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log (action);
      CREATE INDEX IF NOT EXISTS audit_log_action_at ON audit_log (action, at);
    `);
  },
};
