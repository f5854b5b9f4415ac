/**
 * A gentle check of how a person's name is written, for a hint under the name field (never an error: the name is
 * received as typed). QA: "nguyen van a" was received and printed on the receipt as typed, because the clerk's
 * Vietnamese keyboard (Unikey) was off.
 *
 * "No accents" is only said of a name that could be Vietnamese written without its marks: two words or more, ASCII
 * letters only, each word a possible Vietnamese syllable (an initial such as "ng" or "tr", one to three vowels, a final
 * such as "nh" or "t"). That leaves out most foreign and many ethnic-minority names written without marks as they
 * should be ("John Smith", "Ksor Y Phu": no Vietnamese syllable begins with "j" or "ks"). Some names still fit and are
 * right as typed ("Mai Anh", "Kim Min Ho"), so the hint asks rather than says.
 */

export interface NameSpellingHint {
  /** No letter with a Vietnamese mark, though the name reads as Vietnamese: the keyboard may have been off. */
  noAccents: boolean;
  /** Written all in lower case: the name with each word capitalised, as it should be written; null otherwise. */
  capitalised: string | null;
}

/** A Vietnamese syllable without its marks (đ written as d): initial, one to three vowels, final. */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$/i;

/**
 * A word typed in Telex with the Vietnamese keyboard off, as the letters it leaves ("Nguyeenx" for Nguyễn, "Vawn" for
 * Văn, "Ddoox" for Đỗ), with those letters taken out: the tone letter (s f r x j) at the end or before the final
 * consonant ("Phajm"), doubled vowels and dd, the w after a, o or u ("Truwowngf" for Trường), and a w alone read as
 * the u it marks ("Ddwcs" for Đức). "Lee" is left as "Le", but "Lee Smith" is still no Vietnamese name, "Smith" being
 * no syllable (a reviewer: the hint missed the commonest case of the keyboard off).
 */
function withoutTelexMarks(word: string): string {
  return word
    .replace(/([aeiouy]|ng|nh|ch|[cmnpt])[sfrxj]$/i, '$1')
    .replace(/([aeiouy])[sfrxj](ng|nh|ch|[cmnpt])$/i, '$1$2')
    .replace(/(a|e|o|d)\1/gi, '$1')
    .replace(/([aou])w/gi, '$1')
    .replace(/w/gi, 'u');
}

const vietnameseWithoutMarks = (word: string): boolean => SYLLABLE.test(word) || SYLLABLE.test(withoutTelexMarks(word));

const wordsOf = (name: string): string[] => name.normalize('NFC').trim().split(/\s+/).filter(Boolean);

/** "nguyễn văn a" → "Nguyễn Văn A". */
const capitalise = (words: string[]): string => words.map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1)).join(' ');

/**
 * What to point out about a person's name as typed, or null when nothing. `fromPassport`: the name is copied from a
 * passport, whose Latin letters are often without marks by right, so only the lower case is pointed out.
 */
export function nameSpellingHint(name: string, { fromPassport = false }: { fromPassport?: boolean } = {}): NameSpellingHint | null {
  const words = wordsOf(name);
  const joined = words.join(' ');
  const noAccents = !fromPassport && words.length >= 2 && words.every(vietnameseWithoutMarks);
  // Letters, none of them capital: a script without case (Chinese characters) has neither and is left alone.
  const lowerCase = /\p{Ll}/u.test(joined) && !/\p{Lu}/u.test(joined);
  if (!noAccents && !lowerCase) return null;
  return { noAccents, capitalised: lowerCase ? capitalise(words) : null };
}
