/**
 * Agency evaluation: each processing agency's on-time rate for the period, placed in a band. The bands are the
 * rating scale of Decision 766/QĐ-TTg (2022) on service quality, applied to the on-time rate in percent — our
 * choice, documented in docs/decisions.md; the agencies' full 766 score also counts things we do not hold.
 */
import type { LocalizedText } from '../result';

export type AgencyBand = 'excellent' | 'good' | 'fair' | 'average' | 'weak' | 'not_rated';

export interface AgencyBandRule {
  band: Exclude<AgencyBand, 'not_rated'>;
  /** Lowest on-time rate (percent, truncated) in the band. */
  minRate: number;
  label: LocalizedText;
}

export const agencyBands: readonly AgencyBandRule[] = [
  { band: 'excellent', minRate: 90, label: { vi: 'Xuất sắc', en: 'Excellent' } },
  { band: 'good', minRate: 80, label: { vi: 'Tốt', en: 'Good' } },
  { band: 'fair', minRate: 70, label: { vi: 'Khá', en: 'Fair' } },
  { band: 'average', minRate: 50, label: { vi: 'Trung bình', en: 'Average' } },
  { band: 'weak', minRate: 0, label: { vi: 'Yếu', en: 'Weak' } },
];

export const notRatedLabel: LocalizedText = { vi: 'Chưa xếp loại (không có hồ sơ giải quyết trong kỳ)', en: 'Not rated (nothing resolved in the period)' };

/** Dossiers of a lower level's procedure received above it: which commune (district) takes them is not recorded. */
export const notRatedPooledLabel: LocalizedText = {
  vi: 'Chưa xếp loại (hồ sơ cấp dưới tiếp nhận tại đây, không rõ đơn vị giải quyết)',
  en: 'Not rated (a lower level’s dossiers received here; which unit resolves them is not recorded)',
};

/** The band for an on-time rate; an agency that resolved nothing in the period is not rated. */
export function agencyBand(onTimeRate: number | null): AgencyBand {
  if (onTimeRate === null) return 'not_rated';
  return agencyBands.find((b) => onTimeRate >= b.minRate)!.band;
}

export const agencyBandLabel = (band: AgencyBand): LocalizedText =>
  band === 'not_rated' ? notRatedLabel : agencyBands.find((b) => b.band === band)!.label;
