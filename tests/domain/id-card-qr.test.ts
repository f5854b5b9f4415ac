import { describe, expect, it } from 'vitest';
import { readIdCardQr } from '../../shared/domain/id-card-qr';

// Made-up people; the layout is the card's: number | old number | name | birth | sex | address | issued.
const CARD = '030201001234|142345678|Nguyễn Thị Lan|15081990|Nữ|Thôn Đông, Xã Tân Hưng, Huyện Ninh Giang, Tỉnh Hải Dương|10062021';

describe('reading the QR code of a căn cước card', () => {
  it('takes the number, the name and the address, and nothing else', () => {
    expect(readIdCardQr(CARD)).toEqual({
      idNumber: '030201001234',
      name: 'Nguyễn Thị Lan',
      address: 'Thôn Đông, Xã Tân Hưng, Huyện Ninh Giang, Tỉnh Hải Dương',
    });
  });

  it('reads a card without an old number, with fields added at the end, and with stray spaces', () => {
    const card = ' 001099012345||Trần  Văn   Bình |01011999|Nam|  Số 5 ngõ 12, Phường Láng, Hà Nội |20052024|extra|more ';
    expect(readIdCardQr(card)).toEqual({ idNumber: '001099012345', name: 'Trần Văn Bình', address: 'Số 5 ngõ 12, Phường Láng, Hà Nội' });
  });

  it('gives the name as composed letters, whatever form the scanner typed them in', () => {
    const decomposed = CARD.replace('Nguyễn Thị Lan', 'Nguyễn Thị Lan'.normalize('NFD'));
    expect(readIdCardQr(decomposed)?.name).toBe('Nguyễn Thị Lan'.normalize('NFC'));
  });

  it('keeps the number but not a name or address the scanner could not type (no Unicode set up)', () => {
    const garbled = '030201001234||Nguy¿n Th¿ Lan|15081990|N¿|Th¿n ¿ông|10062021';
    expect(readIdCardQr(garbled)).toEqual({ idNumber: '030201001234', name: null, address: null });
  });

  it('is not a card without 12 digits first or a real birth date fourth', () => {
    expect(readIdCardQr(CARD.replace('030201001234', '03020100123'))).toBeNull();
    expect(readIdCardQr(CARD.replace('15081990', '31021990'))).toBeNull();
    expect(readIdCardQr(CARD.replace('15081990', '1990-08-15'))).toBeNull();
    expect(readIdCardQr(CARD.replace('142345678', 'ABC'))).toBeNull();
  });

  it('is not a card for a dossier code, a link or a line with too few fields', () => {
    expect(readIdCardQr('000.00.06.H56-231027-1001')).toBeNull();
    expect(readIdCardQr('https://dichvucong.gov.vn/tra-cuu?ma=000.00.06.H56-231027-1001')).toBeNull();
    expect(readIdCardQr('030201001234|142345678|Nguyễn Thị Lan|15081990|Nữ')).toBeNull();
  });

  it('reads a card whose holder has only a year of birth, given with zeros or alone', () => {
    expect(readIdCardQr(CARD.replace('15081990', '00001950'))?.idNumber).toBe('030201001234');
    expect(readIdCardQr(CARD.replace('15081990', '00061950'))?.idNumber).toBe('030201001234');
    expect(readIdCardQr(CARD.replace('15081990', '1950'))?.idNumber).toBe('030201001234');
    expect(readIdCardQr(CARD.replace('15081990', '00131950'))).toBeNull();
    expect(readIdCardQr(CARD.replace('15081990', '1850'))).toBeNull();
  });

  it('takes a name with a curly apostrophe, and not one read as Latin-1 from UTF-8', () => {
    expect(readIdCardQr(CARD.replace('Nguyễn Thị Lan', 'H’Hen Niê'))?.name).toBe('H’Hen Niê');
    const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
    const misread = readIdCardQr(CARD.replace('Nguyễn Thị Lan', latin1('Lê Thanh Tuyên')).replace('Thôn Đông', latin1('Thôn Đông')));
    expect(misread).toMatchObject({ idNumber: '030201001234', name: null, address: null });
  });
});

