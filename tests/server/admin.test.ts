/** Administration: catalog, calendar and unit registry versions that desks pull, server users. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, protocolHeaders, seedUnits, SimDesk, startTestServer, COMMUNE_A, DISTRICT, type TestServer } from './support';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  await seedUnits(server.app);
});
afterEach(() => server.close());

const procedure = (code: string) => ({
  code,
  name: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  level: 'commune',
  processingTime: { kind: 'sameDay' },
  feeVnd: 0,
  components: [{ id: 'c1', name: 'Tờ khai đăng ký khai sinh', form: 'original', copies: 1, mandatory: true }],
  producesResult: true,
  fridayNoWait: true,
  agency: 'UBND xã',
});

describe('catalog and calendar', () => {
  it('publishes versions that desks fetch, and sends the body only when the desk is behind', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const fetch = (kind: string, since?: number) =>
      server.app.inject({
        method: 'GET',
        url: `/v1/${kind}${since === undefined ? '' : `?since=${since}`}`,
        headers: desk.headers,
      });
    expect((await fetch('catalog')).json()).toEqual({ kind: 'catalog', version: 0, updatedAt: null });

    const put = await admin(server.app, 'PUT', '/v1/admin/catalog', {
      procedures: [procedure('1.001193.000.00.00.H56')],
    });
    expect(put.json()).toEqual({ kind: 'catalog', version: 1 });
    const fetched = (await fetch('catalog', 0)).json();
    expect(fetched.version).toBe(1);
    expect(fetched.body.procedures[0].code).toBe('1.001193.000.00.00.H56');
    expect((await fetch('catalog', 1)).json().body).toBeUndefined();

    const cal = await admin(server.app, 'PUT', '/v1/admin/calendar', { years: [] });
    expect(cal.json()).toEqual({ kind: 'calendar', version: 1 });
    const pulled = await desk.pullPage();
    expect(pulled.json()).toMatchObject({ catalogVersion: 1, calendarVersion: 1 });
  });

  it("publishes a province's catalog of thousands of procedures, one document larger than the ordinary request limit", async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const procedures = Array.from({ length: 3000 }, (_, n) => procedure(`1.${String(n + 1).padStart(6, '0')}.000.00.00.H56`));
    expect(JSON.stringify({ procedures }).length).toBeGreaterThan(256 * 1024);
    const put = await admin(server.app, 'PUT', '/v1/admin/catalog', { procedures });
    expect(put.statusCode).toBe(200);
    const fetched = (await server.app.inject({ method: 'GET', url: '/v1/catalog?since=0', headers: desk.headers })).json();
    expect(fetched.body.procedures).toHaveLength(3000);
    // The ordinary limit still holds for the other administration requests.
    const user = await admin(server.app, 'POST', '/v1/admin/users', { username: 'hoa.le', name: 'x'.repeat(300 * 1024), role: 'clerk', password: '0123456789' });
    expect(user.statusCode).toBe(413);
    expect(user.json().error.message.en).toContain('send it in smaller batches');
  });

  it('refuses a catalog over the document limit with the limit and what to check, not "smaller batches"', async () => {
    const before = (await admin(server.app, 'GET', '/v1/admin/catalog')).json();
    const padded = { procedures: [procedure('1.001193.000.00.00.H56')], note: 'x'.repeat(9 * 1024 * 1024) };
    const put = await admin(server.app, 'PUT', '/v1/admin/catalog', padded);
    expect(put.statusCode).toBe(413);
    expect(put.json().error.code).toBe('document_too_large');
    expect(put.json().error.message.vi).toContain('lớn hơn 8 MB');
    expect(put.json().error.message.vi).toContain('tối đa 5.000 thủ tục');
    expect(put.json().error.message.en).toContain('at most 5,000 procedures');
    expect(put.json().error.message.en).not.toContain('batches');
    expect((await admin(server.app, 'GET', '/v1/admin/catalog')).json()).toEqual(before);
  });

  it('refuses a catalog with a repeated procedure code', async () => {
    const res = await admin(server.app, 'PUT', '/v1/admin/catalog', {
      procedures: [procedure('1.001193.000.00.00.H56'), procedure('1.001193.000.00.00.H56')],
    });
    expect(res.statusCode).toBe(400);
    expect(await server.storage.document('catalog')).toBeUndefined();
  });
});

describe('the unit registry', () => {
  it('states a version on pull pages and /v1/time that moves when a unit is added or renamed, not when one is put again', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const stated = async () => {
      const time = (await server.app.inject({ method: 'GET', url: '/v1/time', headers: protocolHeaders })).json();
      const page = (await desk.pullPage()).json();
      expect(page.unitsVersion).toBe(time.unitsVersion);
      return page.unitsVersion as number;
    };
    const units = async () => (await server.app.inject({ method: 'GET', url: '/v1/units', headers: desk.headers })).json();
    const put = async (name: string, code = COMMUNE_A) =>
      expect((await admin(server.app, 'POST', '/v1/admin/units', { code, name, level: 'commune', parentCode: DISTRICT })).statusCode).toBe(201);

    const first = await stated();
    expect(first).toBeGreaterThan(0);
    expect((await units()).version).toBe(first);

    await put('Xã Thanh An');
    expect(await stated()).toBe(first);

    await put('Xã Thanh An Mới');
    const renamed = await stated();
    expect(renamed).not.toBe(first);
    const listed = await units();
    expect(listed.version).toBe(renamed);
    expect(listed.units).toContainEqual({ code: COMMUNE_A, name: 'Xã Thanh An Mới', level: 'commune', parentCode: DISTRICT });

    await put('Xã Tân Việt', '000.09.06.H56');
    expect(await stated()).not.toBe(renamed);
  });
});

describe('a unit name longer than the desks take', () => {
  it('is refused naming the field in both languages, and nothing is stored', async () => {
    const unit = (name: string) => ({ code: '000.09.06.H56', name, level: 'commune', parentCode: DISTRICT });
    const refused = await admin(server.app, 'POST', '/v1/admin/units', unit('x'.repeat(301)));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues).toEqual([{ field: 'name', problem: 'too_big' }]);
    expect(JSON.stringify(refused.json().error)).toContain('(trường: name): Tên đơn vị dài tối đa 300 ký tự. Không có gì được lưu.');
    expect(JSON.stringify(refused.json().error)).toContain('(fields: name): A unit name must be at most 300 characters. Nothing was stored.');
    expect(await server.storage.unit('000.09.06.H56')).toBeUndefined();
    expect((await admin(server.app, 'POST', '/v1/admin/units', unit('x'.repeat(300)))).statusCode).toBe(201);
  });
});

describe('a unit name with markup or control characters', () => {
  it('is refused in both languages before it reaches a receipt, a report or an export, and nothing is stored', async () => {
    const unit = (name: string) => ({ code: '000.09.06.H56', name, level: 'commune', parentCode: DISTRICT });
    for (const name of ['Xã <b>Test</b>', 'Xã Tân Việt\u0007', 'Xã 😀 Tân Việt']) {
      const refused = await admin(server.app, 'POST', '/v1/admin/units', unit(name));
      expect(refused.statusCode, name).toBe(400);
      const error = JSON.stringify(refused.json().error);
      expect(error).toContain('Tên đơn vị có ký tự không in được');
      expect(error).toContain('The unit name holds characters that cannot be printed');
      expect(await server.storage.unit('000.09.06.H56')).toBeUndefined();
    }
    expect((await admin(server.app, 'POST', '/v1/admin/units', unit('Xã Tân Việt'))).statusCode).toBe(201);
  });
});

describe('server users', () => {
  it('creates users with a hashed password, lists them without it, and disables them', async () => {
    const created = await admin(server.app, 'POST', '/v1/admin/users', {
      username: 'Hoa.Le',
      name: 'Lê Thị Hoa',
      role: 'supervisor',
      password: 'mật khẩu dài 2026',
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await admin(server.app, 'POST', '/v1/admin/users', {
          username: 'hoa.le',
          name: 'x',
          role: 'clerk',
          password: '0123456789',
        })
      ).statusCode,
    ).toBe(409);
    const listed = (await admin(server.app, 'GET', '/v1/admin/users')).json().users;
    expect(listed).toEqual([
      expect.objectContaining({ username: 'hoa.le', role: 'supervisor', disabledAt: null }),
    ]);
    expect(JSON.stringify(listed)).not.toContain('scrypt');
    expect((await server.storage.user('hoa.le'))?.passwordHash).toMatch(/^scrypt\$/);
    // Typed as the administrator remembers it: the name was stored lowercased.
    expect((await admin(server.app, 'POST', '/v1/admin/users/HOA.LE/disable')).statusCode).toBe(200);
    expect((await server.storage.user('hoa.le'))?.disabledAt).not.toBeNull();
  });

  it('lists desks without their secrets', async () => {
    await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const desks = (await admin(server.app, 'GET', '/v1/admin/desks')).json().desks;
    expect(desks).toHaveLength(1);
    expect(desks[0]).toMatchObject({ unitCode: COMMUNE_A, deskNumber: 1 });
    expect(desks[0].secretHash).toBeUndefined();
  });

  it('names each listed desk’s device id the way create-desk and revoke-desk --device do, and keeps id', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const [listed] = (await admin(server.app, 'GET', '/v1/admin/desks')).json().desks;
    expect(listed.deviceId).toBe(desk.deviceId);
    expect(listed.id).toBe(desk.deviceId);
  });
});

describe('reinstating a desk over HTTP', () => {
  it('says which case stops it, in both languages, with what to do next, and changes nothing', async () => {
    const said = async (id: string) => {
      const res = await admin(server.app, 'POST', `/v1/admin/desks/${id}/reinstate`);
      return { status: res.statusCode, ...(res.json().error as { code: string; message: { vi: string; en: string } }) };
    };
    expect(await said('00000000-0000-4000-8000-000000000000')).toMatchObject({
      status: 404,
      code: 'not_found',
      message: { en: expect.stringContaining('GET /v1/admin/desks lists the device ids. Nothing was changed.') },
    });
    const live = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    expect(await said(live.deviceId)).toMatchObject({
      status: 409,
      code: 'not_revoked',
      message: { vi: `Thiết bị ${live.deviceId} chưa bị thu hồi: không có gì để khôi phục. Chưa thay đổi gì.` },
    });
    // Created, then revoked before any PC entered its code: a new desk is the way, named with its unit and number.
    const created = (await admin(server.app, 'POST', '/v1/admin/desks', { unitCode: COMMUNE_A, deskNumber: 2 })).json() as { deviceId: string };
    expect((await admin(server.app, 'POST', `/v1/admin/desks/${created.deviceId}/revoke`)).statusCode).toBe(200);
    const never = await said(created.deviceId);
    expect(never).toMatchObject({ status: 409, code: 'never_enrolled' });
    expect(never.message.en).toContain(`POST /v1/admin/desks with unitCode ${COMMUNE_A}, deskNumber 2`);
    expect((await server.storage.device(created.deviceId))?.revokedAt).not.toBeNull();
    expect((await server.storage.device(live.deviceId))?.revokedAt).toBeNull();
  });
});
