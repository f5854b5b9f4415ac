/**
 * The audit trail of who viewed, changed or exported what (DESIGN.md §8). It names the dossier or record touched,
 * never the personal data itself: a search is recorded by the kind of query, not by the ID number typed.
 */
import type { Db } from '../db/open-database';
import type { Clock } from '../clock';

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.change_password'
  | 'user.create'
  | 'user.update'
  | 'user.reset_password'
  | 'dossier.view'
  | 'dossier.search'
  | 'dossier.list'
  | 'dossier.export'
  | 'attachment.view'
  | 'attachment.import'
  | 'backup.create'
  | 'backup.restore'
  | 'settings.set'
  | 'identity.set'
  | 'sync.enrol'
  | 'sync.set_server'
  | 'sync.set_server_refused';

export interface AuditEntry {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  action: AuditAction;
  targetKind: string | null;
  targetId: string | null;
  /** The target as a person knows it: an account's current name, a dossier's code; null when there is none. */
  targetName: string | null;
  detail: string | null;
}

export interface AuditRecordInput {
  user: { id: string; displayName: string } | null;
  action: AuditAction;
  targetKind?: string;
  targetId?: string;
  detail?: string;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  userId?: string;
  action?: string;
  dossierCode?: string;
  limit: number;
  offset: number;
}

interface AuditRow {
  id: number;
  at: string;
  user_id: string | null;
  user_name: string | null;
  action: AuditAction;
  target_kind: string | null;
  target_id: string | null;
  target_name: string | null;
  detail: string | null;
}

/**
 * The target's name looked up when the trail is read, one page at a time: an id is what the trail must keep (a
 * name changes, a dossier gets its code later), but an administrator recognises a name or a code, not a UUID.
 */
/** The target id of a look at the sync page's dossiers (one line naming their codes in its detail). */
export const SYNC_PROBLEMS_TARGET = 'problems';

const TARGET_NAME = `CASE page.target_kind
    WHEN 'user' THEN (SELECT u.display_name FROM users u WHERE u.id = page.target_id)
    WHEN 'dossier' THEN (SELECT d.code FROM dossiers d WHERE d.id = page.target_id)
  END AS target_name`;

export class AuditTrail {
  private readonly insert;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, user_id, user_name, action, target_kind, target_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /**
   * Written without its own fsync (synchronous=NORMAL for this one commit): a search must not wait for the disk.
   * The WAL is sequential, so the next event's FULL commit makes every audit row before it durable too; a power
   * cut can lose only the views since the last recorded change.
   */
  record(entry: AuditRecordInput): void {
    const lazy = !this.db.inTransaction;
    if (lazy) this.db.pragma('synchronous = NORMAL');
    try {
      this.write(entry);
    } finally {
      if (lazy) this.db.pragma('synchronous = FULL');
    }
  }

  private write(entry: AuditRecordInput): void {
    this.insert.run(
      this.clock.iso(),
      entry.user?.id ?? null,
      entry.user?.displayName ?? null,
      entry.action,
      entry.targetKind ?? null,
      entry.targetId ?? null,
      entry.detail ?? null,
    );
  }

  list(query: AuditQuery): { entries: AuditEntry[]; total: number } {
    const { count, page, params } = auditListSql(query);
    const total = this.db.prepare<unknown[], { n: number }>(count).get(...params)!.n;
    const rows = this.db.prepare<unknown[], AuditRow>(page).all(...params, query.limit, query.offset);
    return {
      total,
      entries: rows.map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        userName: r.user_name,
        action: r.action,
        targetKind: r.target_kind,
        targetId: r.target_id,
        targetName: r.target_name,
        detail: r.detail,
      })),
    };
  }
}

/**
 * The count and the page (its LIMIT and OFFSET last) for a filter. The period, the person and the dossier each have
 * an index (`audit_log_at`; `audit_log_user` and `audit_log_target`, migration 012), and so does the action, alone
 * (`audit_log_action`, in `id` order like the page) and within a period (`audit_log_action_at`, migration 014), so
 * each filter reads the entries it keeps, not the whole trail (tests/desk/audit.test.ts checks the plans).
 */
export function auditListSql(query: Omit<AuditQuery, 'limit' | 'offset'>): { count: string; page: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  // Instants are all written with +07:00, so they compare correctly as text.
  if (query.from) add('a.at >= ?', query.from);
  if (query.to) add('a.at < ?', query.to);
  // A desk has a handful of accounts, so one person is a good share of the trail: said so (likelihood), a period
  // given too leads through `audit_log_at` (a week of the trail) instead of reading all that person's entries. It
  // is the planner's estimate, not statistics, so the plan does not change with what ANALYZE last saw.
  if (query.userId) add('likelihood(a.user_id = ?, 0.25)', query.userId);
  if (query.action) add('a.action = ?', query.action);
  // Codes are written in capitals; a clerk may type "h23" in lower case. An unknown code matches nothing. What
  // touched a dossier includes its scans (an ID card's image is personal data too), which the trail keeps by their
  // hash: the scans linked to the dossier, as its events name them. And the sync page's looks that showed it: one line
  // per look names every code shown ("dossiers A, B, C"), matched whole.
  if (query.dossierCode) {
    const code = query.dossierCode.toUpperCase();
    where.push(`((a.target_kind = 'dossier' AND a.target_id = (SELECT d.id FROM dossiers d WHERE d.code = ?))
      OR (a.target_kind = 'attachment' AND a.target_id IN (SELECT json_extract(e.payload, '$.sha256') FROM events e
        WHERE e.dossier_id = (SELECT d.id FROM dossiers d WHERE d.code = ?) AND e.type = 'dossier.attachment_linked'))
      OR (a.target_kind = 'sync' AND a.target_id = '${SYNC_PROBLEMS_TARGET}' AND instr(a.detail || ',', ' ' || ? || ',') > 0))`);
    params.push(code, code, code);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return {
    count: `SELECT count(*) AS n FROM audit_log a ${clause}`,
    // Names looked up in an outer query, so only for the page's rows, not for every row the filter matches.
    page: `SELECT page.*, ${TARGET_NAME} FROM (SELECT * FROM audit_log a ${clause} ORDER BY a.id DESC LIMIT ? OFFSET ?) page ORDER BY page.id DESC`,
    params,
  };
}
