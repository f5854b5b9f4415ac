/**
 * One row of `report_dossiers` from a folded dossier: the report facts, the public fields and the state itself.
 */
import type { DossierState } from '../../shared/domain/lifecycle';
import { reportFactColumns, reportFactOf, reportFactValues } from '../../shared/reports/facts';
import type { SqlExecutor, SqlValue } from '../storage/sql-driver';

const extraColumns = ['pin', 'received_at', 'due_at', 'resolved_at', 'returned_at', 'feed_seq', 'state'] as const;
const columns = [...reportFactColumns, ...extraColumns];

/** What the publication feed and the public lookup show; a change in any of these moves the dossier up the feed. */
export const publicSignature = (s: DossierState): string =>
  JSON.stringify([s.code, s.unitCode, s.procedureCode, s.status, s.receivedAt, s.dueAt, s.originalDueAt, s.resolvedAt, s.returnedAt]);

export function reportRowValues(state: DossierState, feedSeq: number): SqlValue[] {
  return [
    ...reportFactValues(reportFactOf(state)),
    state.pin,
    state.receivedAt,
    state.dueAt,
    state.resolvedAt,
    state.returnedAt,
    feedSeq,
    JSON.stringify(state),
  ];
}

const ROWS_PER_STATEMENT = 50;

function upsertSql(rows: number): string {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const updates = columns.filter((c) => c !== 'dossier_id').map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO report_dossiers (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}
    ON CONFLICT (dossier_id) DO UPDATE SET ${updates}`;
}
const statements = new Map<number, string>();

/** Writes rows in multi-row statements (one round trip per 50 dossiers on PostgreSQL). */
export async function upsertReportRows(db: SqlExecutor, rows: readonly SqlValue[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    let sql = statements.get(chunk.length);
    if (!sql) statements.set(chunk.length, (sql = upsertSql(chunk.length)));
    await db.run(sql, chunk.flat());
  }
}
