/**
 * The report object: what `motcua report` prints as JSON, what the desk dashboard shows and what the exports lay
 * out. Field names are stable and documented in docs/reports.md; bump `reportVersion` when one changes meaning.
 */
import type { LocalizedText } from '../result';
import type { AgencyBand } from './agency-rating';
import type { ReportPeriod } from './period';

export const REPORT_VERSION = 2;

export interface ReportCounts {
  /** Dossiers to deal with in the period: carried over + newly received. */
  inPeriod: number;
  /** Received before the period and not finished (resolved, withdrawn, stopped) before it began. */
  carriedOver: number;
  received: { total: number; online: number; inPerson: number; postal: number };
  /** Resolved in the period, against the legal due date (Vietnam calendar days). */
  resolved: { total: number; early: number; onTime: number; late: number };
  /** Still open at the end of the period, judged on that day (or today if the period has not ended). */
  inProgress: { total: number; withinTime: number; overdue: number };
  returned: number;
  withdrawn: number;
  stopped: number;
  /** Refused at the desk (form 03) in the period; never part of `inPeriod`. */
  refused: number;
  /** Newly received with every paper brought scanned. */
  digitisedAtReceipt: number;
  /** Resolved in the period with the result digitised. */
  resultsDigitised: number;
  /**
   * Resolved in the period under a procedure that gives a result to digitise (the catalog's `producesResult`; one
   * the catalog does not know counts as giving one): what `resultsDigitisedRate` is taken over. A business household
   * stopping or closing ends with no paper, and counted, it kept a unit from ever reaching 100 % (QA).
   */
  resultsExpected: number;
  /** Newly received on a Friday for a procedure of the Friday-without-waiting list. */
  fridayNoWait: number;
}

/** Percentages truncated to two decimals; null when the denominator is zero. */
export interface ReportRates {
  /** received.online / received.total */
  onlineRate: number | null;
  inPersonRate: number | null;
  postalRate: number | null;
  /** (resolved.early + resolved.onTime) / resolved.total */
  onTimeRate: number | null;
  /** resolved.late / resolved.total */
  lateRate: number | null;
  /** digitisedAtReceipt / received.total */
  digitisedAtReceiptRate: number | null;
  /** resultsDigitised / resultsExpected */
  resultsDigitisedRate: number | null;
  /** fridayNoWait / received.total */
  fridayNoWaitShare: number | null;
}

export interface ReportLine {
  key: string;
  label: string;
  counts: ReportCounts;
  rates: ReportRates;
}

export interface ProcedureLine extends ReportLine {
  field: string;
  agency: string;
  fridayNoWait: boolean;
}

export interface UnitLine extends ReportLine {
  level: 'province' | 'district' | 'commune' | null;
  parentCode: string | null;
}

export interface AgencyRating {
  agency: string;
  resolved: number;
  /** Early or on time. */
  onTime: number;
  late: number;
  onTimeRate: number | null;
  band: AgencyBand;
  bandLabel: LocalizedText;
}

export interface AgencyEvaluation {
  agencies: AgencyRating[];
  /** Agencies with at least one dossier resolved in the period. */
  rated: number;
  excellent: number;
  /** excellent / rated, truncated percent. */
  excellentShare: number | null;
}

/** Change in percentage points against the same period a year earlier (positive = went up). */
export interface YearOnYear {
  previousPeriod: ReportPeriod;
  previous: { counts: ReportCounts; rates: ReportRates };
  change: {
    received: number;
    onlineRate: number | null;
    onTimeRate: number | null;
    lateRate: number | null;
    digitisedAtReceiptRate: number | null;
    resultsDigitisedRate: number | null;
  };
}

export interface Report {
  reportVersion: typeof REPORT_VERSION;
  period: ReportPeriod;
  /** The day open dossiers were judged on (the period's last day, or today if earlier). */
  judgedOn: string;
  /** The unit asked for (with everything under it), or null for every unit. */
  unit: { code: string; name: string } | null;
  unitCodes: string[];
  /**
   * Made from a desk's own file: of the units under the desk's own, it holds only the dossiers they transferred to
   * this desk (a district desk never syncs its communes' own), so their figures are partial, and the heading says so:
   * on a report of the desk's unit with those under it, and on a report of one of those units alone.
   * Absent from the server's reports, which hold every unit's dossiers.
   */
  subUnitsOnlyAsTransferred?: true;
  counts: ReportCounts;
  rates: ReportRates;
  yearOnYear: YearOnYear;
  byField: ReportLine[];
  byProcedure: ProcedureLine[];
  byAgency: ReportLine[];
  byUnit: UnitLine[];
  agencyEvaluation: AgencyEvaluation;
}
