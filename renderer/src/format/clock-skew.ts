/**
 * The PC's clock found wrong, in words. How far off, in the units of the desk's own warning
 * (electron/desk/sync/clock-skew.ts): minutes under two hours, hours under two days, then days, without a sign a
 * clerk would have to decode. What is wrong and how the desk knows, in the desk's own sentences, so the reception,
 * a dossier's actions and the Sync screen's list do not read as three different faults; then what it spoils where.
 */
import type { TFunction } from 'i18next';
import type { ClockCheckView } from '../../../shared/api/desk-views';
import { formatVnDateTime } from './vn-time';

/** `words`: the Sync page's short units ("2 d") or the sentences' units ("2 days"). */
export function skewAmount(t: TFunction, seconds: number, words: 'sync' | 'clock'): string {
  const minutes = Math.round(Math.abs(seconds) / 60);
  const hours = Math.round(minutes / 60);
  if (minutes < 120) return t(`${words}.skewMinutes`, { count: minutes });
  if (hours < 48) return t(`${words}.skewHours`, { count: hours });
  return t(`${words}.skewDays`, { count: Math.round(hours / 24) });
}

/**
 * What is wrong with the clock and how the desk knows, in one sentence: "2 days behind the server", "at least 5 days
 * behind: it reads earlier than a time the server gave (03:31 01/12/2026)", or "set back".
 */
export function clockFindingText(t: TFunction, finding: ClockCheckView): string {
  const amount = skewAmount(t, finding.skewSeconds, 'clock');
  const since = formatVnDateTime(finding.since);
  if (finding.basis === 'server_time') return t('clock.behindAtLeast', { amount, since });
  if (finding.basis === 'own_events') return t('clock.setBack', { amount, since });
  if (finding.kept) return t(finding.skewSeconds < 0 ? 'clock.keptBehind' : 'clock.keptAhead', { amount, since });
  return t(finding.skewSeconds < 0 ? 'clock.measuredBehind' : 'clock.measuredAhead', { amount });
}

/** Above the reception form: the finding, and that the receipt's time and appointment come out wrong. */
export function receptionClockText(t: TFunction, finding: ClockCheckView): string {
  return `${clockFindingText(t, finding)} ${t('clock.receptionWrong')}`;
}

/** Above a dossier's actions: the finding, and that the deed's time (and the reports' verdict on it) come out wrong. */
export function actionClockText(t: TFunction, finding: ClockCheckView): string {
  return `${clockFindingText(t, finding)} ${t('clock.actionWrong')}`;
}
