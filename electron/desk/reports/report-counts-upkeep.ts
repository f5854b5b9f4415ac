/**
 * Keeps `report_counts` (migration 005) equal to the sum of what every fact adds (shared/reports/counts.ts).
 * The facts refresh hands each replaced and each new fact to a `CountChanges`, which sums the changes of a whole
 * batch in memory and writes one upsert per touched (bucket, group): a batch of dossiers received over a few days
 * touches a few hundred rows, not thousands.
 */
import { bucketsOfDay, countMeasures, factContributions, isRegularFact, type CountMeasure } from '../../../shared/reports/counts';
import { reportFactColumns, reportFactOfValues, type ReportFact } from '../../../shared/reports/facts';
import type { Db } from '../db/open-database';
import { allOverdueSpans, DESK_FACTS_TABLE } from './fact-tables';

export const DESK_COUNTS_TABLE = 'report_counts';
export const DESK_IRREGULAR_TABLE = 'report_counts_irregular';

const measureIndex = new Map<CountMeasure, number>(countMeasures.map((m, i) => [m, i]));
const GROUP = ['unit_code', 'procedure_code', 'channel'] as const;

export class CountChanges {
  /** group ('unit\u0001procedure\u0001channel') → bucket → change per measure. */
  private readonly changes = new Map<string, Map<number, Int32Array>>();
  private touched = 0;
  private readonly irregularAdded = new Set<string>();
  private readonly irregularRemoved = new Set<string>();

  /** Adds a fact's counts (`sign` 1) or takes them away (-1, for the fact being replaced or removed). */
  apply(fact: ReportFact, sign: 1 | -1): void {
    if (!isRegularFact(fact)) {
      (sign === 1 ? this.irregularAdded : this.irregularRemoved).add(fact.dossierId);
      (sign === 1 ? this.irregularRemoved : this.irregularAdded).delete(fact.dossierId);
      return;
    }
    const group = `${fact.unitCode ?? ''}\u0001${fact.procedureCode ?? ''}\u0001${fact.channel ?? ''}`;
    let buckets = this.changes.get(group);
    if (!buckets) this.changes.set(group, (buckets = new Map()));
    for (const { day, measure } of factContributions(fact)) {
      for (const bucket of bucketsOfDay(day)) {
        let values = buckets.get(bucket);
        if (!values) {
          buckets.set(bucket, (values = new Int32Array(countMeasures.length)));
          this.touched++;
        }
        values[measureIndex.get(measure)!]! += sign;
      }
    }
  }

  /** How many (bucket, group) rows the pending changes touch. */
  get size(): number {
    return this.touched;
  }

  /** Writes the summed changes (inside the caller's transaction) and forgets them. */
  write(db: Db): void {
    const upsert = db.prepare(
      `INSERT INTO ${DESK_COUNTS_TABLE} (bucket, ${GROUP.join(', ')}, ${countMeasures.join(', ')})
       VALUES (${Array.from({ length: 4 + countMeasures.length }, () => '?').join(', ')})
       ON CONFLICT (bucket, ${GROUP.join(', ')}) DO UPDATE SET ${countMeasures.map((m) => `${m} = ${m} + excluded.${m}`).join(', ')}`,
    );
    for (const [group, buckets] of this.changes) {
      const codes = group.split('\u0001');
      for (const [bucket, values] of buckets) if (values.some((v) => v !== 0)) upsert.run(bucket, ...codes, ...values);
    }
    const addIrregular = db.prepare(`INSERT OR IGNORE INTO ${DESK_IRREGULAR_TABLE} (dossier_id) VALUES (?)`);
    const removeIrregular = db.prepare(`DELETE FROM ${DESK_IRREGULAR_TABLE} WHERE dossier_id = ?`);
    for (const id of this.irregularRemoved) removeIrregular.run(id);
    for (const id of this.irregularAdded) addIrregular.run(id);
    this.changes.clear();
    this.touched = 0;
    this.irregularAdded.clear();
    this.irregularRemoved.clear();
  }
}

const isBuilt = (db: Db): boolean => db.prepare<[], { built: number }>('SELECT built FROM report_counts_state').get()?.built === 1;

/**
 * Builds the counts from every fact, once (after migration 005, or when facts were written without them, as the
 * benchmark does). Returns whether it had to.
 */
export function ensureReportCounts(db: Db): boolean {
  if (isBuilt(db)) return false;
  db.transaction(() => {
    db.exec(`DELETE FROM ${DESK_COUNTS_TABLE}; DELETE FROM ${DESK_IRREGULAR_TABLE};`);
    const changes = new CountChanges();
    const spans = allOverdueSpans(db);
    // Pages by rowid: better-sqlite3 cannot write while a read is open, and the changes are written as they grow.
    const page = db.prepare<[number], unknown[]>(`SELECT rowid, ${reportFactColumns.join(', ')} FROM ${DESK_FACTS_TABLE} WHERE rowid > ? ORDER BY rowid LIMIT 20000`).raw();
    for (let after = 0; ; ) {
      const rows = page.all(after);
      if (rows.length === 0) break;
      for (const row of rows) changes.apply(reportFactOfValues(row.slice(1), spans.get(row[1] as string)), 1);
      after = rows.at(-1)![0] as number;
      // Bounded memory on a desk with years of dossiers; rows written twice just add up.
      if (changes.size >= 50_000) changes.write(db);
    }
    changes.write(db);
    db.exec('UPDATE report_counts_state SET built = 1');
  })();
  return true;
}

/** Marks the counts for a rebuild from the facts at the next report (after writing facts directly). */
export const invalidateReportCounts = (db: Db): void => void db.exec('UPDATE report_counts_state SET built = 0');
