/**
 * DESIGN.md §1: the district's 2023 report, reproduced from a generated dataset of dossiers with those totals —
 * on the reference fold, the SQL path and the desk's counts, which must agree to the last dossier.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DossierState } from '../../shared/domain/lifecycle';
import type { Report } from '../../shared/reports/report';
import { THANH_HA_2023, thanhHaDossiers } from './support/thanh-ha-dataset';
import { bothPaths } from './support/report-paths';

describe('Thanh Hà district, 2023', () => {
  let states: DossierState[];
  let report: Report;

  beforeAll(async () => {
    states = thanhHaDossiers();
    const { sql, ref, desk } = await bothPaths(states, { period: { from: '2023-01-01', to: '2023-12-31' }, unitCode: null, today: '2024-03-01' });
    expect(sql).toEqual(ref);
    expect(desk).toEqual(ref);
    report = sql;
  }, 120_000);

  it('52,772 dossiers = 52,447 newly received + 325 carried over', () => {
    expect(report.counts.inPeriod).toBe(52_772);
    expect(report.counts.received.total).toBe(52_447);
    expect(report.counts.carriedOver).toBe(THANH_HA_2023.carriedOver);
  });

  it('45,679 online (87.09 %) and 6,768 in person (12.90 %)', () => {
    expect(report.counts.received).toMatchObject({ online: 45_679, inPerson: 6_768, postal: 0 });
    expect(report.rates.onlineRate).toBe(87.09);
    expect(report.rates.inPersonRate).toBe(12.9);
  });

  it('resolved early or on time 99.97 %, late 0.03 % (down 0.31 points)', () => {
    expect(report.rates.onTimeRate).toBe(99.97);
    expect(report.rates.lateRate).toBe(0.03);
    expect(report.yearOnYear.change.lateRate).toBe(-0.31);
  });

  it('digitised at receipt 99.18 % (up 39.12), results digitised 98.61 % (up 40.71), online up 54.65 points', () => {
    expect(report.rates.digitisedAtReceiptRate).toBe(99.18);
    expect(report.yearOnYear.change.digitisedAtReceiptRate).toBe(39.12);
    expect(report.rates.resultsDigitisedRate).toBe(98.61);
    expect(report.yearOnYear.change.resultsDigitisedRate).toBe(40.71);
    expect(report.yearOnYear.change.onlineRate).toBe(54.65);
  });

  it('every agency rated excellent (100 %)', () => {
    expect(report.agencyEvaluation.rated).toBeGreaterThan(1);
    expect(report.agencyEvaluation.excellentShare).toBe(100);
  });

  it('the books balance, overall and per unit', () => {
    for (const line of [{ counts: report.counts }, ...report.byUnit]) {
      const c = line.counts;
      expect(c.inPeriod).toBe(c.resolved.total + c.withdrawn + c.stopped + c.inProgress.total);
    }
    expect(report.counts.inProgress).toEqual({ total: 2_772, withinTime: 2_700, overdue: 72 });
    const district = report.byUnit.find((u) => u.key === '000.00.06.H56')!;
    expect(district.counts.inPeriod).toBe(52_772);
  });
});
