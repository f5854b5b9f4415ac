/**
 * A PC clock set back must not record a deed before what the dossier already records (QA: a clock 5 days slow
 * recorded "resolved" on 26/11 for a dossier received on 01/12). The desk stamps the event and its payload with its
 * own clock (desk.clock); the rule compares that with the dossier's latest event, counting another PC's time only as
 * far as the server's time vouches for it. And the desk tells, without a server, that its clock reads earlier than
 * what it has itself recorded, across a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { canonicalEventText, type DossierEvent } from '../../shared/domain/events';
import { ADMIN, allPresent, applicant, makeTestDesk, ordinaryProcedure, rowCounts, UNIT, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** Tuesday 1 December 2026, 09:00 in Vietnam: the real time of these stories. */
const REAL = '2026-12-01T09:00:00+07:00';
/** The same PC five days slow. */
const FIVE_DAYS_SLOW = '2026-11-26T09:00:00+07:00';

async function receive(desk: TestDesk) {
  const p = ordinaryProcedure();
  return desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) });
}

/** The server accepted every event of this desk, at `serverTime`. */
function acceptAll(desk: TestDesk, serverTime: string): void {
  const ids = desk.desk.db.prepare("SELECT id FROM events WHERE sync_state = 'pending' ORDER BY device_seq").pluck().all() as string[];
  desk.desk.db.transaction(() => ids.forEach((id, i) => desk.desk.events.markAccepted(id, 100 + i, serverTime)))();
}

/** A dossier submitted on the portal, stamped by a PC whose clock says `deviceTime`, accepted by the server at `serverTime`. */
let portalSeq = 0;
function submittedFrom(deviceTime: string, serverTime: string): DossierEvent {
  portalSeq += 1;
  const p = ordinaryProcedure();
  const unhashed = {
    id: uuidv7(),
    dossierId: uuidv7(),
    deviceId: 'may-quay-khac',
    deviceSeq: portalSeq,
    type: 'dossier.submitted_online' as const,
    payload: {
      unitCode: UNIT,
      procedureCode: p.code,
      channel: 'online' as const,
      applicant: applicant('Vũ Thị Lan', '001203007777'),
      components: p.components.map((c) => ({ componentId: c.id, name: c.name, form: c.form, copies: c.copies, present: true })),
      portalRef: 'G22.99-261201-0001',
      submittedAt: deviceTime,
    },
    baseVersion: 0,
    actor: { userId: 'portal', name: 'Cổng dịch vụ công quốc gia', role: 'clerk' as const },
    deviceTime,
    prevHash: null,
  };
  const hash = createHash('sha256').update(canonicalEventText(unhashed)).digest('hex');
  return { ...unhashed, hash, serverSeq: portalSeq, serverTime };
}

function pull(desk: TestDesk, event: DossierEvent): string {
  desk.desk.db.transaction(() => {
    desk.desk.events.insertFromServer(event);
    desk.desk.projector.refresh(event.dossierId);
  })();
  return event.dossierId;
}

async function refusedWith(desk: TestDesk, method: Parameters<TestDesk['call']>[0], input: unknown, code: string) {
  const before = rowCounts(desk.desk);
  const r = await desk.call(method, input);
  expect(r.ok ? 'written' : r.error.code).toBe(code);
  expect(rowCounts(desk.desk)).toEqual(before);
  return r.ok ? null : r.error;
}

describe('a deed stamped before what the dossier records', () => {
  it('is refused, nothing written, when the server already holds a later time (the QA case: resolved 26/11 on a dossier received 01/12)', async () => {
    t = await makeTestDesk({ now: REAL });
    const { dossier } = await receive(t);
    const transferred = await t.must('dossiers.transfer', { dossierId: dossier.id });
    acceptAll(t, '2026-12-01T09:00:04+07:00');

    t.clock.set(FIVE_DAYS_SLOW);
    const resolve = { dossierId: dossier.id, expectedVersion: transferred.dossier.version, resultDigitised: false };
    const error = await refusedWith(t, 'dossiers.resolve', resolve, 'clock_behind_dossier');
    expect(error!.message.vi).toContain('giờ trên máy tính này (09:00 26/11/2026) còn sớm hơn thao tác gần nhất của hồ sơ (09:00 01/12/2026)');
    expect(error!.message.vi).toContain('Đồng hồ máy tính này đang chậm: hãy chỉnh lại ngày giờ của máy (Windows: Cài đặt › Thời gian và ngôn ngữ › Ngày và giờ');
    expect(error!.message.vi).toContain('Chưa có gì được ghi.');
    expect(error!.message.en).toContain("This PC's clock is behind: set the PC's date and time");
    // Proven by the server's time, a clerk's "record anyway" does not make it right.
    await refusedWith(t, 'dossiers.resolve', { ...resolve, clockConfirmed: true }, 'clock_behind_dossier');
    expect((await t.must('dossiers.get', { dossierId: dossier.id })).state.status).toBe(4);

    // Within the limit of a few minutes it goes through; set right, it is recorded at the right time.
    t.clock.set('2026-12-01T08:56:00+07:00');
    const resolved = await t.must('dossiers.resolve', resolve);
    expect(resolved.dossier.status).toBe(9);
  });

  it("does not hold up a clerk whose clock is right because another PC's clock was fast: the server's time vouches only so far", async () => {
    t = await makeTestDesk({ now: REAL });
    // Stamped by a PC two days fast, accepted by the server ten minutes ago.
    const id = pull(t, submittedFrom('2026-12-03T08:50:00+07:00', '2026-12-01T08:50:00+07:00'));
    const p = ordinaryProcedure();
    const received = await t.must('dossiers.receive', { dossierId: id, procedureCode: p.code, applicant: applicant('Vũ Thị Lan', '001203007777'), components: allPresent(p) });
    expect(received.receivedAt).toBe(REAL);

    // The same dossier on a PC five days slow: before the server's time, refused.
    const other = pull(t, submittedFrom('2026-12-01T08:50:00+07:00', '2026-12-01T08:50:01+07:00'));
    t.clock.set(FIVE_DAYS_SLOW);
    await refusedWith(t, 'dossiers.receive', { dossierId: other, procedureCode: p.code, applicant: applicant('Vũ Thị Lan', '001203007777'), components: allPresent(p) }, 'clock_behind_dossier');
  });

  it("asks the clerk's confirmation (does not refuse) when the later time is only this desk's own unsent stamp: the clock may have been fast then", async () => {
    t = await makeTestDesk({ now: REAL });
    const { dossier } = await receive(t);
    t.clock.set(FIVE_DAYS_SLOW);
    const error = await refusedWith(t, 'dossiers.transfer', { dossierId: dossier.id, expectedVersion: 1 }, 'clock_unconfirmed');
    expect(error!.message.vi).toContain('thao tác chính quầy này đã ghi trên hồ sơ lúc 09:00 01/12/2026 (chưa gửi lên máy chủ): đồng hồ máy đã bị lùi');
    expect(error!.message.vi).toContain('hãy xác nhận để vẫn ghi');
    const done = await t.must('dossiers.transfer', { dossierId: dossier.id, expectedVersion: 1, clockConfirmed: true });
    expect(done.dossier.status).toBe(4);
    expect(rowCounts(t.desk).events).toBe(2);
  });
});

describe("the desk's own evidence that its clock is wrong, without a server", () => {
  it('is told in the sync status, and across a restart, once the clock reads earlier than the work it has not sent yet', async () => {
    t = await makeTestDesk({ now: REAL });
    await receive(t);
    const right = await t.must('sync.status', {});
    expect(right.clockCheck).toBeNull();

    t.clock.set(FIVE_DAYS_SLOW);
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const status = await t.must('sync.status', {});
    expect(status.clockCheck?.basis).toMatch(/^(measured|server_time|own_events)$/);
    expect(status.clockCheck).toEqual({ basis: 'own_events', skewSeconds: -5 * 86_400, since: REAL });
    // Offline with a warning, not "Lỗi đồng bộ": nothing failed to sync.
    expect(status.state).toBe('offline');
    expect(status.errors.map((e) => e.vi).join(' ')).toContain('Giờ trên máy tính này còn sớm hơn thao tác chưa gửi mà chính quầy đã ghi lúc 09:00 01/12/2026');

    // A few minutes back is within the limit.
    t.clock.set('2026-12-01T08:57:00+07:00');
    expect((await t.must('sync.status', {})).clockCheck).toBeNull();
  });

  it("takes the server's last success as proof: real time is at least that, whatever this PC says after a restart", async () => {
    t = await makeTestDesk({ now: REAL });
    t.desk.db.prepare("INSERT INTO sync_meta (key, value) VALUES ('lastSyncAt', '2026-12-01T03:31:00+07:00')").run();
    t.clock.set(FIVE_DAYS_SLOW);
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const status = await t.must('sync.status', {});
    expect(status.clockCheck?.basis).toMatch(/^(measured|server_time|own_events)$/);
    expect(status.clockCheck).toMatchObject({ basis: 'server_time', since: '2026-12-01T03:31:00+07:00' });
    expect(status.clockCheck!.skewSeconds).toBe(-(4 * 86_400 + (24 - 9 + 3) * 3600 + 31 * 60));
    expect(status.errors.map((e) => e.vi).join(' ')).toContain('Đồng hồ máy tính này đang chậm ít nhất 5 ngày: giờ trên máy còn sớm hơn thời điểm máy chủ đã báo cho quầy (03:31 01/12/2026)');
  });
});
