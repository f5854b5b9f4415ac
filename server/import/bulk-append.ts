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

async function insertRows(db: SqlExecutor, table: string, columns: string[], rows: SqlValue[][], suffix = ''): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const chunk = rows.slice(i, i + CHUNK_ROWS);
    const one = `(${columns.map(() => '?').join(', ')})`;
    await db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => one).join(', ')}${suffix}`, chunk.flat());
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
  await insertRows(db, 'dossiers', ['id', 'unit_code', 'code', 'portal_ref'], dossiers.map((d) => [d.id, d.unitCode, d.code, d.portalRef]));
  const unitRows = dossiers.flatMap((d) => [...new Set([d.unitCode, ...d.extraUnits])].map((u) => [d.id, u]));
  await insertRows(db, 'dossier_units', ['dossier_id', 'unit_code'], unitRows);

  let serverSeq = await reserve(db, 'server_seq', eventCount);
  const first = serverSeq;
  const eventRows: SqlValue[][] = [];
  const deliveries: [string, number][] = [];
  for (const d of dossiers) {
    const units = [...new Set([d.unitCode, ...d.extraUnits])].sort();
    for (const e of d.events) {
      eventRows.push([serverSeq, e.id, d.id, deviceId, e.deviceSeq, e.type, e.hash, serverTime, e.body]);
      for (const u of units) deliveries.push([u, serverSeq]);
      serverSeq += 1;
    }
  }
  await insertRows(db, 'events', ['server_seq', 'id', 'dossier_id', 'device_id', 'device_seq', 'type', 'hash', 'server_time', 'body'], eventRows);
  let deliverySeq = await reserve(db, 'delivery_seq', deliveries.length);
  await insertRows(db, 'deliveries', ['seq', 'unit_code', 'server_seq'], deliveries.map(([u, s]) => [deliverySeq++, u, s]));
  const refs = dossiers.flatMap((d) => [...new Set(d.blobRefs)].map((sha) => [sha, d.id]));
  if (refs.length > 0) await insertRows(db, 'blob_refs', ['sha256', 'dossier_id'], refs, ' ON CONFLICT DO NOTHING');
  await db.run('UPDATE devices SET last_seq = ?, last_hash = ? WHERE id = ?', [head.seq, head.hash, deviceId]);
  return { firstServerSeq: first, lastServerSeq: serverSeq - 1 };
}
