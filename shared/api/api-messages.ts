/**
 * Validation messages of the desk API's own fields (the domain's are in shared/domain/messages.ts), and the
 * validation error every transport returns for bad input: the first problem in words a clerk reads, with the
 * field it concerns, and every problem in `details`.
 */
import type { z } from 'zod';
import type { AppError, LocalizedText } from '../result';
import { localiseIssue, validationMessages } from '../domain/messages';
import { localCalendarMessages } from '../calendar/local-layer';
import { deskSettingsMessages } from './desk-settings';

export const apiValidationMessages: Record<string, LocalizedText> = {
  'username.format': {
    vi: 'Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.',
    en: 'A username is 3–40 characters: unaccented letters, digits, dot, underscore or hyphen.',
  },
  'password.length': { vi: 'Mật khẩu phải có ít nhất 8 ký tự.', en: 'The password must have at least 8 characters.' },
  'file_name.format': { vi: 'Tên tệp không hợp lệ.', en: 'Invalid file name.' },
  'base64.format': { vi: 'Nội dung tệp không đúng định dạng base64.', en: 'The file content is not valid base64.' },
  ...localCalendarMessages,
  ...deskSettingsMessages,
};

/** zod's own checks (length, type, unknown fields) in both languages. */
function genericMessage(issue: z.core.$ZodIssue): LocalizedText | undefined {
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? { vi: `Quá dài: tối đa ${issue.maximum} ký tự.`, en: `Too long: at most ${issue.maximum} characters.` }
        : issue.origin === 'array'
          ? { vi: `Quá nhiều mục: tối đa ${issue.maximum}.`, en: `Too many items: at most ${issue.maximum}.` }
          : { vi: `Giá trị quá lớn: tối đa ${issue.maximum}.`, en: `Too large: at most ${issue.maximum}.` };
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? validationMessages.required
        : { vi: `Giá trị quá nhỏ: tối thiểu ${issue.minimum}.`, en: `Too small: at least ${issue.minimum}.` };
    case 'invalid_type':
      return issue.input === undefined
        ? validationMessages.required
        : { vi: `Sai kiểu dữ liệu: cần ${issue.expected}.`, en: `Wrong type: expected ${issue.expected}.` };
    case 'unrecognized_keys':
      return { vi: `Trường không được phép: ${issue.keys.join(', ')}.`, en: `Fields not allowed: ${issue.keys.join(', ')}.` };
    case 'invalid_value':
      return { vi: 'Giá trị không nằm trong danh sách cho phép.', en: 'The value is not one of those allowed.' };
    case 'invalid_union':
      return { vi: 'Dữ liệu không khớp với dạng nào được chấp nhận.', en: 'The data matches none of the accepted shapes.' };
    case 'invalid_format':
      return { vi: 'Sai định dạng.', en: 'Invalid format.' };
    default:
      return undefined;
  }
}

function messageOf(issue: z.core.$ZodIssue): LocalizedText {
  const known = (validationMessages as Record<string, LocalizedText>)[issue.message] ?? apiValidationMessages[issue.message];
  return known ?? genericMessage(issue) ?? localiseIssue(issue);
}

export function apiValidationError(error: z.core.$ZodError): AppError {
  const details = error.issues.map((issue) => ({ field: issue.path.join('.'), code: issue.code, message: messageOf(issue) }));
  const first = details[0];
  return {
    code: 'validation',
    message: first ? first.message : { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid data.' },
    ...(first && first.field ? { field: first.field } : {}),
    details,
  };
}
