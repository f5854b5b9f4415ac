/**
 * Writes a batch of imported dossiers with a handful of multi-row statements instead of several statements per
 * event: a district's 52,772 dossiers (≈200,000 events) must import in seconds, and the per-event SyncTx path
 * costs about a millisecond per event. It writes exactly what SyncTx.createDossier / appendEvent / setDeviceHead
 * write (server/storage/sql-storage.ts) — same tables, same sequence counters, same delivery to the dossier's
 * units — inside one exclusive transaction, so sequences stay in commit order. tests/import checks the result
 * through the storage's own reads (pull, device head). If the sync tables change, this file changes with them;
 * a batch append on the storage contract would remove the duplication (noted for the server's owner).
 */
import type { SqlExecutor, SqlValue } from '../storage/sql-driver';

export interface BulkDossier {
  id: string;
  unitCode: string;
  code: string;
  portalRef: string | null;
  /** Units the dossier is visible to besides its own (transfers to a unit code). */
  extraUnits: string[];
  events: { id: string; deviceSeq: number; type: string; hash: string; body: string }[];
  blobRefs: string[];
}

const CHUNK_ROWS = 400;

/**
 * Inserts rows given as one flat list of values, `columns.length` per row, in statements of CHUNK_ROWS rows: the
 * values go straight to the statement, with no array per row (≈ 300,000 rows per district's year).
 */
async function insertRows(db: SqlExecutor, table: string, columns: string[], values: SqlValue[], suffix = ''): Promise<void> {
  const width = columns.length;
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let from = 0; from < values.length; from += CHUNK_ROWS * width) {
    const params = values.slice(from, from + CHUNK_ROWS * width);
    const rows = params.length / width;
    await db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}${suffix}`, params);
  }
}

/** Takes `n` numbers from a counter; returns the first. */
async function reserve(db: SqlExecutor, counter: 'server_seq' | 'delivery_seq', n: number): Promise<number> {
  const row = await db.get<{ value: number }>('UPDATE counters SET value = value + ? WHERE name = ? RETURNING value', [n, counter]);
  return Number(row!.value) - n + 1;
}

/**
 * Appends the dossiers' events for `deviceId`, whose chain head becomes (`headSeq`, `headHash`).
 * Returns the server sequence range the events got.
 */
export async function bulkAppend(
  db: SqlExecutor,
  deviceId: string,
  dossiers: readonly BulkDossier[],
  serverTime: string,
  head: { seq: number; hash: string },
): Promise<{ firstServerSeq: number; lastServerSeq: number }> {
  const eventCount = dossiers.reduce((n, d) => n + d.events.length, 0);
  if (eventCount === 0) return { firstServerSeq: 0, lastServerSeq: 0 };
  const dossierValues: SqlValue[] = [];
  const unitValues: SqlValue[] = [];
  const refValues: SqlValue[] = [];
  const unitsOf: string[][] = [];
  for (const d of dossiers) {
    dossierValues.push(d.id, d.unitCode, d.code, d.portalRef);
    const units = [...new Set([d.unitCode, ...d.extraUnits])];
    for (const u of units) unitValues.push(d.id, u);
    unitsOf.push(units.sort());
    for (const sha of new Set(d.blobRefs)) refValues.push(sha, d.id);
  }
  await insertRows(db, 'dossiers', ['id', 'unit_code', 'code', 'portal_ref'], dossierValues);
  await insertRows(db, 'dossier_units', ['dossier_id', 'unit_code'], unitValues);

  // Both ranges are taken before the event and delivery rows are built (the transaction is exclusive, so the order
  // of the two reservations changes no number): each event's delivery rows then get their sequence as they are made.
  let serverSeq = await reserve(db, 'server_seq', eventCount);
  const first = serverSeq;
  const deliveryCount = dossiers.reduce((n, d, i) => n + d.events.length * unitsOf[i]!.length, 0);
  let deliverySeq = await reserve(db, 'delivery_seq', deliveryCount);
  const eventValues: SqlValue[] = [];
  const deliveryValues: SqlValue[] = [];
  dossiers.forEach((d, i) => {
    const units = unitsOf[i]!;
    for (const e of d.events) {
      eventValues.push(serverSeq, e.id, d.id, deviceId, e.deviceSeq, e.type, e.hash, serverTime, e.body);
      for (const u of units) deliveryValues.push(deliverySeq++, u, serverSeq);
      serverSeq += 1;
    }
  });
  await insertRows(db, 'events', ['server_seq', 'id', 'dossier_id', 'device_id', 'device_seq', 'type', 'hash', 'server_time', 'body'], eventValues);
  await insertRows(db, 'deliveries', ['seq', 'unit_code', 'server_seq'], deliveryValues);
  if (refValues.length > 0) await insertRows(db, 'blob_refs', ['sha256', 'dossier_id'], refValues, ' ON CONFLICT DO NOTHING');
  await db.run('UPDATE devices SET last_seq = ?, last_hash = ? WHERE id = ?', [head.seq, head.hash, deviceId]);
  return { firstServerSeq: first, lastServerSeq: serverSeq - 1 };
}
