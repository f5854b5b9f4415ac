/**
 * Builders for dossier events in tests: valid envelopes (checked against the real schema) so a test states only
 * what matters to it — type, payload, who, which device, and where the server put it.
 */
import {
  dossierEventSchema,
  type DossierEvent,
  type DossierEventType,
  type EventPayload,
} from '../../shared/domain/events';
import { projectDossier, type DossierState } from '../../shared/domain/lifecycle';
import type { Role } from '../../shared/domain/roles';
import type { DossierStatus } from '../../shared/domain/dossier';

export const DOSSIER_ID = '0190f1a2-3b4c-7d5e-8f60-718293a4b5c6';
export const UNIT = '000.00.06.H56';

let counter = 0;
/** A fresh, valid UUID v7 (time-ordered ids are not needed here, only distinct ones). */
export function uuidv7(): string {
  counter += 1;
  const tail = counter.toString(16).padStart(12, '0');
  return `0190f1a2-3b4c-7d5e-8f60-${tail}`;
}

export interface EventOptions {
  role?: Role;
  deviceId?: string;
  deviceSeq?: number;
  baseVersion?: number;
  deviceTime?: string;
  serverSeq?: number | null;
  dossierId?: string;
}

export function makeEvent<T extends DossierEventType>(
  type: T,
  payload: EventPayload<T>,
  options: EventOptions = {},
): DossierEvent {
  const event = {
    id: uuidv7(),
    dossierId: options.dossierId ?? DOSSIER_ID,
    deviceId: options.deviceId ?? 'desk-1',
    deviceSeq: options.deviceSeq ?? 1,
    type,
    payload,
    baseVersion: options.baseVersion ?? 0,
    actor: { userId: 'u-1', name: 'Trần Thị Lan', role: options.role ?? 'clerk' },
    deviceTime: options.deviceTime ?? '2023-10-27T09:32:00+07:00',
    prevHash: null,
    hash: 'a'.repeat(64),
    serverSeq: options.serverSeq ?? null,
  };
  // Fixtures must be events the real schema accepts, or the tests prove nothing about real data.
  return dossierEventSchema.parse(event);
}

export const applicant = {
  kind: 'person' as const,
  name: 'Nguyễn Văn Đức',
  idNumber: '001203004567',
  phone: '0912345678',
};

export const components = [
  {
    componentId: 'to-khai',
    name: 'Tờ khai đăng ký khai sinh',
    form: 'original' as const,
    copies: 1,
    present: true,
  },
  {
    componentId: 'giay-chung-sinh',
    name: 'Giấy chứng sinh',
    form: 'original' as const,
    copies: 1,
    present: true,
  },
  {
    componentId: 'uy-quyen',
    name: 'Văn bản ủy quyền',
    form: 'certified_copy' as const,
    copies: 1,
    present: false,
  },
];

export const receivedPayload: EventPayload<'dossier.received'> = {
  code: '000.00.06.H56-231027-1001',
  unitCode: UNIT,
  deskNumber: 1,
  procedureCode: '1.001193.000.00.00.H56',
  channel: 'in_person',
  applicant,
  components,
  receivedAt: '2023-10-27T09:32:00+07:00',
  dueAt: '2023-11-03T09:32:00+07:00',
  pin: '042917',
};

export const submittedOnlinePayload: EventPayload<'dossier.submitted_online'> = {
  unitCode: UNIT,
  procedureCode: '1.001193.000.00.00.H56',
  channel: 'online',
  applicant,
  components,
  portalRef: 'G22.99-231026-000123',
  submittedAt: '2023-10-26T20:15:00+07:00',
};

/** One representative event of each type, with a payload that passes its schema. */
export const samplePayloads: { [T in DossierEventType]: EventPayload<T> } = {
  'dossier.submitted_online': submittedOnlinePayload,
  'dossier.received': receivedPayload,
  'dossier.refused': {
    reason: 'Thiếu giấy chứng sinh',
    unitCode: UNIT,
    procedureCode: '1.001193.000.00.00.H56',
    applicant,
  },
  'dossier.transferred': { toAgency: 'Phòng Tư pháp huyện Thanh Hà' },
  'dossier.handed_over': { from: 'Bộ phận một cửa', to: 'Chuyên viên Phòng Tư pháp' },
  'dossier.supplement_requested': { items: ['Bản sao giấy chứng sinh'], reason: 'Giấy chứng sinh bị mờ' },
  'dossier.supplement_received': {
    completedAt: '2023-10-30T08:00:00+07:00',
    dueAt: '2023-11-06T08:00:00+07:00',
  },
  'dossier.fees_requested': { amountVnd: 50_000, reason: 'Lệ phí đăng ký' },
  'dossier.fees_paid': { paidAt: '2023-10-30T10:00:00+07:00', dueAt: '2023-11-06T10:32:00+07:00' },
  'dossier.withdrawn': { reason: 'Công dân xin rút hồ sơ' },
  'dossier.stopped': { reason: 'Hồ sơ giả mạo giấy tờ' },
  'dossier.resolved': { resolvedAt: '2023-11-01T15:00:00+07:00', resultDigitised: true },
  'dossier.returned': { returnedAt: '2023-11-02T09:00:00+07:00', receivedBy: 'Nguyễn Văn Đức' },
  'dossier.reappointed': { newDueAt: '2023-11-10T16:00:00+07:00', reason: 'Cần xác minh thêm' },
  'dossier.attachment_linked': {
    target: { componentId: 'to-khai' },
    sha256: 'b'.repeat(64),
    fileName: 'to-khai.pdf',
    mime: 'application/pdf',
    size: 120_000,
  },
  'dossier.conflict_resolved': { status: 10, note: 'Đã trả kết quả tại quầy 1' },
};

/** The event types, in order, that bring a new dossier to each status (the supervisor stops it). */
export const pathTo: Record<DossierStatus, DossierEventType[]> = {
  1: ['dossier.submitted_online'],
  2: ['dossier.received'],
  3: ['dossier.refused'],
  4: ['dossier.received', 'dossier.transferred'],
  5: ['dossier.received', 'dossier.supplement_requested'],
  6: ['dossier.received', 'dossier.fees_requested'],
  7: ['dossier.received', 'dossier.withdrawn'],
  8: ['dossier.received', 'dossier.stopped'],
  9: ['dossier.received', 'dossier.resolved'],
  10: ['dossier.received', 'dossier.resolved', 'dossier.returned'],
};

/** A dossier at `status`, built by folding the real events that lead there. */
export function dossierAt(status: DossierStatus): DossierState {
  const events = pathTo[status].map((type, i) =>
    makeEvent(type, samplePayloads[type] as never, {
      role: 'supervisor',
      deviceSeq: i + 1,
      baseVersion: i,
      serverSeq: i + 1,
    }),
  );
  const state = projectDossier(events);
  if (!state || state.status !== status || state.conflict)
    throw new Error(`fixture did not reach status ${status}`);
  return state;
}
