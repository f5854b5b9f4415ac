/**
 * Who this desk is: its device id (the author of its events), its unit and its desk number (which fixes its
 * dossier-code partition). Enrolment with the server sets it; until then an administrator may set a local one.
 */
import { randomUUID } from 'node:crypto';
import { appFailure } from '../../../shared/result';
import type { Db } from '../db/open-database';

export interface DeskIdentity {
  deviceId: string;
  unitCode: string;
  deskNumber: number;
  source: 'local' | 'enrolled';
}

interface IdentityRow {
  device_id: string;
  unit_code: string;
  desk_number: number;
  source: 'local' | 'enrolled';
}

export function readIdentity(db: Db): DeskIdentity | null {
  const row = db.prepare<[], IdentityRow>('SELECT device_id, unit_code, desk_number, source FROM device_identity').get();
  return row ? { deviceId: row.device_id, unitCode: row.unit_code, deskNumber: row.desk_number, source: row.source } : null;
}

function eventsOfDevice(db: Db, deviceId: string): number {
  return db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE device_id = ?').get(deviceId)!.n;
}

function write(db: Db, identity: DeskIdentity, at: string): DeskIdentity {
  db.prepare(
    `INSERT INTO device_identity (singleton, device_id, unit_code, desk_number, source, set_at) VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT (singleton) DO UPDATE SET device_id = excluded.device_id, unit_code = excluded.unit_code,
       desk_number = excluded.desk_number, source = excluded.source, set_at = excluded.set_at`,
  ).run(identity.deviceId, identity.unitCode, identity.deskNumber, identity.source, at);
  return identity;
}

const identityInUse = () =>
  appFailure(
    'identity_in_use',
    'Quầy đã tạo hồ sơ với mã định danh hiện tại nên không thể đổi đơn vị hoặc số quầy.',
    'This desk has already recorded dossiers under its current identity; its unit and desk number can no longer change.',
  );

/** A local (not yet enrolled) identity for a demo or a desk working before enrolment. */
export function setLocalIdentity(db: Db, input: { unitCode: string; deskNumber: number }, at: string): DeskIdentity {
  const current = readIdentity(db);
  if (current?.source === 'enrolled') {
    throw appFailure('already_enrolled', 'Quầy đã được đăng ký với máy chủ.', 'This desk is already enrolled with the server.');
  }
  if (current && eventsOfDevice(db, current.deviceId) > 0) {
    if (current.unitCode === input.unitCode && current.deskNumber === input.deskNumber) return current;
    throw identityInUse();
  }
  return write(db, { deviceId: current?.deviceId ?? randomUUID(), ...input, source: 'local' }, at);
}

/**
 * The identity the server gave at enrolment. A desk that already wrote events under a local id keeps its chain only
 * if the server keeps that id, so a different id is refused once events exist.
 */
export function setEnrolledIdentity(db: Db, identity: Omit<DeskIdentity, 'source'>, at: string): DeskIdentity {
  const current = readIdentity(db);
  if (current && current.deviceId !== identity.deviceId && eventsOfDevice(db, current.deviceId) > 0) throw identityInUse();
  return write(db, { ...identity, source: 'enrolled' }, at);
}
