/**
 * Why `motcua server add-unit` refuses a unit, in the terms of its options. The shared validation messages speak of
 * the API's fields (`parentCode: A province has no parent unit…`) and zod's own words (`Invalid option…`); the
 * technician typed --parent and --level, and needs to read which one to change and to what.
 */
import type { z } from 'zod';
import { localiseIssue, sentenceStart, unitParentRule, validationMessages } from '../shared/domain/messages';
import { unprintable } from '../shared/text/printable';
import { MAX_UNIT_NAME_LENGTH, UNIT_CODE_PATTERN, unitLevelSchema, type UnitLevel } from '../shared/domain/units';
import type { PlainWords } from './plain-errors';

/** What the command would have stored: the options given, or what the unit already has where one was left out. */
export interface AskedUnit {
  name: string | undefined;
  level: string | undefined;
  parentCode: string | null;
}

export const UNIT_CODE_NEEDED: PlainWords = {
  en: "add-unit needs --code: the unit's code, such as 000.00.06.H56.",
  vi: 'add-unit cần có --code: mã đơn vị, ví dụ 000.00.06.H56.',
};

const NAME_NEEDED: PlainWords = {
  en: 'add-unit needs --name: the unit\'s full name, such as "Huyện Thanh Hà".',
  vi: 'add-unit cần có --name: tên đầy đủ của đơn vị, ví dụ "Huyện Thanh Hà".',
};

const LEVEL_NEEDED: PlainWords = {
  en: 'add-unit needs --level for a new unit: province, district or commune.',
  vi: 'add-unit cần có --level cho đơn vị mới: province (tỉnh), district (huyện) hoặc commune (xã).',
};

/**
 * A unit's parent by its level: that --parent must be left out (the shared rule), or, when it was left out, what it
 * must name.
 */
const PARENT_BY_LEVEL: Record<UnitLevel, PlainWords> = {
  province: { vi: `${sentenceStart(unitParentRule.province.vi)}: hãy bỏ --parent.`, en: `${sentenceStart(unitParentRule.province.en)}: leave out --parent.` },
  district: {
    vi: 'Huyện cần có --parent: mã của tỉnh mà huyện trực thuộc, ví dụ 000.00.00.H56.',
    en: 'A district needs --parent: the code of the province it belongs to, such as 000.00.00.H56.',
  },
  commune: {
    vi: 'Xã cần có --parent: mã của huyện (hoặc tỉnh) mà xã trực thuộc, ví dụ 000.00.06.H56.',
    en: 'A commune needs --parent: the code of the district (or province) it belongs to, such as 000.00.06.H56.',
  },
};

export function badUnitCode(option: '--code' | '--parent' | '--unit', text: string): PlainWords {
  // 000.01.06.h56: right but for the letter, which a technician does not see as the mistake without being told.
  const upper = text.toUpperCase();
  const capital = upper !== text && UNIT_CODE_PATTERN.test(upper);
  return {
    en: `${option} '${text}' is not a unit code: it must look like 000.00.06.H56 (the agency identifier)${capital ? `, its letter a capital: ${upper}` : ''}.`,
    vi: `${option} '${text}' không phải mã đơn vị: mã phải có dạng 000.00.06.H56 (mã định danh cơ quan)${capital ? `, chữ cái viết hoa: ${upper}` : ''}.`,
  };
}

function nameRefusal(name: string | undefined): PlainWords {
  const length = name?.trim().length ?? 0;
  if (length === 0) return NAME_NEEDED;
  if (length <= MAX_UNIT_NAME_LENGTH && unprintable(name!)) {
    const why = validationMessages['unit_name.characters'];
    return { vi: `--name: ${why.vi}`, en: `--name: ${why.en}` };
  }
  return {
    en: `--name has ${length} characters; a unit name may have at most ${MAX_UNIT_NAME_LENGTH} (the desks take no longer).`,
    vi: `--name dài ${length} ký tự; tên đơn vị tối đa ${MAX_UNIT_NAME_LENGTH} ký tự (máy quầy không nhận tên dài hơn).`,
  };
}

function levelRefusal(level: string | undefined): PlainWords {
  if (level === undefined) return LEVEL_NEEDED;
  return {
    en: `--level must be province, district or commune, not '${level}'.`,
    vi: `--level phải là province (tỉnh), district (huyện) hoặc commune (xã), không phải '${level}'.`,
  };
}

/**
 * One reason per option the unit schema refused, in the order the options are usually typed; the shared message
 * for a refusal this does not know (a new rule in the schema) rather than none.
 */
export function unitRefusals(issues: readonly z.core.$ZodIssue[], asked: AskedUnit): PlainWords[] {
  const refused = new Set(issues.map((issue) => issue.path[0]));
  const reasons: PlainWords[] = [];
  if (refused.has('name')) reasons.push(nameRefusal(asked.name));
  if (refused.has('level')) reasons.push(levelRefusal(asked.level));
  if (refused.has('parentCode')) {
    const level = unitLevelSchema.safeParse(asked.level);
    if (asked.parentCode !== null && !UNIT_CODE_PATTERN.test(asked.parentCode)) reasons.push(badUnitCode('--parent', asked.parentCode));
    else if (level.success) reasons.push(PARENT_BY_LEVEL[level.data]);
  }
  return reasons.length > 0 ? reasons : issues.map(localiseIssue);
}
