/**
 * Receptions by request id (migration 024): the renderer makes one id per reception form and sends it with every
 * try, so a reception the desk recorded but could not answer (it stopped after the commit, the reply was lost) is
 * answered again when the clerk presses F2 once more, with the dossier already made: same code, same PIN, same
 * appointment, nothing written. The id is recorded in the reception's own transaction, so the two cannot part.
 *
 * The form's content is kept only as hashes, one per part, so a second form sent under the same id (a bug, or a form
 * changed after a lost reply) is refused, naming the parts that differ and never their values.
 */
import type { Db } from '../db/open-database';
import { stableJson } from '../../../shared/domain/events';
import type { ReceiveInput } from '../../../shared/api/dossier-inputs';
import { appFailure, type AppFailure } from '../../../shared/result';
import { vnDateTimeText } from '../../../shared/calendar/vn-time';
import { sha256Text } from '../events/hash';

/**
 * How long a request id is kept. A retry comes within minutes; a form set aside after a lost reply may wait days.
 * Older rows are dropped by the next reception (an index range, a handful of rows), not by a job of their own.
 */
export const FORGET_RECEIVE_REQUESTS_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

const PARTS = ['dossier', 'procedure', 'channel', 'applicant', 'components'] as const;
type Part = (typeof PARTS)[number];
type Fingerprint = Record<Part, string>;

const PART_WORDS: Record<Part, { vi: string; en: string }> = {
  dossier: { vi: 'hồ sơ trực tuyến được tiếp nhận', en: 'online dossier received' },
  procedure: { vi: 'thủ tục', en: 'procedure' },
  channel: { vi: 'hình thức nộp', en: 'channel' },
  applicant: { vi: 'người nộp', en: 'applicant' },
  components: { vi: 'thành phần hồ sơ', en: 'documents' },
};

/** The receive input without its request id, part by part, as validated (trimmed, NFC, defaults applied). */
export function fingerprintOf(input: ReceiveInput): Fingerprint {
  const of = (value: unknown) => sha256Text(stableJson(value ?? null));
  return {
    dossier: of(input.dossierId),
    procedure: of(input.procedureCode),
    channel: of(input.channel),
    applicant: of(input.applicant),
    components: of(input.components),
  };
}

export interface ReceiveRequest {
  requestId: string;
  dossierId: string;
  eventId: string;
  fingerprint: Fingerprint;
  receivedMs: number;
}

interface Row {
  request_id: string;
  dossier_id: string;
  event_id: string;
  fingerprint: string;
  received_ms: number;
}

export class ReceiveRequests {
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

  find(requestId: string): ReceiveRequest | undefined {
    const row = this.findStmt.get(requestId);
    if (!row) return undefined;
    return {
      requestId: row.request_id,
      dossierId: row.dossier_id,
      eventId: row.event_id,
      fingerprint: JSON.parse(row.fingerprint) as Fingerprint,
      receivedMs: row.received_ms,
    };
  }

  /** In the reception's transaction: the id, the dossier it made, and the end of the ids past keeping. */
  record(request: ReceiveRequest): void {
    this.insertStmt.run(request.requestId, request.dossierId, request.eventId, JSON.stringify(request.fingerprint), request.receivedMs);
    this.forgetStmt.run(request.receivedMs - FORGET_RECEIVE_REQUESTS_AFTER_MS);
  }
}

/** The parts in which `input` differs from the reception first made under its id; empty for a true retry. */
export function partsDiffering(earlier: ReceiveRequest, input: ReceiveInput): Part[] {
  const now = fingerprintOf(input);
  return PARTS.filter((part) => earlier.fingerprint[part] !== now[part]);
}

/** The refusal of a second form under a request id already used: what differs, the dossier made, what to do. */
export function requestIdReused(code: string, receivedAt: string, differs: readonly Part[]): AppFailure {
  const when = vnDateTimeText(new Date(receivedAt));
  const vi = differs.map((p) => PART_WORDS[p].vi).join(', ');
  const en = differs.map((p) => PART_WORDS[p].en).join(', ');
  return appFailure(
    'request_id_reused',
    `Biểu mẫu này đã được tiếp nhận thành hồ sơ ${code} lúc ${when}, nhưng lần lưu này khác hồ sơ đó ở: ${vi}. Không có gì được lưu thêm. Hãy mở hồ sơ ${code} trong danh sách để kiểm tra (phiếu tiếp nhận in lại được từ đó); nếu đây là một hồ sơ khác, hãy bấm «Tiếp nhận hồ sơ mới» rồi nhập lại.`,
    `This form was already received as dossier ${code} at ${when}, but this save differs from it in: ${en}. Nothing was saved. Open dossier ${code} from the list to check it (its receipt can be printed again there); if this is another dossier, press “Receive a new dossier” and enter it again.`,
    { field: 'requestId', details: { differs, code } },
  );
}

