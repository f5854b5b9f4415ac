/**
 * The submission time is an online dossier's time of receipt: it orders the desks' lists and starts its processing
 * time. A new submission dated after the server's clock (beyond a few minutes of a portal's clock running fast), or
 * more than a year back, is refused in both languages and nothing is stored; the same submission sent again once it
 * was taken is still acknowledged as it was.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toVnIso } from '../../shared/calendar/vn-time';
import { portalSubmission, seedUnits, startTestServer, type TestServer } from './support';

const NOW = new Date('2026-12-02T09:00:00+07:00');
let clock = NOW;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  await seedUnits(server.app);
});
afterAll(() => server.close());

const PROCEDURE = '1.001612.000.00.00.H56';
const at = (msFromNow: number) => toVnIso(new Date(NOW.getTime() + msFromNow));
const DAY = 86_400_000;

it('refuses a new submission dated in the future or over a year back, stores nothing, and names the fix', async () => {
  const future = await portalSubmission(server.app, 'DVC-T-1', PROCEDURE, undefined, at(DAY * 180));
  expect(future.statusCode).toBe(422);
  expect(future.json().error.code).toBe('submitted_at_future');
  expect(future.json().error.message.vi).toContain('Hãy kiểm tra đồng hồ của cổng. Không có gì được lưu.');
  expect(future.json().error.message.en).toContain("Check the portal's clock. Nothing was stored.");

  const old = await portalSubmission(server.app, 'DVC-T-2', PROCEDURE, undefined, '1999-01-01T08:00:00+07:00');
  expect(old.statusCode).toBe(422);
  expect(old.json().error.code).toBe('submitted_at_too_old');
  expect(old.json().error.message.vi).toContain('motcua import');
  expect(await server.storage.countEvents()).toBe(0);
});

it('takes one a few minutes ahead (a portal clock running fast), one a day late, and one sent again later', async () => {
  expect((await portalSubmission(server.app, 'DVC-T-3', PROCEDURE, undefined, at(5 * 60_000))).statusCode).toBe(201);
  expect((await portalSubmission(server.app, 'DVC-T-4', PROCEDURE, undefined, at(-DAY))).statusCode).toBe(201);
  expect((await portalSubmission(server.app, 'DVC-T-5', PROCEDURE, undefined, at(-DAY * 300))).statusCode).toBe(201);
  // Over a year on, the portal sends the same submission again (a replay after an outage): acknowledged, not refused.
  clock = new Date(NOW.getTime() + DAY * 400);
  const again = await portalSubmission(server.app, 'DVC-T-4', PROCEDURE, undefined, at(-DAY));
  expect(again.statusCode).toBe(200);
  expect(await server.storage.countEvents()).toBe(3);
});
