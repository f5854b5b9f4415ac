/**
 * The dossier state machine as data: for each event type, the statuses it may be made from, where it leads,
 * and the least role that may make it. docs/decisions.md ("Domain: lifecycle, codes, catalog") has the table in
 * words; lifecycle.ts applies it.
 */
import type { LocalizedText } from '../result';
import { DossierStatus } from './dossier';
import type { DossierEventType } from './events';
import type { Role } from './roles';

const S = DossierStatus;

/** Where an event leads: a fixed status, the same status, the status before the pause, or the one the payload names. */
export type TransitionTarget = DossierStatus | 'same' | 'resume' | 'chosen';

export interface TransitionRule {
  /** Statuses the event may be made from; 'new' means it may create the dossier. */
  from: readonly (DossierStatus | 'new')[];
  to: TransitionTarget;
  minRole: Role;
  /** What the actor tried to do, for "Cannot …" messages. */
  action: LocalizedText;
  /** Why the status does not allow it, when it does not. */
  needs: LocalizedText;
}

const ACTIVE = [S.Received, S.Processing] as const;

export const transitionRules: Record<DossierEventType, TransitionRule> = {
  'dossier.submitted_online': {
    from: ['new'],
    to: S.SubmittedOnline,
    minRole: 'clerk',
    action: { vi: 'ghi nhận hồ sơ nộp trực tuyến', en: 'record the online submission' },
    needs: { vi: 'hồ sơ này đã tồn tại.', en: 'this dossier already exists.' },
  },
  'dossier.received': {
    from: ['new', S.SubmittedOnline],
    to: S.Received,
    minRole: 'clerk',
    action: { vi: 'tiếp nhận hồ sơ', en: 'receive the dossier' },
    needs: {
      vi: 'chỉ tiếp nhận được hồ sơ mới lập tại quầy hoặc hồ sơ mới đăng ký trực tuyến.',
      en: 'only a dossier being created at the desk or one submitted online can be received.',
    },
  },
  'dossier.refused': {
    from: ['new', S.SubmittedOnline],
    to: S.NotReceived,
    minRole: 'clerk',
    action: { vi: 'từ chối tiếp nhận hồ sơ', en: 'refuse the dossier' },
    needs: {
      vi: 'chỉ từ chối được hồ sơ đang lập tại quầy hoặc hồ sơ mới đăng ký trực tuyến; hồ sơ đã tiếp nhận thì yêu cầu bổ sung hoặc dừng xử lý.',
      en: 'only a dossier being created at the desk or one submitted online can be refused; for a received dossier, request a supplement or stop it.',
    },
  },
  'dossier.transferred': {
    from: ACTIVE,
    to: S.Processing,
    minRole: 'clerk',
    action: { vi: 'chuyển hồ sơ đi xử lý', en: 'transfer the dossier for processing' },
    needs: {
      vi: 'hồ sơ phải đã được tiếp nhận hoặc đang xử lý.',
      en: 'the dossier must be received or in processing.',
    },
  },
  'dossier.handed_over': {
    from: [S.Processing],
    to: 'same',
    minRole: 'clerk',
    action: { vi: 'ghi nhận bàn giao hồ sơ', en: 'log a hand-over' },
    needs: { vi: 'hồ sơ phải đang được xử lý.', en: 'the dossier must be in processing.' },
  },
  'dossier.supplement_requested': {
    from: ACTIVE,
    to: S.SupplementRequested,
    minRole: 'clerk',
    action: { vi: 'yêu cầu bổ sung hồ sơ', en: 'request a supplement' },
    needs: {
      vi: 'hồ sơ phải đã được tiếp nhận hoặc đang xử lý, không đang chờ bổ sung hay nộp phí.',
      en: 'the dossier must be received or in processing, not already awaiting a supplement or fees.',
    },
  },
  'dossier.supplement_received': {
    from: [S.SupplementRequested],
    to: 'resume',
    minRole: 'clerk',
    action: { vi: 'nhận hồ sơ bổ sung', en: 'accept the supplement' },
    needs: { vi: 'hồ sơ không ở trạng thái chờ bổ sung.', en: 'the dossier is not awaiting a supplement.' },
  },
  'dossier.fees_requested': {
    from: ACTIVE,
    to: S.FeesRequested,
    minRole: 'clerk',
    action: { vi: 'yêu cầu thực hiện nghĩa vụ tài chính', en: 'request fees or taxes' },
    needs: {
      vi: 'hồ sơ phải đã được tiếp nhận hoặc đang xử lý, không đang chờ bổ sung hay nộp phí.',
      en: 'the dossier must be received or in processing, not already awaiting a supplement or fees.',
    },
  },
  'dossier.fees_paid': {
    from: [S.FeesRequested],
    to: 'resume',
    minRole: 'clerk',
    action: { vi: 'ghi nhận đã nộp phí, thuế', en: 'record the fees as paid' },
    needs: {
      vi: 'hồ sơ không ở trạng thái chờ nộp phí, thuế.',
      en: 'the dossier is not awaiting fees or taxes.',
    },
  },
  'dossier.withdrawn': {
    from: [S.SubmittedOnline, S.Received, S.Processing, S.SupplementRequested, S.FeesRequested],
    to: S.Withdrawn,
    minRole: 'clerk',
    action: { vi: 'rút hồ sơ', en: 'withdraw the dossier' },
    needs: {
      vi: 'hồ sơ đã được giải quyết xong; hãy trả kết quả.',
      en: 'the dossier has already been resolved; return the result instead.',
    },
  },
  'dossier.stopped': {
    from: [S.Received, S.Processing, S.SupplementRequested, S.FeesRequested],
    to: S.Stopped,
    minRole: 'supervisor',
    action: { vi: 'dừng xử lý hồ sơ', en: 'stop processing the dossier' },
    needs: {
      vi: 'chỉ dừng được hồ sơ đã tiếp nhận và chưa giải quyết xong.',
      en: 'only a dossier that has been received and is not yet resolved can be stopped.',
    },
  },
  'dossier.resolved': {
    from: ACTIVE,
    to: S.Resolved,
    minRole: 'clerk',
    action: { vi: 'ghi nhận đã giải quyết xong', en: 'record the dossier as resolved' },
    needs: {
      vi: 'hồ sơ phải đã được tiếp nhận hoặc đang xử lý, không đang chờ bổ sung hay nộp phí.',
      en: 'the dossier must be received or in processing, not awaiting a supplement or fees.',
    },
  },
  'dossier.returned': {
    from: [S.Resolved],
    to: S.Returned,
    minRole: 'clerk',
    action: { vi: 'trả kết quả', en: 'return the result' },
    needs: { vi: 'hồ sơ chưa được giải quyết xong.', en: 'the dossier has not been resolved.' },
  },
  'dossier.reappointed': {
    from: ACTIVE,
    to: 'same',
    minRole: 'supervisor',
    action: { vi: 'hẹn lại ngày trả kết quả', en: 'set a new appointment' },
    needs: {
      vi: 'chỉ hẹn lại được hồ sơ đã tiếp nhận hoặc đang xử lý, chưa giải quyết xong và không đang tạm dừng.',
      en: 'only a received or in-processing dossier that is not resolved and not paused can be re-appointed.',
    },
  },
  'dossier.attachment_linked': {
    from: [
      S.SubmittedOnline,
      S.Received,
      S.NotReceived,
      S.Processing,
      S.SupplementRequested,
      S.FeesRequested,
      S.Withdrawn,
      S.Stopped,
      S.Resolved,
      S.Returned,
    ],
    to: 'same',
    minRole: 'clerk',
    action: { vi: 'đính kèm tệp', en: 'attach a file' },
    needs: { vi: 'hồ sơ chưa tồn tại.', en: 'the dossier does not exist.' },
  },
  'dossier.conflict_resolved': {
    from: [
      S.SubmittedOnline,
      S.Received,
      S.NotReceived,
      S.Processing,
      S.SupplementRequested,
      S.FeesRequested,
      S.Withdrawn,
      S.Stopped,
      S.Resolved,
      S.Returned,
    ],
    to: 'chosen',
    minRole: 'supervisor',
    action: { vi: 'giải quyết xung đột', en: 'resolve the conflict' },
    needs: { vi: 'hồ sơ không có xung đột cần giải quyết.', en: 'the dossier has no conflict to resolve.' },
  },
};

/** Event types that may create a dossier. */
export const creatingEventTypes = (Object.keys(transitionRules) as DossierEventType[]).filter((t) =>
  transitionRules[t].from.includes('new'),
);
