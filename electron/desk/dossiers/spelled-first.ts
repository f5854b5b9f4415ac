/**
 * A search typed with its diacritics puts first the dossiers that hold those words as spelled. The search itself is
 * accent-blind (DESIGN §3: clerks type "nguyen van duc" and must find "Nguyễn Văn Đức"), so "Trần Văn Đạt" also
 * matches every newer land dossier ("đất") of a Trần Văn anybody, and Đạt's own dossier was lost behind them. Those
 * stay in the answer, after: a name typed without its marks at reception is still found, as before.
 *
 * Only the rows' own marked text is read for this: the applicant's name and the procedure's (codes, ID numbers and
 * phones carry no marks). The accent-blind matches are read further than the limit (SPELLED_WINDOW), newest first,
 * so that the spelled ones among them can come forward; one older than that many accent-blind matches is not seen.
 */
import type { Db } from '../db/open-database';
import { isMarked, spelledWords, spelling as spellingIn, spellingOf, type Spelling } from '../../../shared/text/spelling';

/**
 * How many accent-blind matches a search typed with marks reads to put the spelled ones first: about a year of a
 * district's dossiers of one family and middle name under a common word ("đất" is in every land procedure's name).
 * Reading their rows is most of the cost: at 500,000 dossiers 1,000 added 11 ms to a search's p95, 500 added 6 ms.
 */
export const SPELLED_WINDOW = 500;

export interface SpelledTerms {
  /** The typed words that carry marks, as spelled. */
  words: { spelling: Spelling; asPrefix: boolean }[];
}

/**
 * What a query typed with diacritics asks to be spelled; null when no word carries any (then the answer is the
 * accent-blind one, newest first). The last word may be the start of one, as in the search (`lastIsPrefix`).
 */
export function spelledTerms(query: string, lastIsPrefix: boolean): SpelledTerms | null {
  const typed = spelledWords(query);
  const words = typed
    .map((word, i) => ({ word, asPrefix: lastIsPrefix && i === typed.length - 1 }))
    .filter(({ word }) => isMarked(word))
    .map(({ word, asPrefix }) => ({ spelling: spellingOf(word), asPrefix }));
  return words.length > 0 ? { words } : null;
}

/**
 * Of the matches (`seq`, newest first), those whose applicant or procedure name holds every marked word as typed,
 * in the order given: first those that hold each word with its tone, then those where the word still being typed
 * has a tone not typed yet ("Phương" typed: Phương's dossiers, then Phượng's).
 */
export function spelledAmong(db: Db, seqs: readonly number[], terms: SpelledTerms): number[] {
  if (seqs.length === 0) return [];
  const rows = db
    .prepare<[string], { seq: number; applicant_name: string | null; procedure_name: string | null }>(
      'SELECT seq, applicant_name, procedure_name FROM dossiers WHERE seq IN (SELECT value FROM json_each(?))',
    )
    .all(JSON.stringify(seqs));
  const exact = new Set<number>();
  const toneLater = new Set<number>();
  for (const row of rows) {
    const words = [...spelledWords(row.applicant_name ?? '').map(spellingOf), ...procedureWords(row.procedure_name)];
    const held = terms.words.map(({ spelling, asPrefix }) => spellingIn(words, spelling, asPrefix));
    if (held.every((h) => h === 'exact')) exact.add(row.seq);
    else if (held.every((h) => h !== null)) toneLater.add(row.seq);
  }
  return [...seqs.filter((seq) => exact.has(seq)), ...seqs.filter((seq) => toneLater.has(seq))];
}

/** Procedure names as spelled: a district has a few hundred, and a name is most of a row's words. Bounded. */
const procedures = new Map<string, readonly Spelling[]>();

function procedureWords(name: string | null): readonly Spelling[] {
  if (name === null) return [];
  let words = procedures.get(name);
  if (!words) {
    words = spelledWords(name).map(spellingOf);
    if (procedures.size < 2_000) procedures.set(name, words);
  }
  return words;
}
