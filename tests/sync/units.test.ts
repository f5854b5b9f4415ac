/**
 * The unit names a desk prints and the units its reports offer come from its district's server, not from the demo
 * seed tree: read at enrolment, read again after a sync when an administrator added or renamed a unit, kept for
 * offline work. A desk that never enrolled keeps the seed tree.
 */
import { describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../shared/api/bridge';
import { admin } from '../server/support';
import { COMMUNE_A, COMMUNE_B, DESK_ADMIN, DISTRICT, syncTestBed } from './support/harness';

const bed = syncTestBed();
const NEW_COMMUNE = '000.09.06.H56';
const PERIOD = { from: '2026-01-01', to: '2026-01-31' };
const nameIn = (units: readonly { code: string; name: string }[], code: string) => units.find((u) => u.code === code)?.name;

async function putUnit(unit: { code: string; name: string; level: string; parentCode: string | null }): Promise<void> {
  const res = await admin(bed.server.app, 'POST', '/v1/admin/units', unit);
  expect(res.statusCode).toBe(201);
}

describe("a desk's unit names", () => {
  it("come from the server at enrolment, follow a rename or a new unit after a sync, and stay when offline", async () => {
    let unitRequests = 0;
    const d = await bed.desk({
      unitCode: DISTRICT,
      deskNumber: 1,
      sync: {
        fetch: (url, init) => {
          if (String(url).endsWith('/v1/units')) unitRequests++;
          return fetch(url, init);
        },
      },
    });

    // Straight after enrolment, before any sync: the district's names ("Thị trấn Thanh Hà" is the seed's name of this code).
    const enrolled = await d.must('app.info', {});
    expect(nameIn(enrolled.units, COMMUNE_A)).toBe('Xã Thanh An');
    expect((await d.must('reports.units', {})).map((u) => u.name)).toEqual(['Huyện Thanh Hà', 'Xã Thanh An', 'Xã Thanh Bình']);
    await d.client.syncNow();
    const afterFirstSync = unitRequests;

    // The administrator renames one commune and adds another.
    await putUnit({ code: COMMUNE_A, name: 'Xã Thanh An Mới', level: 'commune', parentCode: DISTRICT });
    await putUnit({ code: NEW_COMMUNE, name: 'Xã Tân Việt', level: 'commune', parentCode: DISTRICT });
    const announced: DeskEvent[] = [];
    d.desk.notifications.subscribe((e) => announced.push(e));
    await d.client.syncNow();

    const info = await d.must('app.info', {});
    expect(nameIn(info.units, COMMUNE_A)).toBe('Xã Thanh An Mới');
    expect(nameIn(info.units, NEW_COMMUNE)).toBe('Xã Tân Việt');
    expect(announced.some((e) => e.type === 'units.changed')).toBe(true);
    const choices = await d.must('reports.units', {});
    expect(choices.map((u) => [u.code, u.name, u.depth])).toEqual([
      [DISTRICT, 'Huyện Thanh Hà', 0],
      [NEW_COMMUNE, 'Xã Tân Việt', 1],
      [COMMUNE_A, 'Xã Thanh An Mới', 1],
      [COMMUNE_B, 'Xã Thanh Bình', 1],
    ]);
    // The new commune is within the desk's district for its reports too (the seed tree does not know it): it is
    // refused only because this district desk holds none of its dossiers, not as a unit outside the district.
    const newCommune = await d.call('reports.summary', { ...PERIOD, unitCode: NEW_COMMUNE });
    expect(newCommune.ok ? null : newCommune.error.message.en).toContain('This desk holds no dossiers of Xã Tân Việt');

    // Read once for the change, not on every round: a 2G link pays for the list only when it changed.
    expect(unitRequests).toBe(afterFirstSync + 1);
    await d.client.syncNow();
    expect(unitRequests).toBe(afterFirstSync + 1);

    // Offline (the server gone, the desk reopened): the district's names still.
    await bed.server.stop();
    d.reopen();
    await d.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
    expect(nameIn((await d.must('app.info', {})).units, COMMUNE_A)).toBe('Xã Thanh An Mới');
  });

  it('one unit a desk cannot take (a name too long, from an older server) is left out, and the round still succeeds', async () => {
    const odd = { code: '000.98.06.H56', name: 'X'.repeat(400), level: 'commune', parentCode: DISTRICT };
    const d = await bed.desk({
      unitCode: DISTRICT,
      deskNumber: 1,
      sync: {
        fetch: async (url, init) => {
          const res = await fetch(url, init);
          if (!String(url).endsWith('/v1/units')) return res;
          const body = (await res.json()) as { units: unknown[]; version?: number };
          return new Response(JSON.stringify({ ...body, units: [...body.units, odd] }), { status: 200, headers: { 'content-type': 'application/json' } });
        },
      },
    });
    await putUnit({ code: COMMUNE_A, name: 'Xã Thanh An Mới', level: 'commune', parentCode: DISTRICT });
    const status = await d.client.syncNow();
    expect(status.state).toBe('online');
    const info = await d.must('app.info', {});
    expect(nameIn(info.units, COMMUNE_A)).toBe('Xã Thanh An Mới');
    expect(nameIn(info.units, odd.code)).toBeUndefined();
  });

  it('are read at the next round when the link drops right after the enrolment', async () => {
    let refuseUnits = true;
    const d = await bed.desk({
      unitCode: DISTRICT,
      deskNumber: 1,
      sync: {
        fetch: (url, init) => {
          if (refuseUnits && String(url).endsWith('/v1/units')) return Promise.reject(new TypeError('fetch failed'));
          return fetch(url, init);
        },
      },
    });
    // Enrolled all the same; the seed tree meanwhile.
    expect(d.desk.identity()?.source).toBe('enrolled');
    expect(nameIn((await d.must('app.info', {})).units, COMMUNE_A)).toBe('Thị trấn Thanh Hà');
    refuseUnits = false;
    expect((await d.client.syncNow()).state).toBe('online');
    expect(nameIn((await d.must('app.info', {})).units, COMMUNE_A)).toBe('Xã Thanh An');
  });

  it('stay those of the seed tree on a desk that never enrolled', async () => {
    const d = await bed.desk({ unitCode: DISTRICT, deskNumber: 1, enrol: false });
    await d.must('app.setIdentity', { unitCode: DISTRICT, deskNumber: 1 });
    const info = await d.must('app.info', {});
    expect(nameIn(info.units, COMMUNE_A)).toBe('Thị trấn Thanh Hà');
    expect((await d.must('reports.units', {})).length).toBe(9);
  });
});
