/**
 * A dossier received at a commune desk while it was offline reaches the server later. The citizen who looks it up
 * meanwhile, with the right code and PIN, is told it may take a while to appear, and is not locked out of it once it
 * arrives. An unknown code is answered exactly as a wrong PIN, also at the sixth try, so the lookup does not tell
 * which codes exist; and one phone's misses on many codes do not shut out the citizens behind the same address.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../shared/sync/messages';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { lookupStatus } from '../../server/public/lookup';
import type { SqlDriver, SqlValue } from '../../server/storage/sql-driver';
import { dossierEvents } from '../reports/support/dossier-builder';
import { KNOWN_CODE, KNOWN_PIN, postLookup, startReportingServer, type ReportingServer } from './support';

const post = postLookup;

/** Received this morning at a desk that was offline; its code and PIN are on the citizen's slip. */
const LATE = { receivedAt: '2023-03-20T09:30:00+07:00', dueAt: '2023-03-23T17:00:00+07:00', sequence: 1051, pin: '305118' };
const LATE_CODE = '000.00.06.H56-230320-1051';

/** The desk comes back online and its events are accepted, as a push stores them. */
async function deskSyncs(server: ReportingServer): Promise<void> {
  const events = dossierEvents(LATE);
  await server.target.storage.syncTransaction(async (tx) => {
    await tx.createDossier({ id: events[0]!.dossierId, unitCode: '000.00.06.H56', code: null, portalRef: null });
    for (const e of events) await tx.appendEvent(e as unknown as WireEvent, '2023-03-20T09:55:00+07:00');
  });
}

/** Everything the visitor receives but the date header. */
const answer = (res: LightMyRequestResponse) => {
  const { date: _date, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
};

describe('a code the server does not hold yet', () => {
  it('is not locked by the citizen who looks it up before the desk syncs: once it arrives, the right PIN finds it at once', async () => {
    const server = await startReportingServer();
    try {
      const citizen = '198.51.100.20';
      for (let i = 0; i < 5; i++) {
        const early = await post(server, LATE_CODE, LATE.pin, citizen);
        expect(early.statusCode).toBe(404);
        expect(early.body).toContain('Không tìm thấy hồ sơ');
        // Not only "check your slip": a dossier just received may not be there yet.
        expect(early.body).toMatch(/vừa nộp/);
      }
      // The sixth is held back as for any code (a different answer would tell that the code does not exist)…
      expect((await post(server, LATE_CODE, LATE.pin, citizen)).statusCode).toBe(429);

      // … but those tries were not the held code's: once the desk has synced, the right PIN finds it at once.
      await deskSyncs(server);
      const found = await post(server, LATE_CODE, LATE.pin, citizen);
      expect(found.statusCode).toBe(200);
      expect(found.body).toContain(`<dd>${LATE_CODE}</dd>`);
      expect(found.body).toContain('20/03/2023 lúc 09:30');

      // Nor did they use up the code's wrong PINs for this address: it still gets its five.
      for (let i = 0; i < 4; i++) expect((await post(server, LATE_CODE, String(100000 + i), citizen)).statusCode).toBe(404);
      expect((await post(server, LATE_CODE, LATE.pin, citizen)).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('gets the answer a held code gets at the sixth try too: six lookups do not tell whether a code exists', async () => {
    const server = await startReportingServer();
    try {
      const sixth = async (code: string, ip: string) => {
        for (let i = 0; i < 5; i++) await post(server, code, String(300000 + i), ip);
        return post(server, code, '399999', ip);
      };
      const unknown = await sixth(LATE_CODE, '198.51.100.24');
      const held = await sixth(KNOWN_CODE, '198.51.100.25');
      expect(unknown.statusCode).toBe(429);
      expect([unknown.statusCode, unknown.body.replaceAll(LATE_CODE, 'CODE')]).toEqual([held.statusCode, held.body.replaceAll(KNOWN_CODE, 'CODE')]);
    } finally {
      await server.close();
    }
  });

  it('gets the very answer a wrong PIN gets: same status, headers and body', async () => {
    const server = await startReportingServer();
    try {
      const unknown = await post(server, LATE_CODE, LATE.pin, '198.51.100.21');
      await deskSyncs(server);
      const wrongPin = await post(server, LATE_CODE, '111111', '198.51.100.22');
      expect(answer(unknown)).toEqual(answer(wrongPin));
      expect(unknown.statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('costs the server the same work as a wrong PIN: the same queries, whatever the first one finds', async () => {
    const server = await startReportingServer();
    try {
      const asked: string[][] = [];
      const driver = server.target.driver;
      const spy: SqlDriver = Object.assign(Object.create(driver) as SqlDriver, {
        get: (sql: string, params?: SqlValue[]) => {
          asked.at(-1)!.push(sql);
          return driver.get(sql, params);
        },
      });
      const lookup = async (code: string, pin: string) => {
        asked.push([]);
        return lookupStatus(spy, code, pin, seedProcedures);
      };
      expect(await lookup(LATE_CODE, LATE.pin)).toEqual({ kind: 'not_found', codeHeld: false });
      expect(await lookup(KNOWN_CODE, '111111')).toEqual({ kind: 'not_found', codeHeld: true });
      expect(await lookup(KNOWN_CODE, KNOWN_PIN)).toMatchObject({ kind: 'found' });
      expect(asked[0]).toHaveLength(2);
      expect(asked[1]).toEqual(asked[0]);
      expect(asked[2]).toEqual(asked[0]);
    } finally {
      await server.close();
    }
  });

  it('once held, still locks for an address after five wrong PINs, and only for that address', async () => {
    const server = await startReportingServer();
    try {
      await deskSyncs(server);
      for (let i = 0; i < 5; i++) expect((await post(server, LATE_CODE, String(200000 + i), '198.51.100.23')).statusCode).toBe(404);
      const locked = await post(server, LATE_CODE, LATE.pin, '198.51.100.23');
      expect(locked.statusCode).toBe(429);
      expect(locked.body).toMatch(/nhập sai nhiều lần từ mạng này/);
      expect((await post(server, LATE_CODE, LATE.pin, '192.0.2.30')).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('one address missing on many codes', () => {
  it('does not shut out the citizens behind it (an office, a carrier NAT): a right code and PIN is still answered', async () => {
    // A generous lookup budget, as for a busy shared address, so that only a limit on misses could refuse it.
    const server = await startReportingServer({ perAddress: { capacity: 10_000, refillPerSecond: 10 } });
    try {
      const shared = '203.0.113.40';
      for (let i = 0; i < 300; i++) expect((await post(server, `000.00.06.H56-230320-${2000 + i}`, '123456', shared)).statusCode).toBe(404);
      const citizen = await post(server, KNOWN_CODE, KNOWN_PIN, shared);
      expect(citizen.statusCode).toBe(200);
      expect(citizen.body).toContain('Đã trả kết quả');
    } finally {
      await server.close();
    }
  });
});
