/**
 * Two and three real desks against one real server: what one desk records reaches the others; two desks acting
 * on one dossier at once keep both events, every replica marks the conflict, and a supervisor resolves it with
 * an explicit event; a dossier transferred from a commune desk reaches the district desk with its history.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierStatus } from '../../shared/domain/dossier';
import {
  COMMUNE_A,
  DISTRICT,
  deskProjections,
  expectConverged,
  expectStoredExactlyOnce,
  makeSyncDesk,
  receive,
  serverProjections,
  startSyncServer,
  syncAll,
  type SyncDesk,
  type SyncServer,
} from './support/harness';

let server: SyncServer;
const desks: SyncDesk[] = [];
beforeEach(async () => {
  server = await startSyncServer();
});
afterEach(async () => {
  for (const d of desks.splice(0)) await d.close();
  await server.close();
});

async function desk(unitCode: string, deskNumber: number): Promise<SyncDesk> {
  const d = await makeSyncDesk(server, { unitCode, deskNumber });
  desks.push(d);
  return d;
}

describe('desks syncing through one server', () => {
  it('enrols a desk: identity from the server, secret kept out of the status', async () => {
    const a = await desk(DISTRICT, 1);
    const info = await a.must('app.info', {});
    expect(info).toMatchObject({ unitCode: DISTRICT, deskNumber: 1, deviceId: a.deviceId });
    const status = await a.must('sync.now', {});
    expect(status).toMatchObject({ enrolled: true, state: 'online', pending: 0, serverUrl: server.url });
    expect(status.lastSyncAt).not.toBeNull();
    expect(JSON.stringify(status)).not.toContain(a.client.meta.secret!);
  });

  it("tells the screens when a round changed dossier rows: the other desk's dossier pulled, one's own accepted; not for a quiet round", async () => {
    const a = await desk(DISTRICT, 1);
    const b = await desk(DISTRICT, 2);
    const announced = (d: SyncDesk) => {
      const seen: string[] = [];
      d.desk.notifications.subscribe((e) => {
        if (e.type === 'dossiers.changed') seen.push(e.data.source);
      });
      return seen;
    };
    const toA = announced(a);
    const toB = announced(b);
    await a.must('sync.now', {});
    await b.must('sync.now', {});
    expect([toA, toB]).toEqual([[], []]);

    const { dossierId } = await receive(a, 7);
    await a.must('sync.now', {});
    // Its own dossier accepted: its "waiting to be sent" mark went.
    expect(toA).toEqual(['sync']);
    await b.must('sync.now', {});
    expect(toB).toEqual(['sync']);
    expect((await b.must('dossiers.list', {})).items.map((d) => d.id)).toEqual([dossierId]);
    await b.must('sync.now', {});
    expect(toB).toEqual(['sync']);
  });

  it('refuses a wrong enrolment code with the server’s words, and a second enrolment of an enrolled desk', async () => {
    const fresh = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2, enrol: false });
    desks.push(fresh);
    const wrong = await fresh.call('sync.enrol', { serverUrl: server.url, code: 'AAAAA-BBBBB-CCCCC' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.code).toBe('enrolment_code_invalid');
      expect(wrong.error.message.vi).toContain('Mã đăng ký không đúng');
    }
    const badUrl = await fresh.call('sync.enrol', {
      serverUrl: 'ftp://example.vn',
      code: 'AAAAA-BBBBB-CCCCC',
    });
    expect(badUrl.ok).toBe(false);
    if (!badUrl.ok) expect(badUrl.error.field).toBe('serverUrl');
    // Nothing listens there: said as an address to check, not as the sync status's "your data will be sent".
    const nobody = await fresh.call('sync.enrol', { serverUrl: 'http://127.0.0.1:9/', code: 'AAAAA-BBBBB-CCCCC' });
    expect(nobody.ok).toBe(false);
    if (!nobody.ok) {
      expect(nobody.error.code).toBe('server_unreachable');
      expect(nobody.error.message.vi).toBe('Không kết nối được máy chủ ở địa chỉ này. Hãy kiểm tra địa chỉ (cả số cổng) và đường mạng, rồi thử lại. Chưa có gì bị thay đổi.');
      expect(nobody.error.message.en).not.toContain('will be sent');
    }
    // A code cut short says what a whole code looks like, not "value too small".
    const short = await fresh.call('sync.enrol', { serverUrl: server.url, code: 'K7Q' });
    expect(short.ok).toBe(false);
    if (!short.ok) {
      expect(short.error.message.vi).toContain('Mã đăng ký quầy có 15 ký tự chia ba nhóm, như K7QMX-3XPAT-9TRWB');
      expect(short.error.message.en).toContain('Type the whole code.');
    }
    expect((await fresh.must('sync.status', {})).enrolled).toBe(false);
    expect((await fresh.must('app.info', {})).deviceId).toBeNull();

    const other = await desk(DISTRICT, 3);
    const second = await other.call('sync.enrol', { serverUrl: server.url, code: 'AAAAA-BBBBB-CCCCC' });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('already_enrolled');
  });

  it('two desks of a district see each other’s dossiers, pushed and pulled, each stored once', async () => {
    const a = await desk(DISTRICT, 1);
    const b = await desk(DISTRICT, 2);
    const fromA = await receive(a, 1);
    const fromB = await receive(b, 2);
    expect((await a.must('sync.status', {})).pending).toBe(1);
    await syncAll([a, b]);
    expect(deskProjections(a.desk).get(fromB.dossierId)?.code).toBe(fromB.code);
    expect(deskProjections(b.desk).get(fromA.dossierId)?.code).toBe(fromA.code);
    expect((await a.must('sync.status', {})).pending).toBe(0);
    await expectConverged(server.storage, [a, b]);
    await expectStoredExactlyOnce(server.storage, [a, b]);
  });

  it('concurrent actions on one dossier: both kept, conflict marked everywhere, resolved by a supervisor', async () => {
    const a = await desk(DISTRICT, 1);
    const b = await desk(DISTRICT, 2);
    const { dossierId } = await receive(a, 1);
    await syncAll([a, b]);
    // Both desks act on version 1 without having heard of each other.
    await a.must('dossiers.withdraw', { dossierId, reason: 'Công dân xin rút hồ sơ' });
    await b.must('dossiers.stop', { dossierId, reason: 'Dừng xử lý theo chỉ đạo' });
    await syncAll([a, b]);

    const onServer = (await serverProjections(server.storage, DISTRICT)).get(dossierId)!;
    expect(onServer.status).toBe(DossierStatus.Withdrawn);
    expect(onServer.conflict?.events.map((e) => e.type)).toEqual(['dossier.stopped']);
    for (const d of [a, b]) {
      const state = deskProjections(d.desk).get(dossierId)!;
      expect(state.conflict, `conflict on ${d.deviceId}`).not.toBeNull();
      expect(state.version).toBe(3);
      expect((await d.must('sync.status', {})).conflicts).toBe(1);
    }
    await expectConverged(server.storage, [a, b]);

    // The clerk cannot act on it until a supervisor (here the administrator) resolves it explicitly.
    const blocked = await b.call('dossiers.transfer', { dossierId });
    expect(blocked.ok).toBe(false);
    await b.must('dossiers.resolveConflict', {
      dossierId,
      status: DossierStatus.Withdrawn,
      note: 'Giữ việc rút hồ sơ',
    });
    await syncAll([b, a]);
    for (const d of [a, b]) {
      const state = deskProjections(d.desk).get(dossierId)!;
      expect(state.conflict).toBeNull();
      expect(state.status).toBe(DossierStatus.Withdrawn);
      expect((await d.must('sync.status', {})).conflicts).toBe(0);
    }
    await expectConverged(server.storage, [a, b]);
    await expectStoredExactlyOnce(server.storage, [a, b]);
  });

  it('a dossier transferred from a commune desk reaches the district desk with its history, and back', async () => {
    const commune = await desk(COMMUNE_A, 1);
    const district = await desk(DISTRICT, 1);
    const district2 = await desk(DISTRICT, 2);
    const kept = await receive(commune, 1);
    const { dossierId } = await receive(commune, 2);
    await commune.must('dossiers.transfer', {
      dossierId,
      toAgency: DISTRICT,
      note: 'Chuyển phòng Tư pháp huyện',
    });
    await syncAll([commune, district, district2]);

    const atDistrict = deskProjections(district.desk);
    expect(atDistrict.get(dossierId)?.status).toBe(DossierStatus.Processing);
    expect(atDistrict.get(dossierId)?.version).toBe(2);
    // The commune's other dossier stays the commune's.
    expect(atDistrict.has(kept.dossierId)).toBe(false);

    await district2.must('dossiers.handOver', { dossierId, from: 'Bộ phận một cửa', to: 'Phòng Tư pháp' });
    await district.client.syncNow();
    await district2.must('dossiers.resolve', { dossierId, resultDigitised: true });
    await syncAll([district2, district, commune]);
    const atCommune = deskProjections(commune.desk).get(dossierId)!;
    expect(atCommune.status).toBe(DossierStatus.Resolved);
    expect(atCommune.currentHolder).toBe('Phòng Tư pháp');
    await expectConverged(server.storage, [commune, district, district2]);
    await expectStoredExactlyOnce(server.storage, [commune, district, district2]);
  });
});
