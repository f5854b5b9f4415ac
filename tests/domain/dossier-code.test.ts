import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deskSequenceRange,
  formatDossierCode,
  nextDossierCode,
  parseDossierCode,
  dossierCodeSchema,
  isDossierCodePiece,
} from '../../shared/domain/dossier-code';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const unitCode = fc
  .tuple(digits(3), digits(2), digits(2), fc.constantFrom('H', 'G', 'A', 'K'), digits(2))
  .map(([a, b, c, letter, d]) => `${a}.${b}.${c}.${letter}${d}`);
const date = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const deskNumber = fc.integer({ min: 1, max: 9 });

describe('dossier codes', () => {
  it('are written UNITCODE-YYMMDD-NNNN', () => {
    expect(formatDossierCode({ unitCode: '000.00.06.H56', date: '2023-10-27', sequence: 3061 })).toBe(
      '000.00.06.H56-231027-3061',
    );
  });

  it('round-trip: a code made for any unit, day and desk sequence reads back to the same parts and desk', () => {
    fc.assert(
      fc.property(unitCode, date, deskNumber, fc.integer({ min: 1, max: 999 }), (unit, day, desk, offset) => {
        const sequence = desk * 1000 + offset;
        const code = formatDossierCode({ unitCode: unit, date: day, sequence });
        expect(parseDossierCode(code)).toEqual({
          ok: true,
          value: { unitCode: unit, date: day, sequence, deskNumber: desk },
        });
        expect(dossierCodeSchema.safeParse(code).success).toBe(true);
      }),
    );
  });

  it('desks never share a sequence: desk d issues d001–d999', () => {
    expect(deskSequenceRange(1)).toEqual({ first: 1001, last: 1999 });
    expect(deskSequenceRange(9)).toEqual({ first: 9001, last: 9999 });
    fc.assert(
      fc.property(deskNumber, deskNumber, (a, b) => {
        fc.pre(a !== b);
        const ra = deskSequenceRange(a);
        const rb = deskSequenceRange(b);
        expect(ra.last < rb.first || rb.last < ra.first).toBe(true);
      }),
    );
  });

  it.each([
    ['', 'dossier_code.shape'],
    ['000.00.06.H56-231027', 'dossier_code.shape'],
    ['000.00.06.H56-23102-1001', 'dossier_code.shape'],
    ['000.00.06.H56-231027-10011', 'dossier_code.shape'],
    ['00.00.06.H56-231027-1001', 'dossier_code.unit'],
    ['000.00.06.h56-231027-1001', 'dossier_code.unit'],
    ['000.00.06.H56-230229-1001', 'dossier_code.date'],
    ['000.00.06.H56-231331-1001', 'dossier_code.date'],
    ['000.00.06.H56-231000-1001', 'dossier_code.date'],
    ['000.00.06.H56-231027-0000', 'dossier_code.sequence'],
  ])('rejects %j with the reason (%s)', (text, reason) => {
    const parsed = parseDossierCode(text);
    expect(parsed).toMatchObject({ ok: false, error: { code: 'invalid_dossier_code', details: { reason } } });
    if (!parsed.ok) {
      expect(parsed.error.message.vi.length).toBeGreaterThan(10);
      expect(parsed.error.message.en.length).toBeGreaterThan(10);
    }
    expect(dossierCodeSchema.safeParse(text).success).toBe(false);
  });

  it('reads codes outside the desk partition (portal or previous system) with no desk: DESIGN.md example', () => {
    expect(parseDossierCode('000.00.06.H56-231027-0361')).toEqual({
      ok: true,
      value: { unitCode: '000.00.06.H56', date: '2023-10-27', sequence: 361, deskNumber: null },
    });
    expect(parseDossierCode('000.00.06.H56-231027-3000')).toMatchObject({ ok: true, value: { deskNumber: null } });
  });

  it('accepts 29 February in a leap year and trims what a scanner adds', () => {
    expect(parseDossierCode(' 000.00.06.H56-240229-2001\n')).toMatchObject({
      ok: true,
      value: { date: '2024-02-29', deskNumber: 2 },
    });
  });

  it('says what is wrong in words', () => {
    const parsed = parseDossierCode('000.00.06.H56-230230-1001');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.message.vi).toBe('Mã hồ sơ có ngày tiếp nhận không có thật (YYMMDD): 230230.');
      expect(parsed.error.message.en).toBe(
        'The dossier code has a receipt date that does not exist (YYMMDD): 230230.',
      );
    }
  });
});

describe('the next code of a desk', () => {
  it("starts each day at the desk's first number and counts up", () => {
    expect(nextDossierCode('000.00.06.H56', '2023-10-27', 3, null)).toEqual({
      ok: true,
      value: { code: '000.00.06.H56-231027-3001', sequence: 3001 },
    });
    expect(nextDossierCode('000.00.06.H56', '2023-10-27', 3, 3041)).toEqual({
      ok: true,
      value: { code: '000.00.06.H56-231027-3042', sequence: 3042 },
    });
  });

  it("refuses clearly when the desk has used its 999 codes of the day, rather than borrow another desk's", () => {
    const next = nextDossierCode('000.00.06.H56', '2023-10-27', 3, 3999);
    expect(next).toMatchObject({ ok: false, error: { code: 'dossier_codes_exhausted' } });
    if (!next.ok) {
      expect(next.error.message.vi).toContain('Quầy 3 đã dùng hết 999 mã hồ sơ của ngày 27/10/2023');
      expect(next.error.message.en).toContain('Desk 3 has used all 999 dossier codes for 2023-10-27');
    }
  });

  it.each([
    ['a last sequence from another desk', '000.00.06.H56', '2023-10-27', 3, 2005, 'invalid_sequence'],
    ['desk 0', '000.00.06.H56', '2023-10-27', 0, null, 'invalid_desk_number'],
    ['desk 10', '000.00.06.H56', '2023-10-27', 10, null, 'invalid_desk_number'],
    ['a bad unit code', 'H56', '2023-10-27', 1, null, 'invalid_unit_code'],
    ['an impossible date', '000.00.06.H56', '2023-02-30', 1, null, 'invalid_date'],
    ['a date outside 2000–2099', '000.00.06.H56', '1999-12-31', 1, null, 'invalid_date'],
  ] as const)('fails on %s', (_what, unit, day, desk, last, code) => {
    expect(nextDossierCode(unit, day, desk, last)).toMatchObject({ ok: false, error: { code } });
  });
});

describe('a search by a piece of a code', () => {
  it('is any run of a code with one of its separators and seven characters of it, whatever its case', () => {
    fc.assert(
      fc.property(unitCode, date, fc.integer({ min: 1001, max: 9999 }).filter((n) => n % 1000 !== 0), fc.nat(24), fc.nat(24), (unit, day, sequence, a, b) => {
        const code = formatDossierCode({ unitCode: unit, date: day, sequence });
        const piece = code.slice(Math.min(a, b), Math.max(a, b) + 1);
        expect(isDossierCodePiece(piece.toLowerCase())).toBe(/[.-]/.test(piece) && piece.replace(/[.-]/g, '').length >= 7);
      }),
    );
    for (const piece of ['231027-0361', '1027-0361', 'h56-231027', '06.H56-2310', ' 000.00.06 ']) expect(isDossierCodePiece(piece), piece).toBe(true);
  });

  it('is not a bare number, a date, a phone, or words', () => {
    for (const text of ['0361', '-0361', '2024-05', '231027', '27-10-2023', '2023-10-27', '27.10.2023', '0912-345-678', '091.234.5678', 'H56', 'nguyen van duc', 'h56 231027', '-', '.'])
      expect(isDossierCodePiece(text), text).toBe(false);
  });
});
