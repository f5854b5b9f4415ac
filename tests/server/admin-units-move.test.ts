/**
 * `POST /v1/admin/units` moves an existing unit (a new level or parent) only when the request says `"move": true`,
 * as `motcua server add-unit` needs --move: a body copied from the one that added a commune, with a stale level or
 * parent, must not carry the commune with its desks and dossiers out of its district. Each unit added, renamed or
 * moved is said to the log, as the other administration changes are. Through the real server and the real command.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverCommand } from '../../cli/commands/server';
import { motcua } from '../support/cli';
import { admin, COMMUNE_A, DISTRICT, PROVINCE, seedUnits, startTestServer, type TestServer } from './support';

let server: TestServer;
const lines: string[] = [];
beforeEach(async () => {
  lines.length = 0;
  server = await startTestServer({ logger: { level: 'info', stream: { write: (line) => void lines.push(line) } } });
  await seedUnits(server.app);
});
afterEach(() => server.close());

const post = (body: object) => admin(server.app, 'POST', '/v1/admin/units', body);
const unitAsListed = async (code: string) =>
  ((await admin(server.app, 'GET', '/v1/admin/units')).json().units as { code: string }[]).find((u) => u.code === code);
/** The parsed `admin: unit …` log lines. */
const unitLogs = () =>
  lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => typeof l.msg === 'string' && l.msg.startsWith('admin: unit'));

const THANH_AN = { code: COMMUNE_A, name: 'Xã Thanh An', level: 'commune', parentCode: DISTRICT };
/** The QA report's request: the commune, re-posted as a district straight under the province. */
const AS_DISTRICT = { ...THANH_AN, level: 'district', parentCode: PROVINCE };

describe('moving a unit over HTTP', () => {
  it('is refused with 409 without "move": true, saying where the unit stands, and nothing changes', async () => {
    lines.length = 0;
    const refused = await post(AS_DISTRICT);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({
      code: 'unit_move_not_asked',
      message: {
        vi: `Đơn vị ${COMMUNE_A} (Xã Thanh An) đang là cấp xã, thuộc ${DISTRICT}; yêu cầu này sẽ chuyển nó thành cấp huyện, thuộc ${PROVINCE}. Để đổi tên, gửi level và parentCode như đơn vị đang có; để chuyển đơn vị, thêm "move": true. Chưa thay đổi gì.`,
        en: `Unit ${COMMUNE_A} (Xã Thanh An) is a commune under ${DISTRICT}; this would make it a district under ${PROVINCE}. To rename it, send the level and parentCode it has; to move it, add "move": true. Nothing was changed.`,
      },
      details: { level: 'commune', parentCode: DISTRICT },
    });
    // A new parent alone (same level) is a move too; so is `"move": false`. A new name sent with either is not kept.
    const otherParent = await post({ ...THANH_AN, name: 'Xã Thanh An Mới', parentCode: PROVINCE, move: false });
    expect(otherParent.statusCode).toBe(409);
    expect(otherParent.json().error.code).toBe('unit_move_not_asked');
    expect(await unitAsListed(COMMUNE_A)).toEqual(THANH_AN);
    expect(await server.storage.unit(COMMUNE_A)).toEqual(THANH_AN);
    expect(unitLogs()).toEqual([]);
  });

  it('goes through with "move": true, and is said to the log with where the unit was', async () => {
    lines.length = 0;
    const moved = await post({ ...AS_DISTRICT, move: true });
    expect(moved.statusCode).toBe(201);
    expect(moved.json()).toEqual(AS_DISTRICT);
    expect(await unitAsListed(COMMUNE_A)).toEqual(AS_DISTRICT);
    const logged = unitLogs();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'admin: unit moved',
      unitCode: COMMUNE_A,
      level: 'district',
      parentCode: PROVINCE,
      was: { level: 'commune', parentCode: DISTRICT },
      renamed: false,
    });
  });

  it('a rename alone needs no flag and is said to the log; a unit added is too; a unit put again as it is, not', async () => {
    lines.length = 0;
    const renamed = await post({ ...THANH_AN, name: 'Xã Thanh An Mới' });
    expect(renamed.statusCode).toBe(201);
    expect(await unitAsListed(COMMUNE_A)).toEqual({ ...THANH_AN, name: 'Xã Thanh An Mới' });
    expect((await post({ ...THANH_AN, name: 'Xã Thanh An Mới' })).statusCode).toBe(201);
    const added = await post({ code: '000.09.06.H56', name: 'Xã Tân Việt', level: 'commune', parentCode: DISTRICT });
    expect(added.statusCode).toBe(201);

    const logged = unitLogs();
    expect(logged.map((l) => [l.msg, l.unitCode, l.level, l.parentCode])).toEqual([
      ['admin: unit renamed', COMMUNE_A, 'commune', DISTRICT],
      ['admin: unit added', '000.09.06.H56', 'commune', DISTRICT],
    ]);
    // Codes and levels: not the names (free text).
    for (const line of logged) expect(JSON.stringify(line)).not.toMatch(/Xã/);
  });

  it('refuses a "move" that is not true or false as an invalid request', async () => {
    const res = await post({ ...AS_DISTRICT, move: 'yes' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([{ field: 'move', problem: 'invalid_type' }]);
    expect(await server.storage.unit(COMMUNE_A)).toEqual(THANH_AN);
  });
});

describe('add-unit and the HTTP API', () => {
  it('share the rule: the command refuses the same move in its own terms, and moves with --move', async () => {
    const db = ['--db', path.join(server.dir, 'server.db')];
    const args = ['add-unit', ...db, '--code', COMMUNE_A, '--name', 'Xã Thanh An', '--level', 'district', '--parent', PROVINCE];
    const http = (await post(AS_DISTRICT)).json().error.message;
    const refused = await motcua(serverCommand, ...args);
    expect(refused.code).toBe(1);
    // The same account of the change, then how to ask for it where the technician is.
    expect(refused.err.split('\n')).toEqual([
      `motcua server: ${http.vi.replace('yêu cầu này', 'lệnh này').replace(/ Để đổi tên.*/, '')} Để đổi tên, chỉ cần --code và --name; để chuyển đơn vị, thêm --move. Chưa thay đổi gì.`,
      `motcua server: ${http.en.replace(/ To rename it.*/, '')} To rename it, give only --code and --name; to move it, add --move. Nothing was changed.`,
    ]);
    expect(await server.storage.unit(COMMUNE_A)).toEqual(THANH_AN);

    const moved = await motcua(serverCommand, ...args, '--move');
    expect(moved.code, moved.err).toBe(0);
    expect(await unitAsListed(COMMUNE_A)).toEqual(AS_DISTRICT);
  });
});
