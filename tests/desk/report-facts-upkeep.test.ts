/**
 * The desk keeps its report facts up to date between the clerk's actions (reports/report-facts-upkeep.ts), wired
 * through the desk itself: every dossier row it writes puts the upkeep off, and a quiet desk refolds them. What a
 * supervisor would notice if this broke: the first report of the day refolding everything received since the last
 * one inside the request, or a long run keeping a checkpoint worker after it ended.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BURST_CHECKPOINT_AFTER_STEPS, BurstCheckpoint } from '../../electron/desk/db/burst-checkpoint';
import { REPORT_UPKEEP_IDLE_MS } from '../../electron/desk/reports/report-facts-upkeep';
import { allPresent, makeTestDesk, ordinaryProcedure, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  vi.useRealTimers();
  t?.cleanup();
  t = undefined;
});

const staleCount = (desk: TestDesk) => desk.desk.db.prepare<[], number>('SELECT count(*) FROM report_facts_stale').pluck().get()!;

async function receive(desk: TestDesk, count: number, from = 0): Promise<void> {
  const procedure = ordinaryProcedure();
  for (let i = from; i < from + count; i++) {
    await desk.must('dossiers.receive', {
      procedureCode: procedure.code,
      applicant: { kind: 'person', name: `Nguyễn Văn ${i}`, idNumber: `0012030045${String(i).padStart(2, '0')}` },
      components: allPresent(procedure),
    });
  }
}

describe('report facts upkeep in the desk', () => {
  it("waits while the clerk receives dossiers, refolds their facts once the desk is quiet, and stops with the desk", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    t = await makeTestDesk();
    await receive(t, 4);
    vi.advanceTimersByTime(REPORT_UPKEEP_IDLE_MS - 1_000);
    await receive(t, 2, 4);
    vi.advanceTimersByTime(REPORT_UPKEEP_IDLE_MS - 1_000);
    // Never quiet for the whole idle time: the six receptions' facts still wait.
    expect(staleCount(t)).toBe(6);
    vi.advanceTimersByTime(2_000);
    expect(staleCount(t)).toBe(0);
    expect(t.desk.db.prepare('SELECT count(*) AS n FROM report_facts').get()).toEqual({ n: 6 });
    await receive(t, 1, 6);
    expect(staleCount(t)).toBe(1);
    t.desk.close();
    expect(() => vi.advanceTimersByTime(REPORT_UPKEEP_IDLE_MS + 1_000)).not.toThrow();
    // The next session takes up what this one left.
    t.reopen();
    expect(staleCount(t)).toBe(1);
    vi.advanceTimersByTime(REPORT_UPKEEP_IDLE_MS + 1_000);
    expect(staleCount(t)).toBe(0);
  });
});

describe('the checkpoint worker of a long run of steps', () => {
  it('starts only once a run has gone on for a while, and stops when it ends or is interrupted', () => {
    const started: { stopped: boolean }[] = [];
    const checkpoint = new BurstCheckpoint(() => {
      const worker = { stopped: false };
      started.push(worker);
      return { stop: async () => void (worker.stopped = true) };
    });
    for (let i = 1; i < BURST_CHECKPOINT_AFTER_STEPS; i++) checkpoint.step();
    expect(started).toHaveLength(0);
    checkpoint.step();
    checkpoint.step();
    expect(started).toHaveLength(1);
    checkpoint.end();
    expect(started[0]!.stopped).toBe(true);
    // A run of a few steps (a day's work) starts none.
    for (let i = 1; i < BURST_CHECKPOINT_AFTER_STEPS; i++) checkpoint.step();
    checkpoint.end();
    expect(started).toHaveLength(1);
    // A desk that cannot start one (closed, or its file being replaced by a restore): the run goes on without it.
    const refused = new BurstCheckpoint(() => {
      throw new Error('the database file is being replaced');
    });
    for (let i = 0; i < BURST_CHECKPOINT_AFTER_STEPS * 2; i++) expect(() => refused.step()).not.toThrow();
    expect(() => refused.end()).not.toThrow();
  });
});
