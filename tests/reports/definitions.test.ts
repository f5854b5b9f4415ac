/**
 * The report's definitions (DESIGN.md §7) on hand-built dossiers, one boundary each, checked on both the
 * reference fold, the SQL path and the desk's pre-aggregated counts. Period: March 2023 unless a test says otherwise.
 */
import { describe, expect, it } from 'vitest';
import type { DossierState } from '../../shared/domain/lifecycle';
import type { Report } from '../../shared/reports/report';
import type { ReportRequest } from '../../shared/reports/run-report';
import { truncatedPercent } from '../../shared/reports/rates';
import { at, buildDossier, COMMUNE_1, COMMUNE_2, DISTRICT, PROC_CIVIL, PROC_OTHER, refusedDossier, type Step } from './support/dossier-builder';
import { bothPaths } from './support/report-paths';
import { seedUnits } from '../../shared/catalog/seed-units';
import { seedProcedures } from '../../shared/catalog/seed-procedures';

const MARCH: ReportRequest = { period: { from: '2023-03-01', to: '2023-03-31' }, unitCode: null, today: '2024-01-15' };

async function report(states: DossierState[], request: ReportRequest = MARCH): Promise<Report> {
  const { sql, ref, desk } = await bothPaths(states, request);
  expect(sql).toEqual(ref);
  expect(desk).toEqual(ref);
  return sql;
}

/** Every dossier of the period ends in exactly one of resolved / withdrawn / stopped / in progress. */
function expectBalanced(r: Report): void {
  const c = r.counts;
  expect(c.carriedOver + c.received.total).toBe(c.resolved.total + c.withdrawn + c.stopped + c.inProgress.total);
}

describe('resolved early, on time, late — by Vietnam calendar day against the legal due date', () => {
  it('a dossier resolved on its due date is on time, the day before is early, the day after is late', async () => {
    const due = at('2023-03-10', '17:00');
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-03'), dueAt: due, steps: [{ type: 'resolved', at: at('2023-03-09', '16:00') }] }),
      buildDossier({ receivedAt: at('2023-03-03'), dueAt: due, steps: [{ type: 'resolved', at: at('2023-03-10', '08:00') }] }),
      buildDossier({ receivedAt: at('2023-03-03'), dueAt: due, steps: [{ type: 'resolved', at: at('2023-03-13', '08:00') }] }),
    ]);
    expect(r.counts.resolved).toEqual({ total: 3, early: 1, onTime: 1, late: 1 });
    expect(r.rates.onTimeRate).toBe(66.66);
    expect(r.rates.lateRate).toBe(33.33);
    expectBalanced(r);
  });

  it('23:59 on the due day is still on time; 00:01 the next day is late', async () => {
    const due = at('2023-03-10', '17:00');
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-06'), dueAt: due, steps: [{ type: 'resolved', at: '2023-03-10T23:59:00+07:00' }] }),
      buildDossier({ receivedAt: at('2023-03-06'), dueAt: due, steps: [{ type: 'resolved', at: '2023-03-11T00:01:00+07:00' }] }),
    ]);
    expect(r.counts.resolved).toMatchObject({ onTime: 1, late: 1, early: 0 });
  });

  it('a re-appointment does not excuse lateness: the legal due date counts', async () => {
    const r = await report([
      buildDossier({
        receivedAt: at('2023-03-01'),
        dueAt: at('2023-03-10', '17:00'),
        steps: [
          { type: 'reappointed', at: at('2023-03-09'), newDueAt: at('2023-03-20', '17:00') },
          { type: 'resolved', at: at('2023-03-15') },
        ],
      }),
    ]);
    expect(r.counts.resolved).toMatchObject({ late: 1, onTime: 0 });
  });
});

describe('the period boundaries', () => {
  it('received 23:59 on the last day before the period is carried over; 00:01 on the first day is new', async () => {
    const r = await report([
      buildDossier({ receivedAt: '2023-02-28T23:59:00+07:00', dueAt: at('2023-03-08', '17:00') }),
      buildDossier({ receivedAt: '2023-03-01T00:01:00+07:00', dueAt: at('2023-03-08', '17:00') }),
    ]);
    expect(r.counts.carriedOver).toBe(1);
    expect(r.counts.received.total).toBe(1);
    expect(r.counts.inPeriod).toBe(2);
  });

  it('carried over: open or finished on or after the first day; a dossier finished before the period is not counted', async () => {
    const r = await report([
      buildDossier({ receivedAt: at('2023-02-20'), dueAt: at('2023-03-02', '17:00') }),
      buildDossier({ receivedAt: at('2023-02-20'), dueAt: at('2023-03-02', '17:00'), steps: [{ type: 'resolved', at: at('2023-03-01', '08:00') }] }),
      buildDossier({ receivedAt: at('2023-02-20'), dueAt: at('2023-03-02', '17:00'), steps: [{ type: 'resolved', at: '2023-02-28T16:00:00+07:00' }] }),
    ]);
    expect(r.counts.carriedOver).toBe(2);
    expect(r.counts.resolved).toMatchObject({ total: 1, early: 1 });
    expect(r.counts.inProgress.total).toBe(1);
    expectBalanced(r);
  });

  it('resolved after the period: still in progress at its end, overdue only if the due date had passed', async () => {
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-20'), dueAt: at('2023-03-30', '17:00'), steps: [{ type: 'resolved', at: at('2023-04-03') }] }),
      buildDossier({ receivedAt: at('2023-03-27'), dueAt: at('2023-04-05', '17:00'), steps: [{ type: 'resolved', at: at('2023-04-03') }] }),
      buildDossier({ receivedAt: at('2023-03-27'), dueAt: at('2023-03-31', '17:00') }),
    ]);
    expect(r.counts.resolved.total).toBe(0);
    expect(r.counts.inProgress).toEqual({ total: 3, withinTime: 2, overdue: 1 });
    expectBalanced(r);
  });

  it('a period that has not ended judges open dossiers today: due tomorrow is within time', async () => {
    const today = '2023-03-15';
    const r = await report(
      [
        buildDossier({ receivedAt: at('2023-03-10'), dueAt: at('2023-03-16', '17:00') }),
        buildDossier({ receivedAt: at('2023-03-01'), dueAt: at('2023-03-14', '17:00') }),
      ],
      { ...MARCH, today },
    );
    expect(r.judgedOn).toBe(today);
    expect(r.counts.inProgress).toEqual({ total: 2, withinTime: 1, overdue: 1 });
  });
});

describe('pauses', () => {
  it('a dossier waiting for a supplement at the end of the period is within time even past its old due date', async () => {
    const r = await report([
      buildDossier({
        receivedAt: at('2023-03-01'),
        dueAt: at('2023-03-08', '17:00'),
        steps: [{ type: 'supplement_requested', at: at('2023-03-06') }],
      }),
    ]);
    expect(r.counts.inProgress).toEqual({ total: 1, withinTime: 1, overdue: 0 });
  });

  it('after a supplement the deadline restarts: resolution is judged against the new due date', async () => {
    const supplement = (resolvedOn: string) =>
      buildDossier({
        receivedAt: at('2023-03-01'),
        dueAt: at('2023-03-08', '17:00'),
        steps: [
          { type: 'supplement_requested', at: at('2023-03-06') },
          { type: 'supplement_received', at: at('2023-03-20'), dueAt: at('2023-03-27', '17:00') },
          { type: 'resolved', at: at(resolvedOn) },
        ],
      });
    const r = await report([supplement('2023-03-24'), supplement('2023-03-29')]);
    expect(r.counts.resolved).toMatchObject({ early: 1, late: 1 });
  });

  it('fees requested before the end pause the clock; paid with the carried-over due date, it counts again', async () => {
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-01'), dueAt: at('2023-03-10', '17:00'), steps: [{ type: 'fees_requested', at: at('2023-03-08') }] }),
      buildDossier({
        receivedAt: at('2023-03-01'),
        dueAt: at('2023-03-10', '17:00'),
        steps: [
          { type: 'fees_requested', at: at('2023-03-08') },
          { type: 'fees_paid', at: at('2023-03-15'), dueAt: at('2023-03-17', '17:00') },
        ],
      }),
    ]);
    expect(r.counts.inProgress).toEqual({ total: 2, withinTime: 1, overdue: 1 });
  });
});

describe('lateness that a pause or a restart could hide', () => {
  const late = (steps: Step[]) => buildDossier({ receivedAt: at('2023-03-01'), dueAt: at('2023-03-08', '17:00'), steps });

  it('fees or a supplement asked for once the dossier was late do not stop its clock: overdue while it waits', async () => {
    const r = await report([
      late([{ type: 'fees_requested', at: at('2023-03-10') }]),
      late([{ type: 'supplement_requested', at: at('2023-03-10') }]),
      // Asked for on the due day itself: the clock stops in time.
      late([{ type: 'supplement_requested', at: at('2023-03-08') }]),
    ]);
    expect(r.counts.inProgress).toEqual({ total: 3, withinTime: 1, overdue: 2 });
  });

  it('a supplement asked for once late restarts nothing when it comes: the dossier stays overdue, before and after', async () => {
    const completed = (askedOn: string) =>
      late([
        { type: 'supplement_requested', at: at(askedOn) },
        // The restart a desk of an earlier release wrote into the completion: not taken for a request made late.
        { type: 'supplement_received', at: at('2023-04-10'), dueAt: at('2023-04-20', '17:00') },
      ]);
    const states = [completed('2023-04-03'), completed('2023-03-06')];
    const april = (from: string, to: string): ReportRequest => ({ period: { from, to }, unitCode: null, today: '2024-01-15' });
    // Asked for after the due day: overdue at the end of March, and on every day after; the one asked for in time is
    // within time while it waits and after its restart, overdue once the restarted due has passed.
    expect((await report(states)).counts.inProgress).toEqual({ total: 2, withinTime: 1, overdue: 1 });
    expect((await report(states, april('2023-04-01', '2023-04-05'))).counts.inProgress).toMatchObject({ overdue: 1 });
    expect((await report(states, april('2023-04-01', '2023-04-10'))).counts.inProgress).toMatchObject({ overdue: 1 });
    expect((await report(states, april('2023-04-11', '2023-04-20'))).counts.inProgress).toMatchObject({ overdue: 1 });
    expect((await report(states, april('2023-04-11', '2023-04-21'))).counts.inProgress).toMatchObject({ overdue: 2 });
  });

  it('judges every past day by the clock of that day, whatever came later: a second late restart, a payment, a stop', async () => {
    const march: ReportRequest = { period: { from: '2023-03-01', to: '2023-03-31' }, unitCode: null, today: '2024-01-15' };
    const marchOf = async (steps: Step[]) => (await report([late(steps)], march)).counts.inProgress;
    const within = { total: 1, withinTime: 1, overdue: 0 };
    const overdue = { total: 1, withinTime: 0, overdue: 1 };
    // Asked for in time and restarted on 15 March with a new due on 5 April: within time at the end of March, before
    // and after a second supplement, asked for late in April.
    const restarted: Step[] = [
      { type: 'supplement_requested', at: at('2023-03-06') },
      { type: 'supplement_received', at: at('2023-03-15'), dueAt: at('2023-04-05', '17:00') },
    ];
    expect(await marchOf(restarted)).toEqual(within);
    expect(
      await marchOf([
        ...restarted,
        { type: 'supplement_requested', at: at('2023-04-10') },
        { type: 'supplement_received', at: at('2023-04-20'), dueAt: at('2023-05-02', '17:00') },
      ]),
    ).toEqual(within);
    // Fees asked for on the due day but after the due hour: already late, so overdue while they wait, and after.
    const lateFees: Step[] = [{ type: 'fees_requested', at: '2023-03-08T17:30:00+07:00' }];
    expect(await marchOf(lateFees)).toEqual(overdue);
    expect(await marchOf([...lateFees, { type: 'fees_paid', at: at('2023-04-03'), dueAt: at('2023-03-08', '17:00') }])).toEqual(overdue);
    // Fees asked for in time, then the dossier stopped in May for want of payment: March stays within time.
    const inTimeFees: Step[] = [{ type: 'fees_requested', at: at('2023-03-06') }];
    expect(await marchOf(inTimeFees)).toEqual(within);
    expect(await marchOf([...inTimeFees, { type: 'stopped', at: at('2023-05-10') }])).toEqual(within);
  });
});

describe('closed without a result, refused, returned', () => {
  it('withdrawn in the period counts as withdrawn, not in progress; withdrawn after the period is still in progress', async () => {
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-01'), dueAt: at('2023-03-10', '17:00'), steps: [{ type: 'withdrawn', at: at('2023-03-05') }] }),
      buildDossier({ receivedAt: at('2023-03-01'), dueAt: at('2023-04-10', '17:00'), steps: [{ type: 'withdrawn', at: at('2023-04-05') }] }),
      buildDossier({ receivedAt: at('2023-03-01'), dueAt: at('2023-04-10', '17:00'), steps: [{ type: 'transferred', at: at('2023-03-02') }, { type: 'stopped', at: at('2023-03-20') }] }),
    ]);
    expect(r.counts.withdrawn).toBe(1);
    expect(r.counts.stopped).toBe(1);
    expect(r.counts.inProgress.total).toBe(1);
    expectBalanced(r);
  });

  it('a refusal at the desk is counted as refused and is not part of the dossiers of the period', async () => {
    const r = await report([refusedDossier(at('2023-03-02')), refusedDossier(at('2023-04-02'))]);
    expect(r.counts.refused).toBe(1);
    expect(r.counts.inPeriod).toBe(0);
  });

  it('a result returned in the period counts as returned even when it was resolved before the period', async () => {
    const r = await report([
      buildDossier({
        receivedAt: at('2023-02-10'),
        dueAt: at('2023-02-28', '17:00'),
        steps: [
          { type: 'resolved', at: at('2023-02-27') },
          { type: 'returned', at: at('2023-03-02') },
        ],
      }),
    ]);
    expect(r.counts.returned).toBe(1);
    expect(r.counts.inPeriod).toBe(0);
    expect(r.counts.resolved.total).toBe(0);
  });
});

describe('channels, digitisation, Friday without waiting', () => {
  it('counts new dossiers by channel and truncates the rates', async () => {
    const states = [
      ...Array.from({ length: 2 }, () => buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), channel: 'online' })),
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), channel: 'postal' }),
    ];
    const r = await report(states);
    expect(r.counts.received).toEqual({ total: 3, online: 2, inPerson: 0, postal: 1 });
    expect(r.rates.onlineRate).toBe(66.66);
    expect(r.rates.postalRate).toBe(33.33);
  });

  it('digitised at receipt needs every paper brought scanned; results digitised counts resolved dossiers', async () => {
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), scans: [true, true], steps: [{ type: 'resolved', at: at('2023-03-08'), resultDigitised: true }] }),
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), scans: [true, false], steps: [{ type: 'resolved', at: at('2023-03-08'), resultDigitised: false }] }),
    ]);
    expect(r.counts.digitisedAtReceipt).toBe(1);
    expect(r.counts.resultsDigitised).toBe(1);
    expect(r.rates.digitisedAtReceiptRate).toBe(50);
    expect(r.rates.resultsDigitisedRate).toBe(50);
  });

  it('results digitised are taken over the resolved dossiers whose procedure gives a result, not a closing without a paper', async () => {
    const closing = seedProcedures.find((p) => !p.producesResult)!; // a business household stopping or closing
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), steps: [{ type: 'resolved', at: at('2023-03-08'), resultDigitised: true }] }),
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), procedureCode: closing.code, steps: [{ type: 'resolved', at: at('2023-03-08'), resultDigitised: false }] }),
    ]);
    expect(r.counts.resolved.total).toBe(2);
    expect(r.counts.resultsExpected).toBe(1);
    expect(r.rates.resultsDigitisedRate).toBe(100);
    expect(r.rates.onTimeRate).toBe(100);
  });

  it('digitised at receipt counts scans made before the dossier left the desk, not ones added later', async () => {
    const scannedAfter = (steps: Step[]) => buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), scans: [true, false], steps });
    const r = await report([
      scannedAfter([{ type: 'scanned', at: at('2023-03-02', '15:00'), paper: 1 }, { type: 'transferred', at: at('2023-03-03') }]),
      scannedAfter([{ type: 'transferred', at: at('2023-03-03') }, { type: 'scanned', at: at('2023-03-04'), paper: 1 }]),
      scannedAfter([
        { type: 'resolved', at: at('2023-03-08'), resultDigitised: true },
        { type: 'returned', at: at('2023-03-09') },
        { type: 'scanned', at: at('2023-04-20'), paper: 1 },
      ]),
    ]);
    expect(r.counts.received.total).toBe(3);
    expect(r.counts.digitisedAtReceipt).toBe(1);
  });

  it('Friday without waiting: a listed procedure received on a Friday (Vietnam date), not another day or procedure', async () => {
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-03', '10:00'), dueAt: at('2023-03-03', '17:00'), procedureCode: PROC_CIVIL }),
      // Friday 06:30 in Vietnam is still Thursday in UTC.
      buildDossier({ receivedAt: '2023-03-10T06:30:00+07:00', dueAt: at('2023-03-10', '17:00'), procedureCode: PROC_CIVIL }),
      buildDossier({ receivedAt: at('2023-03-03', '10:00'), dueAt: at('2023-03-20', '17:00'), procedureCode: PROC_OTHER }),
      buildDossier({ receivedAt: at('2023-03-02', '10:00'), dueAt: at('2023-03-07', '17:00'), procedureCode: PROC_CIVIL }),
    ]);
    expect(r.counts.fridayNoWait).toBe(2);
    expect(r.rates.fridayNoWaitShare).toBe(50);
  });
});

describe('breakdowns', () => {
  const states = () => [
    buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), unitCode: COMMUNE_1, procedureCode: PROC_CIVIL, steps: [{ type: 'resolved', at: at('2023-03-08') }] }),
    buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), unitCode: COMMUNE_2, procedureCode: PROC_OTHER, steps: [{ type: 'resolved', at: at('2023-03-10') }] }),
    buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), unitCode: DISTRICT, procedureCode: PROC_OTHER }),
  ];

  it('a unit report counts the unit and its children only', async () => {
    const commune = await report(states(), { ...MARCH, unitCode: COMMUNE_1 });
    expect(commune.counts.inPeriod).toBe(1);
    expect(commune.byUnit.map((u) => u.key)).toEqual([COMMUNE_1]);
    const district = await report(states(), { ...MARCH, unitCode: DISTRICT });
    expect(district.counts.inPeriod).toBe(3);
    const line = (code: string) => district.byUnit.find((u) => u.key === code)!;
    expect(line(DISTRICT).counts.inPeriod).toBe(3);
    expect(line(COMMUNE_2).counts.resolved.late).toBe(1);
    expect(line(DISTRICT).label).toBe('Huyện Thanh Hà');
  });

  it('by field, procedure and agency, with the agency evaluation', async () => {
    const r = await report(states());
    expect(r.byField.map((f) => [f.label, f.counts.inPeriod])).toEqual([
      ['Đất đai', 2],
      ['Hộ tịch', 1],
    ]);
    expect(r.byProcedure.find((p) => p.key === PROC_CIVIL)).toMatchObject({ field: 'Hộ tịch', fridayNoWait: true });
    // A district-level procedure received at a commune is the district's agency's work.
    const land = r.agencyEvaluation.agencies.find((a) => a.agency === 'Chi nhánh Văn phòng đăng ký đất đai cấp huyện (Huyện Thanh Hà)')!;
    expect(land).toMatchObject({ resolved: 1, late: 1, onTimeRate: 0, band: 'weak' });
    const justice = r.agencyEvaluation.agencies.find((a) => a.agency === 'Phòng Tư pháp cấp huyện (Huyện Thanh Hà)')!;
    expect(justice).toMatchObject({ onTimeRate: 100, band: 'excellent' });
    expect(r.agencyEvaluation).toMatchObject({ rated: 2, excellent: 1, excellentShare: 50 });
  });

  it('rates each commune’s committee on its own, not one "Ủy ban nhân dân cấp xã" for the whole district', async () => {
    const COMMUNE_PROC = '1.004873.000.00.00.H56'; // Giấy xác nhận tình trạng hôn nhân: a commune procedure
    const resolved = (unitCode: string, day: string) =>
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-07'), unitCode, procedureCode: COMMUNE_PROC, steps: [{ type: 'resolved', at: at(day) }] });
    // Commune 1 resolves four on time; commune 2 resolves its one late.
    const r = await report([...['2023-03-03', '2023-03-06', '2023-03-07', '2023-03-07'].map((d) => resolved(COMMUNE_1, d)), resolved(COMMUNE_2, '2023-03-10')]);
    const names = (code: string) => seedUnits.find((u) => u.code === code)!.name;
    expect(r.agencyEvaluation.agencies.map((a) => [a.agency, a.resolved, a.onTimeRate, a.band])).toEqual([
      [`Ủy ban nhân dân cấp xã (${names(COMMUNE_1)})`, 4, 100, 'excellent'],
      [`Ủy ban nhân dân cấp xã (${names(COMMUNE_2)})`, 1, 0, 'weak'],
    ]);
    expect(r.agencyEvaluation).toMatchObject({ rated: 2, excellent: 1, excellentShare: 50 });
    expect(r.byAgency.map((a) => a.key)).toEqual(r.agencyEvaluation.agencies.map((a) => a.agency));
  });

  it('names a commune procedure received at the district by where it was received, not as a nameless committee', async () => {
    const COMMUNE_PROC = '1.004873.000.00.00.H56';
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-07'), unitCode: DISTRICT, procedureCode: COMMUNE_PROC, steps: [{ type: 'resolved', at: at('2023-03-06') }] }),
    ]);
    const district = seedUnits.find((u) => u.code === DISTRICT)!.name;
    expect(r.agencyEvaluation.agencies.map((a) => a.agency)).toEqual([`Ủy ban nhân dân cấp xã (tiếp nhận tại ${district})`]);
    // Listed with its figures, not rated: no one commune's committee is behind it.
    expect(r.agencyEvaluation.agencies[0]).toMatchObject({ resolved: 1, onTimeRate: 100, band: 'not_rated' });
    expect(r.agencyEvaluation.agencies[0]!.bandLabel.vi).toContain('không rõ đơn vị giải quyết');
    expect(r.agencyEvaluation).toMatchObject({ rated: 0, excellent: 0 });
  });
});

describe('year on year', () => {
  it('compares with the same period a year earlier, in points of the truncated rates', async () => {
    const r = await report([
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), channel: 'online' }),
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), channel: 'online' }),
      buildDossier({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), channel: 'in_person' }),
      buildDossier({ receivedAt: at('2022-03-02'), dueAt: at('2022-03-09'), channel: 'online' }),
      buildDossier({ receivedAt: at('2022-03-02'), dueAt: at('2022-03-09'), channel: 'in_person' }),
      buildDossier({ receivedAt: at('2022-03-02'), dueAt: at('2022-03-09'), channel: 'in_person' }),
      buildDossier({ receivedAt: at('2022-03-02'), dueAt: at('2022-03-09'), channel: 'in_person' }),
    ]);
    expect(r.yearOnYear.previousPeriod).toEqual({ from: '2022-03-01', to: '2022-03-31' });
    expect(r.rates.onlineRate).toBe(66.66);
    expect(r.yearOnYear.previous.rates.onlineRate).toBe(25);
    expect(r.yearOnYear.change.onlineRate).toBe(41.66);
    expect(r.yearOnYear.change.received).toBe(-1);
  });

  it('a period not yet ended compares with the same days a year earlier, judged on the same day, not with that whole period', async () => {
    const onTime = (day: string) => buildDossier({ receivedAt: at(day), dueAt: at(day.replace(/-\d\d$/, '-20')), channel: 'in_person', steps: [{ type: 'resolved', at: at(day.replace(/-\d\d$/, '-15')) }] });
    const late = (day: string) => buildDossier({ receivedAt: at(day), dueAt: at(day.replace(/-\d\d$/, '-10')), channel: 'in_person', steps: [{ type: 'resolved', at: at(day.replace(/-\d\d$/, '-15')) }] });
    // 2025: on time in January–June, late in July–December. 2026 so far: on time in January–May.
    const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
    const dossiers = [
      ...months.map((m, i) => (i < 6 ? onTime : late)(`2025-${m}-05`)),
      ...months.slice(0, 5).map((m) => onTime(`2026-${m}-05`)),
    ];
    const r = await report(dossiers, { period: { from: '2026-01-01', to: '2026-12-31' }, unitCode: null, today: '2026-06-15' });
    expect(r.yearOnYear.previousPeriod).toEqual({ from: '2025-01-01', to: '2025-06-15' });
    expect(r.yearOnYear.previous.counts.received.total).toBe(6);
    expect(r.yearOnYear.change.received).toBe(-1);
    expect(r.yearOnYear.change.onTimeRate).toBe(0);
    // Once the year has ended, the whole of it against the whole of the one before.
    const whole = await report(dossiers, { period: { from: '2026-01-01', to: '2026-12-31' }, unitCode: null, today: '2027-01-04' });
    expect(whole.yearOnYear.previousPeriod).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(whole.yearOnYear.change.received).toBe(-7);
  });

  it('29 February compares with 28 February', async () => {
    const r = await report([], { period: { from: '2024-02-01', to: '2024-02-29' }, unitCode: null, today: '2025-01-01' });
    expect(r.yearOnYear.previousPeriod).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });

  it('whole months stay whole: February 2025 compares with February 2024 to its 29th, a day range day by day', async () => {
    const dossier = buildDossier({ receivedAt: at('2024-02-29'), dueAt: at('2024-03-07'), channel: 'online' });
    const month = await report([dossier], { period: { from: '2025-02-01', to: '2025-02-28' }, unitCode: null, today: '2025-06-01' });
    expect(month.yearOnYear.previousPeriod).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(month.yearOnYear.previous.counts.received.total).toBe(1);
    const quarter = await report([], { period: { from: '2025-01-01', to: '2025-02-28' }, unitCode: null, today: '2025-06-01' });
    expect(quarter.yearOnYear.previousPeriod).toEqual({ from: '2024-01-01', to: '2024-02-29' });
    const days = await report([], { period: { from: '2025-02-10', to: '2025-02-28' }, unitCode: null, today: '2025-06-01' });
    expect(days.yearOnYear.previousPeriod).toEqual({ from: '2024-02-10', to: '2024-02-28' });
  });

  it('a period longer than a year goes back as many whole years as it spans, not onto itself', async () => {
    const online = (day: string) => buildDossier({ receivedAt: at(day), dueAt: at(day.replace(/-\d\d$/, '-28')), channel: 'online' });
    const inPerson = (day: string) => buildDossier({ receivedAt: at(day), dueAt: at(day.replace(/-\d\d$/, '-28')), channel: 'in_person' });
    // 2021–2022: one online of two. 2023–2024: two online of two.
    const dossiers = [online('2021-05-03'), inPerson('2022-05-03'), online('2023-05-03'), online('2024-05-03')];
    const two = await report(dossiers, { period: { from: '2023-01-01', to: '2024-12-31' }, unitCode: null, today: '2025-06-01' });
    expect(two.yearOnYear.previousPeriod).toEqual({ from: '2021-01-01', to: '2022-12-31' });
    expect(two.yearOnYear.change.onlineRate).toBe(50);
    expect(two.yearOnYear.change.received).toBe(0);
    // A year and a day still needs two years back; exactly a year, one.
    const longer = await report([], { period: { from: '2024-03-01', to: '2025-03-01' }, unitCode: null, today: '2025-06-01' });
    expect(longer.yearOnYear.previousPeriod).toEqual({ from: '2022-03-01', to: '2023-03-01' });
    const year = await report([], { period: { from: '2024-01-01', to: '2024-12-31' }, unitCode: null, today: '2025-06-01' });
    expect(year.yearOnYear.previousPeriod).toEqual({ from: '2023-01-01', to: '2023-12-31' });
  });
});

describe('rates', () => {
  it('truncate, never round: 45,679 / 52,447 is 87.09 % and 2/3 is 66.66 %', () => {
    expect(truncatedPercent(45_679, 52_447)).toBe(87.09);
    expect(truncatedPercent(2, 3)).toBe(66.66);
    expect(truncatedPercent(1, 1)).toBe(100);
    expect(truncatedPercent(0, 0)).toBeNull();
  });
});
