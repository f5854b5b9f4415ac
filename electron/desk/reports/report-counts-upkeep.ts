/**
 * Keeps `report_counts` (migration 005) equal to the sum of what every fact adds (shared/reports/counts.ts).
 * The facts refresh hands each replaced and each new fact to a `CountChanges`, which sums the changes of a whole
 * batch in memory and writes one upsert per touched (bucket, group): a batch of dossiers received over a few days
 * touches a few hundred rows, not thousands.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Statement } from 'better-sqlite3';
import { bucketsOfDay, countMeasures, factContributions, isRegularFact, type CountMeasure } from '../../../shared/reports/counts';
import { reportFactColumns, reportFactOfValues, type ReportFact } from '../../../shared/reports/facts';
import type { Db } from '../db/open-database';
import { DESK_FACTS_TABLE, DESK_OVERDUE_TABLE, spansByDossier, type SpanRow } from './fact-tables';

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

export const reportCountsBuilt = (db: Db): boolean =>
  db.prepare<[], { built: number }>('SELECT built FROM report_counts_state').get()?.built === 1;

/** Facts counted per read while building: about 5 ms of work, so a step ends close to its budget. */
const BUILD_PAGE = 200;
/** Old count rows removed per step before a build starts (all 258,000 at once took 130 ms at 500,000 dossiers). */
const CLEAR_ROWS = 5_000;
/**
 * Count rows a build sums in memory before writing them with its cursor. Written by every step, the same rows (a
 * month's, a year's) were rewritten step after step: the 500,000-dossier store's build took 17.7 s of steps, against
 * 11.7–13.2 s summing 1,500–3,000 rows first; at 20,000 the step that writes them held the desk 150–240 ms.
 */
const FLUSH_ROWS = 2_000;

interface BuildState {
  built: number;
  build_after: number | null;
  build_id: string | null;
}

/**
 * What this connection's steps of a build have counted and not yet written: the facts after `start` (the cursor in
 * the file when they began) up to `at`, of the build `id`. Lost with the process, which only means counting them
 * again; dropped when the file's cursor is no longer `start` (another connection went on with the build, or a new one
 * began), so nothing is ever counted twice.
 */
interface PendingBuild {
  id: string;
  start: number;
  at: number;
  changes: CountChanges;
}
const pendingBuilds = new WeakMap<Db, PendingBuild>();

function buildStatements(db: Db) {
  return {
    state: db.prepare<[], BuildState>('SELECT built, build_after, build_id FROM report_counts_state'),
    page: db.prepare<[number, number], unknown[]>(`SELECT rowid, ${reportFactColumns.join(', ')} FROM ${DESK_FACTS_TABLE} WHERE rowid > ? ORDER BY rowid LIMIT ?`).raw(),
    spans: db.prepare<[number, number], SpanRow>(
      // CROSS JOIN keeps this order (the page's facts, then each one's spans): SQLite's own choice scanned every span
      // for every page, 6.5 ms a page at 500,000 dossiers against 0.17.
      `SELECT o.dossier_id, o.from_day, o.until_day FROM ${DESK_FACTS_TABLE} f CROSS JOIN ${DESK_OVERDUE_TABLE} o ON o.dossier_id = f.dossier_id
       WHERE f.rowid > ? AND f.rowid <= ? ORDER BY o.dossier_id, o.from_day`,
    ),
    clear: db.prepare<[number]>(`DELETE FROM ${DESK_COUNTS_TABLE} WHERE (${COUNT_KEY}) IN (SELECT ${COUNT_KEY} FROM ${DESK_COUNTS_TABLE} LIMIT ?)`),
    begin: db.prepare<[string]>('UPDATE report_counts_state SET build_after = 0, build_id = ?'),
    moveTo: db.prepare<[number]>('UPDATE report_counts_state SET build_after = ?'),
  };
}
const statementsByDb = new WeakMap<Db, ReturnType<typeof buildStatements>>();
const COUNT_KEY = ['bucket', ...GROUP].join(', ');

/**
 * One step of building the counts from every fact (after migration 005 or 017, or when facts were written without
 * them, as the benchmark does), until `budgetMs` has passed: first the old counts cleared a slice at a time, then the
 * facts counted by rowid from the cursor (`build_after`, migration 018), the sums written with the cursor every
 * FLUSH_ROWS rows and at the end, each time in a transaction that first checks the cursor is still where the sums
 * began. Returns true while more is left. The facts must stay as they are between the steps of one build, so the
 * refresh waits until the counts are built (report-facts.ts).
 */
export function buildCountsStep(db: Db, budgetMs: number, flushRows = FLUSH_ROWS): boolean {
  const started = performance.now();
  let s = statementsByDb.get(db);
  if (!s) statementsByDb.set(db, (s = buildStatements(db)));
  const { state, page, spans, clear, begin, moveTo } = s;
  const now = state.get()!;
  if (now.built === 1) {
    pendingBuilds.delete(db);
    return false;
  }
  if (now.build_after === null || now.build_id === null) {
    pendingBuilds.delete(db);
    db.transaction(() => {
      const current = state.get()!;
      if (current.built === 1 || (current.build_after !== null && current.build_id !== null)) return; // begun elsewhere
      if (clear.run(CLEAR_ROWS).changes === CLEAR_ROWS) return;
      db.exec(`DELETE FROM ${DESK_IRREGULAR_TABLE}`);
      begin.run(randomUUID());
    }).immediate();
    return true;
  }
  let pending = pendingBuilds.get(db);
  if (!pending || pending.id !== now.build_id || pending.start !== now.build_after) {
    pending = { id: now.build_id, start: now.build_after, at: now.build_after, changes: new CountChanges() };
    pendingBuilds.set(db, pending);
  }
  try {
    for (;;) {
      const rows = page.all(pending.at, BUILD_PAGE);
      const end = rows.length === 0;
      if (!end) {
        const to = rows.at(-1)![0] as number;
        const spansOf = spansByDossier(spans.all(pending.at, to));
        for (const row of rows) pending.changes.apply(reportFactOfValues(row.slice(1), spansOf.get(row[1] as string)), 1);
        pending.at = to;
      }
      if (end || pending.changes.size >= flushRows) {
        const written = flush(db, pending, end, state, moveTo);
        if (written && end) pendingBuilds.delete(db);
        return !(written && end);
      }
      if (performance.now() - started >= budgetMs) return true;
    }
  } catch (e) {
    // A write that failed (a full disk at the commit) rolled back after the sums were handed over, or a read failed
    // half-way through a page: what this connection held is dropped, and the next step counts again from the cursor
    // in the file. Kept, the sums would have been lost while the cursor in memory went on past their facts.
    pendingBuilds.delete(db);
    throw e;
  }
}

/** Writes a build's pending sums with its cursor, if the file's build is still where they began; false if not. */
function flush(db: Db, pending: PendingBuild, end: boolean, state: Statement<[], BuildState>, moveTo: Statement<[number]>): boolean {
  const written = db.transaction(() => {
    const current = state.get()!;
    if (current.built === 1 || current.build_id !== pending.id || current.build_after !== pending.start) return false;
    pending.changes.write(db);
    if (end) db.exec('UPDATE report_counts_state SET built = 1, build_after = NULL, build_id = NULL');
    else moveTo.run(pending.at);
    return true;
  }).immediate();
  if (written) pending.start = pending.at;
  else pendingBuilds.delete(db);
  return written;
}

/** Builds the counts (or the rest of a build under way) at once, unless they are built. Returns whether it had to. */
export function ensureReportCounts(db: Db): boolean {
  if (reportCountsBuilt(db)) return false;
  db.transaction(() => {
    while (buildCountsStep(db, Infinity));
  })();
  return true;
}

/** Marks the counts for a rebuild from the facts at the next report (after writing facts directly). */
export function invalidateReportCounts(db: Db): void {
  pendingBuilds.delete(db);
  db.exec('UPDATE report_counts_state SET built = 0, build_after = NULL, build_id = NULL');
}
