/**
 * One row of `report_dossiers` from a folded dossier (the report facts and the public fields), and its folded
 * state in `report_states`.
 */
import type { DossierState, VoidedReceipt } from '../../shared/domain/lifecycle';
import { reportFactColumns, reportFactOf, reportFactValues, type OverdueSpan } from '../../shared/reports/facts';
import type { SqlExecutor, SqlValue } from '../storage/sql-driver';
import { OVERDUE_TABLE, VOIDED_RECEIPTS_TABLE } from './schema';

const extraColumns = ['pin', 'received_at', 'due_at', 'resolved_at', 'returned_at', 'feed_seq'] as const;
const columns = [...reportFactColumns, ...extraColumns];

/** What the publication feed and the public lookup show; a change in any of these moves the dossier up the feed. */
export const publicSignature = (s: DossierState): string =>
  JSON.stringify([s.code, s.unitCode, s.procedureCode, s.status, s.receivedAt, s.dueAt, s.originalDueAt, s.resolvedAt, s.returnedAt]);

export interface ReportRow {
  values: SqlValue[];
  state: string;
  /** The fact's overdue spans, kept in `report_dossiers_overdue` (shared/reports/facts.ts overdueSpansOf). */
  overdueSpans: readonly OverdueSpan[];
  /** Receipts that do not stand, kept in `report_voided_receipts` for the public lookup. */
  voidedReceipts: readonly VoidedReceipt[];
}

export function reportRowValues(state: DossierState, feedSeq: number): ReportRow {
  const fact = reportFactOf(state);
  return { state: JSON.stringify(state), overdueSpans: fact.overdueSpans, voidedReceipts: state.voidedReceipts ?? [], values: [
    ...reportFactValues(fact),
    state.pin,
    state.receivedAt,
    state.dueAt,
    state.resolvedAt,
    state.returnedAt,
    feedSeq,
  ] };
}

const ROWS_PER_STATEMENT = 50;

function upsertSql(table: string, names: readonly string[], rows: number): string {
  const one = `(${names.map(() => '?').join(', ')})`;
  const updates = names.filter((c) => c !== 'dossier_id').map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}
    ON CONFLICT (dossier_id) DO UPDATE SET ${updates}`;
}
const statements = new Map<string, string>();
const statement = (table: string, names: readonly string[], rows: number): string => {
  const key = `${table}:${rows}`;
  let sql = statements.get(key);
  if (!sql) statements.set(key, (sql = upsertSql(table, names, rows)));
  return sql;
};

/** Writes rows in multi-row statements (one round trip per 50 dossiers on PostgreSQL). */
export async function upsertReportRows(db: SqlExecutor, rows: readonly ReportRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await db.run(statement('report_dossiers', columns, chunk.length), chunk.flatMap((r) => r.values));
    await db.run(statement('report_states', ['dossier_id', 'state'], chunk.length), chunk.flatMap((r) => [r.values[0]!, r.state]));
    // A dossier's spans are replaced whole: the few that have any are written again.
    await db.run(`DELETE FROM ${OVERDUE_TABLE} WHERE dossier_id IN (${chunk.map(() => '?').join(', ')})`, chunk.map((r) => r.values[0]!));
    const spans = chunk.flatMap((r) => r.overdueSpans.map((o) => [r.values[0]!, o.from, o.until]));
    if (spans.length > 0) {
      await db.run(
        `INSERT INTO ${OVERDUE_TABLE} (dossier_id, from_day, until_day) VALUES ${spans.map(() => '(?, ?, ?)').join(', ')}`,
        spans.flat(),
      );
    }
    // A receipt, once voided, stays voided: a refold writes the same again.
    const voided = chunk.flatMap((r) => r.voidedReceipts.map((v) => [v.code, r.values[0]!, v.pin]));
    if (voided.length > 0) {
      await db.run(
        `INSERT INTO ${VOIDED_RECEIPTS_TABLE} (code, dossier_id, pin) VALUES ${voided.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT (code) DO NOTHING`,
        voided.flat(),
      );
    }
  }
}
