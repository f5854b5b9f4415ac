/**
 * Why the server refused a change, in words a clerk can act on. The desk stores the server's reason as one line
 * ("<Vietnamese> / <English> [code]", electron/desk/sync/push-outbox.ts); the code says what happened, so each
 * one gets what it means at the counter and what to do about it.
 */
import type { LocalizedText } from '../../../../shared/result';

export interface RefusalReason {
  code: string | null;
  /** The server's own words. */
  server: LocalizedText;
  /** What it means and what to do, when the code is known. */
  advice: LocalizedText | null;
}

const tellAdministrator = {
  vi: 'Không xoá hay nhập lại hồ sơ; hãy báo quản trị hệ thống kèm mã hồ sơ.',
  en: 'Do not delete or re-enter the dossier; tell the system administrator, giving the dossier code.',
};

const advice: Record<string, LocalizedText> = {
  invalid_event: {
    vi: `Máy chủ không đọc được thay đổi này, thường vì phần mềm tại quầy cũ hơn máy chủ. Hãy cập nhật phần mềm. ${tellAdministrator.vi}`,
    en: `The server cannot read this change, usually because this desk runs an older version than the server. Update the application. ${tellAdministrator.en}`,
  },
  hash_mismatch: {
    vi: `Bản ghi trên máy này không khớp dấu kiểm tra: có thể dữ liệu đã bị hỏng hoặc bị sửa ngoài phần mềm. ${tellAdministrator.vi}`,
    en: `The record on this PC does not match its check mark: the data may be damaged or changed outside the application. ${tellAdministrator.en}`,
  },
  chain_broken: {
    vi: `Chuỗi bản ghi của quầy bị đứt: thường do một máy khác đang làm cùng quầy này (ổ đĩa hoặc thư mục dữ liệu bị sao chép), hoặc một bản sao thư mục dữ liệu cũ được chép đè lên. ${tellAdministrator.vi}`,
    en: `This desk's chain of records is broken: usually another PC works as this same desk (its disk or data folder was copied), or an old copy of the data folder was copied back over it. ${tellAdministrator.en}`,
  },
  out_of_scope: {
    vi: 'Hồ sơ thuộc một đơn vị mà quầy này không được phép gửi lên. Hãy kiểm tra đơn vị của quầy với quản trị hệ thống.',
    en: "The dossier belongs to a unit this desk may not send data for. Check the desk's unit with the system administrator.",
  },
  duplicate_dossier_code: {
    vi: `Mã hồ sơ trùng với hồ sơ của quầy khác (hai máy có thể đang dùng cùng số quầy). ${tellAdministrator.vi}`,
    en: `The dossier code is already used by another desk (two PCs may share one desk number). ${tellAdministrator.en}`,
  },
  sequence_reused: {
    vi: `Máy chủ đã có một bản ghi khác với cùng số thứ tự của quầy này: thường do một máy khác đang làm cùng quầy này (ổ đĩa hoặc thư mục dữ liệu bị sao chép), hoặc một bản sao thư mục dữ liệu cũ được chép đè lên. ${tellAdministrator.vi}`,
    en: `The server already holds a different record with this desk's sequence number: usually another PC works as this same desk (its disk or data folder was copied), or an old copy of the data folder was copied back over it. ${tellAdministrator.en}`,
  },
  event_id_reused: {
    vi: `Máy chủ đã có một bản ghi khác mang cùng mã bản ghi. ${tellAdministrator.vi}`,
    en: `The server already holds a different record with the same record id. ${tellAdministrator.en}`,
  },
};

const STORED = /^([\s\S]*?) \/ ([\s\S]*) \[([a-z_]+)\]$/;

export function parseRefusalReason(stored: string): RefusalReason {
  const match = STORED.exec(stored.trim());
  if (!match) return { code: null, server: { vi: stored, en: stored }, advice: null };
  const [, vi, en, code] = match as unknown as [string, string, string, string];
  return { code, server: { vi, en }, advice: advice[code] ?? null };
}
