/**
 * What the desk knows of real time without asking the server now, read from its own database: the server's times
 * it has kept (its last answer, the last success, the latest time it accepted an event) and the latest times this
 * desk stamped on work not yet sent. With the measurement (live or kept), judgeClock (clock-skew.ts) tells whether
 * the PC's clock is wrong, online or offline, before and after a restart.
 *
 * Other desks' device times are not evidence: they are other PCs' clocks, and one PC running fast must not make
 * every desk of the unit warn.
 */
import type { ClockCheckView } from '../../../shared/api/desk-views';
import type { Db } from '../db/open-database';
import { judgeClock, type ClockEvidence, type ClockReading } from './clock-skew';
import type { SyncMeta } from './sync-meta';

/**
 * Own unsent events looked at, the latest first: a bounded read on the outbox index, however long the desk has
 * been offline. A clerk who keeps working on a clock set back writes new events stamped earlier; it takes this many
 * before the last one stamped right is out of sight.
 */
const OWN_EVENTS_LOOKED_AT = 1000;

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The two reads, prepared once for each database: the sync status is computed at every round, event and poll. Keyed by
 * the database itself, because the desk opens another one after a restore (SyncMeta takes a getter for the same reason).
 */
function prepareReads(db: Db) {
  return {
    // Server sequence and server time rise together: the latest accepted event is one look-up on the unique index.
    latestAccepted: db.prepare<[], { server_time: string | null }>(
      'SELECT server_time FROM events WHERE server_seq IS NOT NULL ORDER BY server_seq DESC LIMIT 1',
    ),
    latestOwnPending: db.prepare<[string, number], { at: string | null }>(
      `SELECT max(device_time) AS at FROM (SELECT device_time FROM events WHERE device_id = ? AND sync_state = 'pending'
         ORDER BY device_seq DESC LIMIT ?)`,
    ),
  };
}
const readsByDb = new WeakMap<Db, ReturnType<typeof prepareReads>>();

export function readClockEvidence(db: Db, meta: SyncMeta, deviceId: string | null): ClockEvidence {
  let reads = readsByDb.get(db);
  if (!reads) readsByDb.set(db, (reads = prepareReads(db)));
  let serverTime = later(meta.clockReading?.serverTime ?? null, meta.lastSyncAt);
  serverTime = later(serverTime, reads.latestAccepted.get()?.server_time ?? null);
  const ownPendingTime = deviceId === null ? null : (reads.latestOwnPending.get(deviceId, OWN_EVENTS_LOOKED_AT)?.at ?? null);
  return { serverTime, ownPendingTime };
}

/**
 * The desk's verdict on its clock now: `live` is the sync client's measurement of this run, if any; else the one
 * kept in the database is weighed (believed for a while after it was taken).
 */
export function deskClockCheck(db: Db, meta: SyncMeta, deviceId: string | null, nowMs: number, live: ClockReading | null): ClockCheckView | null {
  const kept = live ? null : meta.clockReading;
  const reading = live ? { ...live, live: true } : kept ? { ...kept, live: false } : null;
  return judgeClock(nowMs, reading, readClockEvidence(db, meta, deviceId));
}
