import { describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { seedUnits } from '../../shared/catalog/seed-units';
import { procedureSchema } from '../../shared/domain/procedure';
import { unitSchema } from '../../shared/domain/units';

describe('seed procedure catalog', () => {
  it('has at least 35 procedures, each valid against its schema and unchanged by parsing', () => {
    expect(seedProcedures.length).toBeGreaterThanOrEqual(35);
    for (const procedure of seedProcedures) {
      const parsed = procedureSchema.safeParse(procedure);
      expect(parsed.success, procedure.code).toBe(true);
      expect(parsed.data).toEqual(procedure);
    }
  });

  it('codes are unique', () => {
    const codes = seedProcedures.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('lists 14 district procedures in 4 fields and 21 commune procedures in 2 fields for Friday without waiting', () => {
    const friday = seedProcedures.filter((p) => p.fridayNoWait);
    const district = friday.filter((p) => p.level === 'district');
    const commune = friday.filter((p) => p.level === 'commune');
    expect(district).toHaveLength(14);
    expect(new Set(district.map((p) => p.field)).size).toBe(4);
    expect(commune).toHaveLength(21);
    expect(new Set(commune.map((p) => p.field)).size).toBe(2);
    expect(friday).toHaveLength(35);
  });

  it('also has procedures outside that list, and every kind of processing time', () => {
    expect(seedProcedures.filter((p) => !p.fridayNoWait).length).toBeGreaterThanOrEqual(3);
    const kinds = new Set(seedProcedures.map((p) => p.processingTime.kind));
    expect(kinds).toEqual(new Set(['days', 'hours', 'sameDay']));
  });

  it('includes the procedures every commune desk handles daily', () => {
    const byCode = new Map(seedProcedures.map((p) => [p.code.slice(0, 8), p]));
    expect(byCode.get('1.001193')).toMatchObject({
      name: 'Thủ tục đăng ký khai sinh',
      field: 'Hộ tịch',
      level: 'commune',
      feeVnd: 0,
    });
    expect(byCode.get('2.000815')).toMatchObject({
      field: 'Chứng thực',
      processingTime: { kind: 'sameDay' },
    });
    expect(byCode.get('1.001612')).toMatchObject({
      name: 'Đăng ký thành lập hộ kinh doanh',
      level: 'district',
      processingTime: { kind: 'days', days: 3 },
    });
  });

  it('every procedure names its agency and at least one paper, with one mandatory', () => {
    for (const p of seedProcedures) {
      expect(p.agency.length, p.code).toBeGreaterThan(0);
      expect(
        p.components.some((c) => c.mandatory),
        p.code,
      ).toBe(true);
    }
  });
});

describe('seed unit tree', () => {
  it('is one province, one district, several communes, all valid, with every parent present', () => {
    for (const unit of seedUnits) expect(unitSchema.safeParse(unit).success, unit.code).toBe(true);
    const byLevel = (level: string) => seedUnits.filter((u) => u.level === level);
    expect(byLevel('province')).toHaveLength(1);
    expect(byLevel('district')).toHaveLength(1);
    expect(byLevel('commune').length).toBeGreaterThanOrEqual(3);
    const codes = new Set(seedUnits.map((u) => u.code));
    expect(codes.size).toBe(seedUnits.length);
    for (const unit of seedUnits)
      if (unit.parentCode !== null) expect(codes.has(unit.parentCode), unit.code).toBe(true);
    const district = byLevel('district')[0]!;
    expect(district).toMatchObject({ code: '000.00.06.H56', name: 'Huyện Thanh Hà' });
    for (const commune of byLevel('commune')) expect(commune.parentCode).toBe(district.code);
  });
});
