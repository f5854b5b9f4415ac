/**
 * What a SQLite restore takes over from the database it replaces: the administrator's registry, which no desk can
 * send back. Desks re-send their events after a restore (new epoch), but not the server's own decisions made since
 * the backup: a desk revoked because its PC was stolen would sync again, a desk created or enrolled since would be
 * refused as unknown (and told to enrol again under a new device id), a unit added since would be gone, and a
 * catalog or calendar version published since would never reach desks that already hold it.
 *
 * Carried: units (added or renamed), desk devices (enrolment, secret, revocation; a desk the backup lacks comes in
 * with no accepted sequence, so its re-sent events are all taken), catalog and calendar versions, server users, the
 * public lookup address desks print.
 * Also carried: the national portal's submissions since the backup, the dossiers `motcua import` brought in since, and
 * the events of desks revoked in the replaced database. No one sends them again (the portal and the import are the
 * server's own devices; a revoked desk is refused), a sequence of theirs handed out again would collide with the
 * events desks already hold (a district desk that had pulled an import stopped syncing for good: QA), and a desk that
 * pulled such a dossier would wait for ever to act on it.
 * Not carried: the other desks' events, quarantine, their deliveries and blobs — the desks re-send those, and the
 * server deduplicates.
 * The server sequence goes on from the replaced database's, not from the backup's: the publication feed numbers each
 * public change with it, and a portal that had read up to the replaced database's last number asks only for what
 * comes after it. Numbered again from the backup's, the changes desks re-send (and a dossier received while the
 * server was down) would take numbers the portal has passed, and never be published (QA). The gap is harmless: every
 * reader of the sequence asks for "after N", none counts on it being dense.
 */
import Database from 'better-sqlite3';
import { IMPORT_DEVICE_ID } from '../import/line-to-events';

export interface CarriedRegistry {
  /** Desks created after the backup (their devices were missing from it). */
  desksAdded: number;
  /** Desks revoked after the backup: revoked again in the restored database. */
  revocations: number;
  /** Units the backup lacked or named differently. */
  unitsChanged: number;
  /** Catalog and calendar versions published after the backup. */
  documentsAdded: number;
  /** Online submissions the national portal made after the backup, appended again. */
  portalSubmissions: number;
  /** Server users the backup lacked or held otherwise (name, role, password, disabled). */
  usersChanged: number;
  /** Events of desks revoked in the replaced database, appended again: those desks can never send them. */
  revokedDeskEvents: number;
  /** Dossiers `motcua import` brought in after the backup, appended again with their events. */
  importedDossiers: number;
}

interface CarriedEventRow {
  id: string;
  dossier_id: string;
  device_id: string;
  device_seq: number;
  type: string;
  hash: string;
  server_time: string;
  body: string;
}

/**
 * Appends a device's events the restored database lacks, as a push does (sql-storage.ts createDossier, addDossierUnit,
 * appendEvent, setDeviceHead): a new server sequence each, delivered to the dossier's units. For the devices that
 * will never send them again: the portal (the server's own device) and desks revoked in the replaced database (a
 * stolen PC). Without them, a desk that had pulled such a dossier and acts on it after the restore waited for ever
 * for the server to know the dossier ("dossier_unknown"), holding all its later work behind it.
 *
 * A dossier the restored database lacks comes back with the row the replaced one had (its code, portal reference and
 * creating unit; no code when another dossier took it meanwhile), and each unit the replaced database had for it is
 * added with the dossier's events delivered to it; transfers made since by desks that sync come back with their
 * re-sent events, as usual.
 */
function carryDeviceEvents(db: Database.Database, deviceId: string): number {
  const held = db.prepare('SELECT last_seq FROM main.devices WHERE id = ?').get(deviceId) as { last_seq: number } | undefined;
  if (!held) return 0;
  const missing = db
    .prepare(
      `SELECT id, dossier_id, device_id, device_seq, type, hash, server_time, body FROM replaced.events
        WHERE device_id = ? AND device_seq > ? ORDER BY device_seq`,
    )
    .all(deviceId, held.last_seq) as CarriedEventRow[];
  const next = db.prepare('UPDATE main.counters SET value = value + 1 WHERE name = ? RETURNING value');
  const counter = (name: 'server_seq' | 'delivery_seq') => Number((next.get(name) as { value: number }).value);
  const dossierHeld = db.prepare('SELECT 1 AS x FROM main.dossiers WHERE id = ?');
  const replacedDossier = db.prepare('SELECT unit_code, code, portal_ref FROM replaced.dossiers WHERE id = ?');
  const codeTaken = db.prepare('SELECT 1 AS x FROM main.dossiers WHERE code = ?');
  const createDossier = db.prepare('INSERT INTO main.dossiers (id, unit_code, code, portal_ref) VALUES (?, ?, ?, ?)');
  const replacedUnits = db.prepare('SELECT unit_code FROM replaced.dossier_units WHERE dossier_id = ? ORDER BY unit_code');
  const addUnit = db.prepare('INSERT INTO main.dossier_units (dossier_id, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const pastEvents = db.prepare('SELECT server_seq FROM main.events WHERE dossier_id = ? ORDER BY server_seq');
  const insertEvent = db.prepare(
    `INSERT INTO main.events (server_seq, id, dossier_id, device_id, device_seq, type, hash, server_time, body)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const unitsOf = db.prepare('SELECT unit_code FROM main.dossier_units WHERE dossier_id = ? ORDER BY unit_code');
  const deliver = db.prepare('INSERT INTO main.deliveries (seq, unit_code, server_seq) VALUES (?, ?, ?)');
  const eventHeld = db.prepare('SELECT 1 AS x FROM main.events WHERE id = ?');
  let appended = 0;
  for (const e of missing) {
    if (eventHeld.get(e.id)) continue;
    if (!dossierHeld.get(e.dossier_id)) {
      const d = replacedDossier.get(e.dossier_id) as { unit_code: string; code: string | null; portal_ref: string | null } | undefined;
      // Every event's dossier has its row in the replaced database; one without is not ours to guess.
      if (!d) continue;
      createDossier.run(e.dossier_id, d.unit_code, d.code !== null && codeTaken.get(d.code) ? null : d.code, d.portal_ref);
      addUnit.run(e.dossier_id, d.unit_code);
    }
    for (const { unit_code: unit } of replacedUnits.all(e.dossier_id) as { unit_code: string }[]) {
      if (addUnit.run(e.dossier_id, unit).changes === 0) continue;
      for (const past of pastEvents.all(e.dossier_id) as { server_seq: number }[])
        deliver.run(counter('delivery_seq'), unit, past.server_seq);
    }
    const serverSeq = counter('server_seq');
    // The body is stored as it was (canonical key order, without the server's fields), and so is the time the
    // server first received it: the event's time does not change with the restore.
    insertEvent.run(serverSeq, e.id, e.dossier_id, e.device_id, e.device_seq, e.type, e.hash, e.server_time, e.body);
    for (const u of unitsOf.all(e.dossier_id) as { unit_code: string }[])
      deliver.run(counter('delivery_seq'), u.unit_code, serverSeq);
    appended += 1;
  }
  // The device goes on from its own last sequence: the portal never takes one a desk already holds.
  db.prepare(
    `UPDATE main.devices SET last_seq = r.last_seq, last_hash = r.last_hash
      FROM (SELECT last_seq, last_hash FROM replaced.devices WHERE id = ?) AS r
      WHERE main.devices.id = ? AND r.last_seq > main.devices.last_seq`,
  ).run(deviceId, deviceId);
  return appended;
}

/** This server's portal device, as the restored database (`main`) or the replaced one names it. */
function portalDevice(db: Database.Database, schema: 'main' | 'replaced'): string | undefined {
  return (db.prepare(`SELECT value FROM ${schema}.meta WHERE key = 'portal_device'`).get() as { value: string } | undefined)?.value;
}

/** Whether the replaced database is this server's: another server's, or one from before the portal device, is not. */
function sameServer(db: Database.Database): boolean {
  const portalId = portalDevice(db, 'main');
  return portalId !== undefined && portalId === portalDevice(db, 'replaced');
}

/** The portal's submissions since the backup: the server's own device, which no desk sends back. */
function carryPortalEvents(db: Database.Database): number {
  return sameServer(db) ? carryDeviceEvents(db, portalDevice(db, 'main')!) : 0;
}

/**
 * The dossiers `motcua import` brought in since the backup: the import's device (server/import/line-to-events.ts) is the
 * server's own, like the portal's. A backup made before the first import lacks the device: it comes in with no
 * sequence taken, then goes on from the replaced database's. Returns how many dossiers came back.
 */
function carryImportedEvents(db: Database.Database): number {
  // The import's device has the same id on every server: the portal's, random per server, says whether the replaced
  // database is this server's (a backup restored over another district's database takes nothing of its imports).
  if (!sameServer(db)) return 0;
  db.prepare(
    `INSERT INTO main.devices (id, kind, unit_code, desk_number, name, enrol_code_hash, enrol_expires_at,
        secret_hash, created_at, enrolled_at, revoked_at, last_seq, last_hash)
      SELECT id, kind, unit_code, desk_number, name, enrol_code_hash, enrol_expires_at,
        secret_hash, created_at, enrolled_at, revoked_at, 0, NULL
      FROM replaced.devices r WHERE r.id = ? AND NOT EXISTS (SELECT 1 FROM main.devices m WHERE m.id = r.id)`,
  ).run(IMPORT_DEVICE_ID);
  const before = (db.prepare('SELECT count(*) AS n FROM main.dossiers').get() as { n: number }).n;
  carryDeviceEvents(db, IMPORT_DEVICE_ID);
  return (db.prepare('SELECT count(*) AS n FROM main.dossiers').get() as { n: number }).n - before;
}

/** The events of the desks revoked in the replaced database: a revoked device can never send them again. */
function carryRevokedDeskEvents(db: Database.Database): number {
  const revoked = db
    .prepare("SELECT id FROM replaced.devices WHERE kind = 'desk' AND revoked_at IS NOT NULL ORDER BY id")
    .pluck()
    .all() as string[];
  return revoked.reduce((n, id) => n + carryDeviceEvents(db, id), 0);
}

/** Copies the registry and the portal's submissions from `replacedFile` (a server database) into `restoredFile`, in one transaction. */
export function carryRegistry(restoredFile: string, replacedFile: string): CarriedRegistry {
  const db = new Database(restoredFile, { fileMustExist: true });
  try {
    db.prepare('ATTACH DATABASE ? AS replaced').run(replacedFile);
    return db.transaction((): CarriedRegistry => {
      const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
      // First: the events carried below, and all those desks re-send, are numbered past anything published.
      db.exec(`
        UPDATE main.counters SET value = r.value
          FROM (SELECT value FROM replaced.counters WHERE name = 'server_seq') AS r
          WHERE main.counters.name = 'server_seq' AND main.counters.value < r.value;
      `);
      const unitsChanged = count(
        `SELECT count(*) AS n FROM replaced.units r LEFT JOIN main.units m ON m.code = r.code
          WHERE m.code IS NULL OR m.name IS NOT r.name OR m.level IS NOT r.level OR m.parent_code IS NOT r.parent_code`,
      );
      const desksAdded = count(
        `SELECT count(*) AS n FROM replaced.devices r WHERE r.kind = 'desk'
          AND NOT EXISTS (SELECT 1 FROM main.devices m WHERE m.id = r.id)`,
      );
      const revocations = count(
        `SELECT count(*) AS n FROM replaced.devices r LEFT JOIN main.devices m ON m.id = r.id
          WHERE r.kind = 'desk' AND r.revoked_at IS NOT NULL AND m.revoked_at IS NULL`,
      );
      const documentsAdded = count(
        `SELECT count(*) AS n FROM replaced.documents r
          WHERE NOT EXISTS (SELECT 1 FROM main.documents m WHERE m.kind = r.kind AND m.version = r.version)`,
      );
      const usersChanged = count(
        `SELECT count(*) AS n FROM replaced.users r LEFT JOIN main.users m ON m.username = r.username
          WHERE m.username IS NULL OR m.name IS NOT r.name OR m.role IS NOT r.role
            OR m.password_hash IS NOT r.password_hash OR m.disabled_at IS NOT r.disabled_at`,
      );
      db.exec(`
        INSERT INTO main.units (code, name, level, parent_code)
          SELECT code, name, level, parent_code FROM replaced.units WHERE true
          ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code;
        -- A desk the backup knows keeps the backup's accepted sequence (it matches the backup's events); its
        -- identity, secret and revocation are today's.
        UPDATE main.devices SET
            name = r.name, enrol_code_hash = r.enrol_code_hash, enrol_expires_at = r.enrol_expires_at,
            secret_hash = r.secret_hash, enrolled_at = r.enrolled_at, revoked_at = r.revoked_at
          FROM (SELECT * FROM replaced.devices WHERE kind = 'desk') AS r
          WHERE main.devices.id = r.id;
        INSERT INTO main.devices (id, kind, unit_code, desk_number, name, enrol_code_hash, enrol_expires_at,
            secret_hash, created_at, enrolled_at, revoked_at, last_seq, last_hash)
          SELECT id, kind, unit_code, desk_number, name, enrol_code_hash, enrol_expires_at,
            secret_hash, created_at, enrolled_at, revoked_at, 0, NULL
          FROM replaced.devices r WHERE r.kind = 'desk' AND NOT EXISTS (SELECT 1 FROM main.devices m WHERE m.id = r.id);
        INSERT INTO main.documents (kind, version, body, updated_at, updated_by)
          SELECT kind, version, body, updated_at, updated_by FROM replaced.documents WHERE true
          ON CONFLICT (kind, version) DO NOTHING;
        -- The lookup address desks print: today's, as an administrator last set it.
        INSERT INTO main.meta (key, value)
          SELECT key, value FROM replaced.meta WHERE key = 'lookup_address'
          ON CONFLICT (key) DO UPDATE SET value = excluded.value;
        INSERT INTO main.users (username, name, role, password_hash, created_at, disabled_at)
          SELECT username, name, role, password_hash, created_at, disabled_at FROM replaced.users WHERE true
          ON CONFLICT (username) DO UPDATE SET name = excluded.name, role = excluded.role,
            password_hash = excluded.password_hash, disabled_at = excluded.disabled_at;
      `);
      // The server's own writers first: a revoked desk's deed on an imported or submitted dossier comes after the
      // dossier's creation, as it came (review: a withdrawal was numbered before the import's reception).
      const portalSubmissions = carryPortalEvents(db);
      const importedDossiers = carryImportedEvents(db);
      const revokedDeskEvents = carryRevokedDeskEvents(db);
      return { desksAdded, revocations, unitsChanged, documentsAdded, portalSubmissions, usersChanged, revokedDeskEvents, importedDossiers };
    })();
  } finally {
    db.close();
  }
}
