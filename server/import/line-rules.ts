/**
 * What the desk guarantees by how it makes a record, and an import line can contradict: a dossier code dated the day
 * of its receipt, a due date after the receipt, a new due date after the step that set it, a re-appointment that
 * moves the appointment later (form 04, the desk's own rule), and nothing after the moment of the import. Each
 * refusal names the field and the times involved, never the applicant's data; the line is refused whole.
 */
import { checkReappointment } from '../../shared/calendar/deadline';
import type { WorkingCalendar } from '../../shared/calendar/working-calendar';
import type { ParsedDossierCode } from '../../shared/domain/dossier-code';
import type { DossierState } from '../../shared/domain/lifecycle';
import { vnDateOfInstant } from '../../shared/domain/time';
import { fail, ok, type Result } from '../../shared/result';

const refuse = (code: string, field: string, vi: string, en: string): Result<never> =>
  fail(code, `${field}: ${vi}`, `${field}: ${en}`, { field });

const ms = (instant: string): number => Date.parse(instant);

/** The receipt's own fields: the code carries the day of receipt (Vietnam time), and the due date comes after it. */
export function checkReceipt(
  line: { code: string; receivedAt: string; dueAt: string },
  code: ParsedDossierCode,
): Result<void> {
  const receiptDay = vnDateOfInstant(line.receivedAt);
  if (code.date !== receiptDay) {
    const inCode = code.date.slice(2).replaceAll('-', '');
    return refuse(
      'import_code_date',
      'code',
      `ngày trong mã hồ sơ (${inCode}) khác ngày tiếp nhận theo giờ Việt Nam (receivedAt: ${receiptDay}); mã hồ sơ mang ngày tiếp nhận.`,
      `the date in the dossier code (${inCode}) is not the day of receipt in Vietnam time (receivedAt: ${receiptDay}); a dossier code carries its receipt date.`,
    );
  }
  if (ms(line.dueAt) <= ms(line.receivedAt)) {
    return refuse(
      'import_due_before_receipt',
      'dueAt',
      `hạn giải quyết (${line.dueAt}) phải sau thời điểm tiếp nhận (receivedAt: ${line.receivedAt}).`,
      `the due date (${line.dueAt}) must be after the receipt (receivedAt: ${line.receivedAt}).`,
    );
  }
  return ok(undefined);
}

/** A step of the history dated after the import itself: it has not happened yet. */
export function checkNotFuture(field: string, at: string, importTime: string): Result<void> {
  if (ms(at) <= ms(importTime)) return ok(undefined);
  return refuse(
    'import_future',
    field,
    `thời điểm ${at} ở sau thời điểm nhập dữ liệu (${importTime}); không thể nhập việc chưa xảy ra.`,
    `the time ${at} is after the time of the import (${importTime}); what has not happened yet cannot be imported.`,
  );
}

/**
 * Form 04 as the desk checks it (`checkReappointment`: later than the current due, once, within a year, when the
 * office is open), with the re-appointment's own time as the desk's "now": the new date must also come after it.
 */
export function checkReappointmentLine(
  state: DossierState,
  entry: { at: string; newDueAt: string },
  calendar: WorkingCalendar,
): Result<void> {
  const field = 'reappointment.newDueAt';
  const checked = checkReappointment({
    currentDueAt: new Date(state.dueAt ?? entry.at),
    newDueAt: new Date(entry.newDueAt),
    alreadyReappointed: state.reappointedAt !== null,
    calendar,
    now: new Date(entry.at),
  });
  if (!checked.ok)
    return refuse('import_reappointment', field, checked.error.message.vi, checked.error.message.en);
  if (ms(entry.newDueAt) <= ms(entry.at)) {
    return refuse(
      'import_reappointment',
      field,
      `ngày hẹn mới (${entry.newDueAt}) phải sau thời điểm hẹn lại (reappointment.at: ${entry.at}).`,
      `the new appointment (${entry.newDueAt}) must be after the re-appointment itself (reappointment.at: ${entry.at}).`,
    );
  }
  return ok(undefined);
}

/** A supplement received restarts the processing time from zero: the new due date comes after it. */
export function checkDueAfterSupplement(field: string, dueAt: string, completedAt: string): Result<void> {
  if (ms(dueAt) > ms(completedAt)) return ok(undefined);
  return refuse(
    'import_due_order',
    field,
    `hạn mới (${dueAt}) phải sau thời điểm nhận đủ hồ sơ bổ sung (${completedAt}); thời hạn giải quyết tính lại từ lúc đó.`,
    `the new due date (${dueAt}) must be after the supplement came in (${completedAt}); the processing time restarts then.`,
  );
}

/** Paid fees carry the time that was left from the payment on: the due date can move later, never earlier. */
export function checkDueAfterFees(field: string, dueAt: string, legalDue: string | null): Result<void> {
  if (legalDue === null || ms(dueAt) >= ms(legalDue)) return ok(undefined);
  return refuse(
    'import_due_order',
    field,
    `hạn mới (${dueAt}) không được sớm hơn hạn trước khi yêu cầu nghĩa vụ tài chính (${legalDue}); thời gian còn lại được tính tiếp từ lúc nộp.`,
    `the new due date (${dueAt}) cannot be earlier than the due date before the fees were requested (${legalDue}); the time left carries on from the payment.`,
  );
}
