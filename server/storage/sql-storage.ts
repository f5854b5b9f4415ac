/**
 * The server storage over any SqlDriver (SQLite or PostgreSQL). Every sync write runs in one exclusive
 * transaction so server sequences and delivery sequences are handed out in commit order.
 */
import { randomUUID } from 'node:crypto';
import { stableJson } from '../../shared/domain/events';
import type { LocalizedText } from '../../shared/result';
import type { OwnQuarantined, QuarantineReasonCode, StoredWireEvent, WireEvent } from '../../shared/sync/messages';
import type {
  BlobUploadState,
  DeviceFork,
  DeviceRecord,
  DocumentPublication,
  DossierRecord,
  FeedSegmentInfo,
  PullPage,
  StoredPage,
  QuarantineRecord,
  ServerStorage,
  ServerUserRecord,
  StoredAtSeq,
  SyncTx,
  UnitRecord,
  VersionedDocument,
} from './contract';
import type { SqlDriver, SqlExecutor, SqlRow } from './sql-driver';
import { LATEST_SCHEMA_VERSION, migrations } from './schema';
import { refuseUpgrade } from './upgrade-needed';

/** A pull page's rows: the unit's deliveries in (cursor, newest], other devices' events (parameters in this order). */
const PAGE_ROWS = `FROM deliveries d JOIN events e ON e.server_seq = d.server_seq
  WHERE d.unit_code = ? AND d.seq > ? AND d.seq <= ? AND e.device_id <> ?`;

interface FeedSegmentRow extends SqlRow {
  unit_code: string;
  from_seq: number | string;
  to_seq: number | string;
  events: number | string;
  devices: string;
  format: string;
  body?: Buffer;
  built_at: string;
}

const toFeedSegmentInfo = (r: FeedSegmentRow): FeedSegmentInfo => ({
  unitCode: r.unit_code,
  fromSeq: Number(r.from_seq),
  toSeq: Number(r.to_seq),
  events: Number(r.events),
  devices: JSON.parse(r.devices) as string[],
  format: r.format,
  builtAt: r.built_at,
});

/** A segment's columns but its bytes. */
const SEGMENT_INFO_COLUMNS = 'unit_code, from_seq, to_seq, events, devices, format, built_at';

interface DeviceRow extends SqlRow {
  id: string;
  kind: 'desk' | 'portal';
  unit_code: string;
  desk_number: number;
  name: string;
  secret_hash: string | null;
  enrol_expires_at: string | null;
  created_at: string;
  enrolled_at: string | null;
  revoked_at: string | null;
  last_seq: number;
  last_hash: string | null;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  kind: r.kind,
  unitCode: r.unit_code,
  deskNumber: Number(r.desk_number),
  name: r.name,
  secretHash: r.secret_hash,
  enrolExpiresAt: r.enrol_expires_at,
  createdAt: r.created_at,
  enrolledAt: r.enrolled_at,
  revokedAt: r.revoked_at,
  lastSeq: Number(r.last_seq),
  lastHash: r.last_hash,
});

const toUnit = (r: SqlRow): UnitRecord => ({
  code: String(r.code),
  name: String(r.name),
  level: r.level as UnitRecord['level'],
  parentCode: (r.parent_code as string | null) ?? null,
});

const toUser = (r: SqlRow): ServerUserRecord => ({
  username: String(r.username),
  name: String(r.name),
  role: r.role as ServerUserRecord['role'],
  passwordHash: String(r.password_hash),
  createdAt: String(r.created_at),
  disabledAt: (r.disabled_at as string | null) ?? null,
});

/** The parsed body gets the two server fields set on it: a spread copy of every event cost a third of a pull. */
const storedEvent = (r: SqlRow): StoredWireEvent => {
  const event = JSON.parse(String(r.body)) as StoredWireEvent;
  event.serverSeq = Number(r.server_seq);
  event.serverTime = String(r.server_time);
  return event;
};

async function nextCounter(db: SqlExecutor, name: 'server_seq' | 'delivery_seq'): Promise<number> {
  const row = await db.get<{ value: number }>(
    'UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value',
    [name],
  );
  return Number(row!.value);
}

async function loadDossier(db: SqlExecutor, id: string): Promise<DossierRecord | undefined> {
  const row = await db.get<{ id: string; unit_code: string; code: string | null }>(
    'SELECT id, unit_code, code FROM dossiers WHERE id = ?',
    [id],
  );
  if (!row) return undefined;
  const units = await db.all<{ unit_code: string }>(
    'SELECT unit_code FROM dossier_units WHERE dossier_id = ? ORDER BY unit_code',
    [id],
  );
  return { id: row.id, unitCode: row.unit_code, code: row.code, units: units.map((u) => u.unit_code) };
}

const DEVICE_FORK_PREFIX = 'device_fork:';

function syncTx(db: SqlExecutor): SyncTx {
  const deliver = async (unitCode: string, serverSeq: number) => {
    const seq = await nextCounter(db, 'delivery_seq');
    await db.run('INSERT INTO deliveries (seq, unit_code, server_seq) VALUES (?, ?, ?)', [
      seq,
      unitCode,
      serverSeq,
    ]);
  };
  return {
    device: async (id) => {
      const r = await db.get<DeviceRow>('SELECT * FROM devices WHERE id = ?', [id]);
      return r && toDevice(r);
    },
    storedAtSeq: async (deviceId, deviceSeq): Promise<StoredAtSeq | undefined> => {
      const e = await db.get(
        'SELECT id, hash, server_seq, server_time FROM events WHERE device_id = ? AND device_seq = ?',
        [deviceId, deviceSeq],
      );
      if (e)
        return {
          eventId: String(e.id),
          hash: String(e.hash),
          serverSeq: Number(e.server_seq),
          serverTime: String(e.server_time),
          quarantine: null,
        };
      const q = await db.get(
        'SELECT id, hash, reason_code, reason_vi, reason_en FROM quarantine WHERE device_id = ? AND device_seq = ?',
        [deviceId, deviceSeq],
      );
      if (!q) return undefined;
      return {
        eventId: String(q.id),
        hash: String(q.hash),
        serverSeq: null,
        serverTime: null,
        quarantine: {
          reasonCode: q.reason_code as QuarantineReasonCode,
          reason: { vi: String(q.reason_vi), en: String(q.reason_en) },
        },
      };
    },
    eventIdTaken: async (eventId) =>
      (await db.get('SELECT 1 AS x FROM events WHERE id = ?', [eventId])) !== undefined,
    // The quarantine key's device prefix narrows it to this device's few refused records.
    quarantinedCreation: async (deviceId, dossierId) => {
      const q = await db.get(
        `SELECT reason_code, reason_vi, reason_en FROM quarantine WHERE device_id = ? AND dossier_id = ?
         AND type IN ('dossier.received', 'dossier.refused') ORDER BY device_seq LIMIT 1`,
        [deviceId, dossierId],
      );
      return q
        ? { reasonCode: q.reason_code as QuarantineReasonCode, reason: { vi: String(q.reason_vi), en: String(q.reason_en) } }
        : undefined;
    },
    dossier: (id) => loadDossier(db, id),
    dossierIdByCode: async (code) =>
      (await db.get<{ id: string }>('SELECT id FROM dossiers WHERE code = ?', [code]))?.id,
    dossierIdByPortalRef: async (ref) =>
      (await db.get<{ id: string }>('SELECT id FROM dossiers WHERE portal_ref = ?', [ref]))?.id,
    firstEvent: async (dossierId) => {
      const r = await db.get(
        'SELECT server_seq, server_time, body FROM events WHERE dossier_id = ? ORDER BY server_seq LIMIT 1',
        [dossierId],
      );
      return r && storedEvent(r);
    },
    createDossier: async ({ id, unitCode, code, portalRef }) => {
      await db.run('INSERT INTO dossiers (id, unit_code, code, portal_ref) VALUES (?, ?, ?, ?)', [
        id,
        unitCode,
        code,
        portalRef,
      ]);
      await db.run('INSERT INTO dossier_units (dossier_id, unit_code) VALUES (?, ?)', [id, unitCode]);
    },
    setDossierCode: async (id, code) =>
      void (await db.run('UPDATE dossiers SET code = ? WHERE id = ?', [code, id])),
    addDossierUnit: async (dossierId, unitCode) => {
      const inserted = await db.run(
        'INSERT INTO dossier_units (dossier_id, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING',
        [dossierId, unitCode],
      );
      if (inserted === 0) return;
      const past = await db.all<{ server_seq: number }>(
        'SELECT server_seq FROM events WHERE dossier_id = ? ORDER BY server_seq',
        [dossierId],
      );
      for (const e of past) await deliver(unitCode, Number(e.server_seq));
    },
    appendEvent: async (event, serverTime) => {
      const serverSeq = await nextCounter(db, 'server_seq');
      const { serverSeq: _s, serverTime: _t, ...envelope } = event;
      await db.run(
        'INSERT INTO events (server_seq, id, dossier_id, device_id, device_seq, type, hash, server_time, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          serverSeq,
          event.id,
          event.dossierId,
          event.deviceId,
          event.deviceSeq,
          event.type,
          event.hash,
          serverTime,
          // Keys in canonical (sorted) order at every depth: a compact pull page then hands the payload to the
          // desk in the order its hash covers, and the desk hashes it without re-sorting (shared/sync/compact-pull).
          stableJson(envelope),
        ],
      );
      const units = await db.all<{ unit_code: string }>(
        'SELECT unit_code FROM dossier_units WHERE dossier_id = ? ORDER BY unit_code',
        [event.dossierId],
      );
      for (const u of units) await deliver(u.unit_code, serverSeq);
      return serverSeq;
    },
    quarantine: async (event, reasonCode, reason, at) => {
      await db.run(
        'INSERT INTO quarantine (device_id, device_seq, id, dossier_id, type, hash, reason_code, reason_vi, reason_en, at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          event.deviceId,
          event.deviceSeq,
          event.id,
          event.dossierId,
          event.type,
          event.hash,
          reasonCode,
          reason.vi,
          reason.en,
          at,
          JSON.stringify(event),
        ],
      );
    },
    // In `meta` (no schema change): a note for the administrator, not sync state; a restore does not carry it.
    noteDeviceFork: async (deviceId, fork) => {
      const key = `${DEVICE_FORK_PREFIX}${deviceId}`;
      const held = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
      const kept = held && (JSON.parse(held.value) as DeviceFork);
      // A fork after the note was handled is news: it is shown with its own first number and time.
      const first = kept && !kept.handledAt ? kept : { deviceSeq: fork.deviceSeq, at: fork.at };
      // Kept across a handled note: the forks seen before it are still not news.
      const forkEventIds = [...(kept?.forkEventIds ?? []), fork.eventId].slice(-100);
      const note: DeviceFork = { ...first, latestSeq: fork.deviceSeq, latestAt: fork.at, forkEventIds };
      await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(note)]);
    },
    deviceFork: async (deviceId) => {
      const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [`${DEVICE_FORK_PREFIX}${deviceId}`]);
      return row ? (JSON.parse(row.value) as DeviceFork) : undefined;
    },
    setDeviceHead: async (deviceId, seq, hash) =>
      void (await db.run('UPDATE devices SET last_seq = ?, last_hash = ? WHERE id = ?', [
        seq,
        hash,
        deviceId,
      ])),
    addBlobRef: async (sha256, dossierId) =>
      void (await db.run('INSERT INTO blob_refs (sha256, dossier_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [
        sha256,
        dossierId,
      ])),
  };
}

export function createSqlStorage(driver: SqlDriver): ServerStorage {
  // A pull reads the unit's newest delivery first: everything at or below it is already committed, because
  // deliveries are numbered in commit order, so a short page may safely move the cursor up to it.
  const newestDelivery = async (unitCode: string): Promise<number> =>
    Number(
      (await driver.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM deliveries WHERE unit_code = ?', [unitCode]))
        ?.seq ?? 0,
    );

  const meta = async (key: string) =>
    (await driver.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value;
  const setMeta = (db: SqlExecutor, key: string, value: string) =>
    db.run(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  /**
   * Moves the units version on, for a change desks must fetch (a unit, the lookup address). Kept in `meta` (no schema
   * change): a server from before it states 0 until its first change, and a desk that never read the units fetches
   * them whatever the version says (electron/desk/sync/units.ts).
   */
  const registryChanged = async (db: SqlExecutor) => {
    const version = await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'units_version'");
    await setMeta(db, 'units_version', String(Number(version?.value ?? 0) + 1));
  };

  /** A unit's view of a blob: complete only if the unit holds it, else its own upload (another unit's is not told). */
  const uploadState = async (
    db: SqlExecutor,
    sha256: string,
    unitCode: string,
  ): Promise<BlobUploadState | undefined> => {
    const done = await db.get<{ size: number }>(
      'SELECT b.size FROM blob_holders h JOIN blobs b ON b.sha256 = h.sha256 WHERE h.sha256 = ? AND h.unit_code = ?',
      [sha256, unitCode],
    );
    if (done) return { sha256, size: Number(done.size), received: Number(done.size), complete: true };
    const u = await db.get<{ size: number; received: number }>(
      'SELECT size, received FROM blob_uploads WHERE sha256 = ? AND unit_code = ?',
      [sha256, unitCode],
    );
    return u && { sha256, size: Number(u.size), received: Number(u.received), complete: false };
  };

  /** An upload's record and the chunks received for it (committed, discarded, or abandoned). */
  const deleteUpload = async (db: SqlExecutor, sha256: string, unitCode: string): Promise<void> => {
    await db.run('DELETE FROM blob_chunks WHERE sha256 = ? AND unit_code = ?', [sha256, unitCode]);
    await db.run('DELETE FROM blob_uploads WHERE sha256 = ? AND unit_code = ?', [sha256, unitCode]);
  };

  /** The device the server writes the portal's submissions with, from sequence 1 (contract.ts renewPortalDevice). */
  const newPortalDevice = async (db: SqlExecutor): Promise<string> => {
    const id = randomUUID();
    await db.run(
      "INSERT INTO devices (id, kind, unit_code, desk_number, name, created_at) VALUES (?, 'portal', '', 0, 'national portal', ?)",
      [id, new Date().toISOString()],
    );
    await setMeta(db, 'portal_device', id);
    return id;
  };

  return {
    kind: driver.dialect,

    async init(options = {}) {
      await driver.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      await driver.transaction(
        async (db) => {
          const row = await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'");
          const current = row ? Number(row.value) : 0;
          refuseUpgrade(options, current, LATEST_SCHEMA_VERSION, { en: 'server database', vi: 'Cơ sở dữ liệu máy chủ' });
          if (current > 0 && current < LATEST_SCHEMA_VERSION) options.onUpgrade?.('storage', current, LATEST_SCHEMA_VERSION);
          for (const m of migrations.filter((m) => m.version > current)) {
            for (const statement of m
              .sql(driver.dialect)
              .split(';')
              .map((s) => s.trim())
              .filter(Boolean))
              await db.run(statement);
            await setMeta(db, 'schema_version', String(m.version));
          }
          if (!(await db.get("SELECT value FROM meta WHERE key = 'epoch'")))
            await setMeta(db, 'epoch', randomUUID());
          if (!(await db.get("SELECT value FROM meta WHERE key = 'portal_device'"))) await newPortalDevice(db);
        },
        { exclusive: true },
      );
    },
    close: () => driver.close(),

    epoch: async () => (await meta('epoch'))!,
    renewEpoch: async () => {
      const epoch = randomUUID();
      await setMeta(driver, 'epoch', epoch);
      return epoch;
    },
    portalDeviceId: async () => (await meta('portal_device'))!,
    renewPortalDevice: () => driver.transaction(newPortalDevice, { exclusive: true }),

    putUnit: (u) =>
      driver.transaction(
        async (db) => {
          const row = await db.get('SELECT * FROM units WHERE code = ?', [u.code]);
          const held = row && toUnit(row);
          if (held && held.name === u.name && held.level === u.level && held.parentCode === u.parentCode) return;
          await db.run(
            'INSERT INTO units (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code',
            [u.code, u.name, u.level, u.parentCode],
          );
          await registryChanged(db);
        },
        { exclusive: true },
      ),
    unit: async (code) => {
      const r = await driver.get('SELECT * FROM units WHERE code = ?', [code]);
      return r && toUnit(r);
    },
    listUnits: async () => (await driver.all('SELECT * FROM units ORDER BY code')).map(toUnit),
    unitsVersion: async () => Number((await meta('units_version')) ?? 0),
    lookupAddress: async () => (await meta('lookup_address')) || null,
    setLookupAddress: (address) =>
      driver.transaction(
        async (db) => {
          const held = (await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'lookup_address'"))?.value || null;
          if (held === address) return;
          // '' for none: a key kept, not deleted, reads the same as one never set.
          await setMeta(db, 'lookup_address', address ?? '');
          await registryChanged(db);
        },
        { exclusive: true },
      ),

    createDevice: async (d) => {
      await driver.run(
        'INSERT INTO devices (id, kind, unit_code, desk_number, name, enrol_code_hash, enrol_expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [d.id, d.kind, d.unitCode, d.deskNumber, d.name, d.enrolCodeHash, d.enrolExpiresAt, d.createdAt],
      );
      return toDevice((await driver.get<DeviceRow>('SELECT * FROM devices WHERE id = ?', [d.id]))!);
    },
    device: async (id) => {
      const r = await driver.get<DeviceRow>('SELECT * FROM devices WHERE id = ?', [id]);
      return r && toDevice(r);
    },
    listDevices: async () =>
      (
        await driver.all<DeviceRow>(
          "SELECT * FROM devices WHERE kind = 'desk' ORDER BY unit_code, desk_number, created_at",
        )
      ).map(toDevice),
    deviceForks: async () =>
      new Map(
        (await driver.all<{ key: string; value: string }>('SELECT key, value FROM meta WHERE key LIKE ?', [`${DEVICE_FORK_PREFIX}%`])).map(
          (r) => [r.key.slice(DEVICE_FORK_PREFIX.length), JSON.parse(r.value) as DeviceFork],
        ),
      ),
    // Under the sync lock: a push noting a fork meanwhile is either marked with the rest or comes after, as news.
    markDeviceForkHandled: (deviceId, at) =>
      driver.transaction(
        async (db) => {
          const key = `${DEVICE_FORK_PREFIX}${deviceId}`;
          const held = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
          if (!held) return undefined;
          const note = JSON.parse(held.value) as DeviceFork;
          if (note.handledAt) return { outcome: 'already_handled' as const, note };
          const handled: DeviceFork = { ...note, handledAt: at };
          await db.run('UPDATE meta SET value = ? WHERE key = ?', [JSON.stringify(handled), key]);
          return { outcome: 'handled' as const, note: handled };
        },
        { exclusive: true },
      ),
    deviceByEnrolCode: async (codeHash) => {
      const r = await driver.get<DeviceRow>(
        'SELECT * FROM devices WHERE enrol_code_hash = ? AND enrolled_at IS NULL AND revoked_at IS NULL',
        [codeHash],
      );
      return r && toDevice(r);
    },
    completeEnrolment: async (id, codeHash, secretHash, name, at) =>
      (await driver.run(
        'UPDATE devices SET secret_hash = ?, name = ?, enrolled_at = ?, enrol_code_hash = NULL WHERE id = ? AND enrol_code_hash = ? AND enrolled_at IS NULL AND revoked_at IS NULL',
        [secretHash, name, at, id, codeHash],
      )) === 1,
    revokeDevice: async (id, at) =>
      (await driver.run(
        "UPDATE devices SET revoked_at = ?, enrol_code_hash = NULL WHERE id = ? AND kind = 'desk' AND revoked_at IS NULL",
        [at, id],
      )) === 1,
    reinstateDevice: async (id) =>
      (await driver.run(
        "UPDATE devices SET revoked_at = NULL WHERE id = ? AND kind = 'desk' AND revoked_at IS NOT NULL AND enrolled_at IS NOT NULL",
        [id],
      )) === 1,

    syncTransaction: (fn) => driver.transaction((db) => fn(syncTx(db)), { exclusive: true }),

    pull: async (unitCode, excludeDeviceId, cursor, limit): Promise<PullPage> => {
      const newest = await newestDelivery(unitCode);
      if (newest <= cursor) return { events: [], nextCursor: cursor, hasMore: false };
      const rows = await driver.all(
        `SELECT d.seq AS delivery_seq, e.server_seq, e.server_time, e.body ${PAGE_ROWS} ORDER BY d.seq LIMIT ?`,
        [unitCode, cursor, newest, excludeDeviceId ?? '', limit],
      );
      const full = rows.length === limit;
      return {
        events: rows.map(storedEvent),
        nextCursor: full ? Number(rows[rows.length - 1]!.delivery_seq) : newest,
        hasMore: full,
      };
    },
    pullStored: async (unitCode, excludeDeviceId, cursor, limit, upTo): Promise<StoredPage> => {
      const unitNewest = await newestDelivery(unitCode);
      // Ending the page at `upTo` (the start of a stored segment) is safe: it was a delivery, so it is committed.
      const newest = upTo !== undefined && upTo > cursor && upTo < unitNewest ? upTo : unitNewest;
      if (newest <= cursor) return { lines: Buffer.alloc(0), count: 0, nextCursor: cursor, hasMore: false };
      // Joined by the database: a row per event made a JavaScript string of each body (decoding its UTF-8), which
      // with the rows' objects cost more than the whole page's encoding from the bytes.
      const line = "CAST(d.seq AS TEXT) || ' ' || CAST(e.server_seq AS TEXT) || ' ' || e.server_time || ' ' || e.body";
      const joined =
        driver.dialect === 'postgres'
          ? "convert_to(string_agg(line, E'\\n' ORDER BY seq), 'UTF8')"
          : // The rows come in the subquery's order; the encoder checks it by the delivery sequences.
            'CAST(group_concat(line, char(10)) AS BLOB)';
      const row = await driver.get<{ n: number; last: number | null; lines: Buffer | null }>(
        `SELECT count(*) AS n, max(seq) AS last, ${joined} AS lines FROM
           (SELECT d.seq AS seq, ${line} AS line ${PAGE_ROWS} ORDER BY d.seq LIMIT ?) page`,
        [unitCode, cursor, newest, excludeDeviceId ?? '', limit],
      );
      const count = Number(row?.n ?? 0);
      const full = count === limit;
      return {
        lines: row?.lines ?? Buffer.alloc(0),
        count,
        nextCursor: full ? Number(row!.last) : newest,
        hasMore: full || newest < unitNewest,
      };
    },
    newestDeliverySeq: async () =>
      Number((await driver.get<{ s: number | string | null }>('SELECT MAX(seq) AS s FROM deliveries'))?.s ?? 0),
    unitsDeliveredBetween: async (after, upTo) =>
      (
        await driver.all<{ unit_code: string }>(
          'SELECT DISTINCT unit_code FROM deliveries WHERE seq > ? AND seq <= ? ORDER BY unit_code',
          [after, upTo],
        )
      ).map((r) => r.unit_code),
    deliveredDevices: async (unitCode, fromSeq, toSeq) =>
      (
        await driver.all<{ device_id: string }>(
          `SELECT DISTINCT e.device_id FROM deliveries d JOIN events e ON e.server_seq = d.server_seq
             WHERE d.unit_code = ? AND d.seq > ? AND d.seq <= ? ORDER BY e.device_id`,
          [unitCode, fromSeq, toSeq],
        )
      ).map((r) => r.device_id),
    feedSegment: async (unitCode, fromSeq) => {
      const r = await driver.get<FeedSegmentRow>(
        `SELECT ${SEGMENT_INFO_COLUMNS}, body FROM feed_segments WHERE unit_code = ? AND from_seq = ?`,
        [unitCode, fromSeq],
      );
      return r && { ...toFeedSegmentInfo(r), body: r.body! };
    },
    feedSegmentInfo: async (unitCode, fromSeq) => {
      const r = await driver.get<FeedSegmentRow>(
        `SELECT ${SEGMENT_INFO_COLUMNS} FROM feed_segments WHERE unit_code = ? AND from_seq = ?`,
        [unitCode, fromSeq],
      );
      return r && toFeedSegmentInfo(r);
    },
    dropFeedSegmentsNotOf: (format) => driver.run('DELETE FROM feed_segments WHERE format <> ?', [format]),
    deliveryAt: async (unitCode, after, n) => {
      const r = await driver.get<{ seq: number | string }>(
        'SELECT seq FROM deliveries WHERE unit_code = ? AND seq > ? ORDER BY seq LIMIT 1 OFFSET ?',
        [unitCode, after, n - 1],
      );
      return r === undefined ? undefined : Number(r.seq);
    },
    nextFeedSegmentStart: async (unitCode, cursor) => {
      const r = await driver.get<{ s: number | string | null }>(
        'SELECT MIN(from_seq) AS s FROM feed_segments WHERE unit_code = ? AND from_seq > ?',
        [unitCode, cursor],
      );
      return r?.s === null || r?.s === undefined ? undefined : Number(r.s);
    },
    feedSegmentsEnd: async (unitCode) =>
      Number(
        (await driver.get<{ s: number | string | null }>('SELECT MAX(to_seq) AS s FROM feed_segments WHERE unit_code = ?', [
          unitCode,
        ]))?.s ?? 0,
      ),
    putFeedSegment: async (segment) => {
      await driver.run(
        `INSERT INTO feed_segments (unit_code, from_seq, to_seq, events, devices, format, body, built_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_code, from_seq) DO NOTHING`,
        [
          segment.unitCode,
          segment.fromSeq,
          segment.toSeq,
          segment.events,
          JSON.stringify(segment.devices),
          segment.format,
          segment.body,
          segment.builtAt,
        ],
      );
    },
    countDeliveries: async (unitCode, cursor) =>
      Number(
        (await driver.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM deliveries WHERE unit_code = ? AND seq > ?', [
          unitCode,
          cursor,
        ]))!.n,
      ),
    eventById: async (id) => {
      const r = await driver.get('SELECT server_seq, server_time, body FROM events WHERE id = ?', [id]);
      return r && storedEvent(r);
    },
    countEvents: async () => Number((await driver.get<{ n: number }>('SELECT COUNT(*) AS n FROM events'))!.n),
    dossier: (id) => loadDossier(driver, id),
    listQuarantine: async (limit) =>
      (
        await driver.all('SELECT * FROM quarantine ORDER BY at DESC, device_id, device_seq LIMIT ?', [limit])
      ).map((r) => ({
        deviceId: String(r.device_id),
        deviceSeq: Number(r.device_seq),
        eventId: String(r.id),
        dossierId: String(r.dossier_id),
        type: String(r.type),
        reasonCode: r.reason_code as QuarantineReasonCode,
        reason: { vi: String(r.reason_vi), en: String(r.reason_en) } satisfies LocalizedText,
        at: String(r.at),
      })) satisfies QuarantineRecord[],

    ownQuarantined: async (deviceId, limit) =>
      (
        await driver.all(
          'SELECT body, reason_code, reason_vi, reason_en FROM quarantine WHERE device_id = ? ORDER BY device_seq DESC LIMIT ?',
          [deviceId, limit],
        )
      )
        .reverse()
        .map((r) => ({
          event: JSON.parse(String(r.body)) as WireEvent,
          reasonCode: r.reason_code as QuarantineReasonCode,
          reason: { vi: String(r.reason_vi), en: String(r.reason_en) },
        })) satisfies OwnQuarantined[],

    documentHistory: async (kind) =>
      (await driver.all<{ body: string }>('SELECT body FROM documents WHERE kind = ? ORDER BY version', [kind])).map((r) => JSON.parse(String(r.body)) as unknown),
    document: async (kind): Promise<VersionedDocument | undefined> => {
      const r = await driver.get(
        'SELECT version, body, updated_at, updated_by FROM documents WHERE kind = ? ORDER BY version DESC LIMIT 1',
        [kind],
      );
      return (
        r && {
          version: Number(r.version),
          body: JSON.parse(String(r.body)),
          updatedAt: String(r.updated_at),
          updatedBy: String(r.updated_by),
        }
      );
    },
    // The compare happens under the transaction's lock (SQLite's write lock; on PostgreSQL the exclusive advisory
    // lock, taken before the read, so the read sees any publication committed before it). Were a publication to slip
    // past it, the (kind, version) key would still refuse a second row of the same version.
    putDocument: (kind, body, at, by, expectedVersion) =>
      driver.transaction(
        async (db): Promise<DocumentPublication> => {
          const top = await db.get<{ v: number | null }>(
            'SELECT MAX(version) AS v FROM documents WHERE kind = ?',
            [kind],
          );
          const current = Number(top?.v ?? 0);
          if (expectedVersion !== undefined && expectedVersion !== current) return { published: false, currentVersion: current };
          const version = current + 1;
          await db.run(
            'INSERT INTO documents (kind, version, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)',
            [kind, version, JSON.stringify(body), at, by],
          );
          return { published: true, version };
        },
        { exclusive: true },
      ),

    blobUpload: (sha256, unitCode) => uploadState(driver, sha256, unitCode),
    startBlobUpload: (sha256, size, unitCode, deviceId, at) =>
      driver.transaction(async (db) => {
        const existing = await uploadState(db, sha256, unitCode);
        if (existing) return existing;
        await db.run(
          'INSERT INTO blob_uploads (sha256, unit_code, size, received, device_id, started_at) VALUES (?, ?, ?, 0, ?, ?)',
          [sha256, unitCode, size, deviceId, at],
        );
        return { sha256, size, received: 0, complete: false };
      }),
    openUploadBytes: async (deviceId) => {
      const row = await driver.get<{ n: number | string | null }>('SELECT SUM(size) AS n FROM blob_uploads WHERE device_id = ?', [deviceId]);
      return Number(row?.n ?? 0);
    },
    discardUploadsStartedBefore: (before) =>
      driver.transaction(async (db) => {
        const stale = await db.all<{ sha256: string; unit_code: string }>('SELECT sha256, unit_code FROM blob_uploads WHERE started_at < ?', [before]);
        for (const u of stale) await deleteUpload(db, u.sha256, u.unit_code);
        return stale.length;
      }),
    appendBlobChunk: (sha256, unitCode, offset, data) =>
      driver.transaction(async (db) => {
        const state = await uploadState(db, sha256, unitCode);
        if (!state || state.complete || state.received !== offset || offset + data.length > state.size)
          return undefined;
        await db.run('INSERT INTO blob_chunks (sha256, unit_code, chunk_start, data) VALUES (?, ?, ?, ?)', [
          sha256,
          unitCode,
          offset,
          data,
        ]);
        await db.run('UPDATE blob_uploads SET received = ? WHERE sha256 = ? AND unit_code = ?', [
          offset + data.length,
          sha256,
          unitCode,
        ]);
        return { ...state, received: offset + data.length };
      }),
    uploadedBytes: async (sha256, unitCode) => {
      const chunks = await driver.all<{ data: Buffer }>(
        'SELECT data FROM blob_chunks WHERE sha256 = ? AND unit_code = ? ORDER BY chunk_start',
        [sha256, unitCode],
      );
      return Buffer.concat(chunks.map((c) => c.data));
    },
    commitBlob: (sha256, unitCode, data, uploadedBy, at) =>
      driver.transaction(async (db) => {
        // The bytes another unit already stored are the same bytes (same hash): kept once, one more holder.
        await db.run(
          'INSERT INTO blobs (sha256, size, data, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
          [sha256, data.length, data, uploadedBy, at],
        );
        await db.run('INSERT INTO blob_holders (sha256, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING', [
          sha256,
          unitCode,
        ]);
        await deleteUpload(db, sha256, unitCode);
      }),
    discardBlobUpload: (sha256, unitCode) => driver.transaction((db) => deleteUpload(db, sha256, unitCode)),
    blob: async (sha256) => {
      const r = await driver.get<{ size: number; data: Buffer; uploaded_by: string | null }>(
        'SELECT size, data, uploaded_by FROM blobs WHERE sha256 = ?',
        [sha256],
      );
      return r && { size: Number(r.size), data: r.data, uploadedBy: r.uploaded_by };
    },
    blobSize: async (sha256) => {
      // `size` comes before `data` in the row: neither database reads the file's pages to answer.
      const r = await driver.get<{ size: number }>('SELECT size FROM blobs WHERE sha256 = ?', [sha256]);
      return r && Number(r.size);
    },
    blobBytes: async (sha256, start, end) => {
      // substr counts from 1 on both databases and stops at the blob's end. PostgreSQL fetches only the slice's
      // TOAST chunks of a value it stored uncompressed (a scan, which does not compress); SQLite still loads the
      // row's value but hands over only the slice (better-sqlite3 has no incremental blob reads).
      const r = await driver.get<{ data: Buffer | null }>('SELECT substr(data, ?, ?) AS data FROM blobs WHERE sha256 = ?', [
        start + 1,
        Math.max(0, end - start),
        sha256,
      ]);
      return r && (r.data ?? Buffer.alloc(0));
    },
    blobReadableBy: async (sha256, unitCode) => {
      if (await driver.get('SELECT 1 AS x FROM blob_holders WHERE sha256 = ? AND unit_code = ?', [sha256, unitCode]))
        return true;
      // Attached by a holder: an accepted event of a visible dossier, from a desk of a unit that holds the blob,
      // names it (a 64-digit hash in an event's JSON is that event naming it). blob_refs says which dossiers refer
      // to it; the holder's event says the reference is not a guessed hash. An event from a device of no unit (the
      // import) speaks for the dossier's own unit, as schema 4's backfill reads it.
      const names = driver.dialect === 'postgres' ? 'strpos(e.body, r.sha256) > 0' : 'instr(e.body, r.sha256) > 0';
      return (
        (await driver.get(
          `SELECT 1 AS x FROM blob_refs r
             JOIN dossier_units v ON v.dossier_id = r.dossier_id
             JOIN dossiers x ON x.id = r.dossier_id
             JOIN events e ON e.dossier_id = r.dossier_id
             LEFT JOIN devices d ON d.id = e.device_id
             JOIN blob_holders h ON h.sha256 = r.sha256 AND h.unit_code = COALESCE(NULLIF(d.unit_code, ''), x.unit_code)
           WHERE r.sha256 = ? AND v.unit_code = ? AND ${names} LIMIT 1`,
          [sha256, unitCode],
        )) !== undefined
      );
    },

    putUser: async (u) =>
      void (await driver.run(
        'INSERT INTO users (username, name, role, password_hash, created_at, disabled_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET name = excluded.name, role = excluded.role, password_hash = excluded.password_hash, disabled_at = excluded.disabled_at',
        [u.username, u.name, u.role, u.passwordHash, u.createdAt, u.disabledAt],
      )),
    user: async (username) => {
      const r = await driver.get('SELECT * FROM users WHERE username = ?', [username]);
      return r && toUser(r);
    },
    listUsers: async () => (await driver.all('SELECT * FROM users ORDER BY username')).map(toUser),
    disableUser: async (username, at) =>
      (await driver.run('UPDATE users SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL', [
        at,
        username,
      ])) === 1,
  };
}
