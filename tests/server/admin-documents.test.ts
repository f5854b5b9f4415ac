/**
 * A technician edits the catalog or the calendar the server holds: GET answers the current version's document in the
 * shape PUT takes, with the version it is, so the answer can be edited and put back as it is. The version put back
 * says which version the edit began from: one published meanwhile by someone else is not overwritten unawares.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentKind } from '../../server/admin/documents';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { admin, protocolHeaders, startTestServer, type TestServer } from './support';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const get = (kind: DocumentKind) => admin(server.app, 'GET', `/v1/admin/${kind}`);

describe('reading the catalog and the calendar to edit them', () => {
  it('answers the catalog the server uses: the seed as version 0 until one is published, then the published one', async () => {
    const before = await get('catalog');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ version: 0, procedures: seedProcedures });

    // Edited as a technician does with jq: one procedure dropped, one renamed; put back whole.
    const edited = before.json() as { version: number; procedures: { code: string; name: string }[] };
    edited.procedures = edited.procedures.slice(1).map((p, i) => (i === 0 ? { ...p, name: `${p.name} (sửa)` } : p));
    const put = await admin(server.app, 'PUT', '/v1/admin/catalog', edited);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ kind: 'catalog', version: 1 });

    const after = (await get('catalog')).json() as typeof edited;
    expect(after.version).toBe(1);
    expect(after.procedures).toEqual(edited.procedures);
    // The version is not part of the document the desks take.
    expect((await server.storage.document('catalog'))?.body).toEqual({ procedures: edited.procedures });
  });

  it('answers the calendar: the standard one as version 0, then what was published, ready to put back', async () => {
    expect((await get('calendar')).json()).toEqual({ version: 0 });
    const calendar = { officeHours: { sameDayCutoff: '14:30' }, years: [{ year: 2027, daysOff: [{ date: '2027-03-11', name: 'Nghỉ theo quyết định của huyện' }] }] };
    expect((await admin(server.app, 'PUT', '/v1/admin/calendar', calendar)).json()).toEqual({ kind: 'calendar', version: 1 });

    const read = (await get('calendar')).json() as typeof calendar & { version: number };
    expect(read).toEqual({ version: 1, ...calendar });
    read.years[0]!.daysOff.push({ date: '2027-03-12', name: 'Nghỉ bù' });
    const put = await admin(server.app, 'PUT', '/v1/admin/calendar', read);
    expect(put.json()).toEqual({ kind: 'calendar', version: 2 });
    expect((await get('calendar')).json()).toEqual({ ...read, version: 2 });
  });

  it('refuses an edit of a version another publication replaced since, and keeps that publication', async () => {
    const first = (await get('catalog')).json() as { version: number; procedures: unknown[] };
    const second = structuredClone(first);
    expect((await admin(server.app, 'PUT', '/v1/admin/catalog', { ...first, procedures: first.procedures.slice(1) })).statusCode).toBe(200);

    const late = await admin(server.app, 'PUT', '/v1/admin/catalog', { ...second, procedures: second.procedures.slice(2) });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: { code: 'document_version_conflict' } });
    expect(late.json().error.message.en).toContain('version 1');
    expect(((await get('catalog')).json() as { procedures: unknown[] }).procedures).toHaveLength(seedProcedures.length - 1);

    const calendar = (await get('calendar')).json() as object;
    expect((await admin(server.app, 'PUT', '/v1/admin/calendar', { years: [] })).statusCode).toBe(200);
    expect((await admin(server.app, 'PUT', '/v1/admin/calendar', calendar)).statusCode).toBe(409);
  });

  it('says plainly when an edit names a version the server never had, and when it repeats a procedure code', async () => {
    const catalog = (await get('catalog')).json() as { version: number; procedures: { code: string }[] };
    const typed = await admin(server.app, 'PUT', '/v1/admin/catalog', { ...catalog, version: 99 });
    expect(typed.statusCode).toBe(409);
    expect(typed.json().error.message.vi).toContain('phiên bản máy chủ chưa từng có');
    expect(typed.json().error.message.en).toContain('"version": 99, which this server never had');

    const twice = await admin(server.app, 'PUT', '/v1/admin/catalog', { procedures: [...catalog.procedures, catalog.procedures[3]] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message.en).toContain(`procedures.${catalog.procedures.length}.code`);
    expect(((await get('catalog')).json() as { version: number }).version).toBe(catalog.version);
  });

  it('refuses to answer without the administrator token', async () => {
    for (const kind of ['catalog', 'calendar']) {
      const none = await server.app.inject({ method: 'GET', url: `/v1/admin/${kind}`, headers: protocolHeaders });
      expect(none.statusCode).toBe(401);
      expect(none.body).not.toContain('procedures');
      const wrong = await server.app.inject({
        method: 'GET',
        url: `/v1/admin/${kind}`,
        headers: { ...protocolHeaders, authorization: 'Bearer not-the-admin-token-000000' },
      });
      expect(wrong.statusCode).toBe(401);
    }
  });
});

describe('a calendar published with a Tết day months away', () => {
  it('is refused with the field and nothing stored', async () => {
    const before = ((await get('calendar')).json() as { version: number }).version;
    const typo = { years: [{ year: 2027, tetDays: ['2027-02-05', '2027-02-06', '2027-12-07', '2027-02-08', '2027-02-09'] }] };
    const refused = await admin(server.app, 'PUT', '/v1/admin/calendar', typo);
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json())).toContain('years.0.tetDays.2');
    expect(((await get('calendar')).json() as { version: number }).version).toBe(before);
  });
});
