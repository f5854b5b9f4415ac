/**
 * The desk's report facts: one narrow row per dossier (shared/reports/facts.ts), so a full-year report reads
 * integers instead of folding half a million dossiers. Triggers (migrations 002 and 008) mark a dossier stale
 * whenever its projection row changes (every event reaches the row: a local one at once, a pulled one at its
 * refold) and when an event is renumbered, quarantined or deleted; `refreshReportFacts` refolds the stale ones with
 * the domain's own fold
 * and the same `reportFactOf` the server uses, so the desk's and the server's facts cannot drift apart.
 */
import { performance } from 'node:perf_hooks';
import type { Statement } from 'better-sqlite3';
import { setImmediate as nextTurn, setTimeout as pause } from 'node:timers/promises';
import { projectDossier } from '../../../shared/domain/lifecycle';
import { reportFactColumns, reportFactOf, reportFactOfValues } from '../../../shared/reports/facts';
import type { Db } from '../db/open-database';
import type { BackgroundCheckpoint } from '../db/background-checkpoint';
import { BurstCheckpoint } from '../db/burst-checkpoint';
import { withoutFsync } from '../db/without-fsync';
import { EventLog } from '../events/event-log';
import { DESK_FACTS_TABLE, factWriter, overdueSpansReader } from './fact-tables';
import { buildCountsStep, CountChanges, ensureReportCounts, reportCountsBuilt } from './report-counts-upkeep';

export { DESK_FACTS_TABLE, DESK_OVERDUE_TABLE } from './fact-tables';
export const DESK_STALE_TABLE = 'report_facts_stale';

/** Dossiers refreshed per transaction when the refresh runs to the end at once. */
const BATCH = 2000;
/** Stale dossiers read per look when refreshing by time (a dossier takes about 0.2 ms on a 500,000-dossier store). */
const LOOK = 64;
/**
 * How long one step of a refresh in steps holds the desk: a click or another request waits at most about this
 * (the idle upkeep's steps, and a report's own when much is stale).
 */
export const REPORT_FACTS_STEP_MS = 20;

/** Refolds every stale dossier into its facts row, and its counts, at once; returns how many it refreshed. */
export function refreshReportFacts(db: Db): number {
  ensureReportCounts(db);
  let refreshed = 0;
  for (;;) {
    const step = refreshStale(db, BATCH, Infinity);
    refreshed += step.refreshed;
    if (!step.more) return refreshed;
  }
}

/**
 * One bounded step of bringing the facts up to date, committed without its own disk sync (the facts are derived:
 * a step lost to a power cut leaves its dossiers marked stale, and its counts' changes went with it). The counts
 * are built first, then stale dossiers are refreshed until `budgetMs` has passed. Returns true while more is left.
 * `range`: only the marks in it, in dossier id order (a report's pass, reportFactsUpToDate), and `range.after` moves on.
 */
export function reportFactsStep(db: Db, budgetMs = REPORT_FACTS_STEP_MS, range?: StaleRange): boolean {
  return withoutFsync(db, () => {
    if (!reportCountsBuilt(db)) {
      buildCountsStep(db, budgetMs);
      return true;
    }
    return refreshStale(db, Infinity, budgetMs, range).more;
  });
}

/** How long a report keeps trying a step while another process holds the file's write lock (see reportFactsUpToDate). */
export const REPORT_BUSY_PATIENCE_MS = 60_000;
const REPORT_BUSY_PAUSE_MS = 20;
export const isBusy = (e: unknown): boolean => String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY');

/** The stale marks a report refolds: dossier ids after `after`, up to `upTo`. */
export interface StaleRange {
  after: string;
  upTo: string;
}

/**
 * Brings the facts up to date in steps, giving the event loop a turn between them: a report asked for after an
 * upgrade or a first pull, when tens of thousands of dossiers may be stale, no longer holds every other request of
 * the desk (a clerk's search, a reception) until it is done. One pass over the marks there are when it begins, in
 * dossier id order: a dossier marked again behind the pass, or a new one beyond it (a pull writing meanwhile marks
 * faster than steps refold), waits for the next report or the idle upkeep, else a report asked for during a pull
 * waited for the pull's end. So the report shows every dossier as it was when asked for, or later. Nothing can change
 * the facts between its last step and the caller's synchronous read that follows. A long run checkpoints the log in
 * the background (db/burst-checkpoint.ts) when the desk gives the means.
 */
export async function reportFactsUpToDate(db: Db, checkpointInBackground?: () => BackgroundCheckpoint): Promise<void> {
  const checkpoint = new BurstCheckpoint(checkpointInBackground);
  let range: StaleRange | undefined;
  let busySince: number | null = null;
  try {
    for (;;) {
      // Once the counts are built (a build reads facts that stay put), the pass is bounded by the last mark there is.
      if (!range && reportCountsBuilt(db)) {
        const last = db.prepare<[], string | null>(`SELECT max(dossier_id) FROM ${DESK_STALE_TABLE}`).pluck().get();
        if (last === null || last === undefined) return;
        range = { after: '', upTo: last };
      }
      let more: boolean;
      try {
        more = reportFactsStep(db, REPORT_FACTS_STEP_MS, range);
        busySince = null;
      } catch (e) {
        // Another process on the file (`motcua report`, a second desk window) committing step after step can hold
        // the write lock past the busy timeout (CI saw "database is locked" beside such a process). The step wrote
        // nothing; it is tried again after a pause that lets the other one finish a step, for as long as
        // REPORT_BUSY_PATIENCE_MS, and the report is answered when the lock comes free.
        if (!isBusy(e)) throw e;
        busySince ??= performance.now();
        if (performance.now() - busySince > REPORT_BUSY_PATIENCE_MS) throw e;
        await pause(REPORT_BUSY_PAUSE_MS);
        continue;
      }
      if (!more) return;
      checkpoint.step();
      await nextTurn();
    }
  } finally {
    checkpoint.end();
  }
}

interface RefreshStatements {
  events: EventLog;
  current: ReturnType<Db['prepare']>;
  stale: ReturnType<Db['prepare']>;
  staleIn: Statement<[string, string, number], string>;
  done: ReturnType<Db['prepare']>;
  facts: ReturnType<typeof factWriter>;
  spansOf: ReturnType<typeof overdueSpansReader>;
}
const statements = new WeakMap<Db, RefreshStatements>();

function statementsOf(db: Db): RefreshStatements {
  let s = statements.get(db);
  if (!s) {
    s = {
      events: new EventLog(db),
      current: db.prepare(`SELECT ${reportFactColumns.join(', ')} FROM ${DESK_FACTS_TABLE} WHERE dossier_id = ?`).raw(),
      stale: db.prepare(`SELECT dossier_id FROM ${DESK_STALE_TABLE} LIMIT ?`).pluck(),
      staleIn: db
        .prepare<[string, string, number], string>(`SELECT dossier_id FROM ${DESK_STALE_TABLE} WHERE dossier_id > ? AND dossier_id <= ? ORDER BY dossier_id LIMIT ?`)
        .pluck(),
      done: db.prepare(`DELETE FROM ${DESK_STALE_TABLE} WHERE dossier_id = ?`),
      facts: factWriter(db),
      spansOf: overdueSpansReader(db),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * Refolds stale dossiers into their facts and counts in one transaction: at most `maxDossiers`, and no more once
 * `budgetMs` has passed. The counts must be built. `more`: stale dossiers are left.
 */
function refreshStale(db: Db, maxDossiers: number, budgetMs: number, range?: StaleRange): { refreshed: number; more: boolean } {
  const { events, current, stale, staleIn, done, facts, spansOf } = statementsOf(db);
  const started = performance.now();
  // IMMEDIATE: the write lock is taken (waiting the busy timeout for it) before the stale marks are read. Deferred,
  // the read's upgrade to a write failed at once with SQLITE_BUSY whenever another connection on the file (`motcua
  // report` beside the desk) had just committed a step.
  return db.transaction(() => {
    const changes = new CountChanges();
    let refreshed = 0;
    const finish = (more: boolean) => {
      changes.write(db);
      return { refreshed, more };
    };
    for (;;) {
      const look = Math.min(LOOK, maxDossiers - refreshed);
      const ids = (range ? staleIn.all(range.after, range.upTo, look) : stale.all(look)) as string[];
      if (ids.length === 0) return finish(false);
      for (const id of ids) {
        if (range) range.after = id;
        const state = projectDossier(events.forDossier(id));
        const before = current.get(id) as unknown[] | undefined;
        if (before) {
          changes.apply(reportFactOfValues(before, spansOf(id)), -1);
          facts.remove(id);
        }
        if (state) {
          const fact = reportFactOf(state);
          facts.insert(fact);
          changes.apply(fact, 1);
        }
        done.run(id);
        refreshed += 1;
        if (performance.now() - started >= budgetMs) return finish(true);
      }
      if (refreshed >= maxDossiers) return finish(true);
    }
  }).immediate();
}
