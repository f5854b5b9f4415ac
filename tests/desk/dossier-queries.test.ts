import { afterEach, describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { migrations } from '../../electron/desk/db/migrations/index';
import { suspendDossierIndexes } from '../../electron/desk/db/index-suspension';
import { FEW_FILTERED, MANY_FILTERED } from '../../electron/desk/dossiers/dossier-queries';
import { ADMIN, allPresent, applicant, indexNewRowsNow, fridayProcedure, makeTestDesk, ordinaryProcedure, receiveDossier, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const people = [
  ['Nguyễn Văn Đức', '001203004567', '0912345678'],
  ['Trần Thị Bích Ngọc', '001203004568', '0987654321'],
  ['Lê Đình Phúc', '001203004569', '0355123456'],
  ['Đặng Thuỳ Dương', '001203004570', '0911222333'],
] as const;

async function receiveAll(desk: TestDesk) {
  const p = ordinaryProcedure();
  const out = [];
  for (const [name, id, phone] of people) {
    out.push(await desk.must('dossiers.receive', { procedureCode: p.code, applicant: { ...applicant(name, id), phone }, components: allPresent(p) }));
    desk.clock.advanceMinutes(5);
  }
  return out;
}

describe('search', () => {
  it('finds "Nguyễn Văn Đức" typed without diacritics, in any case, and as the clerk is still typing', async () => {
    t = await makeTestDesk();
    const [duc] = await receiveAll(t);
    for (const query of ['nguyen van duc', 'NGUYEN VAN DUC', 'Nguyễn Văn Đức', 'nguyen van d', 'nguyen v', 'duc nguyen']) {
      const found = await t.must('dossiers.search', { query });
      expect(found.map((d) => d.id), query).toEqual([duc!.dossier.id]);
    }
    const dang = await t.must('dossiers.search', { query: 'dang thuy' });
    expect(dang.map((d) => d.applicantName)).toEqual(['Đặng Thuỳ Dương']);
  });

  it('puts first the dossiers spelled as typed with diacritics ("Đạt" before "đất"), and still lists the others after', async () => {
    t = await makeTestDesk();
    const land = seedProcedures.find((p) => p.code === '2.001035')!; // "… quyền sử dụng đất, nhà ở"
    const received = async (name: string, idNumber: string, procedure = ordinaryProcedure()) => {
      const { dossier } = await receiveDossier(t!, name, idNumber, procedure);
      t!.clock.advanceMinutes(5);
      return dossier.id;
    };
    // Oldest first: each one searched for is older than those that match it only with the marks left out.
    const dat = await received('Trần Văn Đạt', '001203004571');
    const hoa = await received('Lê Thị Hóa', '001203004572', land);
    const phuong = await received('Nguyễn Thị Phương', '001203004573');
    const hoaOld = await received('Lê Thị Hoà', '001203004574');
    const phuong2 = await received('Nguyễn Thị Phượng', '001203004575');
    const binh = await received('Trần Văn Bình', '001203004576', land);
    const cuong = await received('Trần Văn Cường', '001203004577', land);
    const ids = async (query: string, input: object = {}) => (await t!.must('dossiers.search', { query, ...input })).map((d) => d.id);

    expect(await ids('Trần Văn Đạt')).toEqual([dat, cuong, binh]); // the land dossiers of other Trần Văn's follow
    expect(await ids('tran van dat')).toEqual([cuong, binh, dat]); // without marks: newest first, as always
    // The name as the clerk is still typing it, the tone not yet typed or typed: Đạt's first.
    for (const query of ['Trần Văn Đạ', 'trần văn đa']) expect((await ids(query))[0], query).toBe(dat);
    // The tone placed the old way or the new ("Hoà", "Hòa") is one name; "Hóa" is another.
    for (const query of ['Lê Thị Hòa', 'Lê Thị Hoà', 'LÊ THỊ HOÀ']) expect(await ids(query), query).toEqual([hoaOld, hoa]);
    expect(await ids('Lê Thị Hóa')).toEqual([hoa, hoaOld]);
    // "Phương" typed whole: Phương's dossier, then Phượng's (its tone may be still to come), though newer.
    expect(await ids('Nguyễn Thị Phương')).toEqual([phuong, phuong2]);
    expect(await ids('Nguyễn Thị Phượng')).toEqual([phuong2, phuong]);
    // Under the list's filters and in the search index alike, and within the limit asked for.
    expect(await ids('Trần Văn Đạt', { limit: 1 })).toEqual([dat]);
    const status = (await t.must('dossiers.search', { query: 'Trần Văn Đạt', limit: 1 }))[0]!.status;
    expect(await ids('Trần Văn Đạt', { status: [status], limit: 2 })).toEqual([dat, cuong]);
    indexNewRowsNow(t.desk);
    expect(await ids('Lê Thị Hóa')).toEqual([hoa, hoaOld]);
    expect(await ids('Nguyễn Thị Phương')).toEqual([phuong, phuong2]);
  });

  it('goes straight to the dossier for an exact code or a 12-digit ID number, and finds phones and procedure names', async () => {
    t = await makeTestDesk();
    const received = await receiveAll(t);
    expect((await t.must('dossiers.search', { query: received[2]!.code })).map((d) => d.id)).toEqual([received[2]!.dossier.id]);
    expect((await t.must('dossiers.search', { query: received[2]!.code.toLowerCase() })).map((d) => d.id)).toEqual([received[2]!.dossier.id]);
    expect((await t.must('dossiers.search', { query: '001203004568' })).map((d) => d.applicantName)).toEqual(['Trần Thị Bích Ngọc']);
    expect((await t.must('dossiers.search', { query: '0355123456' })).map((d) => d.applicantName)).toEqual(['Lê Đình Phúc']);
    // Typed the ways reception accepts them: as stored.
    for (const phone of ['+84355123456', '84355123456', '0355 123 456', '+84 355.123.456', '(0355) 123 456'])
      expect((await t.must('dossiers.search', { query: phone })).map((d) => d.applicantName)).toEqual(['Lê Đình Phúc']);
    for (const idNumber of ['001 203 004569', '001-203-004569'])
      expect((await t.must('dossiers.search', { query: idNumber })).map((d) => d.applicantName)).toEqual(['Lê Đình Phúc']);
    const byProcedure = await t.must('dossiers.search', { query: ordinaryProcedure().name.split(' ').slice(0, 3).join(' ') });
    expect(byProcedure.length).toBe(4);
    // Newest first.
    expect(byProcedure[0]!.id).toBe(received[3]!.dossier.id);
  });

  it('finds an ID number after an upgrade from a store that still had its own index for them (migration 010)', async () => {
    t = await makeTestDesk();
    await receiveAll(t);
    // The store as version 9 left it: the same tables, with the ID-number index.
    t.desk.db.exec('CREATE INDEX dossiers_id_number ON dossiers (applicant_id_number)');
    t.desk.db.pragma('user_version = 9');
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(t.desk.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(t.desk.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'dossiers_id_number'").pluck().get()).toBe(0);
    expect((await t.must('dossiers.search', { query: '001203004569' })).map((d) => d.applicantName)).toEqual(['Lê Đình Phúc']);
    expect(await t.must('dossiers.search', { query: '001203004599' })).toEqual([]);
  });

  it('matches a whole ID number exactly, not as the start of a longer number, indexed or not', async () => {
    t = await makeTestDesk();
    await receiveAll(t);
    const p = ordinaryProcedure();
    // A longer number that starts with Lê Đình Phúc's ID number, in another applicant's name.
    await t.must('dossiers.receive', { procedureCode: p.code, applicant: { kind: 'organisation', name: 'Kho số 0012030045691' }, components: allPresent(p) });
    const byId = async () => (await t!.must('dossiers.search', { query: '001203004569' })).map((d) => d.applicantName);
    expect(await byId()).toEqual(['Lê Đình Phúc']);
    indexNewRowsNow(t.desk);
    expect(await byId()).toEqual(['Lê Đình Phúc']);
    // Still being typed, it is the start of a word like any other.
    expect((await t.must('dossiers.search', { query: '00120300456' })).map((d) => d.applicantName)).toEqual([
      'Kho số 0012030045691',
      'Lê Đình Phúc',
      'Trần Thị Bích Ngọc',
      'Nguyễn Văn Đức',
    ]);
  });

  it('treats quotes, operators and SQL as plain text', async () => {
    t = await makeTestDesk();
    await receiveAll(t);
    for (const query of ["' OR 1=1 --", '"nguyen', 'NEAR(duc', 'duc*', '); DROP TABLE dossiers; --', '<script>alert(1)</script>', '***']) {
      const r = await t.call('dossiers.search', { query });
      expect(r.ok, query).toBe(true);
    }
    expect((await t.must('dossiers.search', { query: "' OR 1=1 --" })).length).toBe(0);
    expect((t.desk.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBe(4);
  });

  it('records the search in the audit trail without the text typed', async () => {
    t = await makeTestDesk();
    await receiveAll(t);
    await t.must('dossiers.search', { query: '001203004568' });
    const audit = await t.must('audit.list', { action: 'dossier.search' });
    expect(audit.entries[0]!.detail).toBe('id_number query, 1 result(s)');
    expect(JSON.stringify(audit)).not.toContain('001203004568');
    // Under a list filter, the line says which one (an auditor reads why few dossiers were found).
    await t.must('dossiers.search', { query: '001203004568', due: 'today' });
    const filtered = await t.must('audit.list', { action: 'dossier.search' });
    expect(filtered.entries[0]!.detail).toMatch(/^id_number query, \d+ result\(s\); due today$/);
    expect(JSON.stringify(filtered)).not.toContain('001203004568');
  });

  it('records a search by the end of a code as a search by code, without the code typed, and still finds it', async () => {
    t = await makeTestDesk();
    const received = await receiveAll(t);
    const tail = received[2]!.code.split('-').slice(1).join('-'); // "YYMMDD-NNNN", the end of the code
    expect((await t.must('dossiers.search', { query: tail })).map((d) => d.id)).toEqual([received[2]!.dossier.id]);
    // Still being typed: the last part is the start of every sequence of the day.
    const typing = received[2]!.code.slice(received[2]!.code.indexOf('H56'), -1);
    expect(await t.must('dossiers.search', { query: typing })).toHaveLength(4);
    // A bare number may be the start of a phone or an ID number: that one stays a search by words.
    const sequence = received[2]!.code.split('-').at(-1)!;
    expect(await t.must('dossiers.search', { query: sequence })).toHaveLength(1);
    const audit = await t.must('audit.list', { action: 'dossier.search' });
    expect(audit.entries.map((e) => e.detail)).toEqual(['text query, 1 result(s)', 'code_part query, 4 result(s)', 'code_part query, 1 result(s)']);
    // What an entry says (its ids are random and may hold any four digits).
    const said = JSON.stringify(audit.entries.map((e) => [e.targetId, e.targetName, e.detail]));
    for (const typed of [tail, typing, sequence]) expect(said).not.toContain(typed);
  });
});

describe('search under a due filter', () => {
  /** A procedure done in a few working hours, to place appointments to the hour. */
  const fewHours = () => {
    const p = seedProcedures.find((x) => x.processingTime.kind === 'hours' && x.components.some((c) => c.mandatory));
    if (!p) throw new Error('seed catalog has no procedure done in hours');
    return p;
  };

  /**
   * Wednesday 2026-11-25, 13:45: "Nguyễn Văn An" has dossiers overdue since Monday, one re-appointed on Monday (late
   * by its first appointment), one due at 08:30 today (overdue and due today), two due at 14:00 today, one due
   * tomorrow 07:30 (due soon: 8 working hours reach Thursday 13:45), and, received last, six due next week: more
   * than the limit, and newer than every other. Trần Thị Bình is due today under another name.
   */
  async function wednesdayDesk() {
    t = await makeTestDesk({ now: '2026-11-23T08:00:00+07:00' });
    const hours = fewHours();
    const receive = async (at: string, procedure = hours, name = 'Nguyễn Văn An') => {
      t!.clock.set(at);
      return (await receiveDossier(t!, name, '001203000031', procedure)).dossier.id;
    };
    const overdueSinceMonday = [await receive('2026-11-23T08:00:00+07:00'), await receive('2026-11-23T08:05:00+07:00')];
    const reappointed = await receive('2026-11-23T08:10:00+07:00');
    await t.must('dossiers.reappoint', { dossierId: reappointed, newDueAt: '2026-12-03T09:00:00+07:00', reason: 'Chờ xác minh thực địa' });
    const dueThisMorning = await receive('2026-11-24T14:30:00+07:00');
    const dueThisAfternoon = [await receive('2026-11-25T08:00:00+07:00'), await receive('2026-11-25T08:01:00+07:00')];
    const otherName = await receive('2026-11-25T08:02:00+07:00', hours, 'Trần Thị Bình');
    const dueTomorrow = await receive('2026-11-25T13:30:00+07:00');
    const nextWeek = [];
    for (let i = 0; i < 6; i++) nextWeek.push(await receive(`2026-11-25T13:3${i + 1}:00+07:00`, ordinaryProcedure()));
    t.clock.set('2026-11-25T13:45:00+07:00');
    return { overdueSinceMonday, reappointed, dueThisMorning, dueThisAfternoon, otherName, dueTomorrow, nextWeek };
  }

  const ids = (items: { id: string }[]) => items.map((d) => d.id);

  it('finds the dossiers the list keeps for "Hôm nay", "Sắp đến hạn" and "Quá hạn", newest first, though newer ones match the words', async () => {
    const d = await wednesdayDesk();
    const newestFirst = (list: string[]) => [...list].reverse();
    const expected = {
      today: newestFirst([d.dueThisMorning, ...d.dueThisAfternoon]),
      soon: newestFirst([...d.dueThisAfternoon, d.dueTomorrow]),
      overdue: newestFirst([...d.overdueSinceMonday, d.reappointed, d.dueThisMorning]),
    };
    const search = async (input: object) => ids(await t!.must('dossiers.search', { query: 'nguyen van an', ...input }));
    // Without a filter the limit is filled by next week's dossiers, the newest.
    expect(await search({ limit: 4 })).toEqual(newestFirst(d.nextWeek).slice(0, 4));
    // Before and after the idle upkeep takes the rows into the search index.
    for (const indexed of [false, true]) {
      if (indexed) indexNewRowsNow(t!.desk);
      for (const due of ['today', 'soon', 'overdue'] as const) {
        const list = await t!.must('dossiers.list', { due });
        expect(ids(list.items).filter((id) => id !== d.otherName), due).toEqual(expected[due]);
        expect(await search({ due, limit: 4 }), `${due}, indexed: ${indexed}`).toEqual(expected[due]);
        // The limit counts only the dossiers kept, the newest of them.
        expect(await search({ due, limit: 2 }), due).toEqual(expected[due].slice(0, 2));
      }
    }
    expect(await search({ due: 'today', limit: 4, query: 'tran thi binh' })).toEqual([d.otherName]);
    // With another filter besides: the due dossiers of that procedure only.
    expect(await search({ due: 'today', limit: 4, procedureCode: fewHours().code })).toEqual(expected.today);
    expect(await search({ due: 'today', limit: 4, procedureCode: ordinaryProcedure().code })).toEqual([]);
    // A status whose deadline no longer runs keeps nothing under a due filter, as in the list.
    expect(await search({ due: 'overdue', limit: 4, status: [10] })).toEqual([]);
    expect((await t!.must('dossiers.list', { due: 'overdue', status: [10] })).total).toBe(0);
  });

  it('goes straight to a dossier by its code only when it is in the due filter', async () => {
    const d = await wednesdayDesk();
    const codeOf = async (id: string) => (await t!.must('dossiers.get', { dossierId: id })).summary.code!;
    const byCode = async (id: string, due: string) => ids(await t!.must('dossiers.search', { query: await codeOf(id), due }));
    expect(await byCode(d.dueTomorrow, 'soon')).toEqual([d.dueTomorrow]);
    expect(await byCode(d.dueTomorrow, 'today')).toEqual([]);
    expect(await byCode(d.reappointed, 'overdue')).toEqual([d.reappointed]);
    expect(await byCode(d.nextWeek[0]!, 'overdue')).toEqual([]);
  });

  it('keeps the filter while a first pull has the indexes suspended', async () => {
    const d = await wednesdayDesk();
    indexNewRowsNow(t!.desk);
    suspendDossierIndexes(t!.desk.db);
    const found = await t!.must('dossiers.search', { query: 'nguyen van an', due: 'today' });
    expect(ids(found)).toEqual([...d.dueThisAfternoon].reverse().concat(d.dueThisMorning));
  });
});

describe('search under the list’s other filters', () => {
  /**
   * "Nguyễn Văn An" twice on Monday under one procedure (one transferred on to its agency), then six times on
   * Tuesday under another procedure of another field: more than the limit, and newer than the first two.
   */
  async function twoProcedures() {
    const desk = await makeTestDesk({ now: '2026-11-23T08:00:00+07:00' });
    t = desk;
    const first = ordinaryProcedure();
    const other = seedProcedures.find((p) => p.field !== first.field && p.processingTime.kind === 'days' && p.components.some((c) => c.mandatory))!;
    const monday = [];
    for (let i = 0; i < 2; i++) monday.push((await receiveDossier(desk, 'Nguyễn Văn An', '001203000031', first)).dossier.id);
    await desk.must('dossiers.transfer', { dossierId: monday[0]!, expectedVersion: 1 });
    desk.clock.set('2026-11-24T08:00:00+07:00');
    const tuesday = [];
    for (let i = 0; i < 6; i++) tuesday.push((await receiveDossier(desk, 'Nguyễn Văn An', '001203000031', other)).dossier.id);
    return { desk, first, other, monday, tuesday };
  }

  const ids = (items: { id: string }[]) => items.map((d) => d.id);

  it('finds the dossiers the filters keep, newest first, though more and newer ones match the words', async () => {
    const d = await twoProcedures();
    const desk = d.desk;
    const search = async (input: object) => ids(await desk.must('dossiers.search', { query: 'nguyen van an', limit: 4, ...input }));
    const mondayNewestFirst = [...d.monday].reverse();
    const transferred = (await desk.must('dossiers.get', { dossierId: d.monday[0]! })).summary.status;
    const cases: [object, string[]][] = [
      [{}, [...d.tuesday].reverse().slice(0, 4)],
      [{ procedureCode: d.first.code }, mondayNewestFirst],
      [{ field: d.first.field }, mondayNewestFirst],
      [{ receivedTo: '2026-11-23' }, mondayNewestFirst],
      [{ receivedFrom: '2026-11-24', procedureCode: d.first.code }, []],
      [{ status: [transferred] }, [d.monday[0]!]],
      [{ status: [transferred], procedureCode: d.other.code }, []],
      [{ status: [transferred], procedureCode: d.first.code }, [d.monday[0]!]],
      [{ channel: 'in_person', receivedTo: '2026-11-23' }, mondayNewestFirst],
      [{ channel: 'online' }, []],
      // Nothing has been sent: every dossier waits to be.
      [{ syncState: 'pending', procedureCode: d.first.code }, mondayNewestFirst],
      [{ syncState: 'synced' }, []],
      [{ inConflict: true }, []],
    ];
    // Rows read directly, then from the search index; each way of reading under filters (FEW_FILTERED): the
    // filters' rows checked for the words, the index's matches checked against the `seq` the filters keep, and the
    // index's matches checked row by row (the ways taken when the filters keep more dossiers).
    const ways = [
      [FEW_FILTERED, MANY_FILTERED],
      [0, MANY_FILTERED],
      [0, 0],
    ] as const;
    for (const indexed of [false, true]) {
      if (indexed) indexNewRowsNow(desk.desk);
      for (const [few, many] of ways) {
        desk.desk.queries.fewFiltered = few;
        desk.desk.queries.manyFiltered = many;
        for (const [filters, expected] of cases) {
          expect(await search(filters), `${JSON.stringify(filters)}, indexed: ${indexed}, ways: ${few}/${many}`).toEqual(expected);
        }
      }
    }
    // The list agrees with the search on what the filters keep.
    const list = await desk.must('dossiers.list', { procedureCode: d.first.code });
    expect(ids(list.items)).toEqual(mondayNewestFirst);
  });

  it('goes to a dossier by its code only when the filters keep it, and says which filters it ran under', async () => {
    const d = await twoProcedures();
    const desk = d.desk;
    const code = (await desk.must('dossiers.get', { dossierId: d.tuesday[0]! })).summary.code!;
    expect(ids(await desk.must('dossiers.search', { query: code, procedureCode: d.other.code }))).toEqual([d.tuesday[0]]);
    expect(await desk.must('dossiers.search', { query: code, procedureCode: d.first.code })).toEqual([]);
    await desk.must('dossiers.search', { query: 'nguyen van an', procedureCode: d.first.code, receivedFrom: '2026-11-23', receivedTo: '2026-11-23', status: [2, 4] });
    const audit = await desk.must('audit.list', { action: 'dossier.search' });
    // The names of the filters, never the values chosen, nor the text typed.
    expect(audit.entries.map((e) => e.detail)).toEqual([
      expect.stringMatching(/^text query, \d result\(s\); filters status, procedure, received dates$/),
      'code query, 0 result(s); filters procedure',
      'code query, 1 result(s); filters procedure',
    ]);
  });

  it('keeps the filters while a first pull has the indexes suspended', async () => {
    const d = await twoProcedures();
    const desk = d.desk;
    indexNewRowsNow(desk.desk);
    suspendDossierIndexes(desk.desk.db);
    for (const [few, many] of [[FEW_FILTERED, MANY_FILTERED], [0, MANY_FILTERED], [0, 0]]) {
      desk.desk.queries.fewFiltered = few!;
      desk.desk.queries.manyFiltered = many!;
      const found = await desk.must('dossiers.search', { query: 'nguyen van an', procedureCode: d.first.code, limit: 4 });
      expect(ids(found)).toEqual([...d.monday].reverse());
    }
  });
});

describe('list', () => {
  it('pages by 50 with a total and a cursor, newest first by default', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    for (let i = 0; i < 120; i++) {
      await t.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(`Người nộp ${i}`, String(100000000000 + i)), components: allPresent(p) });
      t.clock.advanceMinutes(1);
    }
    const first = await t.must('dossiers.list', {});
    expect(first.total).toBe(120);
    expect(first.items.length).toBe(50);
    expect(first.items[0]!.applicantName).toBe('Người nộp 119');
    const second = await t.must('dossiers.list', { cursor: first.nextCursor });
    expect(second.items[0]!.applicantName).toBe('Người nộp 69');
    const third = await t.must('dossiers.list', { cursor: second.nextCursor });
    expect(third.items.length).toBe(20);
    expect(third.nextCursor).toBeNull();
    const oldest = await t.must('dossiers.list', { sort: 'received_asc', limit: 1 });
    expect(oldest.items[0]!.applicantName).toBe('Người nộp 0');
  });

  it('pages a list of several statuses in one order, without gaps or repeats', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) {
      const r = await t.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(`Người nộp ${i}`, String(200000000000 + i)), components: allPresent(p) });
      ids.push(r.dossier.id);
      if (i % 3 === 0) await t.must('dossiers.transfer', { dossierId: r.dossier.id });
      if (i % 7 === 0) await t.must('dossiers.requestSupplement', { dossierId: r.dossier.id, items: ['x'], reason: 'y' });
      t.clock.advanceMinutes(2);
    }
    const expected = (await t.must('dossiers.list', { limit: 200 })).items.filter((d) => d.status === 2 || d.status === 4).map((d) => d.id);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await t.must('dossiers.list', { status: [4, 2], ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(expected.length);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('filters by status, procedure, field, channel and date range', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    const f = fridayProcedure();
    const a = await t.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) });
    await t.must('dossiers.transfer', { dossierId: a.dossier.id });
    t.clock.set('2026-12-01T08:00:00+07:00');
    const b = await t.must('dossiers.receive', { procedureCode: f.code, channel: 'postal', applicant: applicant('Lê Thị Hoa', '001203000001'), components: allPresent(f) });
    const ids = async (input: object) => (await t!.must('dossiers.list', input)).items.map((d) => d.id);
    expect(await ids({ status: [4] })).toEqual([a.dossier.id]);
    expect(await ids({ status: [2, 4] })).toEqual([b.dossier.id, a.dossier.id]);
    expect(await ids({ procedureCode: f.code })).toEqual([b.dossier.id]);
    expect(await ids({ field: p.field })).toContain(a.dossier.id);
    expect(await ids({ channel: 'postal' })).toEqual([b.dossier.id]);
    expect(await ids({ receivedFrom: '2026-11-27', receivedTo: '2026-11-27' })).toEqual([a.dossier.id]);
    expect(await ids({ receivedFrom: '2026-11-28' })).toEqual([b.dossier.id]);
    expect(await ids({ sort: 'due_asc' })).toEqual(
      [a, b].sort((x, y) => Date.parse(x.dueAt) - Date.parse(y.dueAt)).map((x) => x.dossier.id),
    );
  });

  it('"nearest deadline first" lists running deadlines first (overdue at the top), then the rest by due date, then those without one', async () => {
    t = await makeTestDesk({ now: '2026-09-01T08:00:00+07:00' });
    const p = ordinaryProcedure();
    const receive = async (name: string, id: string) => (await receiveDossier(t!, name, id)).dossier.id;
    // Received in September and returned: due long ago, nothing left to do.
    const returned = await receive('Đã Trả', '001203000101');
    await t.must('dossiers.resolve', { dossierId: returned, resultDigitised: false });
    await t.must('dossiers.returnResult', { dossierId: returned });
    const withdrawn = await receive('Đã Rút', '001203000102');
    await t.must('dossiers.withdraw', { dossierId: withdrawn, reason: 'Công dân xin rút' });
    // Received in November: one overdue by December, one still running.
    t.clock.set('2026-11-02T08:00:00+07:00');
    const overdue = await receive('Quá Hạn', '001203000103');
    t.clock.set('2026-12-01T08:00:00+07:00');
    const running = await receive('Đang Chạy', '001203000104');
    const refused = (await t.must('dossiers.refuse', { procedureCode: p.code, applicant: applicant('Bị Từ Chối', '001203000105'), reason: 'Thiếu giấy tờ' })).dossier.id;
    const expected = [overdue, running, returned, withdrawn, refused];
    const page = await t.must('dossiers.list', { sort: 'due_asc' });
    expect(page.items.map((d) => d.id)).toEqual(expected);
    expect(page.total).toBe(5);
    // Page by page, across the groups, the same order with nothing twice or left out.
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const next = await t.must('dossiers.list', { sort: 'due_asc', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...next.items.map((d) => d.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    // With a status filter, the groups keep to it.
    expect((await t.must('dossiers.list', { sort: 'due_asc', status: [10, 2, 3] })).items.map((d) => d.id)).toEqual([overdue, running, returned, refused]);
    expect((await t.must('dossiers.list', { sort: 'due_asc', status: [7] })).items.map((d) => d.id)).toEqual([withdrawn]);
  });

  it('filters by sync state with the precedence of a row (conflict, quarantined, pending) and totals that add up', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await t.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(`Người nộp ${i}`, `00120300${String(4600 + i)}`), components: allPresent(p) });
      ids.push(r.dossier.id);
      t.clock.advanceMinutes(5);
    }
    await t.must('dossiers.transfer', { dossierId: ids[6]! });
    // A desk that never synced has nothing synced.
    expect(await t.must('dossiers.list', { syncState: 'synced' })).toEqual({ items: [], total: 0, nextCursor: null });
    // What sync leaves on the rows (a conflict, an event the server refused, events sent and accepted).
    const set = t.desk.db.prepare<[number, number, number, string]>(
      'UPDATE dossiers SET in_conflict = ?, quarantined_events = ?, pending_events = ? WHERE id = ?',
    );
    set.run(1, 0, 0, ids[0]!);
    set.run(1, 1, 2, ids[1]!);
    set.run(0, 1, 1, ids[2]!);
    for (const i of [5, 6, 7]) set.run(0, 0, 0, ids[i]!);
    const list = (input: object) => t!.must('dossiers.list', input);
    const expected = { conflict: [1, 0], quarantined: [2], pending: [4, 3], synced: [7, 6, 5] } as const;
    let all = 0;
    for (const [syncState, which] of Object.entries(expected)) {
      const page = await list({ syncState });
      expect(page.items.map((d) => d.id), syncState).toEqual(which.map((i) => ids[i]));
      expect(page.items.every((d) => d.syncState === syncState)).toBe(true);
      expect(page.total).toBe(which.length);
      all += page.total;
    }
    expect(all).toBe(8);
    // A search keeps what the list keeps, in each state, whichever way it reads (the words match all eight): the
    // rows read directly, then from the search index.
    const ways = [false, true].flatMap((indexed) => [[FEW_FILTERED, MANY_FILTERED], [0, MANY_FILTERED], [0, 0]].map(([few, many]) => [indexed, few!, many!] as const));
    for (const [indexed, few, many] of ways) {
      if (indexed) indexNewRowsNow(t.desk);
      t.desk.queries.fewFiltered = few;
      t.desk.queries.manyFiltered = many;
      for (const [syncState, which] of Object.entries(expected)) {
        const found = await t.must('dossiers.search', { query: 'nguoi nop', syncState });
        expect(found.map((d) => d.id), `${syncState}, ways ${few}/${many}`).toEqual(which.map((i) => ids[i]));
      }
      const inConflict = await t.must('dossiers.search', { query: 'nguoi nop', inConflict: true });
      expect(inConflict.map((d) => d.id)).toEqual(expected.conflict.map((i) => ids[i]));
      const syncedWaiting = await t.must('dossiers.search', { query: 'nguoi nop', syncState: 'synced', status: [2] });
      expect(syncedWaiting.map((d) => d.id)).toEqual([ids[7], ids[5]]);
    }
    // With another filter too: the synced ones still waiting at the desk (status 2), not the one sent on.
    const waitingSynced = await list({ syncState: 'synced', status: [2] });
    expect(waitingSynced.items.map((d) => d.id)).toEqual([ids[7], ids[5]]);
    expect(waitingSynced.total).toBe(2);
    // Paged: the second page ends at the total, and a cursor past it gives nothing.
    const first = await list({ syncState: 'synced', limit: 2 });
    expect(first.items.map((d) => d.id)).toEqual([ids[7], ids[6]]);
    const second = await list({ syncState: 'synced', limit: 2, cursor: first.nextCursor });
    expect([second.items.map((d) => d.id), second.nextCursor]).toEqual([[ids[5]], null]);
    expect((await list({ syncState: 'synced', limit: 2, cursor: '3' })).items).toEqual([]);
    expect((await list({ syncState: 'pending', status: [4] })).total).toBe(0);
  });

  it('counts a dossier due exactly at the "due soon" horizon as due soon, in the filter and on its row alike', async () => {
    // A same-day procedure received on Thursday 15:30, after the cut-off: due Friday 17:00. At 18:05 the horizon (8
    // working hours) ends exactly then, as it does whenever the office is closed.
    t = await makeTestDesk({ now: '2026-11-26T15:30:00+07:00' });
    const sameDay = seedProcedures.find((x) => x.processingTime.kind === 'sameDay')!;
    const due = await t.must('dossiers.receive', { procedureCode: sameDay.code, applicant: applicant(), components: allPresent(sameDay) });
    expect(due.dueAt).toBe('2026-11-27T17:00:00+07:00');
    t.clock.set('2026-11-26T18:05:00+07:00');
    const soon = await t.must('dossiers.list', { due: 'soon' });
    expect(soon.items.map((d) => [d.id, d.dueSoon])).toEqual([[due.dossier.id, true]]);
    expect((await t.must('dossiers.list', {})).items.map((d) => d.dueSoon)).toEqual([true]);
  });

  it('shows what is overdue, due today and due soon as the clock moves, and not paused or finished dossiers', async () => {
    t = await makeTestDesk({ now: '2026-11-27T08:00:00+07:00' });
    const sameDay = seedProcedures.find((x) => x.processingTime.kind === 'sameDay' && !x.fridayNoWait);
    const proc = sameDay ?? fridayProcedure();
    const due = await t.must('dossiers.receive', { procedureCode: proc.code, applicant: applicant(), components: allPresent(proc) });
    expect(due.dueAt).toBe('2026-11-27T17:00:00+07:00');
    const later = await t.must('dossiers.receive', { procedureCode: ordinaryProcedure().code, applicant: applicant('B', '001203000002'), components: allPresent(ordinaryProcedure()) });
    const ids = async (input: object) => (await t!.must('dossiers.list', input)).items.map((d) => d.id);
    expect(await ids({ due: 'today' })).toEqual([due.dossier.id]);
    expect(await ids({ due: 'overdue' })).toEqual([]);
    t.clock.set('2026-11-27T16:00:00+07:00');
    expect(await ids({ due: 'soon' })).toEqual([due.dossier.id]);
    // Every row says whether it is due soon by the same horizon as the filter (the yellow badge reads it): the other
    // dossier, due in 7 working days, is not, in any list.
    const all = (await t.must('dossiers.list', {})).items;
    expect(all.filter((d) => d.dueSoon).map((d) => d.id)).toEqual([due.dossier.id]);
    expect((await t.must('dossiers.search', { query: 'B' })).map((d) => d.dueSoon)).toEqual([false]);
    const counts = await t.must('dossiers.dueSoon', {});
    expect(counts).toMatchObject({ overdue: 0, dueToday: 1, dueSoon: 1 });
    t.clock.set('2026-11-30T08:00:00+07:00');
    expect(await ids({ due: 'overdue' })).toEqual([due.dossier.id]);
    const page = await t.must('dossiers.list', { due: 'overdue' });
    expect(page.items[0]!.overdue).toBe(true);
    await t.must('dossiers.resolve', { dossierId: due.dossier.id, resultDigitised: false });
    expect(await ids({ due: 'overdue' })).toEqual([]);
    expect(later.dossier.overdue).toBe(false);
  });
});

describe('detail and queues', () => {
  it('returns the full timeline, the actions now allowed, and audits the view', async () => {
    t = await makeTestDesk();
    const [duc] = await receiveAll(t);
    await t.must('dossiers.transfer', { dossierId: duc!.dossier.id, note: 'Chuyển phòng TN&MT' });
    const detail = await t.must('dossiers.get', { code: duc!.code });
    expect(detail.timeline.map((e) => e.type)).toEqual(['dossier.received', 'dossier.transferred']);
    expect(detail.state.applicant?.idNumber).toBe('001203004567');
    expect(detail.allowedActions).toContain('dossier.resolved');
    expect(detail.allowedActions).not.toContain('dossier.returned');
    const audit = await t.must('audit.list', { action: 'dossier.view' });
    expect(audit.entries[0]).toMatchObject({ targetId: duc!.dossier.id, userName: 'Trần Thị Quản Trị' });
    const missing = await t.call('dossiers.get', { dossierId: '0d9a6f3e-6a8b-4e0c-9a51-3f1f6a7e2b11' });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
  });

  it("lists today's Friday-without-waiting dossiers in arrival order", async () => {
    t = await makeTestDesk({ now: '2026-11-27T08:10:00+07:00' });
    const f = fridayProcedure();
    const one = await t.must('dossiers.receive', { procedureCode: f.code, applicant: applicant(), components: allPresent(f) });
    await t.must('dossiers.receive', { procedureCode: ordinaryProcedure().code, applicant: applicant('X', '001203000003'), components: allPresent(ordinaryProcedure()) });
    t.clock.advanceMinutes(30);
    const two = await t.must('dossiers.receive', { procedureCode: f.code, applicant: applicant('Y', '001203000004'), components: allPresent(f) });
    // Refused at the counter, or received and withdrawn: nothing to return today, so not on the board.
    await t.must('dossiers.refuse', { procedureCode: f.code, applicant: applicant('Z', '001203000005'), reason: 'Thiếu giấy tờ' });
    const gone = await t.must('dossiers.receive', { procedureCode: f.code, applicant: applicant('W', '001203000006'), components: allPresent(f) });
    await t.must('dossiers.withdraw', { dossierId: gone.dossier.id, reason: 'Công dân xin rút' });
    const queue = await t.must('dossiers.fridayQueue', {});
    expect(queue).toMatchObject({ date: '2026-11-27', isFriday: true });
    expect(queue.items.map((d) => d.id)).toEqual([one.dossier.id, two.dossier.id]);
    t.clock.set('2026-11-30T08:00:00+07:00');
    expect(await t.must('dossiers.fridayQueue', {})).toMatchObject({ date: '2026-11-30', isFriday: false, items: [] });
  });
});
