/**
 * The search index is merged while the desk is idle, not inside a reception (migration 004 and
 * projections/search-index-upkeep). What a clerk would notice if this broke: a reception that now and then takes
 * a second (a merge inside it), or a search that stops finding dossiers after a merge. Speed itself is measured
 * by `npm run bench -- desk`; these tests hold the mechanism and the search results.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../electron/desk/db/open-database';
import { migrate } from '../../electron/desk/db/migrate';
import { migrations } from '../../electron/desk/db/migrations/index';
import { SEARCH_MERGE_IDLE_MS } from '../../electron/desk/projections/search-index-upkeep';
import type { Db } from '../../electron/desk/db/open-database';
import { allPresent, makeTestDesk, ordinaryProcedure, tempDir, type TestDesk } from './helpers';
import path from 'node:path';
import { rmSync } from 'node:fs';

let t: TestDesk | undefined;
afterEach(() => {
  vi.useRealTimers();
  t?.cleanup();
  t = undefined;
});

const NAMES = [
  'Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Thu Dung', 'Hoàng Minh Đức', 'Vũ Thị Giang',
  'Đặng Quốc Hùng', 'Bùi Thanh Hương', 'Đỗ Văn Khoa', 'Hồ Thị Lan', 'Ngô Bảo Long', 'Dương Thị Mai',
];

/** Number of segments in the FTS5 index: read from its structure record (id 10 of the %_data table). */
function searchSegments(db: Db): number {
  const block = db.prepare<[], Buffer>('SELECT block FROM dossier_search_data WHERE id = 10').pluck().get();
  if (!block) return 0;
  const v2 = block[4] === 0xff && block[5] === 0 && block[6] === 0 && block[7] === 1;
  const at = v2 ? 8 : 4; // cookie, optional version marker, then varints: levels, segments
  expect(block[at]! < 0x80 && block[at + 1]! < 0x80).toBe(true); // one-byte varints at these sizes
  return block[at + 1]!;
}

async function receiveAll(desk: TestDesk, names: string[]): Promise<void> {
  const procedure = ordinaryProcedure();
  for (const [i, name] of names.entries()) {
    await desk.must('dossiers.receive', {
      procedureCode: procedure.code,
      applicant: { kind: 'person', name, idNumber: `0012030045${String(i).padStart(2, '0')}` },
      components: allPresent(procedure),
    });
  }
}

async function expectEveryoneFound(desk: TestDesk, names: string[]): Promise<void> {
  for (const name of names) {
    // Typed without diacritics, as a clerk does.
    const query = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const found = await desk.must('dossiers.search', { query });
    expect(found.map((d) => d.applicantName)).toContain(name);
  }
}

describe('search index merging', () => {
  it('leaves each reception its own small segment and merges them once the desk is quiet, finding everyone throughout', async () => {
    t = await makeTestDesk();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await receiveAll(t, NAMES);
    // Twelve receptions, twelve segments: none of them paid for merging (FTS5 would merge inside the commit).
    expect(searchSegments(t.desk.db)).toBe(NAMES.length);
    await expectEveryoneFound(t, NAMES);

    vi.advanceTimersByTime(SEARCH_MERGE_IDLE_MS + 1_000);
    expect(searchSegments(t.desk.db)).toBeLessThan(4);
    await expectEveryoneFound(t, NAMES);
    expect(() => t!.desk.db.exec("INSERT INTO dossier_search (dossier_search) VALUES ('integrity-check')")).not.toThrow();
  });

  it('waits while the clerk keeps working', async () => {
    t = await makeTestDesk();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await receiveAll(t, NAMES.slice(0, 6));
    vi.advanceTimersByTime(SEARCH_MERGE_IDLE_MS - 1_000);
    await receiveAll(t, NAMES.slice(6, 8));
    vi.advanceTimersByTime(SEARCH_MERGE_IDLE_MS - 1_000);
    // Never quiet for the whole idle time: still one segment per reception.
    expect(searchSegments(t.desk.db)).toBe(8);
    vi.advanceTimersByTime(2_000);
    expect(searchSegments(t.desk.db)).toBeLessThan(4);
    await expectEveryoneFound(t, NAMES.slice(0, 8));
  });

  it('does nothing, and does not throw, when the desk was closed before it became idle', async () => {
    t = await makeTestDesk();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await receiveAll(t, NAMES.slice(0, 5));
    t.desk.close();
    expect(() => vi.advanceTimersByTime(SEARCH_MERGE_IDLE_MS + 1_000)).not.toThrow();
    t.reopen();
    expect(searchSegments(t.desk.db)).toBe(5);
  });

  it('a step reports when nothing is left to merge', async () => {
    t = await makeTestDesk();
    await receiveAll(t, NAMES.slice(0, 6));
    const upkeep = t.desk.projector.searchIndex;
    let steps = 0;
    while (upkeep.mergeStep()) steps += 1;
    expect(steps).toBeGreaterThan(0);
    expect(upkeep.mergeStep()).toBe(false);
  });
});

describe('migration 004', () => {
  it('turns automatic merging off in a store made by an earlier version', () => {
    const dir = tempDir();
    const db = openDatabase({ file: path.join(dir, 'desk.sqlite') });
    try {
      migrate(db, migrations.slice(0, 3));
      const automerge = () => db.prepare<[], number>("SELECT v FROM dossier_search_config WHERE k = 'automerge'").pluck().get();
      expect(automerge()).toBeUndefined(); // FTS5's default: merge inside every write
      migrate(db, migrations);
      expect(automerge()).toBe(0);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
