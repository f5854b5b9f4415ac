import { describe, expect, it } from 'vitest';
import { nameSpellingHint } from './name-spelling';

describe('the hint on how a name is written', () => {
  it('asks about a name typed with the Vietnamese keyboard off, and about its lower case (QA: "nguyen van a")', () => {
    expect(nameSpellingHint('nguyen van a')).toEqual({ noAccents: true, capitalised: 'Nguyen Van A' });
    expect(nameSpellingHint('Nguyen Van A')).toEqual({ noAccents: true, capitalised: null });
    expect(nameSpellingHint('NGUYEN VAN A')).toEqual({ noAccents: true, capitalised: null });
    for (const name of ['Tran Thi Huong', 'Hoang Quynh Nga', 'Truong Nguyet Anh', 'Duong Khuong Nghia', '  Le   Van Khoai ']) {
      expect(nameSpellingHint(name), name).toEqual({ noAccents: true, capitalised: null });
    }
  });

  it('asks about a name typed in Telex with the keyboard off, as the letters Telex leaves (a reviewer)', () => {
    for (const name of ['Nguyeenx Vawn Anh', 'Ddoox Minh Ddwcs', 'Truwowngf Thij Hoaf', 'Phajm Quoocs Ddajt']) {
      expect(nameSpellingHint(name), name).toEqual({ noAccents: true, capitalised: null });
    }
    // Letters Telex would leave, in a name that is no Vietnamese one: quiet.
    for (const name of ['Lee Smith', 'Aaron Woods', 'Joss Stone']) expect(nameSpellingHint(name), name).toBeNull();
  });

  it('says nothing of a name written with its marks', () => {
    for (const name of ['Nguyễn Văn A', 'Trịnh Văn Quyết', 'Đỗ Minh Đức', 'H’Hen Niê', 'Nguye\u0302\u0303n Va\u0306n A']) {
      expect(nameSpellingHint(name), name).toBeNull();
    }
  });

  it('says nothing of names that cannot be Vietnamese without marks: foreign and ethnic-minority names stay quiet', () => {
    for (const name of ['Ksor Y Phu', 'John Smith', 'Maria Garcia', 'Y Moan Enuol', 'Nay Y Blim', 'Nguyen Van Nam Jr', 'Nguyễn 2 A']) {
      expect(nameSpellingHint(name), name).toBeNull();
    }
  });

  it('needs two words to ask about marks, and says nothing of an empty name', () => {
    expect(nameSpellingHint('Nguyen')).toBeNull();
    expect(nameSpellingHint('')).toBeNull();
    expect(nameSpellingHint('   ')).toBeNull();
  });

  it('suggests capitals for a name with its marks typed all in lower case', () => {
    expect(nameSpellingHint('nguyễn văn đức')).toEqual({ noAccents: false, capitalised: 'Nguyễn Văn Đức' });
    expect(nameSpellingHint('  trịnh   văn quyết ')).toEqual({ noAccents: false, capitalised: 'Trịnh Văn Quyết' });
    // A foreign name in lower case gets the capitals only.
    expect(nameSpellingHint('john smith')).toEqual({ noAccents: false, capitalised: 'John Smith' });
    // A script without capitals is left alone.
    expect(nameSpellingHint('王小明')).toBeNull();
  });

  it('asks nothing about marks of a name copied from a passport, whose Latin letters often have none by right', () => {
    expect(nameSpellingHint('NGUYEN VAN A', { fromPassport: true })).toBeNull();
    expect(nameSpellingHint('nguyen van a', { fromPassport: true })).toEqual({ noAccents: false, capitalised: 'Nguyen Van A' });
  });
});
