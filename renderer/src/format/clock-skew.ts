/**
 * How far the PC's clock is off, in the units of the desk's own warning (electron/desk/sync/clock-skew.ts): minutes
 * under two hours, hours under two days, then days, without a sign a clerk would have to decode. `words`: the Sync
 * page's short units ("2 d") or the reception warning's sentence units ("2 days").
 */
import type { TFunction } from 'i18next';

export function skewAmount(t: TFunction, seconds: number, words: 'sync' | 'reception'): string {
  const minutes = Math.round(Math.abs(seconds) / 60);
  const hours = Math.round(minutes / 60);
  if (minutes < 120) return t(`${words}.skewMinutes`, { count: minutes });
  if (hours < 48) return t(`${words}.skewHours`, { count: hours });
  return t(`${words}.skewDays`, { count: Math.round(hours / 24) });
}
