/**
 * A wrong PC clock, as both the desk and its screens speak of it: how far off it may be before the clerk is told, and
 * what the clerk does about it. The desk's warning and refusals (electron/desk/sync/clock-skew.ts,
 * dossiers/clock-order.ts) and the renderer's i18n take them from here, so the number and the words cannot drift.
 */
import type { LocalizedText } from '../result';

/** DESIGN.md §5: "a skew of more than a few minutes is shown to the clerk". */
export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

/** The limit in whole minutes, as the screens say it. */
export const CLOCK_SKEW_LIMIT_MINUTES = CLOCK_SKEW_LIMIT_MS / 60_000;

/** What the clerk does about a wrong clock: mid-sentence, in lower case. */
export const SET_THE_CLOCK = {
  vi: 'chỉnh lại ngày giờ của máy (Windows: Cài đặt › Thời gian và ngôn ngữ › Ngày và giờ, hoặc báo quản trị viên)',
  en: "set the PC's date and time (Windows: Settings › Time & language › Date & time, or ask the administrator)",
} as const satisfies LocalizedText;
