/**
 * A district administrator publishes a new procedure catalog on the server: a procedure renamed, moved to another
 * field. The desks already hold dossiers of it. Their lists and search read the dossiers' rows, which hold what the
 * catalog said when they were written; so the sync round that brings the catalog must write those rows again, and
 * only those. A procedure put on the "Friday without waiting" list changes nothing for dossiers already received:
 * the rule gave them their appointments at reception. A desk enrolled after the change takes the catalog (and
 * the calendar) with its identity, before its first pull and its first receipt.
 */
import { describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { Procedure } from '../../shared/domain/procedure';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { admin } from '../server/support';
import type { FetchLike } from '../../electron/desk/sync/transport';
import { DISTRICT, applicant, ordinaryProcedure, receive, syncTestBed, type SyncDesk } from './support/harness';

const bed = syncTestBed();
const desk = (deskNumber: number) => bed.desk({ unitCode: DISTRICT, deskNumber });

/** Publishes the seed catalog with `change` applied to the ordinary procedure (the one `receive` uses). */
async function publishCatalog(change: (p: Procedure) => Procedure): Promise<void> {
  const procedures = seedProcedures.map((p) => (p.code === ordinaryProcedure.code ? change(p) : p));
  const res = await admin(bed.server.app, 'PUT', '/v1/admin/catalog', { procedures });
  expect(res.statusCode).toBe(200);
}

/** Counts the dossier rows the desk writes again from the log, and the times it tells the screens to read again. */
function watch(d: SyncDesk) {
  const seen = { rowsRefolded: 0, announced: 0 };
  const { projector } = d.desk;
  const refreshWith = projector.refreshWith.bind(projector);
  projector.refreshWith = (id, events) => {
    seen.rowsRefolded += 1;
    return refreshWith(id, events);
  };
  d.desk.notifications.subscribe((e) => {
    if (e.type === 'dossiers.changed') seen.announced += 1;
  });
  return seen;
}

const rows = (d: SyncDesk) => d.desk.db.prepare('SELECT * FROM dossiers ORDER BY id').all();

/** A procedure of another field than the ordinary one, left as it is by the catalogs published here. */
const otherProcedure = seedProcedures.find(
  (p) => p.code !== ordinaryProcedure.code && p.field !== ordinaryProcedure.field && p.processingTime.kind === 'days',
)!;

async function receiveOther(d: SyncDesk): Promise<string> {
  const receipt = await d.must('dossiers.receive', {
    procedureCode: otherProcedure.code,
    channel: 'in_person',
    applicant: applicant(9),
    components: otherProcedure.components.map((c) => ({ componentId: c.id, present: true })),
  });
  return receipt.dossier.id;
}

describe('a new procedure catalog and the dossiers the desks already hold', () => {
  it('a procedure renamed and moved to another field: lists, search and rows follow it on every desk, and only its dossiers are written again', async () => {
    const writer = await desk(1);
    const reader = await desk(2);
    const ids: string[] = [];
    for (let n = 1; n <= 4; n++) ids.push((await receive(writer, n)).dossierId);
    const other = await receiveOther(writer);
    for (const d of [writer, reader]) await d.must('sync.now', {});
    expect((await reader.must('dossiers.list', {})).items.map((s) => s.procedureName).sort()).toEqual(
      [...ids.map(() => ordinaryProcedure.name), otherProcedure.name].sort(),
    );

    await publishCatalog((p) => ({ ...p, name: 'Cấp bản sao trích lục hộ tịch (tên mới)', field: 'Hộ tịch điện tử' }));
    const seen = [watch(writer), watch(reader)];
    for (const d of [writer, reader]) await d.must('sync.now', {});

    for (const [i, d] of [writer, reader].entries()) {
      const list = await d.must('dossiers.list', { field: 'Hộ tịch điện tử' });
      expect(list.items.map((s) => s.id).sort()).toEqual([...ids].sort());
      expect(list.items.every((s) => s.procedureName === 'Cấp bản sao trích lục hộ tịch (tên mới)')).toBe(true);
      expect((await d.must('dossiers.list', { field: ordinaryProcedure.field })).items.map((s) => s.id)).toEqual(
        otherProcedure.field === ordinaryProcedure.field ? [other] : [],
      );
      // Searched without diacritics, as clerks type: the new name's words find them.
      const found = await d.must('dossiers.search', { query: 'ten moi' });
      expect(found.map((s) => s.id).sort()).toEqual([...ids].sort());
      // Each of its dossiers written once, the other procedure's not at all, and the lists on screen told.
      expect(seen[i]).toEqual({ rowsRefolded: ids.length, announced: 1 });
      // The rows are what a refold of the log with this catalog gives.
      const before = rows(d);
      d.desk.projector.rebuildAll();
      expect(rows(d)).toEqual(before);
    }
  });

  it('a procedure put on the "Friday without waiting" list leaves the dossiers it already received as their receipts said', async () => {
    const writer = await desk(1);
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) ids.push((await receive(writer, n)).dossierId);
    await writer.must('sync.now', {});
    const before = await writer.must('dossiers.list', {});
    await publishCatalog((p) => ({ ...p, fridayNoWait: true }));
    const seen = watch(writer);
    await writer.must('sync.now', {});
    expect(writer.desk.catalog.get(ordinaryProcedure.code).fridayNoWait).toBe(true);
    // Received today with an appointment days away: not on today's Friday board, and no badge they never had.
    expect((await writer.must('dossiers.fridayQueue', {})).items).toEqual([]);
    expect(await writer.must('dossiers.list', {})).toEqual(before);
    expect(seen).toEqual({ rowsRefolded: 0, announced: 0 });
  });

  it("a new desk takes the district's catalog and calendar when it enrols: receipts and its first pull use them", async () => {
    const writer = await desk(1);
    for (let n = 1; n <= 3; n++) await receive(writer, n);
    await writer.must('sync.now', {});
    const renamed = 'Cấp bản sao trích lục hộ tịch (tên mới)';
    await publishCatalog((p) => ({ ...p, name: renamed }));
    const year = new Date().getUTCFullYear() + 1;
    const calendar = await admin(bed.server.app, 'PUT', '/v1/admin/calendar', {
      years: [{ year, daysOff: [{ date: `${year}-03-11`, name: 'Nghỉ theo quyết định của huyện' }] }],
    });
    expect(calendar.statusCode).toBe(200);

    // Enrolled, not yet synced: the clerk may receive at once, while the first pull still runs.
    const reader = await desk(2);
    expect(reader.desk.catalog.get(ordinaryProcedure.code).name).toBe(renamed);
    const view = await reader.must('calendar.get', {});
    expect(new WorkingCalendar(view.effective).dayOffName(`${year}-03-11`)).toBe('Nghỉ theo quyết định của huyện');

    // The first pull writes each row with the district's names from the start: none is written a second time.
    const seen = watch(reader);
    await reader.must('sync.now', {});
    const list = await reader.must('dossiers.list', {});
    expect(list.items.map((s) => s.procedureName)).toEqual([renamed, renamed, renamed]);
    expect(seen.rowsRefolded).toBe(0);
  });

  it("a sync asked for while the enrolment still reads the district's catalog waits for it: no row is written with the seed's names", async () => {
    const writer = await desk(1);
    for (let n = 1; n <= 3; n++) await receive(writer, n);
    await writer.must('sync.now', {});
    const renamed = 'Cấp bản sao trích lục hộ tịch (tên mới)';
    await publishCatalog((p) => ({ ...p, name: renamed }));

    // The new desk's link: every request's path noted; the enrolment's catalog read held until the test lets it go.
    const paths: string[] = [];
    let catalogRead = false;
    let releaseCatalog!: () => void;
    const catalogHeld = new Promise<void>((resolve) => (releaseCatalog = resolve));
    let catalogAsked!: () => void;
    const catalogReached = new Promise<void>((resolve) => (catalogAsked = resolve));
    let pullAsked!: () => void;
    const pullReached = new Promise<void>((resolve) => (pullAsked = resolve));
    const link: FetchLike = async (url, init) => {
      const path = new URL(url).pathname;
      paths.push(catalogRead ? `${path} (after the catalog)` : path);
      if (path.endsWith('/v1/pull')) pullAsked();
      if (path.endsWith('/v1/catalog') && !catalogRead) {
        catalogAsked();
        await catalogHeld;
        catalogRead = true;
      }
      return fetch(url, init);
    };
    const reader = await bed.desk({ unitCode: DISTRICT, deskNumber: 2, enrol: false, sync: { fetch: link } });
    const { enrolmentCode } = await bed.server.createDesk(DISTRICT, 2);
    const enrolled = reader.must('sync.enrol', { serverUrl: bed.server.url, code: enrolmentCode });
    await catalogReached;

    // The administrator presses "sync now" at once, while the enrolment waits for the catalog.
    const seen = watch(reader);
    const asked = reader.must('sync.now', {});
    await Promise.race([asked, pullReached]);
    releaseCatalog();
    await Promise.all([enrolled, asked]);
    expect(paths.filter((p) => p.endsWith('/v1/pull'))).toEqual([]);

    await reader.must('sync.now', {});
    const list = await reader.must('dossiers.list', {});
    expect(list.items.map((s) => s.procedureName)).toEqual([renamed, renamed, renamed]);
    // Each pulled row written once, with the district's name: none written first with the seed's, then again.
    expect(seen.rowsRefolded).toBe(0);
  });

  it('a change that no row holds (a processing time) writes no row again', async () => {
    const writer = await desk(1);
    for (let n = 1; n <= 3; n++) await receive(writer, n);
    await writer.must('sync.now', {});
    await publishCatalog((p) => ({ ...p, processingTime: { kind: 'days', days: 30 } }));
    const seen = watch(writer);
    await writer.must('sync.now', {});
    expect(writer.desk.catalog.get(ordinaryProcedure.code).processingTime).toEqual({ kind: 'days', days: 30 });
    expect(seen).toEqual({ rowsRefolded: 0, announced: 0 });
  });
});
