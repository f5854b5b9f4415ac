/**
 * What a name or an address typed at the desk (or sent by the portal) may hold: it is printed on the receipt, the
 * logbook and the result, and read out when the result is handed back. QA received "Nguyễn Văn 😀 Đức", "Thôn 🏠 3",
 * "<b>Trần</b>" and a name of digits alone, and printed them on a legal record. Only what enters now is checked:
 * events already stored keep what they hold (the event schema is not narrowed, so no desk's history is refused).
 */
import { unprintable } from '../text/printable';

/** Tabs and line breaks (a cell pasted from a spreadsheet, an address in lines) and the other spaces. */
const ANY_SPACES = /\s+/gu;
/** Invisible format characters (zero-width space and joiners, soft hyphen, byte-order mark): nothing on paper. */
const INVISIBLE = /\p{Cf}/gu;

/**
 * A name or an address as the clerk sees it: what pasting brings that cannot be seen goes (invisible characters),
 * and any run of spaces, tabs or line breaks is one space; a passport's number without its spaces, in upper case. Applied to what enters only (the receive input and the
 * portal's submission), before the checks: a field that looks right on the screen is never refused for what it hides.
 */
export function cleanApplicantInput(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const key of ['name', 'address'] as const) {
    const value = out[key];
    if (typeof value === 'string') out[key] = value.replace(INVISIBLE, '').replace(ANY_SPACES, ' ');
  }
  // The personal number is what a person's number means without a word: not written (as every event before passports).
  if (out.idKind === 'personal') delete out.idKind;
  // A passport's number typed as printed, in groups or in lower case ("c 123 4567"): kept as on the page.
  if (out.idKind === 'passport' && typeof out.idNumber === 'string') {
    out.idNumber = out.idNumber.replace(INVISIBLE, '').replace(/[\s-]/gu, '').toUpperCase();
  } else if (typeof out.idNumber === 'string') {
    // A citizen's 12 digits read out in groups ("0372 0001 2345", "037-200-012-345"), as the phone already is: the
    // digits are the number. An organisation's tax code keeps its hyphen (0101234567-001 is a branch).
    const typed = out.idNumber.replace(INVISIBLE, '');
    const grouped = out.kind === 'organisation' ? typed.replace(/\s/gu, '') : typed.replace(/[\s.-]/gu, '');
    if (/^\d+(-\d+)?$/.test(grouped)) out.idNumber = grouped;
  }
  return out;
}
/**
 * An ID number as two typings of it compare: without the spaces, dots and dashes of its groups, in upper case. A
 * scanned card against the number typed, a citizen saved against one set aside.
 */
export const idNumberForComparison = (typed: string): string => typed.replace(INVISIBLE, '').replace(/[\s.-]/gu, '').toUpperCase();
const LETTER = /\p{L}/u;

/** Keys of shared/domain/messages.ts. */
export type ApplicantTextProblem = 'text.characters' | 'name.letters';

/**
 * The problem with a name, or null: it needs a letter (a name of digits alone is an ID typed in the wrong field).
 * Digits are let through: an organisation's name may hold them ("Hợp tác xã số 2"), and a person's name is checked
 * against the ID card by the clerk, not by a rule here.
 */
export function nameProblem(name: string): ApplicantTextProblem | null {
  if (unprintable(name)) return 'text.characters';
  return LETTER.test(name) ? null : 'name.letters';
}

/** The problem with an address, or null: house numbers and lanes have digits and slashes, not pictographs. */
export function addressProblem(address: string): ApplicantTextProblem | null {
  return unprintable(address) ? 'text.characters' : null;
}
