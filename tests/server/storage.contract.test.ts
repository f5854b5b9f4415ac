/**
 * One contract, two databases: the same suite runs against SQLite and against a throwaway PostgreSQL cluster.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { WireEvent } from '../../shared/sync/messages';
import type { DeviceRecord, ServerStorage } from '../../server/storage/contract';
import { openStorage } from '../../server/storage/open';
import { openPgDriver } from '../../server/storage/pg-driver';
import { openSqliteDriver } from '../../server/storage/sqlite-driver';
import { createSqlStorage } from '../../server/storage/sql-storage';
import { LATEST_SCHEMA_VERSION, migrations } from '../../server/storage/schema';
import { startPgCluster, type PgCluster } from '../support/pg';
import { sha256 } from './support';

interface Backend {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A fresh, empty database location. */
  fresh(): Promise<{
    open: () => Promise<ServerStorage>;
    rawDriver: () => ReturnType<typeof openSqliteDriver>;
  }>;
}

const tempDirs: string[] = [];
const sqlite: Backend = {
  name: 'SQLite',
  setup: async () => undefined,
  teardown: async () => {
    for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  },
  fresh: async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'motcua-contract-'));
    tempDirs.push(dir);
    const file = path.join(dir, 'server.db');
    return { open: () => openStorage({ kind: 'sqlite', file }), rawDriver: () => openSqliteDriver(file) };
  },
};

let cluster: PgCluster | undefined;
const postgres: Backend = {
  name: 'PostgreSQL',
  setup: async () => {
    cluster = await startPgCluster();
  },
  teardown: async () => cluster?.stop(),
  fresh: async () => {
    const url = await cluster!.createDatabase();
    return { open: () => openStorage({ kind: 'postgres', url }), rawDriver: () => openPgDriver(url) };
  },
};

let n = 0;
function wireEvent(
  device: DeviceRecord,
  dossierId: string,
  deviceSeq: number,
  extra: Partial<WireEvent> = {},
): WireEvent {
  n++;
  return {
    id: randomUUID(),
    dossierId,
    deviceId: device.id,
    deviceSeq,
    type: 'dossier.handed_over',
    payload: { from: 'a', to: `b${n}` },
    baseVersion: 1,
    actor: { userId: 'u1', name: 'Lan', role: 'clerk' },
    deviceTime: '2026-03-02T09:32:00+07:00',
    prevHash: null,
    hash: sha256(`event-${n}`),
    ...extra,
  };
}

const AT = '2026-03-02T10:00:00+07:00';
const COMMUNE = '000.01.06.H56';
const DISTRICT = '000.00.06.H56';

describe.each([sqlite, postgres])('server storage contract on $name', (backend) => {
  let storage: ServerStorage;
  let location: Awaited<ReturnType<Backend['fresh']>>;
  let deskA: DeviceRecord;
  let deskB: DeviceRecord;

  beforeAll(() => backend.setup(), 60_000);
  afterAll(() => backend.teardown());

  beforeEach(async () => {
    location = await backend.fresh();
    storage = await location.open();
    await storage.putUnit({
      code: '000.00.06.H56',
      name: 'Huyện Thanh Hà',
      level: 'district',
      parentCode: null,
    });
    await storage.putUnit({
      code: '000.01.06.H56',
      name: 'Xã Thanh An',
      level: 'commune',
      parentCode: '000.00.06.H56',
    });
    const base = { kind: 'desk' as const, enrolExpiresAt: null, createdAt: AT };
    deskA = await storage.createDevice({
      ...base,
      id: randomUUID(),
      unitCode: '000.01.06.H56',
      deskNumber: 1,
      name: 'A',
      enrolCodeHash: 'code-a',
    });
    deskB = await storage.createDevice({
      ...base,
      id: randomUUID(),
      unitCode: '000.00.06.H56',
      deskNumber: 1,
      name: 'B',
      enrolCodeHash: 'code-b',
    });
  });
  afterEach(async () => storage.close());

  it('keeps its epoch across reopening and changes it only when renewed', async () => {
    const epoch = await storage.epoch();
    await storage.close();
    storage = await location.open();
    expect(await storage.epoch()).toBe(epoch);
    const renewed = await storage.renewEpoch();
    expect(renewed).not.toBe(epoch);
    expect(await storage.epoch()).toBe(renewed);
  });

  it('refuses to open a database written by a newer server', async () => {
    await storage.close();
    const driver = location.rawDriver();
    await driver.run("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
    await driver.close();
    await expect(location.open()).rejects.toThrow(/newer MotCua server/);
    // Put it back so afterEach has an open storage to close.
    const fix = location.rawDriver();
    await fix.run(`UPDATE meta SET value = '${LATEST_SCHEMA_VERSION}' WHERE key = 'schema_version'`);
    await fix.close();
    storage = await location.open();
  });

  it('brings a server database of schema 1 forward with its events, which pull and append as before', async () => {
    // A server file written before the events table was keyed by its rowid (migration 2).
    const older = await backend.fresh();
    const raw = older.rawDriver();
    await raw.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    for (const statement of migrations[0]!
      .sql(raw.dialect)
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean))
      await raw.run(statement);
    await raw.run("INSERT INTO meta (key, value) VALUES ('schema_version', '1')");
    const kept = wireEvent(deskA, randomUUID(), 1);
    await raw.run(
      'INSERT INTO events (server_seq, id, dossier_id, device_id, device_seq, type, hash, server_time, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [7, kept.id, kept.dossierId, kept.deviceId, 1, kept.type, kept.hash, AT, JSON.stringify(kept)],
    );
    await raw.run("INSERT INTO dossiers (id, unit_code) VALUES (?, '000.01.06.H56')", [kept.dossierId]);
    await raw.run("INSERT INTO dossier_units (dossier_id, unit_code) VALUES (?, '000.01.06.H56')", [
      kept.dossierId,
    ]);
    await raw.run("INSERT INTO deliveries (seq, unit_code, server_seq) VALUES (3, '000.01.06.H56', 7)");
    await raw.run("UPDATE counters SET value = 7 WHERE name = 'server_seq'");
    await raw.run("UPDATE counters SET value = 3 WHERE name = 'delivery_seq'");
    await raw.close();

    const migrated = await older.open();
    try {
      const page = await migrated.pull('000.01.06.H56', null, 0, 10);
      expect(page.events).toEqual([{ ...kept, serverSeq: 7, serverTime: AT }]);
      expect(page.nextCursor).toBe(3);
      expect(await migrated.eventById(kept.id)).toEqual({ ...kept, serverSeq: 7, serverTime: AT });
      const next = wireEvent(deskA, kept.dossierId, 2);
      await migrated.syncTransaction(async (tx) => {
        await tx.appendEvent(next, AT);
      });
      const after = await migrated.pull('000.01.06.H56', null, 3, 10);
      expect(after.events.map((e) => [e.id, e.serverSeq])).toEqual([[next.id, 8]]);
      expect(await migrated.countEvents()).toBe(2);
    } finally {
      await migrated.close();
    }
    if (backend === sqlite) {
      const check = older.rawDriver();
      const table = await check.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'events'");
      expect(table!.sql).toMatch(/server_seq INTEGER PRIMARY KEY/);
      await check.close();
    }
  });

  it('stores units and updates them in place', async () => {
    await storage.putUnit({
      code: '000.01.06.H56',
      name: 'Xã Thanh An (mới)',
      level: 'commune',
      parentCode: '000.00.06.H56',
    });
    expect((await storage.listUnits()).map((u) => u.name)).toEqual(['Huyện Thanh Hà', 'Xã Thanh An (mới)']);
    expect(await storage.unit('000.99.06.H56')).toBeUndefined();
  });

  it('moves the units version on when a unit is added or changed, not when the same unit is put again', async () => {
    const start = await storage.unitsVersion();
    const commune = { code: '000.01.06.H56', name: 'Xã Thanh An', level: 'commune' as const, parentCode: '000.00.06.H56' };
    await storage.putUnit(commune);
    expect(await storage.unitsVersion()).toBe(start);
    await storage.putUnit({ ...commune, name: 'Xã Thanh An (mới)' });
    const renamed = await storage.unitsVersion();
    expect(renamed).toBeGreaterThan(start);
    await storage.putUnit({ ...commune, code: '000.02.06.H56', name: 'Xã Thanh Bình' });
    expect(await storage.unitsVersion()).toBeGreaterThan(renamed);
    await storage.close();
    storage = await location.open();
    expect(await storage.unitsVersion()).toBe(renamed + 1);
  });

  it('keeps the district lookup address, moving the units version on only when it changes', async () => {
    expect(await storage.lookupAddress()).toBeNull();
    const start = await storage.unitsVersion();
    await storage.setLookupAddress('https://dichvucong.haiduong.gov.vn/tra-cuu');
    expect(await storage.lookupAddress()).toBe('https://dichvucong.haiduong.gov.vn/tra-cuu');
    expect(await storage.unitsVersion()).toBe(start + 1);
    await storage.setLookupAddress('https://dichvucong.haiduong.gov.vn/tra-cuu');
    expect(await storage.unitsVersion()).toBe(start + 1);
    await storage.close();
    storage = await location.open();
    expect(await storage.lookupAddress()).toBe('https://dichvucong.haiduong.gov.vn/tra-cuu');
    await storage.setLookupAddress(null);
    expect(await storage.lookupAddress()).toBeNull();
    expect(await storage.unitsVersion()).toBe(start + 2);
  });

  it('lets an enrolment code be used once only, and revokes devices', async () => {
    expect((await storage.deviceByEnrolCode('code-a'))?.id).toBe(deskA.id);
    expect(await storage.completeEnrolment(deskA.id, 'code-a', 'secret-hash', 'PC-01', AT)).toBe(true);
    expect(await storage.completeEnrolment(deskA.id, 'code-a', 'other', 'PC-02', AT)).toBe(false);
    expect(await storage.deviceByEnrolCode('code-a')).toBeUndefined();
    const enrolled = await storage.device(deskA.id);
    expect(enrolled).toMatchObject({
      secretHash: 'secret-hash',
      name: 'PC-01',
      enrolledAt: AT,
      revokedAt: null,
    });
    expect(await storage.revokeDevice(deskA.id, AT)).toBe(true);
    expect(await storage.revokeDevice(deskA.id, AT)).toBe(false);
    expect((await storage.device(deskA.id))?.revokedAt).toBe(AT);
    // Reinstated (revoked by mistake): the same device and credentials; only an enrolled, revoked desk.
    expect(await storage.reinstateDevice(deskA.id)).toBe(true);
    expect(await storage.device(deskA.id)).toMatchObject({ revokedAt: null, secretHash: 'secret-hash' });
    expect(await storage.reinstateDevice(deskA.id)).toBe(false);
    expect(await storage.revokeDevice(deskA.id, AT)).toBe(true);
    expect(await storage.revokeDevice(deskB.id, AT)).toBe(true);
    expect(await storage.reinstateDevice(deskB.id)).toBe(false);
    expect((await storage.listDevices()).map((d) => d.id).sort()).toEqual([deskA.id, deskB.id].sort());
  });

  it('hands out server sequences in order and delivers events to the dossier units only', async () => {
    const dossier = randomUUID();
    const seqs = await storage.syncTransaction(async (tx) => {
      await tx.createDossier({
        id: dossier,
        unitCode: '000.01.06.H56',
        code: '000.01.06.H56-260302-1001',
        portalRef: null,
      });
      const s1 = await tx.appendEvent(wireEvent(deskA, dossier, 1), AT);
      const s2 = await tx.appendEvent(wireEvent(deskA, dossier, 2), AT);
      await tx.setDeviceHead(deskA.id, 2, 'h2');
      return [s1, s2];
    });
    expect(seqs).toEqual([1, 2]);
    expect(await storage.countEvents()).toBe(2);
    expect((await storage.device(deskA.id))?.lastSeq).toBe(2);
    // The commune desk's own events are left out of its pull; the district sees nothing of the commune's.
    expect((await storage.pull('000.01.06.H56', deskA.id, 0, 10)).events).toHaveLength(0);
    expect(
      (await storage.pull('000.01.06.H56', 'someone-else', 0, 10)).events.map((e) => e.serverSeq),
    ).toEqual([1, 2]);
    expect((await storage.pull('000.00.06.H56', deskB.id, 0, 10)).events).toHaveLength(0);
    // What a pull has left, for its progress: every device's deliveries after the cursor, the unit's only.
    expect(await storage.countDeliveries('000.01.06.H56', 0)).toBe(2);
    expect(await storage.countDeliveries('000.01.06.H56', 1)).toBe(1);
    expect(await storage.countDeliveries('000.00.06.H56', 0)).toBe(0);
  });

  it('keeps the first note of a second PC under a device and the latest, for the list of desks and the push', async () => {
    await storage.syncTransaction(async (tx) => {
      await tx.noteDeviceFork(deskA.id, { deviceSeq: 7, at: AT, eventId: 'e7' });
      await tx.noteDeviceFork(deskA.id, { deviceSeq: 9, at: AT, eventId: 'e9' });
    });
    const forks = await storage.deviceForks();
    // The first fork as it was; the later one as the latest (a PC copied again); the first record refused of each.
    expect([...forks]).toEqual([[deskA.id, { deviceSeq: 7, at: AT, latestSeq: 9, latestAt: AT, forkEventIds: ['e7', 'e9'] }]]);
    // Not the device's sync state: its head is as it was.
    expect((await storage.device(deskA.id))?.lastSeq).toBe(0);
  });

  it('pages a pull and never skips an event', async () => {
    const dossier = randomUUID();
    await storage.syncTransaction(async (tx) => {
      await tx.createDossier({ id: dossier, unitCode: '000.01.06.H56', code: null, portalRef: null });
      for (let s = 1; s <= 7; s++) await tx.appendEvent(wireEvent(deskA, dossier, s), AT);
    });
    const seen: number[] = [];
    let cursor = 0;
    for (let guard = 0; guard < 10; guard++) {
      const page = await storage.pull('000.01.06.H56', deskB.id, cursor, 3);
      seen.push(...page.events.map((e) => e.deviceSeq));
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await storage.pull('000.01.06.H56', deskB.id, cursor, 3)).events).toEqual([]);
  });

  it('gives a pull page as its stored bytes: the same events, cursor and end as the parsed page', async () => {
    const dossier = randomUUID();
    const later = randomUUID();
    await storage.syncTransaction(async (tx) => {
      await tx.createDossier({ id: dossier, unitCode: '000.01.06.H56', code: null, portalRef: null });
      await tx.createDossier({ id: later, unitCode: '000.01.06.H56', code: null, portalRef: null });
      // Vietnamese text and JSON's escapes in the payload and the actor's name: the bytes must come back unchanged.
      await tx.appendEvent(
        wireEvent(deskA, dossier, 1, {
          payload: { note: 'Nguyễn Thị Ánh "Út"\\n\t', nested: { prevHash: ',"prevHash":null' } },
          actor: { userId: 'u1', name: 'Lê Văn "Tư" \\', role: 'clerk' },
        }),
        AT,
      );
      for (let s = 2; s <= 5; s++) await tx.appendEvent(wireEvent(deskA, s % 2 ? dossier : later, s), AT);
      await tx.appendEvent(wireEvent(deskB, later, 1), AT);
      // Transferred after: the district's feed then has this dossier's older events after the later ones.
      await tx.addDossierUnit(dossier, '000.00.06.H56');
      await tx.appendEvent(wireEvent(deskA, dossier, 6), AT);
    });
    const linesOf = (bytes: Buffer) =>
      bytes.length === 0
        ? []
        : bytes
            .toString('utf8')
            .split('\n')
            .map((line) => {
              const [delivery, serverSeq, serverTime, ...body] = line.split(' ');
              return { delivery: Number(delivery), event: { ...JSON.parse(body.join(' ')), serverSeq: Number(serverSeq), serverTime } };
            });
    for (const [unit, exclude] of [
      ['000.01.06.H56', deskB.id],
      ['000.01.06.H56', null],
      ['000.00.06.H56', deskB.id],
    ] as const) {
      let cursor = 0;
      for (let guard = 0; guard < 10; guard++) {
        const parsed = await storage.pull(unit, exclude, cursor, 3);
        const stored = await storage.pullStored(unit, exclude, cursor, 3);
        const lines = linesOf(stored.lines);
        expect(lines.map((l) => l.event)).toEqual(parsed.events);
        expect(stored.count).toBe(parsed.events.length);
        expect({ nextCursor: stored.nextCursor, hasMore: stored.hasMore }).toEqual({
          nextCursor: parsed.nextCursor,
          hasMore: parsed.hasMore,
        });
        // Lines in delivery order, each delivery after the cursor.
        expect(lines.map((l) => l.delivery)).toEqual([...lines.map((l) => l.delivery)].sort((a, b) => a - b));
        expect(lines.every((l) => l.delivery > cursor)).toBe(true);
        cursor = parsed.nextCursor;
        if (!parsed.hasMore) break;
      }
      expect((await storage.pullStored(unit, exclude, cursor, 3)).count).toBe(0);
    }
    const district = linesOf((await storage.pullStored('000.00.06.H56', deskB.id, 0, 100)).lines);
    expect(district.map((l) => l.event.deviceSeq)).toEqual([1, 3, 5, 6]);
  });

  it('ends a stored page where asked, saying more follows, and keeps a unit’s settled segments', async () => {
    const dossier = randomUUID();
    await storage.syncTransaction(async (tx) => {
      await tx.createDossier({ id: dossier, unitCode: '000.01.06.H56', code: null, portalRef: null });
      for (let s = 1; s <= 6; s++) await tx.appendEvent(wireEvent(deskA, dossier, s), AT);
      await tx.appendEvent(wireEvent(deskB, dossier, 1), AT);
    });
    const unit = '000.01.06.H56';
    const all = await storage.pull(unit, null, 0, 100);
    const deliveries = (await storage.pullStored(unit, null, 0, 100)).lines
      .toString('utf8')
      .split('\n')
      .map((line) => Number(line.split(' ')[0]));
    // Ended at the fourth delivery though five were asked for: not full, yet more follows, from there.
    const capped = await storage.pullStored(unit, null, 0, 5, deliveries[3]);
    expect({ count: capped.count, nextCursor: capped.nextCursor, hasMore: capped.hasMore }).toEqual({
      count: 4,
      nextCursor: deliveries[3],
      hasMore: true,
    });
    // An end at or past the feed's newest changes nothing.
    const past = await storage.pullStored(unit, null, deliveries[3]!, 5, deliveries[6]! + 10);
    expect({ count: past.count, nextCursor: past.nextCursor, hasMore: past.hasMore }).toEqual({
      count: 3,
      nextCursor: all.nextCursor,
      hasMore: false,
    });
    expect(await storage.deliveredDevices(unit, 0, deliveries[5]!)).toEqual([deskA.id]);
    expect(await storage.newestDeliverySeq()).toBe(deliveries[6]);
    expect(await storage.unitsDeliveredBetween(0, deliveries[6]!)).toEqual([unit]);
    expect(await storage.unitsDeliveredBetween(deliveries[6]!, deliveries[6]! + 5)).toEqual([]);
    expect(await storage.deliveredDevices(unit, deliveries[3]!, deliveries[6]!)).toEqual([deskA.id, deskB.id].sort());

    expect(await storage.feedSegmentsEnd(unit)).toBe(0);
    expect(await storage.nextFeedSegmentStart(unit, 0)).toBeUndefined();
    const body = Buffer.from([0, 1, 2, 250, 255]);
    const segment = {
      unitCode: unit,
      fromSeq: 0,
      toSeq: deliveries[2]!,
      events: 3,
      devices: [deskA.id],
      format: 'compact-1/bytes-1',
      body,
      builtAt: AT,
    };
    await storage.putFeedSegment(segment);
    await storage.putFeedSegment({ ...segment, fromSeq: deliveries[2]!, toSeq: deliveries[5]! });
    // A second build of the same stretch keeps the first.
    await storage.putFeedSegment({ ...segment, body: Buffer.from('other') });
    expect(await storage.feedSegment(unit, 0)).toEqual(segment);
    const { body: _body, ...info } = segment;
    expect(await storage.feedSegmentInfo(unit, 0)).toEqual(info);
    expect(await storage.feedSegmentInfo(unit, 1)).toBeUndefined();
    expect(await storage.feedSegment(unit, 1)).toBeUndefined();
    expect(await storage.feedSegment('000.00.06.H56', 0)).toBeUndefined();
    expect(await storage.feedSegmentsEnd(unit)).toBe(deliveries[5]);
    expect(await storage.nextFeedSegmentStart(unit, 0)).toBe(deliveries[2]);
    expect(await storage.nextFeedSegmentStart(unit, deliveries[2]!)).toBeUndefined();
    // Segments written another way are dropped (and built again): the one of the current format stays.
    await storage.putFeedSegment({ ...segment, fromSeq: deliveries[5]!, toSeq: deliveries[6]!, format: 'compact-1/bytes-0' });
    expect(await storage.dropFeedSegmentsNotOf('compact-1/bytes-1')).toBe(1);
    expect(await storage.feedSegmentsEnd(unit)).toBe(deliveries[5]);
    // The nth delivery after a point, counted in the unit's feed.
    expect(await storage.deliveryAt(unit, 0, 1)).toBe(deliveries[0]);
    expect(await storage.deliveryAt(unit, deliveries[2]!, 4)).toBe(deliveries[6]);
    expect(await storage.deliveryAt(unit, deliveries[2]!, 5)).toBeUndefined();
  });

  it('delivers a transferred dossier, with its history, to the unit it was transferred to', async () => {
    const dossier = randomUUID();
    await storage.syncTransaction(async (tx) => {
      await tx.createDossier({ id: dossier, unitCode: '000.01.06.H56', code: null, portalRef: null });
      await tx.appendEvent(wireEvent(deskA, dossier, 1), AT);
      await tx.appendEvent(wireEvent(deskA, dossier, 2), AT);
      await tx.addDossierUnit(dossier, '000.00.06.H56');
      await tx.addDossierUnit(dossier, '000.00.06.H56');
      await tx.appendEvent(wireEvent(deskA, dossier, 3), AT);
    });
    const district = await storage.pull('000.00.06.H56', deskB.id, 0, 100);
    expect(district.events.map((e) => e.deviceSeq)).toEqual([1, 2, 3]);
    expect((await storage.dossier(dossier))?.units).toEqual(['000.00.06.H56', '000.01.06.H56']);
  });

  it('stores nothing of a sync transaction that fails', async () => {
    const dossier = randomUUID();
    await expect(
      storage.syncTransaction(async (tx) => {
        await tx.createDossier({ id: dossier, unitCode: '000.01.06.H56', code: null, portalRef: null });
        await tx.appendEvent(wireEvent(deskA, dossier, 1), AT);
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await storage.countEvents()).toBe(0);
    expect(await storage.dossier(dossier)).toBeUndefined();
    // The sequence was not consumed either.
    const seq = await storage.syncTransaction(async (tx) => {
      await tx.createDossier({ id: dossier, unitCode: '000.01.06.H56', code: null, portalRef: null });
      return tx.appendEvent(wireEvent(deskA, dossier, 1), AT);
    });
    expect(seq).toBe(1);
  });

  it("finds a device's refused reception of a dossier, and nothing for another device's or another kind of event", async () => {
    const dossier = randomUUID();
    const reception = wireEvent(deskA, dossier, 1, { type: 'dossier.received', payload: {} });
    const handOver = wireEvent(deskB, randomUUID(), 1);
    await storage.syncTransaction(async (tx) => {
      await tx.quarantine(reception, 'out_of_scope', { vi: 'ngoài phạm vi', en: 'out of scope' }, AT);
      await tx.quarantine(handOver, 'invalid_event', { vi: 'không hợp lệ', en: 'invalid' }, AT);
    });
    await storage.syncTransaction(async (tx) => {
      expect(await tx.quarantinedCreation(deskA.id, dossier)).toEqual({
        reasonCode: 'out_of_scope',
        reason: { vi: 'ngoài phạm vi', en: 'out of scope' },
      });
      expect(await tx.quarantinedCreation(deskB.id, dossier)).toBeUndefined();
      expect(await tx.quarantinedCreation(deskB.id, handOver.dossierId)).toBeUndefined();
    });
  });

  it('finds what it holds at a device sequence: accepted or quarantined', async () => {
    const dossier = randomUUID();
    const good = wireEvent(deskA, dossier, 1);
    const bad = wireEvent(deskA, dossier, 2);
    await storage.syncTransaction(async (tx) => {
      await tx.createDossier({
        id: dossier,
        unitCode: '000.01.06.H56',
        code: '000.01.06.H56-260302-1001',
        portalRef: 'P-1',
      });
      await tx.appendEvent(good, AT);
      await tx.quarantine(bad, 'out_of_scope', { vi: 'ngoài phạm vi', en: 'out of scope' }, AT);
    });
    await storage.syncTransaction(async (tx) => {
      expect(await tx.storedAtSeq(deskA.id, 1)).toMatchObject({
        eventId: good.id,
        hash: good.hash,
        serverSeq: 1,
        quarantine: null,
      });
      expect(await tx.storedAtSeq(deskA.id, 2)).toMatchObject({
        eventId: bad.id,
        serverSeq: null,
        quarantine: { reasonCode: 'out_of_scope' },
      });
      expect(await tx.storedAtSeq(deskA.id, 3)).toBeUndefined();
      expect(await tx.eventIdTaken(good.id)).toBe(true);
      expect(await tx.eventIdTaken(bad.id)).toBe(false);
      expect(await tx.dossierIdByCode('000.01.06.H56-260302-1001')).toBe(dossier);
      expect(await tx.dossierIdByPortalRef('P-1')).toBe(dossier);
    });
    expect(await storage.listQuarantine(10)).toEqual([
      expect.objectContaining({
        eventId: bad.id,
        deviceSeq: 2,
        reasonCode: 'out_of_scope',
        reason: { vi: 'ngoài phạm vi', en: 'out of scope' },
      }),
    ]);
    expect((await storage.eventById(good.id))?.payload).toEqual(good.payload);
  });

  it("hands a device back its own quarantined events as it sent them, the newest ones, oldest first", async () => {
    const dossier = randomUUID();
    const [first, second, third] = [1, 2, 3].map((seq) => wireEvent(deskA, dossier, seq));
    const others = wireEvent(deskB, dossier, 1);
    await storage.syncTransaction(async (tx) => {
      for (const e of [first!, second!, third!]) await tx.quarantine(e, 'out_of_scope', { vi: 'ngoài phạm vi', en: 'out of scope' }, AT);
      await tx.quarantine(others, 'invalid_event', { vi: 'sai', en: 'invalid' }, AT);
    });
    expect(await storage.ownQuarantined(deskA.id, 2)).toEqual([
      { event: second, reasonCode: 'out_of_scope', reason: { vi: 'ngoài phạm vi', en: 'out of scope' } },
      { event: third, reasonCode: 'out_of_scope', reason: { vi: 'ngoài phạm vi', en: 'out of scope' } },
    ]);
    expect((await storage.ownQuarantined(deskB.id, 10)).map((q) => q.event.id)).toEqual([others.id]);
  });

  it('versions the catalog and the calendar separately', async () => {
    expect(await storage.document('catalog')).toBeUndefined();
    expect(await storage.putDocument('catalog', { procedures: [1] }, AT, 'admin')).toEqual({ published: true, version: 1 });
    expect(await storage.putDocument('catalog', { procedures: [1, 2] }, AT, 'admin')).toEqual({ published: true, version: 2 });
    expect(await storage.putDocument('calendar', { years: [] }, AT, 'admin')).toEqual({ published: true, version: 1 });
    expect(await storage.document('catalog')).toMatchObject({ version: 2, body: { procedures: [1, 2] } });
    expect(await storage.document('calendar')).toMatchObject({ version: 1, body: { years: [] } });
  });

  it('publishes an edit only over the version it began from, whoever published meanwhile', async () => {
    // Two edits of version 0 at once (on PostgreSQL, two connections): one is stored, the other told the current one.
    const puts = await Promise.all([0, 1].map((i) => storage.putDocument('catalog', { procedures: [i] }, AT, 'admin', 0)));
    expect(puts.filter((p) => p.published)).toEqual([{ published: true, version: 1 }]);
    expect(puts.filter((p) => !p.published)).toEqual([{ published: false, currentVersion: 1 }]);
    expect(await storage.document('catalog')).toMatchObject({ version: 1, body: { procedures: [puts.findIndex((p) => p.published)] } });

    // A second server on the same database, one after the other (two SQLite connections in one process would wait
    // on each other's lock): over the current version it publishes, over an older one it does not.
    const other = await location.open();
    try {
      expect(await other.putDocument('catalog', { procedures: [2] }, AT, 'admin', 1)).toEqual({ published: true, version: 2 });
      expect(await storage.putDocument('catalog', { procedures: [3] }, AT, 'admin', 1)).toEqual({ published: false, currentVersion: 2 });
      expect(await other.document('catalog')).toMatchObject({ version: 2, body: { procedures: [2] } });
      // Each kind has its own versions; before any publication the current one is 0.
      expect(await storage.putDocument('calendar', { years: [] }, AT, 'admin', 2)).toEqual({ published: false, currentVersion: 0 });
      expect(await other.putDocument('calendar', { years: [] }, AT, 'admin', 0)).toEqual({ published: true, version: 1 });
    } finally {
      await other.close();
    }
  });

  it('takes blob chunks only at the right offset and keeps the bytes exact', async () => {
    const data = Buffer.from('scanned page '.repeat(100));
    const hash = sha256(data);
    expect(await storage.startBlobUpload(hash, data.length, COMMUNE, deskA.id, AT)).toMatchObject({
      received: 0,
      complete: false,
    });
    expect(await storage.appendBlobChunk(hash, COMMUNE, 10, data.subarray(10, 20))).toBeUndefined();
    expect(await storage.appendBlobChunk(hash, COMMUNE, 0, data.subarray(0, 500))).toMatchObject({ received: 500 });
    expect(await storage.appendBlobChunk(hash, COMMUNE, 500, Buffer.alloc(data.length))).toBeUndefined();
    expect(await storage.appendBlobChunk(hash, COMMUNE, 500, data.subarray(500))).toMatchObject({
      received: data.length,
    });
    expect((await storage.uploadedBytes(hash, COMMUNE)).equals(data)).toBe(true);
    await storage.commitBlob(hash, COMMUNE, data, deskA.id, AT);
    expect(await storage.blobUpload(hash, COMMUNE)).toMatchObject({ complete: true, received: data.length });
    expect((await storage.blob(hash))?.data.equals(data)).toBe(true);
  });

  /** Rows of a table for one hash, read beside the storage (the storage never says how often it stored a file). */
  const rowsFor = async (table: 'blobs' | 'blob_chunks' | 'blob_uploads', hash: string): Promise<number> => {
    const raw = location.rawDriver();
    try {
      return Number((await raw.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE sha256 = ?`, [hash]))!.n);
    } finally {
      await raw.close();
    }
  };

  it("tells a unit only of its own holding and its own upload, and stores a second unit's copy once", async () => {
    const data = Buffer.from('căn cước công dân '.repeat(50));
    const hash = sha256(data);
    await storage.startBlobUpload(hash, data.length, COMMUNE, deskA.id, AT);
    await storage.appendBlobChunk(hash, COMMUNE, 0, data.subarray(0, 100));
    // The district knows the hash, not the file: it is told of no upload and cannot add to the commune's.
    expect(await storage.blobUpload(hash, DISTRICT)).toBeUndefined();
    expect(await storage.appendBlobChunk(hash, DISTRICT, 100, data.subarray(100))).toBeUndefined();
    expect(await storage.startBlobUpload(hash, data.length, DISTRICT, deskB.id, AT)).toMatchObject({ received: 0 });
    await storage.appendBlobChunk(hash, DISTRICT, 0, Buffer.alloc(50));
    await storage.discardBlobUpload(hash, DISTRICT);
    expect(await storage.blobUpload(hash, DISTRICT)).toBeUndefined();
    expect(await storage.blobUpload(hash, COMMUNE)).toMatchObject({ received: 100, complete: false });

    await storage.appendBlobChunk(hash, COMMUNE, 100, data.subarray(100));
    await storage.commitBlob(hash, COMMUNE, await storage.uploadedBytes(hash, COMMUNE), deskA.id, AT);
    expect(await storage.blobUpload(hash, COMMUNE)).toMatchObject({ complete: true });
    expect(await storage.blobUpload(hash, DISTRICT)).toBeUndefined();
    expect(await storage.blobReadableBy(hash, DISTRICT)).toBe(false);

    // The district really has the file: it sends it, becomes a holder, and the server still keeps one copy.
    await storage.startBlobUpload(hash, data.length, DISTRICT, deskB.id, AT);
    await storage.appendBlobChunk(hash, DISTRICT, 0, data);
    await storage.commitBlob(hash, DISTRICT, await storage.uploadedBytes(hash, DISTRICT), deskB.id, AT);
    expect(await storage.blobUpload(hash, DISTRICT)).toMatchObject({ complete: true, received: data.length });
    expect(await storage.blobReadableBy(hash, DISTRICT)).toBe(true);
    expect(await rowsFor('blobs', hash)).toBe(1);
    expect(await rowsFor('blob_chunks', hash)).toBe(0);
    expect(await rowsFor('blob_uploads', hash)).toBe(0);
    expect((await storage.blob(hash))?.uploadedBy).toBe(deskA.id);
  });

  it("counts a device's unfinished uploads and discards those started before a given time, chunks and all", async () => {
    const older = Buffer.from('trang quét cũ '.repeat(40));
    const newer = Buffer.from('trang quét mới '.repeat(30));
    await storage.startBlobUpload(sha256(older), older.length, COMMUNE, deskA.id, '2026-10-01T08:00:00.000+07:00');
    await storage.appendBlobChunk(sha256(older), COMMUNE, 0, older.subarray(0, 100));
    await storage.startBlobUpload(sha256(newer), newer.length, COMMUNE, deskA.id, '2026-11-20T08:00:00.000+07:00');
    expect(await storage.openUploadBytes(deskA.id)).toBe(older.length + newer.length);
    expect(await storage.openUploadBytes(deskB.id)).toBe(0);

    expect(await storage.discardUploadsStartedBefore('2026-11-01T00:00:00.000+07:00')).toBe(1);
    expect(await storage.blobUpload(sha256(older), COMMUNE)).toBeUndefined();
    expect(await rowsFor('blob_chunks', sha256(older))).toBe(0);
    expect(await storage.blobUpload(sha256(newer), COMMUNE)).toMatchObject({ received: 0, complete: false });
    expect(await storage.openUploadBytes(deskA.id)).toBe(newer.length);
    // A finished upload no longer counts as open.
    await storage.appendBlobChunk(sha256(newer), COMMUNE, 0, newer);
    await storage.commitBlob(sha256(newer), COMMUNE, newer, deskA.id, AT);
    expect(await storage.openUploadBytes(deskA.id)).toBe(0);
  });

  /** The commune's desk sends a whole file in one chunk: the commune then holds it. */
  const uploadedByCommune = async (data: Buffer): Promise<void> => {
    const hash = sha256(data);
    await storage.startBlobUpload(hash, data.length, COMMUNE, deskA.id, AT);
    await storage.appendBlobChunk(hash, COMMUNE, 0, data);
    await storage.commitBlob(hash, COMMUNE, data, deskA.id, AT);
  };

  it('reads any part of a stored blob by byte, cut short at its end, and its size without its bytes', async () => {
    // Vietnamese text first (several bytes to a letter) and every byte value after: a part counts bytes, not letters.
    const data = Buffer.concat([
      Buffer.from('căn cước công dân '),
      Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff)),
    ]);
    const hash = sha256(data);
    expect(await storage.blobSize(hash)).toBeUndefined();
    expect(await storage.blobBytes(hash, 0, 10)).toBeUndefined();
    await uploadedByCommune(data);

    expect(await storage.blobSize(hash)).toBe(data.length);
    expect((await storage.blobBytes(hash, 0, data.length))?.equals(data)).toBe(true);
    expect((await storage.blobBytes(hash, 1, 4))?.equals(data.subarray(1, 4))).toBe(true);
    expect((await storage.blobBytes(hash, 65_000, data.length))?.equals(data.subarray(65_000))).toBe(true);
    // Past the end: cut short there; at or after it, nothing.
    expect((await storage.blobBytes(hash, data.length - 10, data.length + 1000))?.equals(data.subarray(-10))).toBe(true);
    expect((await storage.blobBytes(hash, data.length, data.length + 5))?.length).toBe(0);
    expect((await storage.blobBytes(hash, 100, 100))?.length).toBe(0);

    const empty = Buffer.alloc(0);
    await uploadedByCommune(empty);
    expect(await storage.blobSize(sha256(empty))).toBe(0);
    expect((await storage.blobBytes(sha256(empty), 0, 0))?.length).toBe(0);
  });

  it('lets a unit read a blob a holder attached to a dossier it sees, not one it attached by hash alone', async () => {
    const data = Buffer.from('giấy khai sinh');
    const hash = sha256(data);
    await uploadedByCommune(data);
    const naming = { type: 'dossier.attachment_linked', payload: { sha256: hash, target: { componentId: 'c1' } } };
    const attach = (device: DeviceRecord, unitCode: string, dossierId: string) =>
      storage.syncTransaction(async (tx) => {
        if (!(await tx.dossier(dossierId))) await tx.createDossier({ id: dossierId, unitCode, code: null, portalRef: null });
        await tx.appendEvent(wireEvent(device, dossierId, n, naming), AT);
        await tx.addBlobRef(hash, dossierId);
      });
    // The district's own dossier names the commune's hash: a reference by a unit that does not hold the file.
    await attach(deskB, DISTRICT, randomUUID());
    expect(await storage.blobReadableBy(hash, DISTRICT)).toBe(false);
    expect(await storage.blobReadableBy(hash, COMMUNE)).toBe(true);

    const commune = randomUUID();
    await attach(deskA, COMMUNE, commune);
    expect(await storage.blobReadableBy(hash, DISTRICT)).toBe(false);
    await storage.syncTransaction((tx) => tx.addDossierUnit(commune, DISTRICT));
    expect(await storage.blobReadableBy(hash, DISTRICT)).toBe(true);
    expect(await storage.blobReadableBy(sha256('another file'), COMMUNE)).toBe(false);
  });

  it("reads an event from a device of no unit (the import) as the dossier's own unit's attachment", async () => {
    const data = Buffer.from('bản chụp sổ hộ khẩu cũ');
    const hash = sha256(data);
    await uploadedByCommune(data);
    const importer = await storage.createDevice({
      id: randomUUID(),
      kind: 'portal',
      unitCode: '',
      deskNumber: 0,
      name: 'import',
      enrolCodeHash: null,
      enrolExpiresAt: null,
      createdAt: AT,
    });
    const naming = { type: 'dossier.attachment_linked', payload: { sha256: hash, target: { componentId: 'c1' } } };
    const imported = randomUUID();
    await storage.syncTransaction(async (tx) => {
      await tx.createDossier({ id: imported, unitCode: COMMUNE, code: null, portalRef: null });
      await tx.appendEvent(wireEvent(importer, imported, n, naming), AT);
      await tx.addBlobRef(hash, imported);
    });
    expect(await storage.blobReadableBy(hash, DISTRICT)).toBe(false);
    // Transferred to the district, as a dossier attached at the commune's desk would be.
    await storage.syncTransaction((tx) => tx.addDossierUnit(imported, DISTRICT));
    expect(await storage.blobReadableBy(hash, DISTRICT)).toBe(true);
  });

  it('brings a schema 3 database forward with the holders of its blobs and its uploads in progress', async () => {
    const older = await backend.fresh();
    const raw = older.rawDriver();
    await raw.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    for (const m of migrations.filter((m) => m.version <= 3))
      for (const statement of m
        .sql(raw.dialect)
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean))
        await raw.run(statement);
    await raw.run("INSERT INTO meta (key, value) VALUES ('schema_version', '3')");
    for (const d of [deskA, deskB])
      await raw.run(
        "INSERT INTO devices (id, kind, unit_code, desk_number, name, created_at) VALUES (?, 'desk', ?, 1, 'x', ?)",
        [d.id, d.unitCode, AT],
      );
    const [uploaded, shared, imported, unstored, partial] = ['a', 'b', 'c', 'd', 'e'].map((x) => sha256(`scan ${x}`));
    const blob = (hash: string, by: string | null) =>
      raw.run('INSERT INTO blobs (sha256, size, data, uploaded_by, created_at) VALUES (?, 1, ?, ?, ?)', [
        hash,
        Buffer.from('x'),
        by,
        AT,
      ]);
    await blob(uploaded!, deskA.id);
    await blob(shared!, deskA.id);
    await blob(imported!, null);
    // The district's dossier: one of its desks attached `shared` (the old server said "already there", so it never
    // sent the bytes) and the import attached `imported`; `unstored` is named but never arrived.
    const dossier = randomUUID();
    await raw.run("INSERT INTO dossiers (id, unit_code) VALUES (?, '000.00.06.H56')", [dossier]);
    await raw.run("INSERT INTO dossier_units (dossier_id, unit_code) VALUES (?, '000.00.06.H56')", [dossier]);
    let seq = 0;
    for (const [hash, device] of [
      [shared, deskB.id],
      [imported, 'import'],
      [unstored, deskB.id],
    ] as const) {
      seq += 1;
      await raw.run(
        "INSERT INTO events (server_seq, id, dossier_id, device_id, device_seq, type, hash, server_time, body) VALUES (?, ?, ?, ?, ?, 'dossier.attachment_linked', ?, ?, ?)",
        [seq, randomUUID(), dossier, device, seq, sha256(`e${seq}`), AT, JSON.stringify({ payload: { sha256: hash } })],
      );
      await raw.run('INSERT INTO blob_refs (sha256, dossier_id) VALUES (?, ?)', [hash!, dossier]);
    }
    await raw.run('INSERT INTO blob_uploads (sha256, size, received, device_id, started_at) VALUES (?, 4, 2, ?, ?)', [
      partial!,
      deskA.id,
      AT,
    ]);
    await raw.run('INSERT INTO blob_chunks (sha256, chunk_start, data) VALUES (?, 0, ?)', [partial!, Buffer.from('ab')]);
    await raw.close();

    const migrated = await older.open();
    try {
      const holds = async (hash: string, unitCode: string) => (await migrated.blobUpload(hash, unitCode))?.complete === true;
      expect([await holds(uploaded!, COMMUNE), await holds(uploaded!, DISTRICT)]).toEqual([true, false]);
      expect([await holds(shared!, COMMUNE), await holds(shared!, DISTRICT)]).toEqual([true, true]);
      expect([await holds(imported!, COMMUNE), await holds(imported!, DISTRICT)]).toEqual([false, true]);
      expect(await migrated.blobUpload(unstored!, DISTRICT)).toBeUndefined();
      // The commune's upload in progress resumes where it stood, and is its own.
      expect(await migrated.blobUpload(partial!, COMMUNE)).toEqual({ sha256: partial, size: 4, received: 2, complete: false });
      expect(await migrated.blobUpload(partial!, DISTRICT)).toBeUndefined();
      expect(await migrated.appendBlobChunk(partial!, COMMUNE, 2, Buffer.from('cd'))).toMatchObject({ received: 4 });
      expect((await migrated.uploadedBytes(partial!, COMMUNE)).toString()).toBe('abcd');
    } finally {
      await migrated.close();
    }
  });

  it('stores server users and disables them', async () => {
    await storage.putUser({
      username: 'hoa.le',
      name: 'Lê Thị Hoa',
      role: 'supervisor',
      passwordHash: 'x',
      createdAt: AT,
      disabledAt: null,
    });
    expect(await storage.user('hoa.le')).toMatchObject({ role: 'supervisor', disabledAt: null });
    expect(await storage.disableUser('hoa.le', AT)).toBe(true);
    expect(await storage.disableUser('hoa.le', AT)).toBe(false);
    expect((await storage.listUsers())[0]?.disabledAt).toBe(AT);
  });
});

describe('SQLite storage over a raw driver', () => {
  it('runs concurrent transactions one after another', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'motcua-contract-'));
    const storage = createSqlStorage(openSqliteDriver(path.join(dir, 's.db')));
    await storage.init();
    const results = await Promise.all([1, 2, 3].map(() => storage.putDocument('catalog', {}, AT, 'admin')));
    expect(results.map((r) => (r.published ? r.version : null)).sort()).toEqual([1, 2, 3]);
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
