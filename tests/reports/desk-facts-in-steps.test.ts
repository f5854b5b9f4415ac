/**
 * The desk's report facts brought up to date in steps (reports/report-facts.ts, report-facts-upkeep.ts). What a
 * supervisor would notice if this broke: after an upgrade or a first pull, the first report froze the whole desk
 * (no search, no reception) until tens of thousands of dossiers were refolded; or a report whose counts, built a
 * step at a time while clerks kept working, no longer add up to the dossiers behind them.
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { projectDossier, type DossierState } from '../../shared/domain/lifecycle';
import { countMeasures } from '../../shared/reports/counts';
import type { ReportRequest } from '../../shared/reports/run-report';
import type { Db } from '../../electron/desk/db/open-database';
import { EventLog } from '../../electron/desk/events/event-log';
import { openStore } from '../../electron/desk/db/open-store';
import { deskReport, deskReportFromFacts } from '../../electron/desk/reports/desk-report';
import { buildCountsStep, ensureReportCounts, invalidateReportCounts, reportCountsBuilt } from '../../electron/desk/reports/report-counts-upkeep';
import { refreshReportFacts, reportFactsStep } from '../../electron/desk/reports/report-facts';
import { REPORT_UPKEEP_IDLE_MS, ReportFactsUpkeep } from '../../electron/desk/reports/report-facts-upkeep';
import { at, dossierEvents } from './support/dossier-builder';
// Stores the dossiers' events in the desk's log, as a pull from the server would.
import { storePulled as store } from './support/pulled-events';
import { randomDossierEvents } from './support/random-dossiers';
import { referenceReport } from './support/report-paths';

const here = path.dirname(fileURLToPath(import.meta.url));
const options = { procedures: seedProcedures };
const YEAR: ReportRequest = { period: { from: '2023-01-01', to: '2023-12-31' }, unitCode: null, today: '2025-01-01' };
const SPRING: ReportRequest = { period: { from: '2023-03-01', to: '2023-05-31' }, unitCode: null, today: '2023-04-20' };

const staleCount = (db: Db) => db.prepare<[], number>('SELECT count(*) FROM report_facts_stale').pluck().get()!;
/** The counts as stored; rows whose measures are all zero may stay behind after changes and count nothing. */
const counts = (db: Db) =>
  db
    .prepare(`SELECT * FROM report_counts WHERE ${countMeasures.map((m) => `${m} <> 0`).join(' OR ')} ORDER BY bucket, unit_code, procedure_code, channel`)
    .all();
/** Every dossier's state folded from the log: what the reference report is computed from. */
const statesOf = (db: Db): DossierState[] =>
  db
    .prepare<[], string>('SELECT DISTINCT dossier_id FROM events')
    .pluck()
    .all()
    .map((id) => projectDossier(new EventLog(db).forDossier(id)))
    .filter((state) => state !== undefined);

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-facts-steps-'));
  db = openStore({ dataDir: dir }).db;
  store(db, randomDossierEvents(2500, 41));
  refreshReportFacts(db);
  // As an upgrade leaves a desk: every fact to refold, and the counts to build from nothing.
  db.exec('INSERT OR IGNORE INTO report_facts_stale SELECT id FROM dossiers');
  invalidateReportCounts(db);
});
afterEach(() => {
  vi.useRealTimers();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('report facts brought up to date in steps', () => {
  it('a report over thousands of stale facts lets the desk answer other requests between its steps, and is exact', async () => {
    expect(staleCount(db)).toBe(2500);
    let turns = 0;
    let answered = false;
    const otherRequests = () => {
      if (answered) return;
      turns += 1;
      // What a clerk's search does meanwhile: a read of the same file.
      db.prepare('SELECT count(*) FROM dossiers').get();
      setImmediate(otherRequests);
    };
    setImmediate(otherRequests);
    const report = await deskReport(db, YEAR, options);
    answered = true;
    // Before, the whole refold ran inside the request: not one other turn until the report was done.
    expect(turns).toBeGreaterThan(3);
    expect(staleCount(db)).toBe(0);
    expect(reportCountsBuilt(db)).toBe(true);
    expect(report).toEqual(referenceReport(statesOf(db), YEAR));
    expect(await deskReport(db, SPRING, options)).toEqual(referenceReport(statesOf(db), SPRING));
  });

  it('counts built a step at a time, with new events and refolds between the steps, equal counts built at once', async () => {
    const later = randomDossierEvents(60, 43);
    let steps = 0;
    // A budget of 0 ms: each step does the least it can (one page of facts, or one dossier).
    while (reportFactsStep(db, 0)) {
      steps += 1;
      // The clerks go on working between the steps: new dossiers, a resolution, a dossier's events removed.
      if (steps % 3 === 0 && later.length > 0) store(db, later.splice(0, 20));
      if (steps === 2) {
        // One dossier's history replaced by a late resolution, another's removed.
        const [someone, gone] = db.prepare<[], string>('SELECT id FROM dossiers ORDER BY id LIMIT 2 OFFSET 7').pluck().all();
        db.prepare('DELETE FROM events WHERE dossier_id IN (?, ?)').run(someone, gone);
        store(db, [dossierEvents({ receivedAt: at('2023-05-02'), dueAt: at('2023-05-09', '17:00'), steps: [{ type: 'resolved', at: at('2023-05-12') }] }, someone)]);
        db.prepare('DELETE FROM dossiers WHERE id = ?').run(gone);
      }
    }
    expect(steps).toBeGreaterThan(10);
    expect(later).toHaveLength(0);
    expect(staleCount(db)).toBe(0);
    const stepped = counts(db);
    invalidateReportCounts(db);
    expect(ensureReportCounts(db)).toBe(true);
    expect(counts(db)).toEqual(stepped);
    expect(await deskReport(db, YEAR, options)).toEqual(await deskReportFromFacts(db, YEAR, options));
    expect(await deskReport(db, YEAR, options)).toEqual(referenceReport(statesOf(db), YEAR));
  });

  it('one build shared by two connections on the file (the desk and `motcua report`), each taking steps in turn', async () => {
    const other = openStore({ dataDir: dir }).db;
    try {
      // The build's sums written with its cursor every 50 count rows: each connection goes on from the other's
      // cursor, and drops what it had summed from a cursor the other has moved past.
      let steps = 0;
      for (let turn = 0; buildCountsStep(turn % 3 === 0 ? db : other, 0, 50); turn++) steps += 1;
      expect(steps).toBeGreaterThan(10);
      const stepped = counts(db);
      invalidateReportCounts(db);
      ensureReportCounts(db);
      expect(counts(db)).toEqual(stepped);
      // Then the stale facts, a step each in turn.
      for (let turn = 0; reportFactsStep(turn % 2 === 0 ? db : other, 0); turn++) steps += 1;
      expect(await deskReport(other, YEAR, options)).toEqual(referenceReport(statesOf(other), YEAR));
      expect(await deskReport(db, SPRING, options)).toEqual(referenceReport(statesOf(db), SPRING));
    } finally {
      other.close();
    }
  });

  it('a build whose write fails (a full disk at the commit) counts those facts again: the counts stay exact', async () => {
    let failed = false;
    db.function('fail_once', () => {
      if (failed) return 0;
      failed = true;
      throw new Error('disk full');
    });
    // The first time the build writes its sums with a new cursor, the write fails and rolls back.
    db.exec('CREATE TEMP TRIGGER fail_cursor BEFORE UPDATE OF build_after ON main.report_counts_state WHEN NEW.build_after > 0 BEGIN SELECT fail_once(); END');
    let threw = 0;
    for (let i = 0; i < 10_000; i++) {
      try {
        if (!buildCountsStep(db, 0, 50)) break;
      } catch {
        threw += 1;
      }
    }
    expect(failed).toBe(true);
    expect(threw).toBe(1);
    expect(reportCountsBuilt(db)).toBe(true);
    const stepped = counts(db);
    invalidateReportCounts(db);
    ensureReportCounts(db);
    expect(counts(db)).toEqual(stepped);
    expect(await deskReport(db, YEAR, options)).toEqual(referenceReport(statesOf(db), YEAR));
  });

  it('a report waits while another connection holds the write lock longer than the busy timeout, then answers', async () => {
    // As `motcua report` or a second window stepping without a pause: the lock held 6 s, past the 5 s busy timeout.
    const other = new Database(db.name);
    other.exec('BEGIN IMMEDIATE');
    const release = setTimeout(() => other.exec('COMMIT'), 6_000);
    try {
      const report = await deskReport(db, YEAR, options);
      expect(report).toEqual(referenceReport(statesOf(db), YEAR));
      expect(staleCount(db)).toBe(0);
    } finally {
      clearTimeout(release);
      if (other.inTransaction) other.exec('COMMIT');
      other.close();
    }
  }, 30_000);

  it('a report beside another process taking steps on the same file (`motcua report`) waits its turn, and both finish', async () => {
    // 8 s of stepping: with 4 s, a fresh-clone CI under load (its first report refolding what the child had marked)
    // once saw the child end before the first report did, and so one report only, not reports beside its steps.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'support', 'facts-steps-child.ts'), dir, '8000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    const said: string[] = [];
    const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stepping = new Promise<void>((resolve) => lines.on('line', (line) => (said.push(line), line === 'stepping' && resolve())));
    await Promise.race([stepping, ended]);
    // Reports one after the other while the other process keeps committing its marks and steps.
    const reports = [];
    let running = true;
    void ended.then(() => (running = false));
    do reports.push(await deskReport(db, YEAR, options));
    while (running && reports.length < 50);
    await ended;
    expect(said.filter((l) => l.startsWith('error'))).toEqual([]);
    expect(said.at(-1)).toMatch(/^done \d+$/);
    expect(reports.length).toBeGreaterThan(1);
    const expected = referenceReport(statesOf(db), YEAR);
    for (const report of reports) expect(report).toEqual(expected);
    expect(staleCount(db)).toBe(0);
    const both = counts(db);
    invalidateReportCounts(db);
    ensureReportCounts(db);
    expect(counts(db)).toEqual(both);
  });

  it('a report asked for while a pull keeps marking dossiers answers without waiting for the pull to end', async () => {
    const ids = db.prepare<[], string>('SELECT id FROM dossiers').pluck().all();
    const mark = db.prepare('INSERT OR IGNORE INTO report_facts_stale (dossier_id) VALUES (?)');
    let pulling = true;
    let next = 0;
    // As a pull's refold writes rows: 200 dossiers marked every turn of the event loop, for up to 20 s.
    const pull = () => {
      if (!pulling) return;
      db.transaction(() => {
        for (let i = 0; i < 200; i++) mark.run(ids[next++ % ids.length]);
      })();
      setImmediate(pull);
    };
    const stopPull = setTimeout(() => (pulling = false), 20_000);
    setImmediate(pull);
    try {
      const report = await deskReport(db, YEAR, options);
      // Answered while the pull still went on: before, it waited until nothing was stale.
      expect(pulling).toBe(true);
      expect(report).toEqual(referenceReport(statesOf(db), YEAR));
    } finally {
      pulling = false;
      clearTimeout(stopPull);
    }
  });

  it('a build left unfinished by a desk that closed goes on from where it stopped when the desk opens again', async () => {
    const build = () => db.prepare('SELECT build_after, build_id FROM report_counts_state').get() as { build_after: number | null; build_id: string | null };
    // The old counts are cleared a slice per step, then the build begins.
    let steps = 0;
    while (build().build_id === null && steps < 100) {
      expect(reportFactsStep(db, 0)).toBe(true);
      steps += 1;
    }
    expect(steps).toBeGreaterThan(1);
    expect(reportFactsStep(db, 0)).toBe(true);
    const reached = build();
    // Begun: the old counts cleared, the cursor and the build's name in the file.
    expect(reached.build_after).not.toBeNull();
    expect(reached.build_id).not.toBeNull();
    db.close();
    db = openStore({ dataDir: dir }).db;
    expect(reportCountsBuilt(db)).toBe(false);
    expect(build()).toEqual(reached);
    expect(await deskReport(db, YEAR, options)).toEqual(referenceReport(statesOf(db), YEAR));
    expect(build()).toEqual({ build_after: null, build_id: null });
  });
});

describe('report facts kept up to date while the desk is idle', () => {
  it('refolds nothing while rows keep being written, and everything once the desk has been quiet', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const upkeep = new ReportFactsUpkeep(db);
    try {
      const more = randomDossierEvents(30, 47);
      for (let i = 0; i < 3; i++) {
        vi.advanceTimersByTime(REPORT_UPKEEP_IDLE_MS - 1_000);
        store(db, more.slice(i * 10, i * 10 + 10));
        upkeep.noteWrite();
      }
      // Never quiet for the whole idle time: nothing refolded, the counts not built.
      expect(staleCount(db)).toBe(2530);
      expect(reportCountsBuilt(db)).toBe(false);
      vi.advanceTimersByTime(REPORT_UPKEEP_IDLE_MS + 60_000);
      expect(staleCount(db)).toBe(0);
      expect(reportCountsBuilt(db)).toBe(true);
      const stepped = counts(db);
      invalidateReportCounts(db);
      ensureReportCounts(db);
      expect(counts(db)).toEqual(stepped);
    } finally {
      upkeep.stop();
    }
    vi.useRealTimers();
    expect(await deskReport(db, YEAR, options)).toEqual(referenceReport(statesOf(db), YEAR));
  });

  it('stops with its store: a closed connection is left alone', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const upkeep = new ReportFactsUpkeep(db);
    upkeep.stop();
    vi.advanceTimersByTime(REPORT_UPKEEP_IDLE_MS + 60_000);
    expect(staleCount(db)).toBe(2500);
    const closing = new ReportFactsUpkeep(db);
    db.close();
    expect(() => vi.advanceTimersByTime(REPORT_UPKEEP_IDLE_MS + 60_000)).not.toThrow();
    closing.stop();
    db = openStore({ dataDir: dir }).db;
  });
});
