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
  /**
   * The first push that reused this desk's numbers for other records (server/sync/push.ts), and the latest; null if
   * none, or none since the administrator said it was handled (handleSecondPc).
   */
  secondPcSeen: DeviceFork | null;
};

/** A fork note as the administrator reads it: when and at which numbers, not the record ids the push compares. */
const shownFork = ({ forkEventIds: _ids, ...note }: DeviceFork): DeviceFork => note;

export async function desksShown(storage: ServerStorage): Promise<DeskShown[]> {
  const forks = await storage.deviceForks();
  return (await storage.listDevices()).map(({ secretHash: _s, lastHash: _h, ...d }) => {
    const fork = forks.get(d.id);
    return { ...d, deviceId: d.id, secondPcSeen: fork && !fork.handledAt ? shownFork(fork) : null };
  });
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

/** Why a device cannot be reinstated, or null: the one rule, said in the HTTP API's words below and the CLI's own. */
export type ReinstateObstacle = 'unknown' | 'not_a_desk' | 'not_revoked' | 'never_enrolled';

export function reinstateObstacle(device: DeviceRecord | undefined): ReinstateObstacle | null {
  if (!device) return 'unknown';
  if (device.kind !== 'desk') return 'not_a_desk';
  if (!device.revokedAt) return 'not_revoked';
  // Revoked before it ever enrolled: it has nothing to send, so a new code (create-desk) is the way.
  if (!device.enrolledAt) return 'never_enrolled';
  return null;
}

/** The HTTP API's refusal for each case, with what to do next in its own terms (`GET`/`POST /v1/admin/desks`). */
function reinstateRefusal(id: string, device: DeviceRecord | undefined, obstacle: ReinstateObstacle): HttpProblem {
  switch (obstacle) {
    case 'unknown':
      return new HttpProblem(
        404,
        'not_found',
        `Máy chủ không có thiết bị ${id}; GET /v1/admin/desks liệt kê mã thiết bị. Chưa thay đổi gì.`,
        `No device ${id} on this server; GET /v1/admin/desks lists the device ids. Nothing was changed.`,
      );
    case 'not_a_desk':
      return new HttpProblem(
        409,
        'not_a_desk',
        `Thiết bị ${id} không phải máy quầy: chỉ khôi phục được máy quầy. Chưa thay đổi gì.`,
        `Device ${id} is not a desk: only a desk can be reinstated. Nothing was changed.`,
      );
    case 'not_revoked':
      return new HttpProblem(
        409,
        'not_revoked',
        `Thiết bị ${id} chưa bị thu hồi: không có gì để khôi phục. Chưa thay đổi gì.`,
        `Device ${id} is not revoked: there is nothing to reinstate. Nothing was changed.`,
      );
    case 'never_enrolled':
      return new HttpProblem(
        409,
        'never_enrolled',
        `Thiết bị ${id} bị thu hồi khi chưa đăng ký lần nào: không có gì để gửi lên, nên không cần khôi phục. Để đặt máy vào quầy đó, tạo quầy mới (POST /v1/admin/desks với unitCode ${device!.unitCode}, deskNumber ${device!.deskNumber}) rồi nhập mã mới trên máy. Chưa thay đổi gì.`,
        `Device ${id} was revoked before it ever enrolled: it has nothing to send, so there is nothing to reinstate. To put a PC at that desk, create a new desk (POST /v1/admin/desks with unitCode ${device!.unitCode}, deskNumber ${device!.deskNumber}), then enter the new code on that PC. Nothing was changed.`,
      );
  }
}

/**
 * Gives a desk revoked by mistake its place back: the same device, its credentials and its unsent work, which a
 * new desk could never send (its events carry the old device's id). Refused when the desk was never enrolled (a new
 * code serves then) or when another device now holds its desk number (two live devices with one number would issue
 * the same dossier codes).
 */
export async function reinstateDesk(storage: ServerStorage, deviceId: string): Promise<ReinstatedDesk> {
  const device = await storage.device(deviceId);
  const obstacle = reinstateObstacle(device);
  if (!device || obstacle !== null) throw reinstateRefusal(deviceId, device, obstacle ?? 'unknown');
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

export interface HandledSecondPc {
  deviceId: string;
  unitCode: string;
  deskNumber: number;
  /** The note as kept: its numbers stay, so the push goes on telling an old fork from a new one. */
  secondPcHandled: DeviceFork;
}

/**
 * The administrator says the PC told that it worked as this desk has been dealt with (made a new desk,
 * docs/operator.md "Two PCs working as one desk"): the list of desks stops warning about it. The note keeps the
 * latest number seen, which the push compares with: a record refused before, sent again, is still not news, and a
 * fork past it (a PC copied again) is shown again as a new note.
 */
export async function handleSecondPc(storage: ServerStorage, deviceId: string, now: Date): Promise<HandledSecondPc> {
  const device = await storage.device(deviceId);
  // The portal's device pushes nothing (the server writes for it): no second PC can work as it.
  if (!device || device.kind !== 'desk') {
    throw new HttpProblem(
      404,
      'not_found',
      'Không có quầy nào với mã thiết bị này. Chưa thay đổi gì.',
      'There is no desk with this device id. Nothing was changed.',
    );
  }
  const handling = await storage.markDeviceForkHandled(device.id, toVnIso(now));
  if (!handling) {
    throw new HttpProblem(
      409,
      'nothing_to_clear',
      `Chưa có máy tính thứ hai nào làm quầy số ${device.deskNumber} của đơn vị ${device.unitCode}: không có cảnh báo nào để xoá. Chưa thay đổi gì.`,
      `No second PC has worked as desk ${device.deskNumber} of unit ${device.unitCode}: there is no warning to clear. Nothing was changed.`,
    );
  }
  if (handling.outcome === 'already_handled') {
    throw new HttpProblem(
      409,
      'nothing_to_clear',
      `Cảnh báo về máy tính thứ hai của quầy số ${device.deskNumber} của đơn vị ${device.unitCode} đã được đánh dấu là đã xử lý, và từ đó chưa có máy nào khác làm quầy này: không có gì để xoá. Chưa thay đổi gì.`,
      `The warning about a second PC at desk ${device.deskNumber} of unit ${device.unitCode} was already marked handled, and no other PC has worked as this desk since: there is nothing to clear. Nothing was changed.`,
      { handledAt: handling.note.handledAt },
    );
  }
  return { deviceId: device.id, unitCode: device.unitCode, deskNumber: device.deskNumber, secondPcHandled: shownFork(handling.note) };
}
