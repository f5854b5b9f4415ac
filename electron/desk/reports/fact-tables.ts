/**
 * Where the desk keeps its report facts: one row per dossier in `report_facts` (migration 002) and the dossier's
 * overdue spans beside it in `report_facts_overdue` (migration 017). A fact is written and removed here with its
 * spans, so the two tables cannot part; the refresh (report-facts.ts), the counts (report-counts-upkeep.ts), the
 * tests and the benchmark all go through it.
 */
import { overdueTableOf } from '../../../shared/reports/aggregation-sql';
import { reportFactColumns, reportFactValues, type OverdueSpan, type ReportFact } from '../../../shared/reports/facts';
import type { Db } from '../db/open-database';

export const DESK_FACTS_TABLE = 'report_facts';
/** Each fact's overdue spans (shared/reports/facts.ts overdueSpansOf). */
export const DESK_OVERDUE_TABLE = overdueTableOf(DESK_FACTS_TABLE);

export interface SpanRow {
  dossier_id: string;
  from_day: number;
  until_day: number | null;
}
const spanOf = (r: SpanRow): OverdueSpan => ({ from: r.from_day, until: r.until_day });

/** Writes a fact (its row and its spans) and removes one, inside the caller's transaction. */
export function factWriter(db: Db): { insert(fact: ReportFact): void; remove(dossierId: string): void } {
  const insertRow = db.prepare(
    `INSERT INTO ${DESK_FACTS_TABLE} (${reportFactColumns.join(', ')}) VALUES (${reportFactColumns.map(() => '?').join(', ')})`,
  );
  const insertSpan = db.prepare(`INSERT INTO ${DESK_OVERDUE_TABLE} (dossier_id, from_day, until_day) VALUES (?, ?, ?)`);
  const removeRow = db.prepare(`DELETE FROM ${DESK_FACTS_TABLE} WHERE dossier_id = ?`);
  const removeSpans = db.prepare(`DELETE FROM ${DESK_OVERDUE_TABLE} WHERE dossier_id = ?`);
  return {
    insert(fact) {
      insertRow.run(...reportFactValues(fact));
      for (const span of fact.overdueSpans) insertSpan.run(fact.dossierId, span.from, span.until);
    },
    remove(dossierId) {
      removeRow.run(dossierId);
      removeSpans.run(dossierId);
    },
  };
}

/** A dossier's overdue spans as its fact keeps them. */
export function overdueSpansReader(db: Db): (dossierId: string) => OverdueSpan[] {
  const read = db.prepare<[string], SpanRow>(`SELECT dossier_id, from_day, until_day FROM ${DESK_OVERDUE_TABLE} WHERE dossier_id = ? ORDER BY from_day`);
  return (dossierId) => read.all(dossierId).map(spanOf);
}

/** Span rows (ordered by dossier, then day) grouped by dossier. */
export function spansByDossier(rows: readonly SpanRow[]): Map<string, OverdueSpan[]> {
  const spans = new Map<string, OverdueSpan[]>();
  for (const r of rows) {
    let list = spans.get(r.dossier_id);
    if (!list) spans.set(r.dossier_id, (list = []));
    list.push(spanOf(r));
  }
  return spans;
}
