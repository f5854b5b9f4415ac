/** Creating desks and their one-time enrolment codes: used by the admin HTTP API and by `motcua server create-desk`. */
import { randomUUID } from 'node:crypto';
import { toVnIso } from '../../shared/calendar/vn-time';
import type { ServerStorage } from '../storage/contract';
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
