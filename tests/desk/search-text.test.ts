/**
 * The folded search text of a dossier row (projections/dossier-row.ts). It is folded in parts, the procedure name
 * from a cache; what a clerk would notice if that went wrong: a dossier that a search no longer finds, or finds
 * only after a rebuild. Held against the fold of the whole text, which is what every row stored so far holds.
 */
import { describe, expect, it } from 'vitest';
import type { DossierState } from '../../shared/domain/lifecycle';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { foldText } from '../../shared/text/fold';
import { searchTextOf } from '../../electron/desk/projections/dossier-row';
import { Random } from '../../bench/generator/random';
import { cccd, mobilePhone, personName } from '../../bench/generator/vietnamese-names';

type Parts = { code: string | null; name?: string; idNumber?: string; phone?: string; procedureCode: string | null };

const stateOf = (p: Parts): DossierState =>
  ({
    code: p.code,
    procedureCode: p.procedureCode,
    applicant: p.name === undefined ? null : { kind: 'person', name: p.name, idNumber: p.idNumber, phone: p.phone },
  }) as unknown as DossierState;

/** The fold of the whole text, as rows were written before the parts were folded apart. */
const wholeFold = (p: Parts, procedureName: string | undefined): string =>
  foldText([p.code, p.name, p.idNumber, p.phone, procedureName ?? p.procedureCode].filter((x) => typeof x === 'string' && x.length > 0).join(' '));

describe('search text of a dossier row', () => {
  it('is the fold of the whole text for realistic dossiers, the same procedure many times over', () => {
    const rng = new Random(11);
    for (let i = 0; i < 2_000; i++) {
      const procedure = rng.pick(seedProcedures);
      const applicant = rng.next() < 0.95;
      const parts: Parts = {
        code: rng.next() < 0.9 ? `000.00.06.H56-2611${String(10 + (i % 18))}-${String(2001 + i).padStart(4, '0')}` : null,
        name: applicant ? personName(rng) : undefined,
        idNumber: applicant && rng.next() < 0.8 ? cccd(rng) : undefined,
        phone: applicant && rng.next() < 0.7 ? mobilePhone(rng) : undefined,
        procedureCode: procedure.code,
      };
      const known = rng.next() < 0.95 ? procedure : undefined;
      expect(searchTextOf(stateOf(parts), known)).toBe(wholeFold(parts, known?.name));
    }
  });

  it('is the fold of the whole text at the edges: nothing but a procedure, spaces, marks, đ, final sigma', () => {
    const seeded = seedProcedures[0]!;
    const cases: [Parts, string | undefined][] = [
      [{ code: null, procedureCode: null }, undefined],
      [{ code: null, procedureCode: seeded.code }, undefined],
      [{ code: null, procedureCode: seeded.code }, seeded.name],
      [{ code: 'X', name: '  Đỗ   Thị  Hằng  ', procedureCode: null }, undefined],
      [{ code: null, name: '\u0301', procedureCode: null }, '  Đăng ký khai sinh  '],
      [{ code: null, name: 'Nguyễn Văn Đức', procedureCode: null }, 'ΟΔΟΣ'],
      [{ code: null, name: 'ΟΔΟΣ', procedureCode: null }, 'Chứng thực'],
      [{ code: null, name: 'Nguye\u0302\u0303n', idNumber: '001203004567', procedureCode: null }, ' '],
    ];
    for (const [parts, name] of cases) {
      const procedure = name === undefined ? undefined : { ...seeded, name };
      expect(searchTextOf(stateOf(parts), procedure), JSON.stringify([parts, name])).toBe(wholeFold(parts, name));
    }
  });
});
