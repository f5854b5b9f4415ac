/**
 * A client that keeps failing to authenticate (wrong device secret, administrator or portal token) is answered 429
 * from its address and fills the log with one line a minute, not one a request; good credentials are served from
 * everywhere, the same address included (a commune office's desks share one NAT address with whoever else is there).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  COMMUNE_A,
  PORTAL_TOKEN,
  adminHeaders,
  protocolHeaders,
  seedUnits,
  SimDesk,
  startTestServer,
  type TestServer,
} from './support';

const ATTACKER = '198.51.100.66';
const WRONG = 'wrong-token-4f1c9e0b7a2d';

let server: TestServer;
afterEach(() => server?.close());

let clock = Date.parse('2026-03-02T02:00:00Z');
const lines: string[] = [];
async function start(options: { trustProxy?: string } = {}) {
  clock = Date.parse('2026-03-02T02:00:00Z');
  lines.length = 0;
  server = await startTestServer({
    now: () => new Date(clock),
    logger: { level: 'info', stream: { write: (line) => void lines.push(line) } },
    ...options,
  });
  await seedUnits(server.app);
}

const units = (authorization: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'GET', url: '/v1/units', remoteAddress, headers: { ...protocolHeaders, authorization, ...headers } });
const adminUnits = (token: string, remoteAddress: string) =>
  server.app.inject({ method: 'GET', url: '/v1/admin/units', remoteAddress, headers: { ...adminHeaders, authorization: `Bearer ${token}` } });
const portalFeed = (token: string, remoteAddress: string) =>
  server.app.inject({ method: 'POST', url: '/v1/portal/dossiers', remoteAddress, headers: { authorization: `Bearer ${token}` }, payload: {} });

describe('failed authentications from one address', () => {
  it('are answered 429 with Retry-After after 10, while good credentials are served, from that address too', async () => {
    await start();
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await adminUnits(WRONG, ATTACKER)).statusCode);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);

    const refused = await adminUnits(WRONG, ATTACKER);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'too_many_failed_authentications',
        message: { vi: expect.stringMatching(/quá nhiều lần đăng nhập sai.*thử lại sau \d+ giây/), en: expect.stringMatching(/Too many failed authentications.*try again in \d+ seconds/) },
      },
    });

    // The administrator, the desk and the portal are served, elsewhere and behind the same address alike; a wrong
    // device secret from that address meets the same 429.
    expect((await adminUnits(ADMIN_TOKEN, '192.0.2.10')).statusCode).toBe(200);
    expect((await adminUnits(ADMIN_TOKEN, ATTACKER)).statusCode).toBe(200);
    expect((await units(desk.headers.authorization!, ATTACKER)).statusCode).toBe(200);
    expect((await units(`Device ${desk.deviceId}:nope`, ATTACKER)).statusCode).toBe(429);
    expect((await portalFeed(PORTAL_TOKEN, ATTACKER)).statusCode).not.toBe(429);

    // After the Retry-After, a failure from the address is a plain 401 again.
    clock += Number(refused.headers['retry-after']) * 1000;
    expect((await adminUnits(WRONG, ATTACKER)).statusCode).toBe(401);
  });

  it("never stop a commune office's desk because something else behind its NAT address keeps failing", async () => {
    await start();
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const office = '203.0.113.20';
    const served: number[] = [];
    // Ten minutes of a stray client sending a request without credentials every second, the desk syncing every 5 s.
    for (let second = 0; second < 600; second++) {
      clock += 1000;
      await server.app.inject({ method: 'GET', url: '/v1/units', remoteAddress: office, headers: protocolHeaders });
      if (second % 5 === 0) served.push((await units(desk.headers.authorization!, office)).statusCode);
    }
    expect(served).toEqual(Array(120).fill(200));
  });

  it('count wrong device secrets and portal tokens alike, and an IPv6 client by its /64', async () => {
    await start();
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    for (let i = 0; i < 10; i++) expect((await units(`Device ${desk.deviceId}:${WRONG}${i}`, `2001:db8:66::${i + 1}`)).statusCode).toBe(401);
    expect((await units(`Device ${desk.deviceId}:${WRONG}`, '2001:db8:66::ffff')).statusCode).toBe(429);
    expect((await units(`Device ${desk.deviceId}:${WRONG}`, '2001:db8:67::1')).statusCode).toBe(401);
    expect((await units(desk.headers.authorization!, '2001:db8:66::ffff')).statusCode).toBe(200);

    for (let i = 0; i < 10; i++) expect((await portalFeed(WRONG, '203.0.113.5')).statusCode).toBe(401);
    expect((await portalFeed(WRONG, '203.0.113.5')).statusCode).toBe(429);
  });

  it('leave one line a minute in the log for the address, with no token in it', async () => {
    await start();
    lines.length = 0;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await adminUnits(WRONG, ATTACKER)).statusCode);
    clock += 30_000;
    for (let i = 0; i < 20; i++) statuses.push((await adminUnits(WRONG, ATTACKER)).statusCode);
    const failures = statuses.filter((s) => s === 401).length;
    expect(failures).toBe(10 + 5); // 10 at once, then one every 6 s
    expect(lines.filter((l) => l.includes('too many failed authentications'))).toHaveLength(1);
    // A checked failure writes three lines (its refusal, "request refused", "request completed"); a 429 in the same
    // minute writes only the access line every request has.
    expect(lines.filter((l) => !l.includes('"incoming request"'))).toHaveLength(failures * 3 + 1);
    expect(lines.join('\n')).not.toContain(WRONG);

    clock += 60_000;
    for (let i = 0; i < 20; i++) await adminUnits(WRONG, ATTACKER);
    expect(lines.filter((l) => l.includes('too many failed authentications'))).toHaveLength(2);
  });

  it('behind a trusted proxy are counted per forwarded client, not for the whole district', async () => {
    await start({ trustProxy: '127.0.0.1' });
    const fromProxy = (client: string, token: string) =>
      server.app.inject({ method: 'GET', url: '/v1/admin/units', remoteAddress: '127.0.0.1', headers: { ...adminHeaders, authorization: `Bearer ${token}`, 'x-forwarded-for': client } });
    for (let i = 0; i < 10; i++) expect((await fromProxy(ATTACKER, WRONG)).statusCode).toBe(401);
    expect((await fromProxy(ATTACKER, WRONG)).statusCode).toBe(429);
    expect((await fromProxy('192.0.2.10', WRONG)).statusCode).toBe(401);
  });
});
