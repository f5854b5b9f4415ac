/**
 * A deed must not be stamped before what the dossier already records. The desk stamps every event, and the times in
 * its payload (receivedAt, resolvedAt, returnedAt, …), with this PC's clock (desk.clock); a clock days slow would
 * record a dossier resolved before it was received, and the reports would count it wrongly (in progress in its
 * month, "early" in its year). So before an event is written, its time is compared with the dossier's latest one:
 *
 * - An event the server has accepted happened no later than its server time, and this desk could only have read it
 *   afterwards: real time now is at least min(its device time, its server time). Reading earlier than that by more
 *   than the limit, this PC's clock is behind, proven: the deed is refused, nothing written. The min() is what keeps
 *   another PC's fast clock out of it: its device time in the future does not count past the server's time.
 * - This desk's own event not yet sent has only this PC's clock for a time: reading earlier than it, the clock was
 *   set back since; it may be slow now, or it may have been fast then and set right since. A refusal would hold a
 *   clerk whose clock is now right until real time caught up with the wrong stamp (days, maybe), so the deed asks
 *   for the clerk's explicit confirmation instead (`clockConfirmed`).
 *
 * Another desk's event without a server time cannot be here (they all come through the server); quarantined events
 * are not part of the dossier. Attaching a scan is not checked: its time is only shown in the history, no report or
 * deadline reads it.
 */
import { appFailure } from '../../../shared/result';
import type { Db } from '../db/open-database';
import { CLOCK_SKEW_LIMIT_MS, SET_THE_CLOCK } from '../../../shared/sync/clock-limit';
import { toVnIso, vnDateTimeText } from '../../../shared/calendar/vn-time';

interface EventTimes {
  device_id: string;
  device_time: string;
  server_time: string | null;
}

export class ClockOrder {
  private readonly times;

  constructor(db: Db) {
    this.times = db.prepare<[string], EventTimes>(
      "SELECT device_id, device_time, server_time FROM events WHERE dossier_id = ? AND sync_state != 'quarantined'",
    );
  }

  /** Throws the refusal, or the question, when `now` is before the dossier's latest event; runs in the command's transaction. */
  check(dossierId: string, deviceId: string, now: Date, confirmed: boolean): void {
    let proven = Number.NEGATIVE_INFINITY;
    let own = Number.NEGATIVE_INFINITY;
    for (const e of this.times.all(dossierId)) {
      const device = Date.parse(e.device_time);
      if (e.server_time !== null) proven = Math.max(proven, Math.min(device, Date.parse(e.server_time)));
      else if (e.device_id === deviceId) own = Math.max(own, device);
    }
    const nowMs = now.getTime();
    const deskNow = vnDateTimeText(now);
    if (nowMs < proven - CLOCK_SKEW_LIMIT_MS) {
      const at = vnDateTimeText(new Date(proven));
      throw appFailure(
        'clock_behind_dossier',
        `Chưa ghi được: giờ trên máy tính này (${deskNow}) còn sớm hơn thao tác gần nhất của hồ sơ (${at}), hồ sơ sẽ ghi việc này xảy ra trước cả thao tác đó. Đồng hồ máy tính này đang chậm: hãy ${SET_THE_CLOCK.vi} rồi thực hiện lại. Chưa có gì được ghi.`,
        `Not recorded: this PC's clock (${deskNow}) reads earlier than the dossier's latest action (${at}), so the dossier would show this one before it. This PC's clock is behind: ${SET_THE_CLOCK.en}, then try again. Nothing was recorded.`,
        { details: { deskTime: toVnIso(now), latestAt: toVnIso(new Date(proven)) } },
      );
    }
    if (nowMs < own - CLOCK_SKEW_LIMIT_MS && !confirmed) {
      const at = vnDateTimeText(new Date(own));
      throw appFailure(
        'clock_unconfirmed',
        `Giờ trên máy tính này (${deskNow}) còn sớm hơn thao tác chính quầy này đã ghi trên hồ sơ lúc ${at} (chưa gửi lên máy chủ): đồng hồ máy đã bị lùi. Nếu đồng hồ đang sai, hãy ${SET_THE_CLOCK.vi} rồi thực hiện lại; nếu trước đó máy chạy nhanh và nay đã chỉnh đúng, hãy xác nhận để vẫn ghi.`,
        `This PC's clock (${deskNow}) reads earlier than an action this desk itself recorded on the dossier at ${at} (not yet sent to the server): the clock was set back. If the clock is wrong now, ${SET_THE_CLOCK.en}, then try again; if it was ahead before and has been set right, confirm to record anyway.`,
        { details: { deskTime: toVnIso(now), latestAt: toVnIso(new Date(own)) } },
      );
    }
  }
}
