/**
 * How far this PC's clock is from the server's. The server's time orders events, so a wrong desk clock does not
 * corrupt anything, but it stamps wrong device times on receipts: past a few minutes the clerk is told.
 */
import type { LocalizedText } from '../../../shared/result';

/** DESIGN.md §5: "a skew of more than a few minutes is shown to the clerk". */
export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

/**
 * Desk time minus server time, taking the server's reading to be at the middle of the round trip.
 * Positive: the desk is ahead.
 */
export function clockSkewMs(deskNowAfterMs: number, serverTime: string, roundTripMs: number): number | null {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return null;
  return deskNowAfterMs - roundTripMs / 2 - server;
}

function describe(ms: number): { vi: string; en: string } {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 120) return { vi: `${minutes} phút`, en: `${minutes} minutes` };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { vi: `${hours} giờ`, en: `${hours} hours` };
  const days = Math.round(hours / 24);
  return { vi: `${days} ngày`, en: `${days} days` };
}

/** The warning shown when the skew is past the limit; null when the clock is fine. */
export function clockSkewWarning(skewMs: number | null): LocalizedText | null {
  if (skewMs === null || Math.abs(skewMs) <= CLOCK_SKEW_LIMIT_MS) return null;
  const amount = describe(skewMs);
  const ahead = skewMs > 0;
  return {
    vi: `Đồng hồ máy tính này ${ahead ? 'nhanh' : 'chậm'} ${amount.vi} so với máy chủ. Hãy chỉnh lại ngày giờ của máy (hoặc báo quản trị viên): thời gian in trên phiếu có thể sai. Dữ liệu vẫn được đồng bộ đúng thứ tự theo máy chủ.`,
    en: `This PC's clock is ${amount.en} ${ahead ? 'ahead of' : 'behind'} the server. Set the PC's date and time (or tell the administrator): times printed on slips may be wrong. Data still syncs in the server's order.`,
  };
}
