/**
 * The monthly series of the dashboard's chart: each month of the chosen period (the first and last clipped to it)
 * with the figures of that month's own report — received in the month, resolved in it early / on time / late.
 */
export interface ReportMonth {
  /** `YYYY-MM`, Vietnam calendar. */
  month: string;
  /** The month's days inside the chosen period, both included. */
  period: { from: string; to: string };
  /** Newly received in the month (all channels). */
  received: number;
  resolved: { total: number; early: number; onTime: number; late: number };
  /** Of the month's resolved, early or on time; truncated to two decimals, null when nothing was resolved. */
  onTimeRate: number | null;
}

/** A unit the desk may report on, with its depth under the desk's own unit (0) for indenting the picker. */
export interface ReportUnitChoice {
  code: string;
  name: string;
  depth: number;
  /**
   * false for a unit under the desk's own that the desk holds no dossier of: a district desk does not receive its
   * communes' dossiers (each commune's own desk does, and sends them to the server), so its figures for such a unit
   * would be zeros, not the unit's. The picker shows it but cannot report it; the server's report does.
   */
  heldHere: boolean;
  /**
   * true for a unit under the desk's own that it does hold dossiers of: those are only the ones transferred to this
   * desk, so its figures are partial (the picker says so; the report's heading says it as subUnitsOnlyAsTransferred).
   */
  onlyTransferred: boolean;
}
