/** Creating desks and their one-time enrolment codes: used by the admin HTTP API and by `motcua server create-desk`. */
import { randomUUID } from 'node:crypto';
import { toVnIso } from '../../shared/calendar/vn-time';
import type { DeviceFork, DeviceRecord, ServerStorage } from '../storage/contract';
import { HttpProblem } from '../http-problem';
import { enrolmentCodeHash, newEnrolmentCode } from '../secrets';
import type { CreateDeskInput } from './schemas';

/** An enrolment code is good for a week: long enough to reach a commune office, short enough not to linger. */
const ENROLMENT_CODE_DAYS = 7;

export interface CreatedDesk {
  deviceId: string;
  unitCode: string;
  deskNumber: number;
  enrolmentCode: string;
  expiresAt: string;
}

/** A desk as the administrator is shown it: no secrets, and whether a second PC was seen working as it. */
export type DeskShown = Omit<DeviceRecord, 'secretHash' | 'lastHash'> & {
  /** `id` again, under the name POST /v1/admin/desks answers with and `revoke-desk --device` asks for. */
  deviceId: string;
  /** The first push that reused this desk's numbers for other records (server/sync/push.ts); null if none. */
  secondPcSeen: DeviceFork | null;
};

export async function desksShown(storage: ServerStorage): Promise<DeskShown[]> {
  const forks = await storage.deviceForks();
  return (await storage.listDevices()).map(({ secretHash: _s, lastHash: _h, ...d }) => ({
    ...d,
    deviceId: d.id,
    secondPcSeen: forks.get(d.id) ?? null,
  }));
}

export async function createDesk(
  storage: ServerStorage,
  input: CreateDeskInput,
  now: Date,
): Promise<CreatedDesk> {
  if (!(await storage.unit(input.unitCode))) {
    throw new HttpProblem(
      422,
      'unknown_unit',
      `Chưa có đơn vị ${input.unitCode} trên máy chủ; hãy thêm đơn vị trước.`,
      `The unit ${input.unitCode} is not on this server; add the unit first.`,
    );
  }
  // Desk numbers partition the dossier-code space of a unit: two live devices with one number would collide.
  const live = (await storage.listDevices()).find(
    (d) => d.unitCode === input.unitCode && d.deskNumber === input.deskNumber && !d.revokedAt,
  );
  if (live) {
    throw new HttpProblem(
      409,
      'desk_taken',
      `Quầy số ${input.deskNumber} của đơn vị ${input.unitCode} đã có máy; hãy thu hồi máy cũ trước.`,
      `Desk ${input.deskNumber} of unit ${input.unitCode} already has a device; revoke the old one first.`,
      { deviceId: live.id },
    );
  }
  const enrolmentCode = newEnrolmentCode();
  const expiresAt = toVnIso(new Date(now.getTime() + ENROLMENT_CODE_DAYS * 86_400_000));
  const device = await storage.createDevice({
    id: randomUUID(),
    kind: 'desk',
    unitCode: input.unitCode,
    deskNumber: input.deskNumber,
    name: input.name ?? `Quầy ${input.deskNumber}`,
    enrolCodeHash: enrolmentCodeHash(enrolmentCode),
    enrolExpiresAt: expiresAt,
    createdAt: toVnIso(now),
  });
  return {
    deviceId: device.id,
    unitCode: device.unitCode,
    deskNumber: device.deskNumber,
    enrolmentCode,
    expiresAt,
  };
}

export interface ReinstatedDesk {
  deviceId: string;
  unitCode: string;
  deskNumber: number;
}

/**
 * Gives a desk revoked by mistake its place back: the same device, its credentials and its unsent work, which a
 * new desk could never send (its events carry the old device's id). Refused when the desk was never enrolled (a new
 * code serves then) or when another device now holds its desk number (two live devices with one number would issue
 * the same dossier codes).
 */
export async function reinstateDesk(storage: ServerStorage, deviceId: string): Promise<ReinstatedDesk> {
  const device = await storage.device(deviceId);
  if (!device || device.kind !== 'desk' || !device.revokedAt || !device.enrolledAt) {
    throw new HttpProblem(
      404,
      'not_found',
      'Không có máy quầy nào đã đăng ký rồi bị thu hồi với mã này.',
      'There is no enrolled, revoked desk device with this id.',
    );
  }
  const live = (await storage.listDevices()).find(
    (d) => d.id !== device.id && d.unitCode === device.unitCode && d.deskNumber === device.deskNumber && !d.revokedAt,
  );
  if (live) {
    throw new HttpProblem(
      409,
      'desk_taken',
      `Quầy số ${device.deskNumber} của đơn vị ${device.unitCode} đã có máy khác (${live.id}); hãy thu hồi máy đó trước.`,
      `Desk ${device.deskNumber} of unit ${device.unitCode} now has another device (${live.id}); revoke that one first.`,
      { deviceId: live.id },
    );
  }
  if (!(await storage.reinstateDevice(device.id))) {
    throw new HttpProblem(409, 'not_revoked', 'Máy này không còn bị thu hồi.', 'This device is no longer revoked.');
  }
  return { deviceId: device.id, unitCode: device.unitCode, deskNumber: device.deskNumber };
}
