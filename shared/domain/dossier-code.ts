/**
 * Dossier codes, official form `UNITCODE-YYMMDD-NNNN` (e.g. `000.00.06.H56-231027-1001`): receiving unit,
 * receipt date in Vietnam, and a sequence within that unit and day. Desks of one unit issue codes offline, so the
 * day's sequence space is partitioned by desk number: desk d issues d·1000+1 … d·1000+999. Two desks therefore
 * cannot collide without talking to each other.
 */
import { z } from 'zod';
import { appFailure, fail, ok, type Result } from '../result';
import { MAX_DESK_NUMBER, MIN_DESK_NUMBER, UNIT_CODE_PATTERN } from './units';
import { isRealDate, isVnDate } from './time';
import { validationMessages, type ValidationMessageKey } from './messages';

export interface DossierCodeParts {
  unitCode: string;
  /** Receipt date in Vietnam, `YYYY-MM-DD`. */
  date: string;
  sequence: number;
}

export interface ParsedDossierCode extends DossierCodeParts {
  /**
   * The desk that issued it, or null for a valid code outside the desk partition: codes from the national portal
   * or imported from a district's previous system (DESIGN.md's own example ends in 0361) are still dossier codes.
   */
  deskNumber: number | null;
}

const CODE_SHAPE = /^(.+)-(\d{6})-(\d{4})$/;
/** The code's two-digit year means 20YY: the system issues no codes before 2000 or after 2099. */
const CENTURY = 2000;

/** The sequences desk `deskNumber` may issue in a day. */
export function deskSequenceRange(deskNumber: number): { first: number; last: number } {
  if (!Number.isInteger(deskNumber) || deskNumber < MIN_DESK_NUMBER || deskNumber > MAX_DESK_NUMBER) {
    throw appFailure(
      'invalid_desk_number',
      validationMessages['desk_number.range'].vi,
      validationMessages['desk_number.range'].en,
    );
  }
  return { first: deskNumber * 1000 + 1, last: deskNumber * 1000 + 999 };
}

/** The desk a sequence belongs to, or null for sequences no desk issues (0001–0999 and the x000 numbers). */
export function deskOfSequence(sequence: number): number | null {
  if (!Number.isInteger(sequence) || sequence < 1001 || sequence > 9999 || sequence % 1000 === 0) return null;
  return Math.floor(sequence / 1000);
}

/** `2023-10-27` → `231027`; throws on a date the code cannot carry (a programming error upstream). */
function yymmdd(date: string): string {
  const year = Number(date.slice(0, 4));
  if (!isVnDate(date) || year < CENTURY || year > CENTURY + 99) {
    throw appFailure(
      'invalid_date',
      `Ngày không hợp lệ cho mã hồ sơ: ${date}.`,
      `Not a valid date for a dossier code: ${date}.`,
    );
  }
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

/** Writes a code from its parts. Throws an AppFailure on parts no desk could issue. */
export function formatDossierCode({ unitCode, date, sequence }: DossierCodeParts): string {
  if (!UNIT_CODE_PATTERN.test(unitCode)) {
    const m = validationMessages['unit_code.format'];
    throw appFailure('invalid_unit_code', m.vi, m.en);
  }
  if (deskOfSequence(sequence) === null) {
    const m = validationMessages['dossier_code.sequence'];
    throw appFailure('invalid_sequence', m.vi, m.en);
  }
  return `${unitCode}-${yymmdd(date)}-${String(sequence).padStart(4, '0')}`;
}

type CodeProblem = Extract<ValidationMessageKey, `dossier_code.${string}`>;

function codeProblem(
  text: string,
): { problem: CodeProblem; detail?: { vi: string; en: string } } | { parsed: ParsedDossierCode } {
  const m = CODE_SHAPE.exec(text.trim());
  if (!m) return { problem: 'dossier_code.shape' };
  const [, unitCode = '', datePart = '', seqPart = ''] = m;
  if (!UNIT_CODE_PATTERN.test(unitCode))
    return { problem: 'dossier_code.unit', detail: { vi: `"${unitCode}"`, en: `"${unitCode}"` } };
  const year = CENTURY + Number(datePart.slice(0, 2));
  const month = Number(datePart.slice(2, 4));
  const day = Number(datePart.slice(4, 6));
  if (!isRealDate(year, month, day))
    return { problem: 'dossier_code.date', detail: { vi: datePart, en: datePart } };
  const sequence = Number(seqPart);
  if (sequence === 0) return { problem: 'dossier_code.sequence', detail: { vi: seqPart, en: seqPart } };
  const deskNumber = deskOfSequence(sequence);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { parsed: { unitCode, date, sequence, deskNumber } };
}

/** Reads a code typed, scanned (QR) or received from another replica; says what is wrong when it is not one. */
export function parseDossierCode(text: string): Result<ParsedDossierCode> {
  const outcome = codeProblem(text);
  if ('parsed' in outcome) return ok(outcome.parsed);
  const m = validationMessages[outcome.problem];
  const withDetail = (sentence: string, detail: string | undefined) =>
    detail ? `${sentence.replace(/\.$/, '')}: ${detail}.` : sentence;
  const vi = withDetail(m.vi, outcome.detail?.vi);
  const en = withDetail(m.en, outcome.detail?.en);
  return fail('invalid_dossier_code', vi, en, { field: 'code', details: { reason: outcome.problem } });
}

/** Each character of a code by its class (9 a digit, A a letter), as UNIT_CODE_PATTERN and CODE_SHAPE write it. */
const CODE_TEMPLATE = '999.99.99.A99-999999-9999';

/**
 * Whether a search is a piece of a dossier code rather than words: a clerk looks a dossier up by its code's end
 * ("231027-0361", "H56-231027") or has not finished typing it. The piece must hold a separator of the code: a bare
 * number ("0361") may as well be the start of a phone or an ID number.
 */
export function isDossierCodePiece(text: string): boolean {
  const piece = text.trim().toUpperCase();
  // Seven characters at least: "2024-05" is a month as much as a code's piece, "231027-0361" is a code's.
  if (!/^[0-9A-Z.-]+$/.test(piece) || !/[.-]/.test(piece) || piece.replace(/[.-]/g, '').length < 7) return false;
  return CODE_TEMPLATE.includes(piece.replace(/\d/g, '9').replace(/[A-Z]/g, 'A'));
}

export const dossierCodeSchema = z.string().superRefine((text, ctx) => {
  const outcome = codeProblem(text);
  if ('problem' in outcome) ctx.addIssue({ code: 'custom', message: outcome.problem, input: text });
});

/**
 * The code for this desk's next dossier of the day, given the last sequence it used today (null for none yet).
 * Fails, rather than borrowing another desk's numbers, when the desk's 999 codes of the day are used up.
 */
export function nextDossierCode(
  unitCode: string,
  date: string,
  deskNumber: number,
  lastSequenceUsedToday: number | null,
): Result<{ code: string; sequence: number }> {
  if (!Number.isInteger(deskNumber) || deskNumber < MIN_DESK_NUMBER || deskNumber > MAX_DESK_NUMBER) {
    const m = validationMessages['desk_number.range'];
    return fail('invalid_desk_number', m.vi, m.en, { field: 'deskNumber' });
  }
  if (!UNIT_CODE_PATTERN.test(unitCode)) {
    const m = validationMessages['unit_code.format'];
    return fail('invalid_unit_code', m.vi, m.en, { field: 'unitCode' });
  }
  const year = Number(date.slice(0, 4));
  if (!isVnDate(date) || year < CENTURY || year > CENTURY + 99) {
    return fail(
      'invalid_date',
      `Ngày không hợp lệ cho mã hồ sơ: ${date}.`,
      `Not a valid date for a dossier code: ${date}.`,
      { field: 'date' },
    );
  }
  const range = deskSequenceRange(deskNumber);
  if (
    lastSequenceUsedToday !== null &&
    (lastSequenceUsedToday < range.first || lastSequenceUsedToday > range.last)
  ) {
    return fail(
      'invalid_sequence',
      `Số thứ tự ${lastSequenceUsedToday} không thuộc quầy ${deskNumber} (${range.first}–${range.last}).`,
      `Sequence ${lastSequenceUsedToday} does not belong to desk ${deskNumber} (${range.first}–${range.last}).`,
    );
  }
  if (lastSequenceUsedToday === range.last) {
    const [y, mo, d] = date.split('-');
    return fail(
      'dossier_codes_exhausted',
      `Quầy ${deskNumber} đã dùng hết ${range.last - range.first + 1} mã hồ sơ của ngày ${d}/${mo}/${y}. Hãy tiếp nhận tại quầy khác hoặc liên hệ quản trị viên.`,
      `Desk ${deskNumber} has used all ${range.last - range.first + 1} dossier codes for ${y}-${mo}-${d}. Receive at another desk or call the administrator.`,
    );
  }
  const sequence = lastSequenceUsedToday === null ? range.first : lastSequenceUsedToday + 1;
  return ok({ code: formatDossierCode({ unitCode, date, sequence }), sequence });
}
