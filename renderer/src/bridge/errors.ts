import { fail } from '../../../shared/result';

/** The desk could not be reached at all (host stopped, window reloaded while the desk restarts, …). */
export const deskUnreachable = (detail: string) =>
  fail(
    'desk_unreachable',
    'Không kết nối được với phần mềm tại quầy. Hãy kiểm tra chương trình MotCua Desk còn đang chạy rồi thử lại.',
    'Cannot reach the desk program. Check that MotCua Desk is still running, then try again.',
    { details: detail },
  );

/** The desk answered something that is not a Result (a proxy page, a crash report…). */
export const deskAnsweredNonsense = (status: number) =>
  fail(
    'desk_bad_answer',
    `Phần mềm tại quầy trả lời không hợp lệ (mã ${status}). Hãy thử lại; nếu còn lỗi, báo quản trị hệ thống.`,
    `The desk program gave an invalid answer (status ${status}). Try again; if it persists, tell the administrator.`,
  );
