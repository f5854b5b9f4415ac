/**
 * Search by words without the search index, for the rows it does not hold: those written since the desk was last
 * idle (projections/search-index-upkeep.ts takes them in then), and every row while a new desk's first pull keeps
 * the index suspended (db/index-suspension.ts) and until the idle upkeep has taken them in after it. That pull can
 * take most of a morning on a slow link. Meanwhile a clerk looking for one of those dossiers must not be told that
 * it is not there, and then receive it a second time.
 *
 * It follows the same rule as the index's query (dossier-queries.ts): every word typed must be a whole word of the
 * dossier's folded text, and the last may be the start of one (not for a whole ID number). Results come newest
 * first. SQLite reads the rows in that order and keeps those that contain every typed word anywhere; the word rule
 * is checked here. Over a day's receptions this is about as fast as the index; over a whole table (during and just
 * after a first pull) it is slower, until the upkeep is done. A search narrowed by a due filter reads its few rows
 * here too (searchAmong): checked one by one, they cost less than the index's matches of a common name.
 */
import type { Db } from '../db/open-database';

/**
 * Splits folded text into words as the search index's tokenizer (unicode61) does, for every letter and digit of
 * Vietnamese text, codes, ID numbers and phones (compared over 3,000 such rows and 3,049 queries: no difference).
 * They part only on characters none of these use: private-use and symbol characters SQLite keeps inside a word
 * (₽, emoji modifiers), New Tai Lue, and letters SQLite case-folds to another (µ, ſ, ς).
 */
export const searchWords = (folded: string): string[] => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** What a search asks for: folded words, each whole except perhaps the last, which the clerk may still be typing. */
export interface SearchTerms {
  words: readonly string[];
  lastIsPrefix: boolean;
}

/** Whether the words of a text hold every typed word whole, and the last one at least as a prefix when allowed. */
function matches(textWords: readonly string[], { words, lastIsPrefix }: SearchTerms): boolean {
  const last = words.length - 1;
  return words.every((word, i) =>
    i === last && lastIsPrefix ? textWords.some((w) => w.startsWith(word)) : textWords.includes(word),
  );
}

/**
 * The `seq` of the newest `limit` dossiers above `aboveSeq` whose search text matches the terms; only those the
 * conditions keep, when given (the list's filters).
 */
export function searchUnindexed(
  db: Db,
  terms: SearchTerms,
  limit: number,
  aboveSeq = 0,
  only?: { where: readonly string[]; params: readonly unknown[] },
): number[] {
  const rows = ['seq > ?', ...(only?.where ?? [])].join(' AND ');
  // Above the index's mark, the rows are the day's few, read by their `seq`, newest first: with a list filter among
  // the conditions SQLite would rather read that filter's index, and under "Đã trả kết quả" (most of a district's
  // dossiers) that is most of the table (61 ms against 4 ms at 500,000 dossiers). When no row is indexed yet (after a
  // first pull, until the idle upkeep), the filter's index is the better way in.
  return newestMatching(db, terms, limit, rows, [aboveSeq, ...(only?.params ?? [])], aboveSeq > 0 ? 'NOT INDEXED' : '');
}

/**
 * The same among the dossiers a query of their `seq` selects (a due filter's, a few thousand read from an index):
 * SQLite keeps that list in order and reads the rows newest first, so a common name stops at the limit.
 */
export function searchAmong(db: Db, terms: SearchTerms, limit: number, among: { sql: string; params: readonly unknown[] }): number[] {
  return newestMatching(db, terms, limit, `seq IN (${among.sql})`, among.params);
}

function newestMatching(db: Db, terms: SearchTerms, limit: number, rows: string, params: readonly unknown[], hint = ''): number[] {
  const typed = terms.words;
  const contains = typed.map(() => 'instr(search_text, ?) > 0').join(' AND ');
  const candidates = db
    .prepare<unknown[], { seq: number; search_text: string }>(
      `SELECT seq, search_text FROM dossiers ${hint} WHERE ${rows} AND ${contains} ORDER BY seq DESC`,
    )
    .iterate(...params, ...typed);
  const found: number[] = [];
  for (const row of candidates) {
    if (!matches(searchWords(row.search_text), terms)) continue;
    found.push(row.seq);
    if (found.length === limit) break;
  }
  return found;
}
