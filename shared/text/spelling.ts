/**
 * Words as they are spelled, marks and all, for a search typed with its diacritics: "Đạt" is a name, "đất" is land,
 * and both fold to "dat" (fold.ts). A word's spelling here is its letters in lower case with the vowel's own marks
 * (â, ă, ê, ô, ơ, ư, and đ) kept in place and its tone mark (huyền, sắc, hỏi, ngã, nặng) said apart: the tone
 * stands on different vowels in the old and the new placement ("Thuỳ" and "Thùy", "hoà" and "hòa"), and those are
 * one name however the keyboard placed it.
 */
import { foldText, normaliseNfc } from './fold';

/** The five Vietnamese tone marks, as combining characters after NFD. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

export interface Spelling {
  /** Lower case, NFC, without its tone mark: "đat" for "Đạt", "đât" for "đất". */
  letters: string;
  /** The tone marks, in the order they stood (one in a Vietnamese syllable); empty for none. */
  tone: string;
}

/**
 * Each character's part, found once: a search typed with marks reads the names of a thousand rows (desk
 * dossiers/spelled-first.ts), and normalising every word twice took most of its time. Bounded all the same.
 */
const characters = new Map<string, readonly [letters: string, tone: string]>();
const MAX_CHARACTERS = 4_096;

function characterParts(ch: string): readonly [string, string] {
  let parts = characters.get(ch);
  if (!parts) {
    const decomposed = ch.toLowerCase().normalize('NFD');
    parts = [decomposed.replace(TONE_MARKS, '').normalize('NFC'), (decomposed.match(TONE_MARKS) ?? []).join('')];
    if (characters.size < MAX_CHARACTERS) characters.set(ch, parts);
  }
  return parts;
}

export function spellingOf(word: string): Spelling {
  let letters = '';
  let tone = '';
  for (const ch of normaliseNfc(word)) {
    const [l, t] = characterParts(ch);
    letters += l;
    tone += t;
  }
  // A mark NFC could not join to its letter stands alone: joined here if it can be once the tone is out.
  return { letters: letters.normalize('NFC'), tone };
}

/** A text's words, split as the search splits folded text (letters and digits), keeping each letter's marks. */
export const spelledWords = (text: string): string[] =>
  normaliseNfc(text)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);

/** Whether a word carries a diacritic or is spelled with đ: whether it says more than its folded form. */
export const isMarked = (word: string): boolean => foldText(word) !== normaliseNfc(word).toLowerCase();

/**
 * How a text holds the typed word: `exact`, the same letters and tone (the word the clerk is still typing,
 * `asPrefix`, may be the start of one); `toneLater`, only that word, its tone not typed yet where the text's word has
 * one (Telex and VNI put it after the letters, "nguyenx" → "nguyễn"; but "Phương" typed whole is no "Phượng", so
 * such a match ranks after the exact ones); null when it does not: a tone typed must be the word's.
 */
export function spelling(textWords: readonly Spelling[], typed: Spelling, asPrefix: boolean): 'exact' | 'toneLater' | null {
  let found: 'toneLater' | null = null;
  for (const w of textWords) {
    if (!asPrefix) {
      if (w.letters === typed.letters && w.tone === typed.tone) return 'exact';
    } else if (w.letters.startsWith(typed.letters)) {
      if (typed.tone === w.tone) return 'exact';
      if (typed.tone === '') found = 'toneLater';
    }
  }
  return found;
}
