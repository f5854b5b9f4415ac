/**
 * The dossier list reads a list without a status filter sorted by last due date as one index branch per status,
 * merged, since migration 013 took the due date's own index away, as it reads lists of several statuses. These tests hold the pages to one plain ORDER BY over the
 * whole table, for every filter and sort the list offers, page after page; and check that no list, nor the Friday
 * board or the home screen's due list, reads the whole table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierStatus } from '../../shared/domain/dossier';
import type { ListInput } from '../../shared/api/dossier-inputs';
import { restoreDossierIndexes, suspendDossierIndexes } from '../../electron/desk/db/index-suspension';
import { allPresent, applicant, fridayProcedure, makeTestDesk, ordinaryProcedure, type TestDesk } from './helpers';

let t: TestDesk;
const DAY = '2026-12-01';
const RUNNING = [DossierStatus.Received, DossierStatus.Processing];
const PAUSED = [DossierStatus.SupplementRequested, DossierStatus.FeesRequested];

/** A desk's month: dossiers of two procedures and three channels received over several days, then taken to every status. */
beforeAll(async () => {
  t = await makeTestDesk({ now: '2026-11-20T08:00:00+07:00' });
  const procedures = [ordinaryProcedure(), fridayProcedure()];
  const channels = ['in_person', 'postal', 'in_person'] as const;
  for (let i = 0; i < 66; i++) {
    const p = procedures[i % 2]!;
    const r = await t.must('dossiers.receive', {
      procedureCode: p.code,
      channel: channels[i % 3],
      applicant: applicant(`Người nộp ${i}`, String(300000000000 + i)),
      components: allPresent(p),
    });
    const id = r.dossier.id;
    switch (i % 11) {
      case 1: await t.must('dossiers.transfer', { dossierId: id }); break;
      case 2: await t.must('dossiers.requestSupplement', { dossierId: id, items: ['Bản sao'], reason: 'Thiếu' }); break;
      case 3: await t.must('dossiers.requestFees', { dossierId: id, amountVnd: 50_000, reason: 'Lệ phí' }); break;
      case 4: await t.must('dossiers.withdraw', { dossierId: id, reason: 'Xin rút' }); break;
      case 5: await t.must('dossiers.stop', { dossierId: id, reason: 'Dừng' }); break;
      case 6: await t.must('dossiers.resolve', { dossierId: id, resultDigitised: false }); break;
      case 7:
        await t.must('dossiers.resolve', { dossierId: id, resultDigitised: true });
        await t.must('dossiers.returnResult', { dossierId: id });
        break;
      case 8:
        // Re-appointed to a date after the list is read: by its first appointment, several are late by then.
        await t.must('dossiers.reappoint', { dossierId: id, newDueAt: '2026-12-30T09:00:00+07:00', reason: 'Chờ xác minh thực địa' });
        break;
      default: break;
    }
    if (i % 13 === 0) {
      await t.must('dossiers.refuse', { procedureCode: p.code, applicant: applicant(`Bị từ chối ${i}`, String(400000000000 + i)), reason: 'Thiếu giấy tờ' });
    }
    // Several receptions share a minute, so equal dates must be ordered by arrival too.
    if (i % 3 === 2) t.clock.advanceMinutes(i % 2 === 0 ? 7 * 60 : 26 * 60);
  }
  // Some of the first dossiers still received are paused only now, after their due (the same-day ones): overdue all
  // the same, unlike those paused the day they came.
  const received = t.desk.db
    .prepare<[], string>(`SELECT id FROM dossiers WHERE status = ${DossierStatus.Received} ORDER BY seq LIMIT 4`)
    .pluck()
    .all();
  for (const [i, id] of received.entries()) {
    if (i % 2 === 0) await t.must('dossiers.requestSupplement', { dossierId: id, items: ['Bản sao'], reason: 'Thiếu' });
    else await t.must('dossiers.requestFees', { dossierId: id, amountVnd: 50_000, reason: 'Lệ phí' });
  }
  // What sync leaves on some rows: a conflict, a refused event, events accepted.
  const ids = t.desk.db.prepare<[], string>('SELECT id FROM dossiers ORDER BY seq').pluck().all();
  const set = t.desk.db.prepare('UPDATE dossiers SET in_conflict = ?, quarantined_events = ?, pending_events = ? WHERE id = ?');
  ids.forEach((id, i) => {
    if (i % 9 === 0) set.run(1, 0, 1, id);
    else if (i % 9 === 1) set.run(0, 1, 0, id);
    else if (i % 2 === 0) set.run(0, 0, 0, id);
  });
  t.clock.set(`${DAY}T10:00:00+07:00`);
}, 60_000);
afterAll(() => t?.cleanup());

const vnDayStart = (day: string) => Date.parse(`${day}T00:00:00+07:00`);

/** The list's meaning, written once as plain SQL over the table. */
function expected(input: Partial<ListInput>): string[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.status) where.push(`status IN (${input.status.join(', ')})`);
  if (input.due === 'overdue') {
    // Running and past the appointment, or re-appointed and past the day of the first one; or paused only after the
    // due had passed: as the reports count it.
    where.push(
      `(status IN (${RUNNING.join(', ')}) AND (due_ms < ? OR (reappointed = 1 AND substr(json_extract(state, '$.originalDueAt'), 1, 10) < '${DAY}'))
        OR status IN (${PAUSED.join(', ')}) AND unixepoch(json_extract(state, '$.pausedAt')) > unixepoch(coalesce(json_extract(state, '$.originalDueAt'), json_extract(state, '$.dueAt'))))`,
    );
    params.push(Date.parse(`${DAY}T10:00:00+07:00`));
  }
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (input.procedureCode) add('procedure_code = ?', input.procedureCode);
  if (input.field) add('field = ?', input.field);
  if (input.channel) add('channel = ?', input.channel);
  if (input.inConflict !== undefined) where.push(`in_conflict = ${input.inConflict ? 1 : 0}`);
  if (input.syncState === 'conflict') where.push('in_conflict = 1');
  if (input.syncState === 'quarantined') where.push('in_conflict = 0 AND quarantined_events > 0');
  if (input.syncState === 'pending') where.push('in_conflict = 0 AND quarantined_events = 0 AND pending_events > 0');
  if (input.syncState === 'synced') where.push('in_conflict = 0 AND quarantined_events = 0 AND pending_events = 0');
  if (input.receivedFrom) add('received_ms >= ?', vnDayStart(input.receivedFrom));
  if (input.receivedTo) add('received_ms < ?', vnDayStart(input.receivedTo) + 86_400_000);
  const order = {
    received_desc: 'received_ms DESC, seq DESC',
    received_asc: 'received_ms ASC, seq ASC',
    due_desc: 'due_ms DESC, seq DESC',
    // Running deadlines first, then the other due dates, then the dossiers without one.
    // Under a due filter, every row has a due date that ran or runs out: one order by it ("Quá hạn" mixes the paused
    // late with the running ones, most overdue first).
    due_asc: input.due
      ? 'due_ms ASC, seq ASC'
      : `CASE WHEN due_ms IS NULL THEN 2 WHEN status IN (${RUNNING.join(', ')}) THEN 0 ELSE 1 END, due_ms ASC, seq ASC`,
  }[input.sort ?? 'received_desc'];
  return t.desk.db
    .prepare<unknown[], string>(`SELECT id FROM dossiers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`)
    .pluck()
    .all(...params);
}

async function allPages(input: Partial<ListInput>): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await t.must('dossiers.list', { ...input, limit: 7, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((d) => d.id));
    totals.push(page.total);
    cursor = page.nextCursor;
  } while (cursor);
  return { ids, totals };
}

const filters = (): Record<string, Partial<ListInput>> => ({
  'no filter': {},
  'one status': { status: [DossierStatus.Received] },
  'several statuses': { status: [DossierStatus.Resolved, DossierStatus.Received, DossierStatus.Returned] },
  overdue: { due: 'overdue' },
  'overdue, one status': { due: 'overdue', status: [DossierStatus.Processing, DossierStatus.Resolved] },
  procedure: { procedureCode: fridayProcedure().code },
  // Counted by the procedure's index with the status only checked, or by the status's, whichever keeps fewer.
  'procedure and statuses': { procedureCode: fridayProcedure().code, status: [DossierStatus.Returned, DossierStatus.Received] },
  'procedure and a rare status': { procedureCode: ordinaryProcedure().code, status: [DossierStatus.Withdrawn] },
  field: { field: ordinaryProcedure().field },
  'field and status': { field: ordinaryProcedure().field, status: [DossierStatus.Received, DossierStatus.Withdrawn] },
  channel: { channel: 'postal' },
  'date range': { receivedFrom: '2026-11-22', receivedTo: '2026-11-26' },
  'one status, date range': { status: [DossierStatus.Returned], receivedFrom: '2026-11-22', receivedTo: '2026-11-26' },
  'several statuses, date range': { status: [DossierStatus.Returned, DossierStatus.Received], receivedFrom: '2026-11-23' },
  'field and date range': { field: fridayProcedure().field, receivedFrom: '2026-11-24' },
  'not in conflict': { inConflict: false },
  'in conflict': { inConflict: true },
  ...Object.fromEntries((['conflict', 'quarantined', 'pending', 'synced'] as const).map((s) => [`sync ${s}`, { syncState: s }])),
  'synced, date range': { syncState: 'synced', receivedTo: '2026-11-25' },
  'pending, one status': { syncState: 'pending', status: [DossierStatus.Received] },
});

describe('the dossier list, read one status at a time', () => {
  it('has dossiers in every status but the online one, so each branch has work', () => {
    const statuses = t.desk.db.prepare<[], number>('SELECT DISTINCT status FROM dossiers ORDER BY status').pluck().all();
    expect(statuses).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('has re-appointed dossiers late only by their first appointment, which "Quá hạn" must list', async () => {
    const lateByFirst = t.desk.db
      .prepare<[number, string], number>(
        `SELECT count(*) FROM dossiers WHERE reappointed = 1 AND status IN (2, 4) AND due_ms >= ?
           AND substr(json_extract(state, '$.originalDueAt'), 1, 10) < ?`,
      )
      .pluck()
      .get(Date.parse(`${DAY}T10:00:00+07:00`), DAY)!;
    expect(lateByFirst).toBeGreaterThan(0);
    const overdue = await allPages({ due: 'overdue', sort: 'due_asc' });
    expect(overdue.ids).toEqual(expected({ due: 'overdue', sort: 'due_asc' }));
    const home = await t.must('dossiers.dueSoon', {});
    expect(home.overdue).toBe(overdue.ids.length);
    // Paused after their due: in "Quá hạn" too; those paused the day they came are not.
    const paused = await allPages({ status: PAUSED });
    const pausedLate = overdue.ids.filter((id) => paused.ids.includes(id));
    expect([pausedLate.length > 0, pausedLate.length < paused.ids.length]).toEqual([true, true]);
  });

  for (const sort of ['received_desc', 'received_asc', 'due_asc', 'due_desc'] as const) {
    it(`gives the same pages as one ORDER BY over the table, sorted ${sort}, for every filter`, async () => {
      for (const [name, filter] of Object.entries(filters())) {
        const want = expected({ ...filter, sort });
        const got = await allPages({ ...filter, sort });
        expect(got.ids, `${name}, ${sort}`).toEqual(want);
        expect(new Set(got.totals), `${name}, ${sort}: total`).toEqual(new Set([want.length]));
      }
    });
  }

  it('never reads the whole table for a list, the Friday board or the home screen', async () => {
    const db = t.desk.db;
    const prepare = db.prepare.bind(db);
    const statements: string[] = [];
    const spy = (sql: string) => (statements.push(sql), prepare(sql));
    (db as { prepare: unknown }).prepare = spy;
    try {
      for (const filter of Object.values(filters())) {
        for (const sort of ['received_desc', 'received_asc', 'due_asc', 'due_desc'] as const) {
          await t.must('dossiers.list', { ...filter, sort, cursor: '3' });
        }
      }
      await t.must('dossiers.fridayQueue', {});
      await t.must('dossiers.dueSoon', {});
    } finally {
      (db as { prepare: unknown }).prepare = prepare;
    }
    const reads = statements.filter((sql) => /FROM dossiers/.test(sql) && !/count\(\*\)/.test(sql));
    expect(reads.length).toBeGreaterThan(40);
    for (const sql of reads) {
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...Array<number>((sql.match(/\?/g) ?? []).length).fill(1)) as { detail: string }[];
      // A walk of an index in the list's order ("SCAN dossiers USING INDEX …") stops at the page's end.
      const tableScans = plan.map((r) => r.detail).filter((d) => /^SCAN dossiers$/.test(d));
      expect(tableScans, sql).toEqual([]);
      // The dossiers paused after their due are read from their partial index (migration 019), not by parsing every
      // paused row's state in each status branch (5 → 18 ms at p95 for the benchmark's overdue lists).
      if (sql.includes("'$.pausedAt'") && sql.includes('status IN (5, 6) AND')) {
        expect(plan.map((r) => r.detail).filter((d) => d.includes("dossiers_paused_late")).length, JSON.stringify(plan.map((r) => r.detail))).toBeGreaterThan(0);
      }
    }
  });

  it('reads one status of a year from its own index, in order, with the statistics of a real desk', async () => {
    const db = t.desk.db;
    // What ANALYZE records on a desk of ten years (bench/generator): nine dossiers in ten returned, six fields. With
    // these SQLite preferred a skip-scan of the field index and sorted the whole year's rows for a page of 50 (here
    // for the several-status page; for one status it also needs the STAT4 samples of a large desk: bench "list").
    db.exec(`ANALYZE;
      DELETE FROM sqlite_stat1 WHERE tbl = 'dossiers';
      INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
        ('dossiers', 'dossiers_field_status_received', '500000 83334 9260 1'),
        ('dossiers', 'dossiers_field_received', '500000 83334 1'),
        ('dossiers', 'dossiers_status_received', '500000 55556 1'),
        ('dossiers', 'dossiers_status_due', '500000 55556 2'),
        ('dossiers', 'dossiers_received', '500000 1'),
        ('dossiers', 'sqlite_autoindex_dossiers_1', '500000 1');
      DELETE FROM sqlite_stat4 WHERE tbl = 'dossiers';
      ANALYZE sqlite_schema;`);
    const prepare = db.prepare.bind(db);
    const statements: string[] = [];
    (db as { prepare: unknown }).prepare = (sql: string) => (statements.push(sql), prepare(sql));
    try {
      for (const status of [[DossierStatus.Returned], [DossierStatus.Returned, DossierStatus.Received]]) {
        await t.must('dossiers.list', { status, receivedFrom: '2026-01-01', receivedTo: '2026-12-31', sort: 'received_desc' });
      }
    } finally {
      (db as { prepare: unknown }).prepare = prepare;
    }
    const pages = statements.filter((sql) => /FROM dossiers/.test(sql) && !/count\(\*\)/.test(sql));
    expect(pages).toHaveLength(2);
    for (const sql of pages) {
      const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<number>((sql.match(/\?/g) ?? []).length).fill(1)) as { detail: string }[])
        .map((r) => r.detail);
      expect(plan.join('\n'), sql).toMatch(/USING (COVERING )?INDEX dossiers_status_received/);
      expect(plan.join('\n'), sql).not.toMatch(/dossiers_field_status_received/);
    }
    db.exec("DELETE FROM sqlite_stat1 WHERE tbl = 'dossiers'; ANALYZE sqlite_schema;");
  });

  it('gives the same pages while a first pull has the list indexes dropped', async () => {
    const db = t.desk.db;
    expect(suspendDossierIndexes(db)).toBe(true);
    try {
      for (const name of ['one status, date range', 'several statuses, date range', 'date range'] as const) {
        const filter = filters()[name]!;
        expect((await allPages({ ...filter, sort: 'received_asc' })).ids, name).toEqual(expected({ ...filter, sort: 'received_asc' }));
      }
    } finally {
      restoreDossierIndexes(db);
    }
  });
});
