/**
 * The public lookup address receipts print, set once on the district server (`PUT /v1/admin/lookup-address`,
 * `motcua server lookup-address`) instead of in every desk's Settings: it comes down with the unit registry at the
 * next round, a desk's own setting wins over it, clearing it on the server clears it on the desks, and a bad
 * address is refused with the reason and nothing stored.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { admin, protocolHeaders } from '../server/support';
import { DESK_ADMIN, DISTRICT, syncTestBed } from './support/harness';

const bed = syncTestBed();
const DISTRICT_PAGE = 'https://dichvucong.haiduong.gov.vn/tra-cuu';

async function setOnServer(address: string | null) {
  return admin(bed.server.app, 'PUT', '/v1/admin/lookup-address', { address });
}

describe('the district lookup address', () => {
  it('reaches the desks at their next round, gives way to a desk setting, and is cleared with the server', async () => {
    const d = await bed.desk({ unitCode: DISTRICT, deskNumber: 1 });
    await d.client.syncNow();
    expect(await d.must('settings.get', {})).toMatchObject({ publicLookupUrl: null, districtLookupUrl: null });

    const set = await setOnServer(`  ${DISTRICT_PAGE}  `);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ address: DISTRICT_PAGE });
    expect((await admin(bed.server.app, 'GET', '/v1/admin/lookup-address')).json()).toEqual({ address: DISTRICT_PAGE });
    await d.client.syncNow();
    expect(await d.must('settings.get', {})).toMatchObject({ publicLookupUrl: null, districtLookupUrl: DISTRICT_PAGE });

    // The desk's own address stays its own; the district's is still named beside it.
    const own = await d.must('settings.set', { publicLookupUrl: 'https://tracuu.xathanhan.gov.vn/' });
    expect(own).toMatchObject({ publicLookupUrl: 'https://tracuu.xathanhan.gov.vn/', districtLookupUrl: DISTRICT_PAGE });

    // Kept offline: the server gone and the desk reopened.
    await bed.server.stop();
    d.reopen();
    await d.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
    expect((await d.must('settings.get', {})).districtLookupUrl).toBe(DISTRICT_PAGE);
  });

  it('is cleared on the desks when cleared on the server', async () => {
    await setOnServer(DISTRICT_PAGE);
    const d = await bed.desk({ unitCode: DISTRICT, deskNumber: 2 });
    await d.client.syncNow();
    expect((await d.must('settings.get', {})).districtLookupUrl).toBe(DISTRICT_PAGE);
    expect((await setOnServer(null)).statusCode).toBe(200);
    await d.client.syncNow();
    expect((await d.must('settings.get', {})).districtLookupUrl).toBeNull();
  });

  it('refuses an address that is not a web address, or holds a password, storing nothing', async () => {
    await setOnServer(DISTRICT_PAGE);
    for (const [address, said] of [
      ['dichvucong.haiduong.gov.vn', 'http:// hoặc https://'],
      ['ftp://dichvucong.haiduong.gov.vn/tra-cuu', 'http:// hoặc https://'],
      ['https://admin:matkhau@dichvucong.haiduong.gov.vn/tra-cuu', 'mật khẩu'],
      [42, 'http:// hoặc https://'],
      // Not a way to clear it (only null is): a script's unset variable must not wipe the district's address.
      ['', 'http:// hoặc https://'],
      ['   ', 'http:// hoặc https://'],
    ] as const) {
      const res = await setOnServer(address as string);
      expect(res.statusCode).toBe(400);
      const body = res.json() as { error: { message: { vi: string; en: string } } };
      expect(body.error.message.vi).toContain(said);
      expect(body.error.message.vi).toContain('Không có gì được lưu');
      expect(body.error.message.en).toContain('Nothing was stored');
    }
    expect((await admin(bed.server.app, 'GET', '/v1/admin/lookup-address')).json()).toEqual({ address: DISTRICT_PAGE });
    // Only the administrator sets it.
    const anonymous = await bed.server.app.inject({ method: 'PUT', url: '/v1/admin/lookup-address', headers: protocolHeaders, payload: { address: null } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('takes an address a desk would refuse as none, and the round still succeeds', async () => {
    const d = await bed.desk({
      unitCode: DISTRICT,
      deskNumber: 3,
      sync: {
        fetch: async (url, init) => {
          const res = await fetch(url, init);
          if (!String(url).endsWith('/v1/units')) return res;
          // A server that did not check it (an older one, or its database edited by hand).
          const body = (await res.json()) as Record<string, unknown>;
          const odd = { ...body, lookupAddress: 'https://admin:matkhau@dichvucong.haiduong.gov.vn/tra-cuu' };
          return new Response(JSON.stringify(odd), { status: 200, headers: { 'content-type': 'application/json' } });
        },
      },
    });
    expect((await d.client.syncNow()).state).toBe('online');
    expect((await d.must('settings.get', {})).districtLookupUrl).toBeNull();
  });

  it('reaches a desk upgraded after it was set, whose release before dropped it while reading the registry', async () => {
    await setOnServer(DISTRICT_PAGE);
    const d = await bed.desk({ unitCode: DISTRICT, deskNumber: 4 });
    await d.client.syncNow();
    // The desk as the release before left it: the registry's version held, no address, schema version 24.
    await d.restart(() => {
      const db = new Database(path.join(d.dir, 'desk.sqlite'));
      db.prepare("DELETE FROM settings WHERE key = 'districtLookupUrl'").run();
      db.pragma('user_version = 24');
      db.close();
    });
    await d.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
    expect((await d.must('settings.get', {})).districtLookupUrl).toBeNull();
    await d.client.syncNow();
    expect((await d.must('settings.get', {})).districtLookupUrl).toBe(DISTRICT_PAGE);
  });
});
