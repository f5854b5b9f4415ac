/** Personal data never reaches a log line, whatever path the request takes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A_MONTH_AGO,
  CITIZEN,
  COMMUNE_A,
  COMMUNE_B,
  PORTAL_TOKEN,
  protocolHeaders,
  seedUnits,
  SimDesk,
  startTestServer,
  type TestServer,
} from './support';

const lines: string[] = [];
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    logger: { level: 'trace', stream: { write: (line) => void lines.push(line) } },
  });
  await seedUnits(server.app);
});
afterAll(() => server.close());

describe('logs', () => {
  it('carry no applicant name, ID number, phone, address, e-mail or secret', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const other = await SimDesk.enrol(server.app, COMMUNE_B, 1);
    const theirs = other.receive();
    await other.push([theirs]);

    // Accepted, quarantined (invalid, out of scope), gzip, a malformed body, a portal submission and a failed auth.
    const bad = desk.event(
      'dossier.received',
      desk.receivedPayload({ applicant: { ...CITIZEN, phone: `${CITIZEN.phone}999` } }),
    );
    const foreign = desk.event(
      'dossier.withdrawn',
      { reason: `${CITIZEN.name} rút hồ sơ` },
      theirs.dossierId,
      1,
    );
    await desk.push([desk.receive(), bad, foreign], { gzip: true });
    await server.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { ...desk.headers, 'content-type': 'application/json' },
      payload: `{"applicant": ${JSON.stringify(CITIZEN)}`,
    });
    await server.app.inject({
      method: 'POST',
      url: '/v1/portal/dossiers',
      headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
      payload: {
        unitCode: COMMUNE_A,
        procedureCode: '1.001612.000.00.00.H56',
        applicant: CITIZEN,
        components: [],
        portalRef: 'DVC-1',
        submittedAt: `${A_MONTH_AGO}T20:15:00+07:00`,
      },
    });
    await server.app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: { ...protocolHeaders, authorization: `Device ${desk.deviceId}:${CITIZEN.idNumber}` },
      payload: { cursor: 0, epoch: null },
    });
    await desk.pullAll();

    const log = lines.join('');
    // The log is not empty: it records the quarantine and the refusals by id and reason.
    expect(log).toContain('out_of_scope');
    expect(log).toContain(desk.deviceId);
    for (const secret of [
      CITIZEN.name,
      CITIZEN.idNumber,
      CITIZEN.phone,
      CITIZEN.address,
      CITIZEN.email,
      desk.secret,
      'Nguy',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('are what an administrator can follow: Vietnam time, and each refusal of a desk with its device and reason', async () => {
    const at = new Date('2026-11-28T22:45:12.345Z');
    const own: string[] = [];
    const timed = await startTestServer({
      now: () => at,
      logger: { level: 'info', stream: { write: (line) => void own.push(line) } },
    });
    try {
      await seedUnits(timed.app);
      const desk = await SimDesk.enrol(timed.app, COMMUNE_A, 1);
      await desk.pullAll();
      desk.epoch = 'an-epoch-from-before-a-restore';
      expect((await desk.pullPage()).statusCode).toBe(409);
      const entries = own.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry.time).toBe('2026-11-29T05:45:12.345+07:00');
      const ofDesk = entries.filter((e) => e.deviceId === desk.deviceId);
      expect(ofDesk).toContainEqual(expect.objectContaining({ msg: 'request completed', res: { statusCode: 409 }, unitCode: COMMUNE_A, deskNumber: 1 }));
      expect(ofDesk).toContainEqual(expect.objectContaining({ problem: 'epoch_changed' }));
    } finally {
      await timed.close();
    }
  });
});
