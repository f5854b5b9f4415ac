/**
 * Builds dossiers the way the desks make them: a list of real events (receipt, transfer, pauses, resolution, …)
 * folded by the domain's own `projectDossier`. Tests state only the instants that matter to them.
 */
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Channel, DossierComponent } from '../../../shared/domain/dossier';
import type { DossierEvent } from '../../../shared/domain/events';
import { projectDossier, type DossierState } from '../../../shared/domain/lifecycle';
import { formatDossierCode } from '../../../shared/domain/dossier-code';

export const DISTRICT = '000.00.06.H56';
export const COMMUNE_1 = '000.01.06.H56';
export const COMMUNE_2 = '000.02.06.H56';
/** District, Hộ tịch, Friday-without-waiting (Phòng Tư pháp). */
export const PROC_CIVIL = '2.000528.000.00.00.H56';
/** Đất đai, land registration office, not in the Friday list. */
export const PROC_OTHER = "1.012783.000.00.00.H56";

export type Step =
  | { type: 'transferred'; at: string; toAgency?: string }
  | { type: 'supplement_requested'; at: string }
  | { type: 'supplement_received'; at: string; dueAt: string }
  | { type: 'fees_requested'; at: string }
  | { type: 'fees_paid'; at: string; dueAt: string }
  | { type: 'resolved'; at: string; resultDigitised?: boolean }
  | { type: 'returned'; at: string }
  | { type: 'withdrawn'; at: string }
  | { type: 'stopped'; at: string }
  | { type: 'reappointed'; at: string; newDueAt: string }
  /** A scan linked to the paper at `paper` (0-based) of the dossier's components. */
  | { type: 'scanned'; at: string; paper: number };

export interface DossierSpec {
  receivedAt: string;
  dueAt: string;
  unitCode?: string;
  procedureCode?: string;
  channel?: Channel;
  /** Whether each paper brought was scanned at receipt (default: one paper, scanned). */
  scans?: boolean[];
  sequence?: number;
  steps?: Step[];
  pin?: string;
  applicantName?: string;
}

const HASH = 'a'.repeat(64);
const SHA = (n: number) => n.toString(16).padStart(64, '0');
let sequence = 1000;

const envelope = (dossierId: string, seq: number, at: string) => ({
  id: uuidv7(),
  dossierId,
  // One device per dossier keeps (device, sequence) unique when many dossiers share one desk database.
  deviceId: `test-${dossierId}`,
  deviceSeq: seq,
  baseVersion: seq - 1,
  actor: { userId: 'u-1', name: 'Trần Thị Lan', role: 'supervisor' as const },
  deviceTime: at,
  prevHash: null,
  hash: HASH,
  serverSeq: null,
});

export function components(scans: boolean[]): DossierComponent[] {
  return scans.map((scanned, i) => ({
    componentId: `giay-to-${i + 1}`,
    name: `Giấy tờ ${i + 1}`,
    form: 'original' as const,
    copies: 1,
    present: true,
    ...(scanned ? { attachmentSha256: SHA(i + 1) } : {}),
  }));
}

export function dossierEvents(spec: DossierSpec, dossierId: string = randomUUID()): DossierEvent[] {
  const unitCode = spec.unitCode ?? DISTRICT;
  const seq = spec.sequence ?? (sequence = sequence >= 1999 ? 1001 : sequence + 1);
  const events: DossierEvent[] = [
    {
      ...envelope(dossierId, 1, spec.receivedAt),
      type: 'dossier.received',
      payload: {
        code: formatDossierCode({ unitCode, date: spec.receivedAt.slice(0, 10), sequence: seq }),
        unitCode,
        deskNumber: 1,
        procedureCode: spec.procedureCode ?? PROC_CIVIL,
        channel: spec.channel ?? 'in_person',
        applicant: { kind: 'person', name: spec.applicantName ?? 'Nguyễn Văn Đức', idNumber: '001203004567', phone: '0912345678' },
        components: components(spec.scans ?? [true]),
        receivedAt: spec.receivedAt,
        dueAt: spec.dueAt,
        pin: spec.pin ?? '042917',
      },
    },
  ];
  for (const step of spec.steps ?? []) {
    const base = envelope(dossierId, events.length + 1, step.at);
    switch (step.type) {
      case 'transferred':
        events.push({ ...base, type: 'dossier.transferred', payload: { toAgency: step.toAgency ?? 'Phòng Tư pháp cấp huyện' } });
        break;
      case 'supplement_requested':
        events.push({ ...base, type: 'dossier.supplement_requested', payload: { items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' } });
        break;
      case 'supplement_received':
        events.push({ ...base, type: 'dossier.supplement_received', payload: { completedAt: step.at, dueAt: step.dueAt } });
        break;
      case 'fees_requested':
        events.push({ ...base, type: 'dossier.fees_requested', payload: { amountVnd: 50000, reason: 'Lệ phí' } });
        break;
      case 'fees_paid':
        events.push({ ...base, type: 'dossier.fees_paid', payload: { paidAt: step.at, dueAt: step.dueAt } });
        break;
      case 'resolved':
        events.push({ ...base, type: 'dossier.resolved', payload: { resolvedAt: step.at, resultDigitised: step.resultDigitised ?? true } });
        break;
      case 'returned':
        events.push({ ...base, type: 'dossier.returned', payload: { returnedAt: step.at } });
        break;
      case 'withdrawn':
        events.push({ ...base, type: 'dossier.withdrawn', payload: { reason: 'Công dân rút hồ sơ' } });
        break;
      case 'stopped':
        events.push({ ...base, type: 'dossier.stopped', payload: { reason: 'Dừng theo yêu cầu' } });
        break;
      case 'reappointed':
        events.push({ ...base, type: 'dossier.reappointed', payload: { newDueAt: step.newDueAt, reason: 'Cần xác minh thêm' } });
        break;
      case 'scanned':
        events.push({
          ...base,
          type: 'dossier.attachment_linked',
          payload: { target: { componentId: `giay-to-${step.paper + 1}` }, sha256: SHA(100 + step.paper), fileName: 'scan.pdf', mime: 'application/pdf', size: 1000 },
        });
        break;
    }
  }
  return events;
}

export function buildDossier(spec: DossierSpec): DossierState {
  const state = projectDossier(dossierEvents(spec));
  if (!state || state.conflict) throw new Error(`test dossier did not fold cleanly: ${JSON.stringify(state?.conflict)}`);
  return state;
}

/** A dossier refused at the desk (form 03): never received, counted as refused. */
export function refusedDossierEvents(at: string, unitCode = DISTRICT, procedureCode = PROC_CIVIL): DossierEvent[] {
  const id = randomUUID();
  return [
    {
      ...envelope(id, 1, at),
      type: 'dossier.refused',
      payload: { reason: 'Hồ sơ không thuộc thẩm quyền', refusedAt: at, unitCode, procedureCode, channel: 'in_person' },
    },
  ];
}

export const refusedDossier = (at: string, unitCode = DISTRICT, procedureCode = PROC_CIVIL): DossierState =>
  projectDossier(refusedDossierEvents(at, unitCode, procedureCode))!;

/** `2023-03-10T09:00:00+07:00` from `2023-03-10` and `09:00`. */
export const at = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`;
