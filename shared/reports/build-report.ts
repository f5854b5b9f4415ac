/**
 * Turns the grouped counts of the aggregation query (this period and the same period a year earlier) into the
 * report object. Pure: the desk and the server hand it rows from their own databases and get the same report.
 */
import type { Procedure } from '../domain/procedure';
import type { Unit } from '../domain/units';
import { agencyBand, agencyBandLabel, notRatedPooledLabel } from './agency-rating';
import type { GroupedCounts, GroupedRow } from './aggregation-sql';
import { reportCategories } from './aggregation-sql';
import { dateKeyOfDayNumber, type DayNumber } from './days';
import type { ReportPeriod } from './period';
import { pointsChange, truncatedPercent } from './rates';
import {
  REPORT_VERSION,
  type AgencyEvaluation,
  type ProcedureLine,
  type Report,
  type ReportCounts,
  type ReportLine,
  type ReportRates,
  type UnitLine,
} from './report';
import { ancestorsOf } from './units';

/** Labels for dossiers whose procedure or unit the catalog does not know (imported from an older catalog). */
export const UNKNOWN_FIELD = 'Lĩnh vực khác';
export const UNKNOWN_AGENCY = 'Cơ quan khác';

export interface BuildReportInput {
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  judgedOn: DayNumber;
  unitCode: string | null;
  unitCodes: string[];
  units: readonly Unit[];
  procedures: readonly Procedure[];
  current: readonly GroupedRow[];
  previous: readonly GroupedRow[];
}

/** Numbers as numbers (PostgreSQL's SUM is a bigint, drivers differ), all-zero groups dropped, in a stable order. */
export function normaliseGroupedRows(rows: readonly Record<string, unknown>[]): GroupedRow[] {
  const out: GroupedRow[] = [];
  for (const r of rows) {
    const row = {
      unit_code: (r.unit_code as string | null) ?? null,
      procedure_code: (r.procedure_code as string | null) ?? null,
      channel: (r.channel as string | null) ?? null,
    } as GroupedRow;
    let any = false;
    for (const c of reportCategories) {
      row[c] = Number(r[c] ?? 0);
      if (row[c] !== 0) any = true;
    }
    if (any) out.push(row);
  }
  const key = (r: GroupedRow) => `${r.unit_code ?? ''}|${r.procedure_code ?? ''}|${r.channel ?? ''}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

type Sums = GroupedCounts & { online: number; in_person: number; postal: number; friday_no_wait: number; results_expected: number };

const zeroSums = (): Sums =>
  ({ ...Object.fromEntries(reportCategories.map((c) => [c, 0])), online: 0, in_person: 0, postal: 0, friday_no_wait: 0, results_expected: 0 }) as Sums;

function addRow(sums: Sums, row: GroupedRow, procedure: Procedure | undefined): void {
  // A procedure that gives no result has none to digitise: a scan linked to its dossier as a result is not counted.
  const givesResult = procedure?.producesResult !== false;
  for (const c of reportCategories) if (givesResult || c !== 'result_digitised') sums[c] += row[c];
  if (row.channel === 'online') sums.online += row.received_new;
  else if (row.channel === 'in_person') sums.in_person += row.received_new;
  else if (row.channel === 'postal') sums.postal += row.received_new;
  if (procedure?.fridayNoWait === true) sums.friday_no_wait += row.received_friday;
  if (givesResult) sums.results_expected += row.resolved_early + row.resolved_on_time + row.resolved_late;
}

function countsOf(s: Sums): ReportCounts {
  const resolved = s.resolved_early + s.resolved_on_time + s.resolved_late;
  return {
    inPeriod: s.carried_over + s.received_new,
    carriedOver: s.carried_over,
    received: { total: s.received_new, online: s.online, inPerson: s.in_person, postal: s.postal },
    resolved: { total: resolved, early: s.resolved_early, onTime: s.resolved_on_time, late: s.resolved_late },
    inProgress: { total: s.in_progress_within + s.in_progress_overdue, withinTime: s.in_progress_within, overdue: s.in_progress_overdue },
    returned: s.returned,
    withdrawn: s.withdrawn,
    stopped: s.stopped,
    refused: s.refused,
    digitisedAtReceipt: s.digitised_at_receipt,
    resultsDigitised: s.result_digitised,
    resultsExpected: s.results_expected,
    fridayNoWait: s.friday_no_wait,
  };
}

export function ratesOf(c: ReportCounts): ReportRates {
  const r = c.received.total;
  const d = c.resolved.total;
  return {
    onlineRate: truncatedPercent(c.received.online, r),
    inPersonRate: truncatedPercent(c.received.inPerson, r),
    postalRate: truncatedPercent(c.received.postal, r),
    onTimeRate: truncatedPercent(c.resolved.early + c.resolved.onTime, d),
    lateRate: truncatedPercent(c.resolved.late, d),
    digitisedAtReceiptRate: truncatedPercent(c.digitisedAtReceipt, r),
    resultsDigitisedRate: truncatedPercent(c.resultsDigitised, c.resultsExpected),
    fridayNoWaitShare: truncatedPercent(c.fridayNoWait, r),
  };
}

/** Sums rows into named groups; `keysOf` may put one row in several groups (a commune counts in its district). */
function groupBy(rows: readonly GroupedRow[], keysOf: (r: GroupedRow) => string[], procedureOf: (r: GroupedRow) => Procedure | undefined): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const row of rows) {
    for (const key of keysOf(row)) {
      let sums = out.get(key);
      if (!sums) out.set(key, (sums = zeroSums()));
      addRow(sums, row, procedureOf(row));
    }
  }
  return out;
}

const byLabel = <T extends { label: string; key: string }>(a: T, b: T): number => a.label.localeCompare(b.label, 'vi') || (a.key < b.key ? -1 : 1);

export function buildReport(input: BuildReportInput): Report {
  const procedures = new Map(input.procedures.map((p) => [p.code, p]));
  const procedureOf = (r: GroupedRow) => (r.procedure_code === null ? undefined : procedures.get(r.procedure_code));
  const fieldOf = (r: GroupedRow) => procedureOf(r)?.field ?? UNKNOWN_FIELD;
  const unitByCode = new Map(input.units.map((u) => [u.code, u]));
  // The catalog names an agency by its level ("Ủy ban nhân dân cấp xã", "Phòng Tư pháp cấp huyện"): each commune's
  // (each district's) is an agency of its own, rated on its own (Decision 766), so the agency is named with the unit
  // of the procedure's level that received the dossier. Merged, two communes' committees read as one agency with one
  // band, and a weak commune hid behind a good one (found by the district supervisor's QA pass).
  // Agencies named by where a dossier was received, not by who takes it: listed, not rated (below).
  const namedByReception = new Set<string>();
  const agencyOf = (r: GroupedRow) => {
    const p = procedureOf(r);
    if (!p) return UNKNOWN_AGENCY;
    if (r.unit_code === null) return p.agency;
    const holder = [r.unit_code, ...ancestorsOf(input.units, r.unit_code)].map((c) => unitByCode.get(c)).find((u) => u?.level === p.level);
    if (holder) return `${p.agency} (${holder.name})`;
    // A commune's procedure received at the district (no commune stands above it): which commune's committee takes
    // it is not recorded, so the agency is named by where it was received, not as a nameless one beside the
    // communes' own (QA: "Ủy ban nhân dân cấp xã" with no unit, rated apart).
    const receiving = unitByCode.get(r.unit_code);
    if (!receiving) return p.agency;
    const named = `${p.agency} (tiếp nhận tại ${receiving.name})`;
    namedByReception.add(named);
    return named;
  };
  const line = (key: string, label: string, s: Sums): ReportLine => {
    const counts = countsOf(s);
    return { key, label, counts, rates: ratesOf(counts) };
  };

  const total = groupBy(input.current, () => ['all'], procedureOf).get('all') ?? zeroSums();
  const counts = countsOf(total);
  const rates = ratesOf(counts);
  const previousCounts = countsOf(groupBy(input.previous, () => ['all'], procedureOf).get('all') ?? zeroSums());
  const previousRates = ratesOf(previousCounts);

  const byField = [...groupBy(input.current, (r) => [fieldOf(r)], procedureOf)].map(([k, s]) => line(k, k, s)).sort(byLabel);
  const byAgencySums = groupBy(input.current, (r) => [agencyOf(r)], procedureOf);
  const byAgency = [...byAgencySums].map(([k, s]) => line(k, k, s)).sort(byLabel);
  const byProcedure: ProcedureLine[] = [...groupBy(input.current, (r) => [r.procedure_code ?? ''], procedureOf)]
    .map(([code, s]) => {
      const p = procedures.get(code);
      return { ...line(code, p?.name ?? code, s), field: p?.field ?? UNKNOWN_FIELD, agency: p?.agency ?? UNKNOWN_AGENCY, fridayNoWait: p?.fridayNoWait ?? false };
    })
    .sort((a, b) => a.field.localeCompare(b.field, 'vi') || byLabel(a, b));

  // A unit's line counts its own dossiers and its children's; only units inside the asked subtree are listed.
  const inScope = new Set(input.unitCodes);
  const unitKeys = (r: GroupedRow): string[] => {
    if (r.unit_code === null) return [];
    const chain = [r.unit_code, ...ancestorsOf(input.units, r.unit_code)];
    return inScope.size === 0 ? chain : chain.filter((c) => inScope.has(c));
  };
  const unitInfo = new Map(input.units.map((u) => [u.code, u]));
  const byUnit: UnitLine[] = [...groupBy(input.current, unitKeys, procedureOf)]
    .map(([code, s]) => {
      const u = unitInfo.get(code);
      return { ...line(code, u?.name ?? code, s), level: u?.level ?? null, parentCode: u?.parentCode ?? null };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const agencies = byAgency.map((a) => {
    const onTimeRate = a.rates.onTimeRate;
    // Commune dossiers pooled under the district that received them are no one commune's committee: rating them would
    // move the district's share of excellent agencies by an agency that does not exist (a second reviewer).
    const pooled = namedByReception.has(a.key);
    const band = pooled ? 'not_rated' : agencyBand(onTimeRate);
    return {
      agency: a.key,
      resolved: a.counts.resolved.total,
      onTime: a.counts.resolved.early + a.counts.resolved.onTime,
      late: a.counts.resolved.late,
      onTimeRate,
      band,
      bandLabel: pooled ? notRatedPooledLabel : agencyBandLabel(band),
    };
  });
  const rated = agencies.filter((a) => a.band !== 'not_rated').length;
  const excellent = agencies.filter((a) => a.band === 'excellent').length;
  const agencyEvaluation: AgencyEvaluation = { agencies, rated, excellent, excellentShare: truncatedPercent(excellent, rated) };

  const unit = input.unitCode === null ? null : { code: input.unitCode, name: unitInfo.get(input.unitCode)?.name ?? input.unitCode };
  return {
    reportVersion: REPORT_VERSION,
    period: input.period,
    judgedOn: dateKeyOfDayNumber(input.judgedOn),
    unit,
    unitCodes: [...input.unitCodes],
    counts,
    rates,
    yearOnYear: {
      previousPeriod: input.previousPeriod,
      previous: { counts: previousCounts, rates: previousRates },
      change: {
        received: counts.received.total - previousCounts.received.total,
        onlineRate: pointsChange(rates.onlineRate, previousRates.onlineRate),
        onTimeRate: pointsChange(rates.onTimeRate, previousRates.onTimeRate),
        lateRate: pointsChange(rates.lateRate, previousRates.lateRate),
        digitisedAtReceiptRate: pointsChange(rates.digitisedAtReceiptRate, previousRates.digitisedAtReceiptRate),
        resultsDigitisedRate: pointsChange(rates.resultsDigitisedRate, previousRates.resultsDigitisedRate),
      },
    },
    byField,
    byProcedure,
    byAgency,
    byUnit,
    agencyEvaluation,
  };
}
