/**
 * Realistic Vietnamese personal names: family names weighted roughly by their share of the population
 * (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %, …), a middle name that depends on gender, and a given name.
 */
import type { Random } from './random';

const FAMILY: [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 4], ['Phan', 4.5], ['Vũ', 3.9], ['Võ', 3],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.6], ['Trịnh', 0.5],
  ['Đoàn', 0.5], ['Lương', 0.4], ['Mai', 0.4], ['Tạ', 0.3], ['Cao', 0.3], ['Lâm', 0.3], ['Chu', 0.2],
];
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Thanh', 'Xuân', 'Công', 'Đình', 'Tuấn', 'Ngọc', 'Trọng', 'Mạnh', 'Quốc', 'Gia'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Phương', 'Thuỳ', 'Hồng', 'Kim', 'Bích', 'Diệu', 'Khánh', 'Mai', 'Hải', 'Quỳnh'];
const GIVEN_MALE = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Kiên', 'Long', 'Lâm', 'Minh', 'Nam',
  'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh',
];
const GIVEN_FEMALE = [
  'Anh', 'Châu', 'Chi', 'Diệp', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Huyền', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai',
  'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thư', 'Trang', 'Uyên', 'Vân', 'Xuân', 'Yến',
];
const ORGANISATION_KINDS = ['Công ty TNHH', 'Công ty Cổ phần', 'Hợp tác xã', 'Doanh nghiệp tư nhân'];
const ORGANISATION_WORDS = ['Thanh Hà', 'Hải Dương', 'Phú Thịnh', 'An Phát', 'Minh Long', 'Đại Việt', 'Hưng Thịnh', 'Sao Mai', 'Tân Tiến', 'Hoà Bình'];

export function personName(rng: Random): string {
  const female = rng.chance(0.5);
  const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return `${rng.weighted(FAMILY)} ${middle} ${given}`;
}

export function organisationName(rng: Random): string {
  return `${rng.pick(ORGANISATION_KINDS)} ${rng.pick(ORGANISATION_WORDS)} ${rng.pick(['', 'Xanh', 'Việt', 'Group', 'Phát'])}`.trim();
}

const MOBILE_PREFIXES = ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098', '091', '094', '088', '083', '084', '085', '090', '093', '089', '070', '076', '077', '078', '079', '056', '058'];

export function mobilePhone(rng: Random): string {
  return `${rng.pick(MOBILE_PREFIXES)}${rng.digits(7)}`;
}

/** A CCCD: province of birth (Hải Dương 030), century-and-gender digit, year of birth, six random digits. */
export function cccd(rng: Random): string {
  const year = 1950 + rng.int(56);
  const genderCentury = year >= 2000 ? (rng.chance(0.5) ? 2 : 3) : rng.chance(0.5) ? 0 : 1;
  return `030${genderCentury}${String(year % 100).padStart(2, '0')}${rng.digits(6)}`;
}

export const taxCode = (rng: Random): string => `08${rng.digits(8)}`;
