/**
 * A catalog is one document, published whole. A district administrator publishes a version without a procedure the
 * desks already hold dossiers of: from then on the server refuses the portal's submissions for it, so the desks must
 * stop offering it for a new reception. The dossiers already filed under it keep its name (detail, list, list filter,
 * logbook), and an online dossier the citizen submitted while it was offered can still be received. A later version
 * that brings it back offers it again.
 */
import { describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { Procedure } from '../../shared/domain/procedure';
import { A_MONTH_AGO, admin, PORTAL_TOKEN } from '../server/support';
import { DESK_ADMIN, DISTRICT, applicant, ordinaryProcedure, receive, syncTestBed, type SyncDesk } from './support/harness';

const bed = syncTestBed();
const desk = (deskNumber: number) => bed.desk({ unitCode: DISTRICT, deskNumber });
const dropped = ordinaryProcedure;

async function publish(procedures: readonly Procedure[]): Promise<void> {
  const res = await admin(bed.server.app, 'PUT', '/v1/admin/catalog', { procedures });
  expect(res.statusCode).toBe(200);
}

async function submitOnline(portalRef: string) {
  return bed.server.app.inject({
    method: 'POST',
    url: '/v1/portal/dossiers',
    headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
    payload: {
      unitCode: DISTRICT,
      procedureCode: dropped.code,
      applicant: applicant(7),
      components: [],
      portalRef,
      submittedAt: `${A_MONTH_AGO}T20:15:00+07:00`,
    },
  });
}

const receptionOf = (n: number, dossierId?: string) => ({
  procedureCode: dropped.code,
  channel: 'in_person',
  applicant: applicant(n),
  components: dropped.components.map((c) => ({ componentId: c.id, present: true })),
  ...(dossierId ? { dossierId } : {}),
});

/** What the reception may offer: the procedures the desk API does not say are retired, and what its search finds. */
async function offered(d: SyncDesk) {
  const all = await d.must('catalog.procedures', {});
  return {
    known: all.map((p) => p.code).sort(),
    offered: all.filter((p) => !p.retired).map((p) => p.code).sort(),
    found: (await d.must('catalog.search', { query: dropped.code })).map((p) => p.code),
  };
}

describe('a catalog version that drops a procedure', () => {
  it('retires it on every desk, keeps its dossiers named, and offers it again when a later version brings it back', async () => {
    const writer = await desk(1);
    const { dossierId, code } = await receive(writer, 1);
    const online = await submitOnline('DVC-2026-000501');
    expect(online.statusCode).toBe(201);
    const onlineId = (online.json() as { dossierId: string }).dossierId;
    await writer.must('sync.now', {});
    expect((await offered(writer)).found).toEqual([dropped.code]);

    await publish(seedProcedures.filter((p) => p.code !== dropped.code));
    // The portal is refused at once; the desks follow at their next sync.
    expect((await submitOnline('DVC-2026-000502')).json()).toMatchObject({ error: { code: 'unknown_procedure' } });
    await writer.must('sync.now', {});
    // A desk enrolled after the change takes the catalog with its identity, and pulls the old dossier.
    const reader = await desk(2);
    await reader.must('sync.now', {});

    for (const d of [writer, reader]) {
      const now = await offered(d);
      expect(now.known).toEqual(seedProcedures.map((p) => p.code).sort());
      expect(now.offered).toEqual(seedProcedures.filter((p) => p.code !== dropped.code).map((p) => p.code).sort());
      expect(now.found).toEqual([]);
      expect(await d.must('catalog.search', { query: 'khai sinh' })).not.toEqual([]);

      // The dossier filed under it keeps its name, in its detail, the list and the list's filter, and the logbook.
      const detail = await d.must('dossiers.get', { dossierId });
      expect(detail.summary.procedureName).toBe(dropped.name);
      expect(detail.procedure?.name).toBe(dropped.name);
      const filtered = await d.must('dossiers.list', { procedureCode: dropped.code, status: [2] });
      expect(filtered.items.map((s) => [s.code, s.procedureName])).toEqual([[code, dropped.name]]);

      // A new reception under it, sent by a screen that still shows the old catalog, is refused in both languages.
      const refused = await d.call('dossiers.receive', receptionOf(d === writer ? 2 : 3));
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe('procedure_retired');
      expect(refused.error.message.vi).toContain(dropped.code);
      expect(refused.error.message.vi).toContain('không còn');
      expect(refused.error.message.en).toContain('no longer');
    }
    expect((await writer.must('dossiers.list', { procedureCode: dropped.code })).total).toBe(2);

    // The online dossier submitted while it was offered is still received, under the procedure's papers.
    const received = await writer.must('dossiers.receive', receptionOf(7, onlineId));
    expect(received.dossier.status).toBe(2);
    expect(received.dossier.procedureName).toBe(dropped.name);
    const month = { year: Number(received.receivedAt.slice(0, 4)), month: Number(received.receivedAt.slice(5, 7)) };
    const logbook = await writer.must('dossiers.logbook', month);
    expect(logbook.entries.filter((e) => e.procedureName === dropped.name)).toHaveLength(2);

    // A later version brings it back: offered again, found again, received again.
    await publish(seedProcedures);
    for (const d of [writer, reader]) {
      await d.must('sync.now', {});
      const again = await offered(d);
      expect(again.offered).toEqual(seedProcedures.map((p) => p.code).sort());
      expect(again.found).toEqual([dropped.code]);
    }
    const back = await reader.must('dossiers.receive', receptionOf(9));
    expect(back.dossier.procedureName).toBe(dropped.name);
  });

  it('a desk that took the shorter version before it retired procedures retires the dropped one at its next sync', async () => {
    const writer = await desk(1);
    await publish(seedProcedures.filter((p) => p.code !== dropped.code));
    await writer.must('sync.now', {});
    // As an earlier desk release left it: the version taken, every procedure offered, no record of retirements.
    writer.desk.db.prepare("DELETE FROM settings WHERE key = 'catalogRetiredCodes'").run();
    writer.desk.db.prepare("DELETE FROM sync_meta WHERE key = 'catalogRetiredAsked'").run();
    writer.reopen();
    await writer.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
    expect((await offered(writer)).offered).toContain(dropped.code);

    await writer.must('sync.now', {});
    expect((await offered(writer)).offered).not.toContain(dropped.code);
    expect(writer.client.meta.catalogRetiredAsked).toBe(true);
  });

  it("a desk enrolled after a procedure of the district's own left the catalog names its dossiers by it", async () => {
    // A procedure the district published and the seed never had: a desk enrolled later can learn it only from the server.
    const own: Procedure = { ...dropped, code: '2.000777.000.00.00.H56', name: 'Cấp giấy xác nhận tình trạng nhà ở (thí điểm)', field: 'Nhà ở' };
    await publish([...seedProcedures, own]);
    const writer = await desk(1);
    const { dossierId, code } = await writer.must('dossiers.receive', { ...receptionOf(1), procedureCode: own.code }).then((r) => ({
      dossierId: r.dossier.id,
      code: r.dossier.code,
    }));
    await writer.must('sync.now', {});
    await publish(seedProcedures);

    const reader = await desk(2);
    await reader.must('sync.now', {});
    const detail = await reader.must('dossiers.get', { dossierId });
    expect(detail.summary.code).toBe(code);
    expect(detail.summary.procedureName).toBe(own.name);
    const all = await reader.must('catalog.procedures', {});
    expect(all.find((p) => p.code === own.code)).toMatchObject({ name: own.name, field: 'Nhà ở', retired: true });
    expect((await reader.call('dossiers.receive', { ...receptionOf(3), procedureCode: own.code })).ok).toBe(false);
    const listed = await reader.must('dossiers.list', { procedureCode: own.code });
    expect(listed.items.map((s) => s.procedureName)).toEqual([own.name]);

    // A desk that took this version from the previous release knows nothing of it: it takes the catalog once more.
    reader.desk.db.prepare('DELETE FROM procedures WHERE code = ?').run(own.code);
    reader.desk.db.prepare("DELETE FROM sync_meta WHERE key = 'catalogRetiredAsked'").run();
    reader.reopen();
    await reader.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
    expect((await reader.must('catalog.procedures', {})).some((p) => p.code === own.code)).toBe(false);
    await reader.must('sync.now', {});
    expect((await reader.must('catalog.procedures', {})).find((p) => p.code === own.code)).toMatchObject({ name: own.name, retired: true });
    expect((await reader.must('dossiers.get', { dossierId })).summary.procedureName).toBe(own.name);
  });

  it('keeps a retired procedure retired when the desk opens again', async () => {
    const writer = await desk(1);
    await publish(seedProcedures.filter((p) => p.code !== dropped.code));
    await writer.must('sync.now', {});
    writer.reopen();
    await writer.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
    expect((await offered(writer)).offered).not.toContain(dropped.code);
    expect((await writer.call('dossiers.receive', receptionOf(1))).ok).toBe(false);
  });
});
