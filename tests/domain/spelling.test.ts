/**
 * Words as spelled (shared/text/spelling.ts), for a search typed with its diacritics: the names a clerk tells apart
 * by their marks are told apart, and one name written with its tone on another vowel, or typed in decomposed form,
 * is the same name.
 */
import { describe, expect, it } from 'vitest';
import { isMarked, spelledWords, spelling, spellingOf } from '../../shared/text/spelling';

const how = (text: string, word: string, asPrefix = false) => spelling(spelledWords(text).map(spellingOf), spellingOf(word), asPrefix);
const holds = (text: string, word: string, asPrefix = false) => how(text, word, asPrefix) !== null;

describe('words as spelled', () => {
  it('tells apart words that fold alike: Đạt and đất, Hóa and Hoà, Văn and Vân', () => {
    expect(holds('Trần Văn Đạt', 'Đạt')).toBe(true);
    expect(holds('quyền sử dụng đất', 'Đạt')).toBe(false);
    expect(holds('Lê Thị Hóa', 'Hoà')).toBe(false);
    expect(holds('Nguyễn Thị Vân', 'Văn')).toBe(false);
  });

  it('is one word whatever vowel bears the tone, whatever the case, composed or not', () => {
    for (const [text, word] of [
      ['Lê Thị Hoà', 'Hòa'],
      ['Đặng Thuỳ Dương', 'thùy'],
      ['ỦY BAN', 'uỷ'],
      ['Nguye\u0302\u0303n Văn A', 'Nguyễn'],
    ]) expect(holds(text!, word!), `${word} in ${text}`).toBe(true);
  });

  it('takes the word still being typed as the start of one, its tone perhaps not typed yet, but a tone typed must match', () => {
    expect(holds('Trần Văn Đạt', 'Đạ', true)).toBe(true);
    expect(holds('Trần Văn Đạt', 'đa', true)).toBe(true);
    expect(holds('Nguyễn Văn A', 'Nguyê', true)).toBe(true);
    expect(holds('quyền sử dụng đất', 'đa', true)).toBe(false);
    expect(holds('Trần Văn Đạt', 'Đá', true)).toBe(false);
    expect(holds('Trần Văn Đạt', 'Đạ')).toBe(false); // a whole word is not a prefix
  });

  it('ranks a word typed without its tone after the words it spells exactly: "Phương" before "Phượng"', () => {
    expect(how('Nguyễn Thị Phương', 'Phương', true)).toBe('exact');
    expect(how('Nguyễn Thị Phượng', 'Phương', true)).toBe('toneLater');
    expect(how('Nguyễn Văn Đồng', 'Đông', true)).toBe('toneLater');
    expect(how('Nguyễn Văn Đồng', 'Đông')).toBeNull();
    expect(how('Nguyễn Văn Đồng', 'Đồ', true)).toBe('exact');
  });

  it('says which typed words carry marks', () => {
    expect(['Trần', 'tran', 'đa', 'DA', 'Ủy', '0912345678', 'Nguye\u0302\u0303n'].map(isMarked)).toEqual([true, false, true, false, true, false, true]);
  });
});
