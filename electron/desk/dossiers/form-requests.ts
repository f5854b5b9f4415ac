/**
 * Reception forms by request id (migration 024, table `receive_requests`): the renderer makes one id per reception
 * form and sends it with every try of what the form ends in — a reception (form 01) or a refusal at the desk
 * (form 03). A save the desk recorded but could not answer (it stopped after the commit, the reply was lost) is
 * answered again when the clerk presses the key once more, with the dossier already made: the same code, PIN and
 * appointment, or the same refusal record; nothing written. The id is recorded in the command's own transaction,
 * so the two cannot part. What the form became is read back from the event the id points at.
 *
 * The form's content is kept only as hashes, one per part, so a second form sent under the same id (a bug, or a form
 * changed after a lost reply), or a form received and then refused, is refused, naming the parts that differ and
 * never their values.
 */
import type { Db } from '../db/open-database';
import { stableJson, type DossierEvent, type EventPayload } from '../../../shared/domain/events';
import type { ReceiveInput, RefuseInput } from '../../../shared/api/dossier-inputs';
import { appFailure, type AppFailure } from '../../../shared/result';
import { vnDateTimeText } from '../../../shared/calendar/vn-time';
import { sha256Text } from '../events/hash';
import { FORM_REQUESTS_KEPT_MS } from '../../../shared/domain/form-request-memory';

/**
 * How long a request id is kept (shared/domain/form-request-memory.ts). Older rows are dropped by the next save (an
 * index range, a handful of rows), not by a job of their own.
 */
export const FORGET_FORM_REQUESTS_AFTER_MS = FORM_REQUESTS_KEPT_MS;

/** What the form became: the event its request id recorded. */
export type FormOutcome = 'dossier.received' | 'dossier.refused';

/** The parts of a form compared on a retry: a reception's and a refusal's (see the two fingerprints below). */
type Part = 'dossier' | 'procedure' | 'channel' | 'applicant' | 'components' | 'reason' | 'missingItems';
export type Fingerprint = Partial<Record<Part, string>>;

const PART_WORDS: Record<Part, { vi: string; en: string }> = {
  dossier: { vi: 'hồ sơ trực tuyến được tiếp nhận', en: 'online dossier received' },
  procedure: { vi: 'thủ tục', en: 'procedure' },
  channel: { vi: 'hình thức nộp', en: 'channel' },
  applicant: { vi: 'người nộp', en: 'applicant' },
  components: { vi: 'thành phần hồ sơ', en: 'documents' },
  reason: { vi: 'lý do từ chối', en: 'reason for refusal' },
  missingItems: { vi: 'giấy tờ còn thiếu', en: 'missing papers' },
};

const hashOf = (value: unknown) => sha256Text(stableJson(value ?? null));

/** The reception's input without its request id, part by part, as validated (trimmed, NFC, defaults applied). */
export function receptionFingerprint(input: ReceiveInput): Fingerprint {
  return {
    dossier: hashOf(input.dossierId),
    procedure: hashOf(input.procedureCode),
    channel: hashOf(input.channel),
    applicant: hashOf(input.applicant),
    components: hashOf(input.components),
  };
}

/** The same for a refusal at the desk. */
export function refusalFingerprint(input: RefuseInput): Fingerprint {
  return {
    procedure: hashOf(input.procedureCode),
    channel: hashOf(input.channel),
    applicant: hashOf(input.applicant),
    reason: hashOf(input.reason),
    missingItems: hashOf(input.missingItems),
  };
}

export interface FormRequest {
  requestId: string;
  dossierId: string;
  eventId: string;
  fingerprint: Fingerprint;
  savedMs: number;
}

interface Row {
  request_id: string;
  dossier_id: string;
  event_id: string;
  fingerprint: string;
  received_ms: number;
}

export class FormRequests {
  private readonly findStmt;
  private readonly insertStmt;
  private readonly forgetStmt;

  constructor(db: Db) {
    this.findStmt = db.prepare<[string], Row>('SELECT * FROM receive_requests WHERE request_id = ?');
    this.insertStmt = db.prepare<[string, string, string, string, number]>(
      'INSERT INTO receive_requests (request_id, dossier_id, event_id, fingerprint, received_ms) VALUES (?, ?, ?, ?, ?)',
    );
    this.forgetStmt = db.prepare<[number]>('DELETE FROM receive_requests WHERE received_ms < ?');
  }

  find(requestId: string): FormRequest | undefined {
    const row = this.findStmt.get(requestId);
    if (!row) return undefined;
    return {
      requestId: row.request_id,
      dossierId: row.dossier_id,
      eventId: row.event_id,
      fingerprint: JSON.parse(row.fingerprint) as Fingerprint,
      savedMs: row.received_ms,
    };
  }

  /** In the command's transaction: the id, the dossier it made, and the end of the ids past keeping. */
  record(request: FormRequest): void {
    this.insertStmt.run(request.requestId, request.dossierId, request.eventId, JSON.stringify(request.fingerprint), request.savedMs);
    this.forgetStmt.run(request.savedMs - FORGET_FORM_REQUESTS_AFTER_MS);
  }
}

/** The parts in which a form of the same outcome differs from the one first saved under its id; empty for a retry. */
export function partsDiffering(earlier: FormRequest, now: Fingerprint): Part[] {
  const parts = new Set([...Object.keys(earlier.fingerprint), ...Object.keys(now)] as Part[]);
  return [...parts].filter((part) => earlier.fingerprint[part] !== now[part]);
}

/** What the first save under the id made, as the refusal of a second one names it. */
export type FormSaved = { outcome: 'dossier.received'; code: string; at: string } | { outcome: 'dossier.refused'; at: string };

/** What a form's first save made, read from the event it wrote; null for an event no form writes. */
export function formSavedOf(event: DossierEvent): FormSaved | null {
  if (event.type === 'dossier.received') {
    const received = event.payload as EventPayload<'dossier.received'>;
    return { outcome: event.type, code: received.code, at: received.receivedAt };
  }
  if (event.type === 'dossier.refused') return { outcome: event.type, at: (event.payload as EventPayload<'dossier.refused'>).refusedAt ?? event.deviceTime };
  return null;
}

/**
 * The refusal of a second save under a request id already used: what the form became, what differs when it is the
 * same kind of save, what to do. `attempt` is what this save tried to do.
 */
export function requestIdReused(saved: FormSaved, attempt: FormOutcome, differs: readonly Part[]): AppFailure {
  const when = vnDateTimeText(new Date(saved.at));
  const vi = differs.map((p) => PART_WORDS[p].vi).join(', ');
  const en = differs.map((p) => PART_WORDS[p].en).join(', ');
  const sameKind = saved.outcome === attempt;
  const details = { differs, outcome: saved.outcome, ...(saved.outcome === 'dossier.received' ? { code: saved.code } : {}) };
  if (saved.outcome === 'dossier.received') {
    const { code } = saved;
    const how = sameKind ? `, nhưng lần lưu này khác hồ sơ đó ở: ${vi}` : '';
    const howEn = sameKind ? `, but this save differs from it in: ${en}` : '';
    const refusing = sameKind ? '' : ` Hồ sơ đã tiếp nhận không lập phiếu từ chối từ biểu mẫu được nữa; nếu cần, hãy xử lý từ màn hình hồ sơ ${code}.`;
    const refusingEn = sameKind ? '' : ` A received dossier cannot be refused from the reception form; if needed, act on it from dossier ${code}'s screen.`;
    return appFailure(
      'request_id_reused',
      `Biểu mẫu này đã được tiếp nhận thành hồ sơ ${code} lúc ${when}${how}. Không có gì được lưu thêm.${refusing} Hãy mở hồ sơ ${code} trong danh sách để kiểm tra (phiếu tiếp nhận in lại được từ đó); nếu đây là một hồ sơ khác, hãy bấm «Tiếp nhận hồ sơ mới» rồi nhập lại.`,
      `This form was already received as dossier ${code} at ${when}${howEn}. Nothing was saved.${refusingEn} Open dossier ${code} from the list to check it (its receipt can be printed again there); if this is another dossier, press “Receive a new dossier” and enter it again.`,
      { field: 'requestId', details },
    );
  }
  const how = sameKind ? `, nhưng lần lưu này khác phiếu đó ở: ${vi}` : '';
  const howEn = sameKind ? `, but this save differs from it in: ${en}` : '';
  return appFailure(
    'request_id_reused',
    `Biểu mẫu này đã được lập phiếu từ chối (mẫu 03) lúc ${when}${how}. Không có gì được lưu thêm. Nếu người nộp đã bổ sung đủ giấy tờ hoặc đây là một hồ sơ khác, hãy bấm «Tiếp nhận hồ sơ mới» rồi nhập lại.`,
    `This form was already refused (form 03) at ${when}${howEn}. Nothing was saved. If the applicant has since brought the missing papers, or this is another dossier, press “Receive a new dossier” and enter it again.`,
    { field: 'requestId', details },
  );
}
