/**
 * Checks every device's hash chain. This desk's own chain must be complete from sequence 1; other devices' events
 * reach a desk only for dossiers in its scope, so their chains have gaps, and only unbroken runs are linked.
 */
import type { Db } from '../db/open-database';
import { envelopeOf, eventFromRow, type EventRow } from './event-rows';
import { eventHash } from './hash';

export interface BrokenLink {
  eventId: string;
  deviceId: string;
  deviceSeq: number;
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'unreadable';
}

export interface ChainReport {
  sound: boolean;
  devices: { deviceId: string; events: number }[];
  brokenLink: BrokenLink | null;
}

export function verifyChains(db: Db, ownDeviceId: string | null): ChainReport {
  const devices: ChainReport['devices'] = [];
  const deviceIds = db.prepare<[], { device_id: string }>('SELECT DISTINCT device_id FROM events ORDER BY device_id').all();
  const rowsOf = db.prepare<[string], EventRow>('SELECT * FROM events WHERE device_id = ? ORDER BY device_seq');
  for (const { device_id: deviceId } of deviceIds) {
    let previous: { seq: number; hash: string } | null = null;
    let count = 0;
    const complete = deviceId === ownDeviceId;
    for (const row of rowsOf.iterate(deviceId)) {
      count += 1;
      const link = { eventId: row.id, deviceId, deviceSeq: row.device_seq };
      let recomputed: string;
      try {
        recomputed = eventHash(envelopeOf(eventFromRow(row)));
      } catch {
        return { sound: false, devices, brokenLink: { ...link, problem: 'unreadable' } };
      }
      if (recomputed !== row.hash) return { sound: false, devices, brokenLink: { ...link, problem: 'hash_mismatch' } };
      const expectedSeq: number = previous ? previous.seq + 1 : 1;
      if (row.device_seq === expectedSeq) {
        const expectedPrev = previous ? previous.hash : null;
        if (row.prev_hash !== expectedPrev) return { sound: false, devices, brokenLink: { ...link, problem: 'prev_hash_mismatch' } };
      } else if (complete) {
        return { sound: false, devices, brokenLink: { ...link, problem: 'sequence_gap' } };
      }
      previous = { seq: row.device_seq, hash: row.hash };
    }
    devices.push({ deviceId, events: count });
  }
  return { sound: true, devices, brokenLink: null };
}
