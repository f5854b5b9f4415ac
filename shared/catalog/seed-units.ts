/**
 * The seed unit tree: Hải Dương province › Thanh Hà district › its communes (the set-up of the 2023 report in
 * DESIGN.md §1). Codes follow the national agency-identifier form; the province part `H56` is the one the team's
 * contract uses in its examples (`000.00.06.H56`), kept so every module's fixtures agree.
 */
import type { Unit } from '../domain/units';

export const SEED_PROVINCE_CODE = '000.00.00.H56';
export const SEED_DISTRICT_CODE = '000.00.06.H56';

const commune = (index: number, name: string): Unit => ({
  code: `000.${String(index).padStart(2, '0')}.06.H56`,
  name,
  level: 'commune',
  parentCode: SEED_DISTRICT_CODE,
});

export const seedUnits: Unit[] = [
  { code: SEED_PROVINCE_CODE, name: 'Tỉnh Hải Dương', level: 'province', parentCode: null },
  { code: SEED_DISTRICT_CODE, name: 'Huyện Thanh Hà', level: 'district', parentCode: SEED_PROVINCE_CODE },
  commune(1, 'Thị trấn Thanh Hà'),
  commune(2, 'Xã Thanh Hồng'),
  commune(3, 'Xã Thanh Sơn'),
  commune(4, 'Xã Thanh Quang'),
  commune(5, 'Xã Hồng Lạc'),
  commune(6, 'Xã Vĩnh Lập'),
  commune(7, 'Xã Thanh Cường'),
  commune(8, 'Xã Liên Mạc'),
];
