/**
 * A new desk's first pull writes its dossier rows with the list indexes and search triggers suspended
 * (db/index-suspension.ts). What a clerk would notice if this broke: after the first sync, lists that crawl (an
 * index missing for good), or dossiers that a search never finds; or a desk killed during that pull that comes
 * back without them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  dossierIndexesSuspended,
  restoreDossierIndexes,
  restoreDossierIndexesStepwise,
  suspendDossierIndexes,
} from '../../electron/desk/db/index-suspension';
import type { Db } from '../../electron/desk/db/open-database';
import { searchIndexedTo } from '../../electron/desk/db/search-index-mark';
import { ADMIN, allPresent, checkSearchIndexAgainstRows, indexNewRowsNow, makeTestDesk, ordinaryProcedure, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const schemaOf = (db: Db) =>
  db
    .prepare<[], { type: string; name: string; sql: string | null }>(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();

async function receive(desk: TestDesk, name: string, idNumber: string) {
  const procedure = ordinaryProcedure();
  return desk.must('dossiers.receive', {
    procedureCode: procedure.code,
    applicant: { kind: 'person', name, idNumber },
    components: allPresent(procedure),
  });
}

const namesFound = async (desk: TestDesk, query: string) =>
  (await desk.must('dossiers.search', { query })).map((d) => d.applicantName);

describe('dossier indexes suspended for a bulk load', () => {
  it('are dropped, then rebuilt exactly as they were, with the dossiers written meanwhile found by search', async () => {
    t = await makeTestDesk();
    const db = t.desk.db;
    await receive(t, 'Nguyễn Văn An', '001203004501');
    const before = schemaOf(db);

    expect(suspendDossierIndexes(db)).toBe(true);
    expect(dossierIndexesSuspended(db)).toBe(true);
    const during = schemaOf(db);
    const dropped = before.filter((b) => !during.some((d) => d.name === b.name));
    expect(dropped.filter((e) => e.type === 'index').map((e) => e.name).sort()).toEqual([
      'dossiers_channel_received',
      'dossiers_code',
      'dossiers_field_received',
      'dossiers_field_status_received',
      'dossiers_procedure_received',
      'dossiers_received',
      'dossiers_status_due',
      'dossiers_status_received',
    ]);
    expect(dropped.filter((e) => e.type === 'trigger').map((e) => e.name).sort()).toEqual([
      'dossiers_search_delete',
      'dossiers_search_insert',
      'dossiers_search_update',
    ]);
    // Nothing that keeps the data right goes: the dossier id stays unique, the report triggers stay.
    expect(dropped.every((e) => !/UNIQUE/i.test(e.sql ?? '') && !e.name.includes('report'))).toBe(true);
    expect(suspendDossierIndexes(db)).toBe(false);

    // The desk keeps working meanwhile: a reception, found by name at once; a list.
    const during1 = await receive(t, 'Trần Thị Bình', '001203004502');
    expect(await namesFound(t, 'tran thi binh')).toEqual(['Trần Thị Bình']);
    const list = await t.must('dossiers.list', {});
    expect(list.total).toBe(2);

    restoreDossierIndexes(db);
    expect(dossierIndexesSuspended(db)).toBe(false);
    expect(schemaOf(db)).toEqual(before);
    // The search index is emptied, not rebuilt in the same breath: search reads the rows until the desk is idle.
    expect(searchIndexedTo(db)).toBe(0);
    expect(await namesFound(t, 'tran thi binh')).toEqual(['Trần Thị Bình']);
    indexNewRowsNow(t.desk);
    expect(searchIndexedTo(db)).toBe(db.prepare('SELECT max(seq) FROM dossiers').pluck().get());
    expect(await namesFound(t, 'tran thi binh')).toEqual(['Trần Thị Bình']);
    expect(await namesFound(t, during1.code)).toEqual(['Trần Thị Bình']);
    expect(await namesFound(t, 'nguyen van an')).toEqual(['Nguyễn Văn An']);
    // The search index agrees with the rows, and merging still waits for idle time (migration 004).
    checkSearchIndexAgainstRows(db);
    expect(db.prepare("SELECT v FROM dossier_search_config WHERE k = 'automerge'").pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leave search finding the rows a first pull wrote meanwhile, by the same word rule, newest first', async () => {
    t = await makeTestDesk();
    const db = t.desk.db;
    const an = await receive(t, 'Nguyễn Văn An', '001203004511');
    const anh = await receive(t, 'Nguyễn Văn Anh', '001203004512');
    const binh = await receive(t, 'Trần Thị Bình', '001203004513');
    indexNewRowsNow(t.desk);
    // The scan answers as the index did, while both still hold every row.
    const queries = ['nguyen', 'nguyen van an', 'Văn', 'an', 'tran thi b', 'thi', '001203004513', binh.code.slice(0, 20), 'x'];
    const byIndex = await Promise.all(queries.map((q) => namesFound(t!, q)));
    suspendDossierIndexes(db);
    expect(await Promise.all(queries.map((q) => namesFound(t!, q)))).toEqual(byIndex);
    // What a pull writes meanwhile reaches the search index only at its end: these two rows are not in it.
    for (const { dossier } of [an, anh]) {
      db.prepare("INSERT INTO dossier_search (dossier_search, rowid, search_text) SELECT 'delete', seq, search_text FROM dossiers WHERE id = ?").run(dossier.id);
    }
    expect(await namesFound(t, 'nguyen van an')).toEqual(['Nguyễn Văn Anh', 'Nguyễn Văn An']);
    expect(await namesFound(t, 'Nguyễn Văn Ánh')).toEqual(['Nguyễn Văn Anh']);
    expect(await namesFound(t, 'an nguyen')).toEqual(['Nguyễn Văn An']);
    // An ID number is a word of the text like any other (migration 010).
    expect(await namesFound(t, '001203004511')).toEqual(['Nguyễn Văn An']);
    // Whole words but the last: "guyen" starts no word, "ngu van" has a word that is not whole.
    expect(await namesFound(t, 'guyen')).toEqual([]);
    expect(await namesFound(t, 'ngu van')).toEqual([]);
    // Cut off at the limit, the newest first.
    expect((await t.must('dossiers.search', { query: 'nguyen', limit: 1 })).map((d) => d.applicantName)).toEqual(['Nguyễn Văn Anh']);
    // A reception meanwhile is found once, not twice.
    await receive(t, 'Nguyễn Văn Anh Tuấn', '001203004514');
    expect(await namesFound(t, 'nguyen van anh')).toEqual(['Nguyễn Văn Anh Tuấn', 'Nguyễn Văn Anh']);

    restoreDossierIndexes(db);
    expect(await namesFound(t, 'nguyen van an')).toEqual(['Nguyễn Văn Anh Tuấn', 'Nguyễn Văn Anh', 'Nguyễn Văn An']);
  });

  it('come back one index at a time at the end of a pull, with the clerk working between them', async () => {
    t = await makeTestDesk();
    const db = t.desk.db;
    await receive(t, 'Nguyễn Văn An', '001203004521');
    const before = schemaOf(db);
    suspendDossierIndexes(db);
    const whileSuspended = schemaOf(db).length;
    const restoring = restoreDossierIndexesStepwise(db);
    let done = false;
    void restoring.then(() => (done = true));
    // A turn later: some indexes back, the rest still suspended, and the desk answers a clerk meanwhile.
    await nextTurn();
    expect(schemaOf(db).length).toBeGreaterThan(whileSuspended);
    expect(dossierIndexesSuspended(db)).toBe(true);
    // The builds read the file through a memory map; between them, the clerk's work reads as SQLite does by default.
    expect(db.pragma('mmap_size', { simple: true })).toBe(0);
    expect(db.pragma('threads', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM suspended_schema WHERE type = 'index'").pluck().get()).toBeGreaterThan(0);
    await receive(t, 'Trần Thị Bình', '001203004522');
    expect(await namesFound(t, 'tran thi binh')).toEqual(['Trần Thị Bình']);
    expect(done).toBe(false);
    await restoring;
    expect(schemaOf(db)).toEqual(before);
    expect(await namesFound(t, 'nguyen van an')).toEqual(['Nguyễn Văn An']);
    expect(await namesFound(t, 'tran thi binh')).toEqual(['Trần Thị Bình']);
    indexNewRowsNow(t.desk);
    checkSearchIndexAgainstRows(db);

    // Told to hurry (the sync client stops), it does the rest at once.
    suspendDossierIndexes(db);
    let steps = 0;
    await restoreDossierIndexesStepwise(db, () => ++steps > 2);
    expect(steps).toBe(3);
    expect(schemaOf(db)).toEqual(before);
  });

  it('restored stepwise, and the desk closed midway, come back whole at the next open', async () => {
    t = await makeTestDesk();
    const before = schemaOf(t.desk.db);
    suspendDossierIndexes(t.desk.db);
    const restoring = restoreDossierIndexesStepwise(t.desk.db);
    await nextTurn();
    await nextTurn();
    t.reopen();
    await restoring;
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(dossierIndexesSuspended(t.desk.db)).toBe(false);
    expect(schemaOf(t.desk.db)).toEqual(before);
  });

  it('come back when the desk opens again after being killed while they were suspended', async () => {
    t = await makeTestDesk();
    const before = schemaOf(t.desk.db);
    suspendDossierIndexes(t.desk.db);
    await receive(t, 'Lê Hoàng Cường', '001203004503');
    // No restore: the process "dies" here and the desk is opened again.
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(dossierIndexesSuspended(t.desk.db)).toBe(false);
    expect(schemaOf(t.desk.db)).toEqual(before);
    expect(await namesFound(t, 'le hoang cuong')).toEqual(['Lê Hoàng Cường']);
  });
});
