/**
 * Rates as the district reports print them: percentages truncated (not rounded) to two decimals, so
 * 45,679 / 52,447 = 87.0955… is 87.09 (DESIGN.md §1). Worked in integer hundredths of a percent so no
 * floating-point step can push 87.09 to 87.0899….
 */

/** Hundredths of a percent, truncated; null when there is nothing to divide by. */
export function truncatedHundredths(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((part * 10000) / whole);
}

/** The percentage with two decimals, truncated: `truncatedPercent(45679, 52447) === 87.09`. */
export function truncatedPercent(part: number, whole: number): number | null {
  const h = truncatedHundredths(part, whole);
  return h === null ? null : h / 100;
}

/** Change in percentage points between two printed rates (87.09 − 32.44 = 54.65), null when either is missing. */
export function pointsChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return (Math.round(current * 100) - Math.round(previous * 100)) / 100;
}

/** `87,09 %` — the Vietnamese way of printing a rate. */
export function formatPercentVi(rate: number | null): string {
  return rate === null ? '—' : `${formatRateFigureVi(rate)} %`;
}

/**
 * `87,09` — a rate printed under a label that already names its unit ("Tỷ lệ đúng hạn (%)"), as the PDF's tables
 * do: "87,09 %" there read the unit twice. A change in points prints the same way ("Tăng/giảm (số / điểm %)").
 */
export function formatRateFigureVi(rate: number | null): string {
  if (rate === null) return '—';
  return rate.toFixed(2).replace('.', ',');
}

/** `52.447` — Vietnamese thousands separator. */
export const formatCountVi = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
