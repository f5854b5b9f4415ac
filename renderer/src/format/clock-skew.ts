/**
 * How far the PC's clock is off, in the units of the desk's own warning (electron/desk/sync/clock-skew.ts): minutes
 * under two hours, hours under two days, then days, without a sign a clerk would have to decode. `words`: the Sync
 * page's short units ("2 d") or the reception warning's sentence units ("2 days").
 */
import type { TFunction } from 'i18next';
import type { ClockCheckView } from '../../../shared/api/desk-views';
import { formatVnDateTime } from './vn-time';

export function skewAmount(t: TFunction, seconds: number, words: 'sync' | 'reception'): string {
  const minutes = Math.round(Math.abs(seconds) / 60);
  const hours = Math.round(minutes / 60);
  if (minutes < 120) return t(`${words}.skewMinutes`, { count: minutes });
  if (hours < 48) return t(`${words}.skewHours`, { count: hours });
  return t(`${words}.skewDays`, { count: Math.round(hours / 24) });
}

/** The desk's finding about its clock, as the screens get it from the sync status (`since` unknown for an older desk). */
export type ClockFinding = Pick<ClockCheckView, 'basis' | 'skewSeconds'> & { since: string | null };

/**
 * What is wrong with the clock and how the desk knows, in one sentence: "slow 5 days compared with the server",
 * "at least 5 days slow: it reads earlier than a time the server gave (03:31 01/12/2026)", or "set back".
 */
export function clockFindingText(t: TFunction, finding: ClockFinding): string {
  const amount = skewAmount(t, finding.skewSeconds, 'reception');
  const since = formatVnDateTime(finding.since);
  if (finding.basis === 'server_time') return t('clock.behindAtLeast', { amount, since });
  if (finding.basis === 'own_events') return t('clock.setBack', { amount, since });
  return t(finding.skewSeconds < 0 ? 'clock.measuredBehind' : 'clock.measuredAhead', { amount });
}
