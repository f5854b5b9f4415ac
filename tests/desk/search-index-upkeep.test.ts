/**
 * The search index is merged while the desk is idle, not inside a reception (migration 004 and
 * projections/search-index-upkeep). What a clerk would notice if this broke: a reception that now and then takes
 * a second (a merge inside it), or a search that stops finding dossiers after a merge. Speed itself is measured
 * by `npm run bench -- desk`; these tests hold the mechanism and the search results.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../electron/desk/db/open-database';
import { restoreDossierIndexes, suspendDossierIndexes } from '../../electron/desk/db/index-suspension';
import { migrate } from '../../electron/desk/db/migrate';
import { migrations } from '../../electron/desk/db/migrations/index';
import {
  SEARCH_UPKEEP_IDLE_MS,
  SEARCH_MERGE_STEP_PAGES,
  SearchIndexUpkeep,
} from '../../electron/desk/projections/search-index-upkeep';
import { searchIndexedTo } from '../../electron/desk/db/search-index-mark';
import type { Db } from '../../electron/desk/db/open-database';
import { ADMIN, allPresent, checkSearchIndexAgainstRows, indexNewRowsNow, makeTestDesk, ordinaryProcedure, submittedOnline, tempDir, type TestDesk } from './helpers';
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

/** Dossiers the search index holds (its %_docsize table has one row per document). */
const indexedRows = (db: Db): number => db.prepare<[], number>('SELECT count(*) FROM dossier_search_docsize').pluck().get()!;

describe('search index upkeep while idle', () => {
  it('leaves receptions out of the index, takes them in once the desk is quiet, and finds everyone throughout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    t = await makeTestDesk();
    await receiveAll(t, NAMES);
    // Twelve receptions and no index work inside any of them: search reads their rows (migration 011).
    expect(indexedRows(t.desk.db)).toBe(0);
    expect(searchSegments(t.desk.db)).toBe(0);
    await expectEveryoneFound(t, NAMES);

    vi.advanceTimersByTime(SEARCH_UPKEEP_IDLE_MS + 1_000);
    expect(indexedRows(t.desk.db)).toBe(NAMES.length);
    expect(searchSegments(t.desk.db)).toBe(1); // one batch, one segment
    await expectEveryoneFound(t, NAMES);
    checkSearchIndexAgainstRows(t!.desk.db);
  });

  it('waits while the clerk keeps working', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    t = await makeTestDesk();
    await receiveAll(t, NAMES.slice(0, 6));
    vi.advanceTimersByTime(SEARCH_UPKEEP_IDLE_MS - 1_000);
    await receiveAll(t, NAMES.slice(6, 8));
    vi.advanceTimersByTime(SEARCH_UPKEEP_IDLE_MS - 1_000);
    // Never quiet for the whole idle time: nothing indexed yet.
    expect(indexedRows(t.desk.db)).toBe(0);
    vi.advanceTimersByTime(2_000);
    expect(indexedRows(t.desk.db)).toBe(8);
    await expectEveryoneFound(t, NAMES.slice(0, 8));
  });

  it('does nothing, and does not throw, when the desk was closed before it became idle; the next session indexes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    t = await makeTestDesk();
    await receiveAll(t, NAMES.slice(0, 5));
    t.desk.close();
    expect(() => vi.advanceTimersByTime(SEARCH_UPKEEP_IDLE_MS + 1_000)).not.toThrow();
    t.reopen();
    expect(indexedRows(t.desk.db)).toBe(0);
    vi.advanceTimersByTime(SEARCH_UPKEEP_IDLE_MS + 1_000);
    expect(indexedRows(t.desk.db)).toBe(5);
  });

  it('takes in the rows of a first pull once its suspension has ended, though nothing is written after it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    t = await makeTestDesk();
    await receiveAll(t, NAMES.slice(0, 3));
    suspendDossierIndexes(t.desk.db);
    await receiveAll(t, NAMES.slice(3, 6));
    // Quiet while the pull still holds the index suspended: nothing to do yet.
    vi.advanceTimersByTime(SEARCH_UPKEEP_IDLE_MS + 1_000);
    expect(indexedRows(t.desk.db)).toBe(0);
    restoreDossierIndexes(t.desk.db); // the pull's end writes no dossier row
    vi.advanceTimersByTime(SEARCH_UPKEEP_IDLE_MS + 1_000);
    expect(indexedRows(t.desk.db)).toBe(6);
    await expectEveryoneFound(t, NAMES.slice(0, 6));
    checkSearchIndexAgainstRows(t.desk.db);
  });

  it('indexes a backlog in bounded batches, oldest first, and says when nothing is left', async () => {
    t = await makeTestDesk();
    await receiveAll(t, NAMES.slice(0, 10));
    const db = t.desk.db;
    const upkeep = new SearchIndexUpkeep(db, SEARCH_UPKEEP_IDLE_MS, SEARCH_MERGE_STEP_PAGES, 4);
    const marks: number[] = [];
    while (upkeep.idleStep()) marks.push(searchIndexedTo(db));
    // Four rows a step, in `seq` order, so every row up to the mark is in (migration 011).
    expect(marks).toEqual([4, 8]);
    expect(searchIndexedTo(db)).toBe(10);
    expect(indexedRows(db)).toBe(10);
    expect(upkeep.idleStep()).toBe(false);
    await expectEveryoneFound(t, NAMES.slice(0, 10));
  });

  it('finds the newest first across rows not yet indexed and rows indexed, cut off at the limit', async () => {
    t = await makeTestDesk();
    const people = ['Nguyễn Văn An', 'Nguyễn Văn Bình', 'Nguyễn Thị Cúc', 'Nguyễn Hữu Dũng'];
    await receiveAll(t, people.slice(0, 2));
    indexNewRowsNow(t.desk);
    await receiveAll(t, people.slice(2));
    expect(indexedRows(t.desk.db)).toBe(2);
    const found = async (limit: number) => (await t!.must('dossiers.search', { query: 'nguyen', limit })).map((d) => d.applicantName);
    expect(await found(10)).toEqual([...people].reverse());
    expect(await found(3)).toEqual(people.slice(1).reverse());
    expect(await found(1)).toEqual(['Nguyễn Hữu Dũng']);
  });

  it('keeps an indexed dossier found by its new text only, when a reception corrects it', async () => {
    t = await makeTestDesk();
    const id = '0194f3a2-7c4e-7d3b-9a51-3f1f6a7e2b12';
    t.desk.db.transaction(() => {
      t!.desk.events.insertFromServer(submittedOnline(id, 'Võ Thị Lan'));
      t!.desk.projector.refresh(id);
    })();
    indexNewRowsNow(t.desk);
    expect(indexedRows(t.desk.db)).toBe(1);
    const p = ordinaryProcedure();
    const receipt = await t.must('dossiers.receive', {
      dossierId: id,
      procedureCode: p.code,
      applicant: { kind: 'person', name: 'Vũ Thị Lan', idNumber: '001203007777' },
      components: allPresent(p),
    });
    const ids = async (query: string) => (await t!.must('dossiers.search', { query })).map((d) => d.id);
    expect(await ids('vu thi lan')).toEqual([id]);
    expect(await ids('vo thi lan')).toEqual([]);
    expect(await ids(receipt.code.split('-').at(-1)!)).toEqual([id]);
    checkSearchIndexAgainstRows(t!.desk.db);
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

describe('migration 011', () => {
  it('keeps a store indexed by an earlier version searchable, and leaves only later receptions to the idle time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    t = await makeTestDesk();
    await receiveAll(t, NAMES.slice(0, 4));
    // The store as version 10 left it: every row indexed by triggers without a condition.
    const db = t.desk.db;
    db.exec(`
      DROP TRIGGER dossiers_search_insert;
      CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers BEGIN
        INSERT INTO dossier_search (rowid, search_text) VALUES (new.seq, new.search_text);
      END;
      INSERT INTO dossier_search (dossier_search) VALUES ('rebuild');
    `);
    db.pragma('user_version = 10');
    t.reopen();
    expect(indexedRows(t.desk.db)).toBe(4);
    expect(searchIndexedTo(t.desk.db)).toBe(4);
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await receiveAll(t, NAMES.slice(4, 6));
    expect(indexedRows(t.desk.db)).toBe(4);
    await expectEveryoneFound(t, NAMES.slice(0, 6));
    vi.advanceTimersByTime(SEARCH_UPKEEP_IDLE_MS + 1_000);
    expect(indexedRows(t.desk.db)).toBe(6);
    checkSearchIndexAgainstRows(t!.desk.db);
  });
});
