/**
 * Text folding for search: clerks type "nguyen van duc" and must find "Nguyễn Văn Đức" (DESIGN.md §3).
 * Stripping combining marks after NFD removes tones and the circumflex/breve/horn, but đ/Đ (U+0111/U+0110) are
 * letters of their own, not d plus a mark, so they are mapped explicitly.
 */

/** Vietnamese text is stored in NFC: one code point per accented letter, whatever keyboard or OS typed it. */
export const normaliseNfc = (text: string): string => text.normalize('NFC');

const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE_RUNS = /\s+/gu;

/** The search key of a text: lower case, no diacritics, đ → d, single spaces, trimmed. */
export function foldText(text: string): string {
  return normaliseNfc(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(WHITESPACE_RUNS, ' ')
    .trim();
}
