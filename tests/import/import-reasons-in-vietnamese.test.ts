/**
 * docs/import-format.md promises a refused line's reason in English and in Vietnamese. QA found zod's English inside
 * the Vietnamese: `channel: Dữ liệu không hợp lệ (Invalid option: expected one of "online"|"in_person"|"postal")`.
 * Each reason now says, in each language, which field is wrong and what it must be.
 */
import { describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { importContextOf, newImportNonce, prepareLine } from '../../server/import/prepare-line';
import { importLine } from './import-lines';

const ctx = importContextOf({
  procedures: seedProcedures,
  calendar: null,
  serverTime: '2024-01-10T09:00:00+07:00',
  nonce: newImportNonce(),
});

function reasonFor(line: unknown): { vi: string; en: string } {
  const prepared = prepareLine(JSON.stringify(line), 7, ctx);
  if (prepared.kind !== 'problem') throw new Error(`line taken: ${JSON.stringify(line)}`);
  expect(prepared.problem.code).toBe('import_invalid');
  return prepared.problem.message;
}

const fees = (amountVnd: unknown) =>
  importLine({ history: [{ status: 6, at: '2023-03-07T09:00:00+07:00', amountVnd }] });

/** zod's own words, which neither a clerk nor a technician should have to read. */
const ZOD_WORDS = /Invalid (option|input)|expected|received|Too (small|big)|Unrecognized|[<>]=?\d/;

describe("an import line's reason, field by field", () => {
  it.each([
    [
      'a channel not in the list',
      importLine({ channel: 'fax' }),
      'channel',
      'phải là một trong: online, in_person, postal',
      'must be one of: online, in_person, postal',
    ],
    ['a negative amount', fees(-5), 'history.0.amountVnd', 'phải lớn hơn 0', 'must be more than 0'],
    ['an amount that is text', fees('50000'), 'history.0.amountVnd', 'phải là một số', 'must be a number'],
    [
      'an amount with a fraction',
      fees(1.5),
      'history.0.amountVnd',
      'phải là số nguyên',
      'must be a whole number',
    ],
    [
      'a field the format does not have',
      importLine({ extra: 1 }),
      '',
      'trường không được phép: extra',
      'field not allowed: extra',
    ],
    [
      '"yes" for a flag',
      importLine({ resultDigitised: 'yes' }),
      'resultDigitised',
      'phải là true hoặc false',
      'must be true or false',
    ],
    [
      'a status the history cannot hold',
      importLine({ history: [{ status: 1, at: '2023-03-06T10:00:00+07:00' }] }),
      'history.0.status',
      'phải là một trong: 2, 3, 4',
      'must be one of: 2, 3, 4',
    ],
    [
      'an applicant of another kind',
      importLine({ applicant: { kind: 'robot', name: 'R2' } }),
      'applicant.kind',
      'phải là một trong: person, organisation',
      'must be one of: person, organisation',
    ],
    [
      'a list given as an object',
      importLine({ components: {} }),
      'components',
      'phải là một danh sách json',
      'must be a json list',
    ],
    [
      'negative copies',
      importLine({ components: [{ name: 'Tờ khai', digitised: true, copies: -1 }] }),
      'components.0.copies',
      'phải từ 0 trở lên',
      'must be at least 0',
    ],
    [
      'an empty list of missing papers',
      importLine({ history: [{ status: 5, at: '2023-03-07T09:00:00+07:00', items: [] }] }),
      'history.0.items',
      'phải có ít nhất 1 mục',
      'must have at least 1 item',
    ],
    ['a line that is a list', [1, 2], '', 'phải là một đối tượng json', 'must be a json object'],
  ])('%s', (_name, line, field, vi, en) => {
    const reason = reasonFor(line);
    const where = field ? `${field}: ` : '';
    expect(reason.vi.startsWith(where)).toBe(true);
    expect(reason.en.startsWith(where)).toBe(true);
    expect(reason.vi.toLowerCase()).toContain(vi);
    expect(reason.en.toLowerCase()).toContain(en);
    expect(reason.vi).not.toMatch(ZOD_WORDS);
    expect(reason.en).not.toMatch(ZOD_WORDS);
  });

  it("keeps the domain's own words where it has them", () => {
    expect(
      reasonFor(importLine({ applicant: { kind: 'person', name: 'Trần Văn B', idNumber: '12345' } })).vi,
    ).toBe('applicant.idNumber: Số định danh cá nhân phải gồm đúng 12 chữ số.');
    expect(reasonFor(importLine({ dueAt: undefined })).vi).toBe('dueAt: Trường này không được để trống.');
  });
});

describe('a line with several problems', () => {
  it('names every field that is wrong, once each, and none of what was typed in them', () => {
    const applicant = { kind: 'person', name: 'Tạ <b>Văn', idNumber: '03019000125', phone: '09abc', address: 'Số 9 😀' };
    const reason = reasonFor(importLine({ applicant }));
    for (const field of ['applicant.name', 'applicant.idNumber', 'applicant.phone', 'applicant.address']) {
      expect(reason.vi.split(`${field}:`)).toHaveLength(2);
      expect(reason.en.split(`${field}:`)).toHaveLength(2);
    }
    for (const typed of ['03019000125', '09abc', 'Số 9', '<b>']) expect(`${reason.vi} ${reason.en}`).not.toContain(typed);
  });
});
