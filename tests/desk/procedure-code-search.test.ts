/**
 * Search by a procedure's national code (QA: "1.001193" and "1.001193.000.00.00.H56" found nothing, though the search
 * box says it searches by procedure and "khai sinh" found the same dossiers by the procedure's name).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { suspendDossierIndexes } from '../../electron/desk/db/index-suspension';
import { indexNewRowsNow, makeTestDesk, ordinaryProcedure, receiveDossier, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** Three dossiers of one procedure and two of another, received five minutes apart, the first procedure's first. */
async function twoProcedures() {
  const desk = await makeTestDesk();
  t = desk;
  const first = ordinaryProcedure();
  const other = seedProcedures.find((p) => p.code !== first.code && p.processingTime.kind === 'days' && p.components.some((c) => c.mandatory))!;
  const received = async (procedure: typeof first, name: string) => {
    const { dossier } = await receiveDossier(desk, name, undefined, procedure);
    desk.clock.advanceMinutes(5);
    return dossier.id;
  };
  const ofFirst = [await received(first, 'Lê Thị Hoa'), await received(first, 'Trần Văn Nam'), await received(first, 'Phạm Thu Hà')];
  const ofOther = [await received(other, 'Đỗ Minh Tâm'), await received(other, 'Vũ Ngọc Lan')];
  return { desk, first, other, ofFirst, ofOther };
}

const ids = (items: { id: string }[]) => items.map((d) => d.id);

describe('search by procedure code', () => {
  it('finds a procedure’s dossiers, newest first, by its whole code or the start of it, in any case', async () => {
    const d = await twoProcedures();
    const short = d.first.code.slice(0, '1.001193'.length);
    expect(d.first.code).toMatch(/^\d\.\d{6}\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/);
    // Rows written since the desk was last idle, then the same rows taken into the search index.
    for (const indexed of [false, true]) {
      if (indexed) indexNewRowsNow(d.desk.desk);
      for (const query of [d.first.code, d.first.code.toLowerCase(), ` ${short} `, `${short}.000.0`, d.first.code.slice(0, -1)]) {
        expect(ids(await d.desk.must('dossiers.search', { query })), `${query}, indexed: ${indexed}`).toEqual([...d.ofFirst].reverse());
      }
      expect(ids(await d.desk.must('dossiers.search', { query: d.other.code }))).toEqual([...d.ofOther].reverse());
    }
    expect(ids(await d.desk.must('dossiers.search', { query: d.first.code, limit: 2 }))).toEqual([d.ofFirst[2], d.ofFirst[1]]);
    // Another code of the catalog: no dossier of it was received.
    const none = seedProcedures.find((p) => p.code !== d.first.code && p.code !== d.other.code)!;
    expect(await d.desk.must('dossiers.search', { query: none.code })).toEqual([]);
  });

  it('keeps only the dossiers the list’s filters keep', async () => {
    const d = await twoProcedures();
    await d.desk.must('dossiers.transfer', { dossierId: d.ofFirst[0]!, expectedVersion: 1 });
    const transferred = (await d.desk.must('dossiers.get', { dossierId: d.ofFirst[0]! })).summary.status;
    const search = async (filters: object) => ids(await d.desk.must('dossiers.search', { query: d.first.code, ...filters }));
    expect(await search({ status: [transferred] })).toEqual([d.ofFirst[0]]);
    expect(await search({ procedureCode: d.first.code, field: d.first.field })).toEqual([...d.ofFirst].reverse());
    expect(await search({ procedureCode: d.other.code })).toEqual([]);
    expect(await search({ channel: 'online' })).toEqual([]);
    expect(await search({ due: 'soon', status: [transferred] })).toEqual([]);
  });

  it('finds them while a first pull has the indexes suspended', async () => {
    const d = await twoProcedures();
    indexNewRowsNow(d.desk.desk);
    suspendDossierIndexes(d.desk.desk.db);
    expect(ids(await d.desk.must('dossiers.search', { query: d.first.code.slice(0, 8) }))).toEqual([...d.ofFirst].reverse());
  });

  it('records the search as one by procedure code, without the code typed', async () => {
    const d = await twoProcedures();
    await d.desk.must('dossiers.search', { query: d.first.code });
    const audit = await d.desk.must('audit.list', { action: 'dossier.search' });
    expect(audit.entries[0]!.detail).toBe('procedure_code query, 3 result(s)');
    expect(JSON.stringify(audit)).not.toContain(d.first.code);
  });
});
