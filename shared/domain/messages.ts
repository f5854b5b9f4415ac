/**
 * Validation messages a clerk may see, in Vietnamese and English. A zod check carries only the stable key
 * (so logs and programs get a code, never prose); `validationError` turns the key back into both languages.
 */
import type { z } from 'zod';
import type { AppError, LocalizedText } from '../result';

/**
 * What may stand above a unit of each level (a commune straight under a province stays allowed): the one wording of
 * the rule, as a clause, which the schema's refusal below, the server's (server/admin/units.ts) and add-unit's
 * (cli/unit-refusals.ts) say.
 */
export const unitParentRule = {
  province: { vi: 'tỉnh không có đơn vị cha', en: 'a province has no parent unit' },
  district: { vi: 'đơn vị cha của một huyện phải là cấp tỉnh', en: "a district's parent must be a province" },
  commune: { vi: 'đơn vị cha của một xã phải là cấp huyện hoặc cấp tỉnh', en: "a commune's parent must be a district or a province" },
} as const satisfies Record<'province' | 'district' | 'commune', LocalizedText>;

/** A clause (above) starting a sentence. */
export const sentenceStart = (clause: string): string => clause.charAt(0).toUpperCase() + clause.slice(1);

export const validationMessages = {
  required: { vi: 'Trường này không được để trống.', en: 'This field must not be empty.' },
  'cccd.format': {
    vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
    en: 'The personal ID number must be exactly 12 digits.',
  },
  'passport.format': {
    vi: 'Số hộ chiếu gồm 6 đến 12 chữ cái Latinh hoặc chữ số, có ít nhất một chữ số, như trên trang thông tin của hộ chiếu.',
    en: "A passport number is 6 to 12 Latin letters or digits, with at least one digit, as on the passport's data page.",
  },
  'tax_code.format': {
    vi: 'Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (chi nhánh).',
    en: 'The tax code must be 10 digits, or 10 digits, a hyphen and 3 digits (branch).',
  },
  'phone.format': {
    vi: 'Số điện thoại không hợp lệ: cần số di động 10 chữ số (vd. 0912345678) hoặc số cố định 11 chữ số bắt đầu bằng 02.',
    en: 'Invalid phone number: expected a 10-digit mobile number (e.g. 0912345678) or an 11-digit landline starting with 02.',
  },
  'email.format': { vi: 'Địa chỉ email không hợp lệ.', en: 'Invalid email address.' },
  'text.characters': {
    vi: 'Có ký tự không in được trên phiếu (biểu tượng cảm xúc, ký tự điều khiển hoặc dấu < >). Hãy nhập đúng như trên giấy tờ.',
    en: 'This holds characters that cannot be printed on the receipt (emoji, control characters or < >). Type it as on the papers.',
  },
  'text.symbols': {
    vi: 'Có hình biểu tượng (như 😀 hay ✔) hoặc ký tự điều khiển, không in được trên phiếu. Hãy xoá chúng.',
    en: 'This holds pictographs (such as 😀 or ✔) or control characters, which cannot be printed on the forms. Remove them.',
  },
  'name.letters': { vi: 'Tên phải có chữ cái.', en: 'A name must contain letters.' },
  'unit_code.format': {
    vi: 'Mã đơn vị phải có dạng 000.00.06.H56 (mã định danh của cơ quan).',
    en: 'A unit code must look like 000.00.06.H56 (the agency identifier).',
  },
  'unit.parent': {
    vi: `${sentenceStart(unitParentRule.province.vi)}; ${unitParentRule.district.vi}; ${unitParentRule.commune.vi}.`,
    en: `${sentenceStart(unitParentRule.province.en)}; ${unitParentRule.district.en}; ${unitParentRule.commune.en}.`,
  },
  'unit_name.length': {
    vi: 'Tên đơn vị dài tối đa 300 ký tự.',
    en: 'A unit name must be at most 300 characters.',
  },
  'enrolment_code.length': {
    vi: 'Mã đăng ký quầy có 15 ký tự chia ba nhóm, như K7QMX-3XPAT-9TRWB (lệnh create-desk của quản trị máy chủ in ra). Hãy nhập đủ mã.',
    en: 'A desk enrolment code has 15 characters in three groups, like K7QMX-3XPAT-9TRWB (printed by the server administrator’s create-desk). Type the whole code.',
  },
  'enrolment_code.too_long': {
    vi: 'Mã đăng ký quầy chỉ có 15 ký tự chia ba nhóm, như K7QMX-3XPAT-9TRWB: hãy kiểm tra đã dán đúng mã, không kèm chữ khác.',
    en: 'A desk enrolment code has only 15 characters in three groups, like K7QMX-3XPAT-9TRWB: check that only the code was pasted.',
  },
  'unit_name.characters': {
    vi: 'Tên đơn vị có ký tự không in được (biểu tượng cảm xúc, ký tự điều khiển hoặc dấu < >). Hãy ghi đúng tên như trên con dấu.',
    en: 'The unit name holds characters that cannot be printed (emoji, control characters or < >). Write the name as on its seal.',
  },
  'desk_number.range': { vi: 'Số quầy phải từ 1 đến 9.', en: 'The desk number must be between 1 and 9.' },
  'procedure_code.format': {
    vi: 'Mã thủ tục phải có dạng 1.001193.000.00.00.H12 hoặc 1.001193.',
    en: 'A procedure code must look like 1.001193.000.00.00.H12 or 1.001193.',
  },
  'procedure.components_unique': {
    vi: 'Mỗi thành phần hồ sơ phải có mã riêng.',
    en: 'Each document component must have its own id.',
  },
  'vn_instant.format': {
    vi: 'Thời điểm phải theo ISO 8601 giờ Việt Nam, vd. 2023-10-27T09:32:00+07:00.',
    en: 'A time must be ISO 8601 in Vietnam time, e.g. 2023-10-27T09:32:00+07:00.',
  },
  'vn_date.format': {
    vi: 'Ngày phải có dạng YYYY-MM-DD và là một ngày có thật.',
    en: 'A date must be YYYY-MM-DD and a real calendar date.',
  },
  'sha256.format': {
    vi: 'Mã băm SHA-256 phải gồm 64 ký tự hệ 16 viết thường.',
    en: 'A SHA-256 hash must be 64 lower-case hexadecimal characters.',
  },
  'pin.format': { vi: 'Mã tra cứu phải gồm đúng 6 chữ số.', en: 'The lookup PIN must be exactly 6 digits.' },
  'dossier_code.shape': {
    vi: 'Mã hồ sơ phải có dạng MÃĐƠNVỊ-YYMMDD-NNNN, vd. 000.00.06.H56-231027-1001.',
    en: 'A dossier code must look like UNITCODE-YYMMDD-NNNN, e.g. 000.00.06.H56-231027-1001.',
  },
  'dossier_code.unit': {
    vi: 'Mã hồ sơ có mã đơn vị sai: phải có dạng 000.00.06.H56.',
    en: 'The dossier code has a bad unit code: it must look like 000.00.06.H56.',
  },
  'dossier_code.date': {
    vi: 'Mã hồ sơ có ngày tiếp nhận không có thật (YYMMDD).',
    en: 'The dossier code has a receipt date that does not exist (YYMMDD).',
  },
  'dossier_code.sequence': {
    vi: 'Mã hồ sơ phải có số thứ tự từ 0001 đến 9999.',
    en: 'The dossier code must end in a sequence from 0001 to 9999.',
  },
  'status.value': {
    vi: 'Trạng thái hồ sơ phải là một số từ 1 đến 10.',
    en: 'A dossier status must be a number from 1 to 10.',
  },
  'amount.positive': { vi: 'Số tiền phải lớn hơn 0 đồng.', en: 'The amount must be more than 0 dong.' },
} as const satisfies Record<string, LocalizedText>;

export type ValidationMessageKey = keyof typeof validationMessages;

/** Options for a zod check whose failure is the given message (`z.string().regex(re, msg('cccd.format'))`). */
export const msg = (key: ValidationMessageKey): { error: ValidationMessageKey } => ({ error: key });

/** Our own words for an issue a check written with `msg` raised; undefined for zod's own checks. */
export const ownIssueText = (issue: z.core.$ZodIssue): LocalizedText | undefined =>
  (validationMessages as Record<string, LocalizedText>)[issue.message];

export function localiseIssue(issue: z.core.$ZodIssue): LocalizedText {
  const known = ownIssueText(issue);
  if (known) return known;
  // zod does not keep the input in an issue; a missing field is the one whose message names `undefined`.
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
    return validationMessages.required;
  return zodCheckWords(issue);
}

const both = (vi: string, en: string): LocalizedText => ({ vi, en });

/** What a value of zod's expected type is, said to someone who wrote the JSON by hand or exported it. */
const expectedWords: Partial<Record<string, LocalizedText>> = {
  boolean: both('Phải là true hoặc false.', 'Must be true or false.'),
  number: both('Phải là một số.', 'Must be a number.'),
  int: both('Phải là số nguyên.', 'Must be a whole number.'),
  string: both('Phải là văn bản (chuỗi trong dấu ngoặc kép).', 'Must be text (a string in double quotes).'),
  object: both('Phải là một đối tượng JSON ({…}).', 'Must be a JSON object ({…}).'),
  array: both('Phải là một danh sách JSON ([…]).', 'Must be a JSON list ([…]).'),
};

const oneOf = (values: readonly unknown[]): LocalizedText => {
  const list = values.map(String).join(', ');
  return values.length === 1 ? both(`Phải là ${list}.`, `Must be ${list}.`) : both(`Phải là một trong: ${list}.`, `Must be one of: ${list}.`);
};

/** A bound of a number, a text's length or a list's size, as zod's too_small and too_big report it. */
function boundWords(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): LocalizedText {
  const small = issue.code === 'too_small';
  const n = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') {
    return small ? both(`Phải có ít nhất ${n} ký tự.`, `Must have at least ${n} characters.`) : both(`Quá dài: tối đa ${n} ký tự.`, `Too long: at most ${n} characters.`);
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    return small ? both(`Phải có ít nhất ${n} mục.`, `Must have at least ${n} item(s).`) : both(`Quá nhiều mục: tối đa ${n}.`, `Too many items: at most ${n}.`);
  }
  if (issue.inclusive === false) return small ? both(`Phải lớn hơn ${n}.`, `Must be more than ${n}.`) : both(`Phải nhỏ hơn ${n}.`, `Must be less than ${n}.`);
  return small ? both(`Phải từ ${n} trở lên.`, `Must be at least ${n}.`) : both(`Không được lớn hơn ${n}.`, `Must be at most ${n}.`);
}

/**
 * zod's own checks (type, option, bound, unknown field) in each language's words: zod words them in English only,
 * and its English ("Invalid option: expected one of …") is a programmer's. The field is the caller's to name.
 */
function zodCheckWords(issue: z.core.$ZodIssue): LocalizedText {
  switch (issue.code) {
    case 'invalid_type':
      return expectedWords[issue.expected] ?? both('Sai kiểu dữ liệu.', `Wrong type of value: expected ${issue.expected}.`);
    case 'invalid_value':
      return oneOf(issue.values);
    case 'invalid_union':
      // A discriminated union names its options; another union only that the value fits none of its shapes.
      return 'options' in issue && issue.options ? oneOf(issue.options) : both('Không khớp với dạng dữ liệu nào được chấp nhận.', 'Matches none of the accepted shapes.');
    case 'too_small':
    case 'too_big':
      return boundWords(issue);
    case 'unrecognized_keys': {
      const keys = issue.keys.join(', ');
      return issue.keys.length === 1 ? both(`Trường không được phép: ${keys}.`, `Field not allowed: ${keys}.`) : both(`Các trường không được phép: ${keys}.`, `Fields not allowed: ${keys}.`);
    }
    case 'invalid_format':
      return both('Sai định dạng.', `Invalid format${issue.format === 'regex' ? '' : ` (${issue.format})`}.`);
    case 'not_multiple_of':
      return both(`Phải là bội số của ${String(issue.divisor)}.`, `Must be a multiple of ${String(issue.divisor)}.`);
    default:
      // A key missing from validationMessages, or a check not listed here: the English keeps zod's words for whoever
      // reports it; the Vietnamese line stays Vietnamese.
      return both('Giá trị không hợp lệ.', `Invalid value (${issue.message}).`);
  }
}

/** A zod failure as the AppError a clerk sees: the first problem in words, every problem in `details`. */
export function validationError(error: z.core.$ZodError): AppError {
  const issues = error.issues.map((issue) => ({
    field: issue.path.join('.'),
    code: issue.message,
    message: localiseIssue(issue),
  }));
  const first = issues[0];
  return {
    code: 'validation',
    message: first ? first.message : { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid data.' },
    ...(first && first.field ? { field: first.field } : {}),
    details: issues,
  };
}
