/**
 * How far this PC's clock is from the server's, and what the desk can tell of it when the server does not answer.
 * The server's time orders events, so a wrong desk clock does not corrupt the order, but it stamps wrong device
 * times on receipts and on every deed a report reads (received, resolved, returned): past a few minutes the clerk is
 * told, and the screens ask before writing on it.
 */
import type { LocalizedText } from '../../../shared/result';
import type { ClockCheckView } from '../../../shared/api/desk-views';
import { vnDateTimeText } from '../../../shared/calendar/vn-time';
import { CLOCK_SKEW_LIMIT_MS, SET_THE_CLOCK } from '../../../shared/sync/clock-limit';
import { sentenceStart } from '../../../shared/domain/messages';


/**
 * How long after it was taken (by the desk's own clock) a measurement kept across a restart is still believed. The
 * desk cannot tell a clock left wrong from one a person has set right meanwhile; a measured clock that was fast can
 * be proven wrong by nothing else once the server is out of reach. Three days carry a Friday's measurement over a
 * weekend to Monday morning; past that, the server's times (which never expire) still show a clock that is slow.
 */
export const KEPT_SKEW_CREDIBLE_MS = 3 * 86_400_000;

/**
 * Desk time minus server time, taking the server's reading to be at the middle of the round trip.
 * Positive: the desk is ahead.
 */
export function clockSkewMs(deskNowAfterMs: number, serverTime: string, roundTripMs: number): number | null {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return null;
  return deskNowAfterMs - roundTripMs / 2 - server;
}

/** One measurement: the server's time in its answer, and the desk clock minus it then. */
export interface ClockReading {
  serverTime: string;
  skewMs: number;
}

/** What the desk has seen of real time, without asking the server now (sync/clock-evidence.ts reads it). */
export interface ClockEvidence {
  /**
   * The latest time the server gave this desk: its last answer, the last success, the latest time it accepted an
   * event. Real time is at least this, whatever any PC's clock says.
   */
  serverTime: string | null;
  /** The latest time this desk's own clock stamped on its work not yet sent. */
  ownPendingTime: string | null;
}

/**
 * The desk's verdict on its clock at `nowMs` (its own clock): null when it finds it right or cannot tell.
 *
 * - Now earlier than a time the server gave (`serverTime` evidence): the clock is behind, proven; said as "at least".
 * - A measurement (`live`: taken in this run; else kept from before a restart, believed for KEPT_SKEW_CREDIBLE_MS):
 *   past the limit, said as measured. Not believed once the clock reads earlier than when it was taken: someone set
 *   the clock back since (a fast clock set right, or a slow one made slower, which the evidence then shows).
 * - Now earlier than this desk's own latest stamp on unsent work: the clock was set back since. Weaker (it may have
 *   been fast then), so a believed measurement taken after that stamp, finding the clock right, outweighs it.
 */
export function judgeClock(
  nowMs: number,
  reading: (ClockReading & { live: boolean }) | null,
  evidence: ClockEvidence,
): ClockCheckView | null {
  const measured = reading && readingBelieved(nowMs, reading) ? reading : null;
  const measuredAtDeskMs = measured ? Date.parse(measured.serverTime) + measured.skewMs : null;
  const serverBehindMs = evidence.serverTime ? Date.parse(evidence.serverTime) - nowMs : Number.NaN;
  const measuredWrong = measured !== null && skewPastLimit(measured.skewMs);
  if (serverBehindMs > CLOCK_SKEW_LIMIT_MS && !(measuredWrong && -measured.skewMs >= serverBehindMs)) {
    return { basis: 'server_time', skewSeconds: -Math.round(serverBehindMs / 1000), since: evidence.serverTime! };
  }
  if (measuredWrong) {
    const skewSeconds = Math.round(measured.skewMs / 1000) || 0;
    return { basis: 'measured', skewSeconds, since: measured.serverTime, ...(measured.live ? {} : { kept: true as const }) };
  }
  const own = evidence.ownPendingTime ? Date.parse(evidence.ownPendingTime) : Number.NaN;
  const ownBehindMs = own - nowMs;
  const vouched = measuredAtDeskMs !== null && own <= measuredAtDeskMs + CLOCK_SKEW_LIMIT_MS;
  if (ownBehindMs > CLOCK_SKEW_LIMIT_MS && !vouched) {
    return { basis: 'own_events', skewSeconds: -Math.round(ownBehindMs / 1000), since: evidence.ownPendingTime! };
  }
  return null;
}

/**
 * Whether a measurement still holds at `nowMs` (the desk's clock): not once the clock reads earlier than when it was
 * taken (set back since), and one kept across a restart only for KEPT_SKEW_CREDIBLE_MS after it.
 */
export function readingBelieved(nowMs: number, reading: ClockReading & { live: boolean }): boolean {
  const atDeskMs = Date.parse(reading.serverTime) + reading.skewMs;
  if (Number.isNaN(atDeskMs) || nowMs < atDeskMs - CLOCK_SKEW_LIMIT_MS) return false;
  return reading.live || nowMs <= atDeskMs + KEPT_SKEW_CREDIBLE_MS;
}

function describe(ms: number): { vi: string; en: string } {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 120) return { vi: `${minutes} phút`, en: `${minutes} minutes` };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { vi: `${hours} giờ`, en: `${hours} hours` };
  const days = Math.round(hours / 24);
  return { vi: `${days} ngày`, en: `${days} days` };
}

/** Whether a measured skew is past the limit the clerk is told at. */
export function skewPastLimit(skewMs: number | null): boolean {
  return skewMs !== null && Math.abs(skewMs) > CLOCK_SKEW_LIMIT_MS;
}

/**
 * What is wrong with the clock and how the desk knows, in one sentence. The renderer says the same above the
 * reception form and a dossier's actions (renderer/src/i18n: clock.measuredBehind, …; tests/sync/clock-wording.test.ts
 * holds the two to each other), so the Sync screen and those notices do not read as three different faults.
 */
function findingText(check: ClockCheckView): LocalizedText {
  const amount = describe(check.skewSeconds * 1000);
  if (check.basis === 'measured' && check.kept) {
    const at = textOfInstant(check.since);
    return check.skewSeconds > 0
      ? {
          vi: `Lần đo gần nhất (lúc ${at}, trước khi phần mềm được mở lại), đồng hồ máy tính này nhanh ${amount.vi} so với máy chủ; nếu đồng hồ đã được chỉnh lại từ đó, cảnh báo này hết khi quầy kết nối được máy chủ.`,
          en: `When last measured (at ${at}, before the application was started again), this PC's clock was ${amount.en} ahead of the server; if the clock has been set right since, this warning goes once the desk reaches the server.`,
        }
      : {
          vi: `Lần đo gần nhất (lúc ${at}, trước khi phần mềm được mở lại), đồng hồ máy tính này chậm ${amount.vi} so với máy chủ; nếu đồng hồ đã được chỉnh lại từ đó, cảnh báo này hết khi quầy kết nối được máy chủ.`,
          en: `When last measured (at ${at}, before the application was started again), this PC's clock was ${amount.en} behind the server; if the clock has been set right since, this warning goes once the desk reaches the server.`,
        };
  }
  if (check.basis === 'measured') {
    return check.skewSeconds > 0
      ? { vi: `Đồng hồ máy tính này đang nhanh ${amount.vi} so với máy chủ.`, en: `This PC's clock is ${amount.en} ahead of the server.` }
      : { vi: `Đồng hồ máy tính này đang chậm ${amount.vi} so với máy chủ.`, en: `This PC's clock is ${amount.en} behind the server.` };
  }
  const since = textOfInstant(check.since);
  if (check.basis === 'server_time') {
    return {
      vi: `Đồng hồ máy tính này đang chậm ít nhất ${amount.vi}: giờ trên máy còn sớm hơn thời điểm máy chủ đã báo cho quầy (${since}).`,
      en: `This PC's clock is at least ${amount.en} behind: it reads earlier than a time the server already gave this desk (${since}).`,
    };
  }
  return {
    vi: `Giờ trên máy tính này còn sớm hơn thao tác chưa gửi mà chính quầy đã ghi lúc ${since}: đồng hồ máy đã bị lùi (chậm ít nhất ${amount.vi}, hoặc trước đó đã chạy nhanh).`,
    en: `This PC's clock reads earlier than work not yet sent that this desk itself recorded at ${since}: the clock was set back (it is at least ${amount.en} behind, or it was ahead before).`,
  };
}

/**
 * The warning for a verdict of judgeClock, for the sync status's list of what the clerk should know (the Sync
 * screen, the header's tooltip): the finding, what it spoils, what to do. Null exactly when the verdict is.
 */
export function clockCheckWarning(check: ClockCheckView | null): LocalizedText | null {
  if (!check) return null;
  const finding = findingText(check);
  return {
    vi: `${finding.vi} Thời gian in trên phiếu và ghi vào hồ sơ sẽ bị sai (dữ liệu vẫn được đồng bộ đúng thứ tự theo máy chủ). Hãy ${SET_THE_CLOCK.vi}.`,
    en: `${finding.en} Times printed on slips and written to dossiers will be wrong (data still syncs in the server's order). ${sentenceStart(SET_THE_CLOCK.en)}.`,
  };
}

/** An instant the desk recorded, as the clerk reads it; one that cannot be read is shown as it is. */
function textOfInstant(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : vnDateTimeText(at);
}
