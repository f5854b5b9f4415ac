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
  | 'sync.enrol';

export interface AuditEntry {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  action: AuditAction;
  targetKind: string | null;
  targetId: string | null;
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
  detail: string | null;
}

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
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    // Instants are all written with +07:00, so they compare correctly as text.
    if (query.from) add('at >= ?', query.from);
    if (query.to) add('at < ?', query.to);
    if (query.userId) add('user_id = ?', query.userId);
    if (query.action) add('action = ?', query.action);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM audit_log ${clause}`).get(...params)!.n;
    const rows = this.db
      .prepare<unknown[], AuditRow>(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset);
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
        detail: r.detail,
      })),
    };
  }
}
