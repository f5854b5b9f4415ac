import { describe, expect, it } from 'vitest';
import { foldText, normaliseNfc } from '../../shared/text/fold';

describe('search folding of Vietnamese text', () => {
  it.each([
    ['Nguyễn Văn Đức', 'nguyen van duc'],
    ['ĐẶNG THỊ HƯƠNG', 'dang thi huong'],
    ['Trần Quốc Toản', 'tran quoc toan'],
    ['Phạm Thị Ngọc Ánh', 'pham thi ngoc anh'],
    ['Huỳnh Đăng Khoa', 'huynh dang khoa'],
    ['Lương Thế Vinh', 'luong the vinh'],
    ['Ủy ban nhân dân xã Thanh Hồng', 'uy ban nhan dan xa thanh hong'],
    ['  Võ   Thị\tSáu \n', 'vo thi sau'],
  ])('%j → %j', (name, folded) => {
    expect(foldText(name)).toBe(folded);
  });

  it('old and new tone placement fold alike ("Thuỳ" / "Thùy", "Hoà" / "Hòa")', () => {
    expect(foldText('Lê Thị Thuỳ Dương')).toBe(foldText('Lê Thị Thùy Dương'));
    expect(foldText('Lê Thị Thuỳ Dương')).toBe('le thi thuy duong');
    expect(foldText('Nguyễn Văn Hoà')).toBe(foldText('Nguyễn Văn Hòa'));
  });

  it('decomposed (NFD) input, as macOS and some keyboards send it, folds like composed input', () => {
    const nfd = 'Nguyễn Văn Đức'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Văn Đức');
    expect(foldText(nfd)).toBe('nguyen van duc');
  });

  it('folding is idempotent, so a folded query matches a folded name', () => {
    expect(foldText(foldText('Đặng Thị Hương'))).toBe('dang thi huong');
  });

  it('digits and codes pass through unchanged', () => {
    expect(foldText('000.00.06.H56-231027-1001')).toBe('000.00.06.h56-231027-1001');
    expect(foldText('001203004567')).toBe('001203004567');
  });

  it('normaliseNfc stores one code point per accented letter', () => {
    const nfd = 'Đức'.normalize('NFD');
    expect(normaliseNfc(nfd)).toBe('Đức');
    expect([...normaliseNfc(nfd)]).toHaveLength(3);
  });
});
