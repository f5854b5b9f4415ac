/**
 * Faults between the desk and the server, each its own test, through the link proxy: a connection dropped
 * mid-request and mid-response, every fifth request failing, duplicated and reordered requests; and the desk-side
 * ones: a clock two days wrong, a revoked device, an event outside the desk's scope, and a link that returns.
 * After each: every event stored on the server exactly once, every desk equal to the server's fold, no outbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { DossierStatus } from '../../shared/domain/dossier';
import type { EventPayload } from '../../shared/domain/events';
import { LinkProxy, type ConnectionFault } from '../support/link-proxy';
import {
  COMMUNE_A,
  COMMUNE_B,
  DISTRICT,
  deskProjections,
  expectConverged,
  expectStoredExactlyOnce,
  makeSyncDesk,
  ownPending,
  receive,
  serverEventsOfUnit,
  someWork,
  startSyncServer,
  syncAll,
  syncUntilSettled,
  type DeskSetup,
  type SyncDesk,
  type SyncServer,
} from './support/harness';
import type { FetchLike } from '../../electron/desk/sync';
import { admin } from '../server/support';

let server: SyncServer;
let proxy: LinkProxy;
const desks: SyncDesk[] = [];
beforeEach(async () => {
  server = await startSyncServer();
  proxy = await LinkProxy.start({ target: { host: '127.0.0.1', port: server.port } });
});
afterEach(async () => {
  for (const d of desks.splice(0)) await d.close();
  await proxy.close();
  await server.close();
});

async function desk(setup: Omit<DeskSetup, 'serverUrl'> & { direct?: boolean }): Promise<SyncDesk> {
  const d = await makeSyncDesk(server, { ...setup, serverUrl: setup.direct ? server.url : proxy.url });
  desks.push(d);
  return d;
}

/** Three desks (two district, one commune) with work waiting in their outboxes. */
async function threeBusyDesks(): Promise<SyncDesk[]> {
  const all = [
    await desk({ unitCode: DISTRICT, deskNumber: 1, sync: { maxBatchBytes: 2048 } }),
    await desk({ unitCode: DISTRICT, deskNumber: 2, sync: { maxBatchBytes: 2048 } }),
    await desk({ unitCode: COMMUNE_A, deskNumber: 1, sync: { maxBatchBytes: 2048 } }),
  ];
  for (const [i, d] of all.entries()) await someWork(d, 6, i * 100);
  return all;
}

async function expectAllGood(all: SyncDesk[]): Promise<void> {
  await expectStoredExactlyOnce(server.storage, all);
  await expectConverged(server.storage, all);
}

describe('faults on the link', () => {
  it('connection dropped mid-request: nothing stored from the broken request, all of it sent again', async () => {
    const all = await threeBusyDesks();
    // The first push request of the run breaks after 300 bytes, and every 4th connection after that too (counted
    // from here: enrolment's requests came before).
    const before = proxy.counters.connections;
    proxy.plan = (n) => (n - before === 1 || (n - before) % 4 === 0 ? { kind: 'cut', direction: 'up', afterBytes: 300 } : null);
    const first = await all[0]!.client.syncNow();
    expect(first.state).toBe('offline');
    expect(first.errors[0]?.en).toContain('Cannot reach the server');
    expect(await server.storage.countEvents()).toBe(0);
    await syncUntilSettled(all);
    expect(proxy.counters.cuts).toBeGreaterThan(1);
    await expectAllGood(all);
  });

  it('connection dropped mid-response: the server kept the batch, the desk re-sends it and gets duplicates', async () => {
    const all = await threeBusyDesks();
    const before = proxy.counters.connections;
    proxy.plan = (n) => ((n - before) % 3 === 1 ? { kind: 'cut', direction: 'down', afterBytes: 40 } : null);
    const first = await all[0]!.client.syncNow();
    expect(first.state).toBe('offline');
    // The server did store the first batch although the desk never heard back.
    expect(await server.storage.countEvents()).toBeGreaterThan(0);
    expect(ownPending(all[0]!)).toBeGreaterThan(0);
    await syncUntilSettled(all);
    expect(proxy.counters.cuts).toBeGreaterThan(2);
    await expectAllGood(all);
  });

  it('every fifth request fails: sync still completes, each event once', async () => {
    const all = await threeBusyDesks();
    const before = proxy.counters.connections;
    proxy.plan = (n): ConnectionFault | null =>
      (n - before) % 5 === 0 ? { kind: 'cut', direction: 'down', afterBytes: 0 } : null;
    await syncUntilSettled(all);
    // More work after a first sync, under the same faults.
    for (const [i, d] of all.entries()) await someWork(d, 3, 500 + i * 10);
    await syncUntilSettled(all);
    expect(proxy.counters.cuts).toBeGreaterThanOrEqual(Math.floor((proxy.counters.connections - before) / 5));
    await expectAllGood(all);
  });

  it('duplicated and reordered requests: late copies of old pushes change nothing', async () => {
    const all = await threeBusyDesks();
    // Every second request is delivered again 150 ms later, after the requests that followed it.
    proxy.plan = (n) => (n % 2 === 0 ? { kind: 'duplicate', delayMs: 150 } : null);
    await syncUntilSettled(all);
    for (const [i, d] of all.entries()) await someWork(d, 2, 700 + i * 10);
    await syncUntilSettled(all);
    await new Promise((r) => setTimeout(r, 400)); // let the last copies land
    expect(proxy.counters.duplicates).toBeGreaterThan(3);
    await syncAll(all, 1);
    await expectAllGood(all);
  });

  it('a link that goes down and returns: local work waits, then goes up on its own', async () => {
    const d = await desk({ unitCode: DISTRICT, deskNumber: 1 });
    const other = await desk({ unitCode: DISTRICT, deskNumber: 2, direct: true });
    d.client.start();
    await d.client.syncNow();
    proxy.setOffline(true);
    const { dossierId } = await receive(d, 1);
    await waitFor(() => d.client.status().state === 'offline');
    const offline = await d.must('sync.status', {});
    expect(offline.pending).toBe(1);
    expect(offline.online).toBe(false);
    expect(offline.errors.map((e) => e.vi).join(' ')).toContain('Không kết nối được máy chủ');
    proxy.setOffline(false);
    // No one calls sync: the client's own probe notices the link and sends the reception.
    await waitFor(() => ownPending(d) === 0 && d.client.status().state === 'online');
    await other.client.syncNow();
    expect(deskProjections(other.desk).get(dossierId)?.status).toBe(DossierStatus.Received);
  });
});

describe('faults on the desk', () => {
  it('a desk clock two days behind: the skew is shown, and the server’s order decides', async () => {
    const twoDays = 2 * 86_400_000;
    const wrong = await desk({ unitCode: DISTRICT, deskNumber: 1, clockOffsetMs: -twoDays, direct: true });
    const right = await desk({ unitCode: DISTRICT, deskNumber: 2, direct: true });
    const { dossierId } = await receive(wrong, 1);
    const status = await wrong.must('sync.now', {});
    expect(status.clockSkewSeconds).toBeLessThan(-twoDays / 1000 + 60);
    // Past the warning's limit, said as a fact: the reception screen warns the clerk before printing on it.
    expect(status.clockCheck?.basis).toMatch(/^(measured|server_time|own_events)$/);
    expect(status.errors.map((e) => e.en).join(' ')).toContain('2 days behind the server');
    // The last sync is stamped with the server's time, not the wrong clock's.
    expect(Math.abs(Date.parse(status.lastSyncAt!) - Date.now())).toBeLessThan(60_000);
    // So is the attempt shown beside it: not two days before the success.
    expect(Math.abs(Date.parse(status.lastAttemptAt!) - Date.now())).toBeLessThan(60_000);
    const rightStatus = await right.must('sync.now', {});
    expect([rightStatus.clockSkewSeconds, rightStatus.clockCheck]).toEqual([0, null]);

    // The right desk transfers; then the wrong one, unaware, withdraws (its device time two days earlier).
    await right.must('dossiers.transfer', { dossierId });
    await right.client.syncNow();
    await wrong.must('dossiers.withdraw', { dossierId, reason: 'Công dân xin rút' });
    await syncAll([wrong, right]);
    // In server order the withdrawal follows the transfer and is legal; by device time it would not be.
    for (const d of [wrong, right]) {
      const state = deskProjections(d.desk).get(dossierId)!;
      expect(state.status).toBe(DossierStatus.Withdrawn);
      expect(state.conflict).toBeNull();
    }
    await expectAllGood([wrong, right]);
  });

  it('a revoked device: a clear error, its work kept, and no more attempts', async () => {
    let requests = 0;
    const counting: FetchLike = (url, init) => {
      requests += 1;
      return fetch(url, init);
    };
    const d = await desk({ unitCode: DISTRICT, deskNumber: 1, direct: true, sync: { fetch: counting } });
    await d.client.syncNow();
    expect(d.client.status().revoked).toBeUndefined();
    await server.revoke(d.deviceId);
    await receive(d, 1);
    d.client.start();
    await waitFor(() => d.client.status().state === 'error');
    const status = await d.must('sync.status', {});
    expect(status.online).toBe(false);
    // Said as a fact, not only in words: the sync page disables "Đồng bộ ngay" on it.
    expect(status.revoked).toBe(true);
    expect(status.pending).toBe(1);
    expect(status.message?.vi).toContain('đã bị quản trị viên thu hồi');
    expect(status.message?.en).toContain('revoked');
    const after = requests;
    await receive(d, 2); // a local change would normally trigger a round
    await new Promise((r) => setTimeout(r, 400));
    expect(requests).toBe(after);
    // Still refused after a restart of the desk: the refusal is remembered.
    d.reopen();
    expect(d.client.status().state).toBe('error');
    expect((await d.client.syncNow()).pending).toBe(2);
    expect(requests).toBe(after);
  });

  it('a desk revoked by mistake and reinstated on the server sends the work it kept, once its administrator confirms the address', async () => {
    const d = await desk({ unitCode: DISTRICT, deskNumber: 1, direct: true });
    await d.client.syncNow();
    await server.revoke(d.deviceId);
    const { dossierId } = await receive(d, 1);
    expect((await d.client.syncNow()).revoked).toBe(true);
    // A new device cannot take its place: its events carry this device's id. The administrator reinstates it.
    const reinstated = await admin(server.app, 'POST', `/v1/admin/desks/${d.deviceId}/reinstate`);
    expect(reinstated.statusCode).toBe(200);
    expect(reinstated.json()).toMatchObject({ deviceId: d.deviceId, unitCode: DISTRICT, deskNumber: 1, revoked: false });
    // The desk learns it when its administrator checks the address (Đồng bộ › Đổi địa chỉ máy chủ…), the same one.
    expect((await d.must('sync.setServer', { serverUrl: server.url })).revoked).toBeUndefined();
    const status = await d.client.syncNow();
    expect(status.pending).toBe(0);
    expect(status.revoked).toBeUndefined();
    await expectStoredExactlyOnce(server.storage, [d]);
    expect((await serverEventsOfUnit(server.storage, DISTRICT)).map((e) => e.dossierId)).toContain(dossierId);
  });

  it('a revoked desk is not reinstated once another device holds its desk number, nor one never enrolled', async () => {
    const d = await desk({ unitCode: DISTRICT, deskNumber: 1, direct: true });
    await server.revoke(d.deviceId);
    const successor = await server.createDesk(DISTRICT, 1);
    const taken = await admin(server.app, 'POST', `/v1/admin/desks/${d.deviceId}/reinstate`);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'desk_taken', details: { deviceId: successor.deviceId } } });
    expect((await server.storage.device(d.deviceId))?.revokedAt).not.toBeNull();
    // The successor, revoked before it enrolled, has nothing to send: a new code is what it needs.
    await server.revoke(successor.deviceId);
    const never = await admin(server.app, 'POST', `/v1/admin/desks/${successor.deviceId}/reinstate`);
    expect([never.statusCode, never.json().error.code]).toEqual([409, 'never_enrolled']);
  });

  it('a scan whose file is gone from this PC is named to the clerk, and the rest of the sync goes on', async () => {
    const d = await desk({ unitCode: DISTRICT, deskNumber: 1, direct: true });
    const attach = async (n: number, name: string) => {
      const dossier = await receive(d, n);
      const stored = await d.must('attachments.import', {
        source: 'data',
        fileName: name,
        dataBase64: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048)]).toString('base64'),
      });
      const componentId = d.desk.queries.get({ dossierId: dossier.dossierId }).state.components[0]!.componentId;
      await d.must('attachments.link', { dossierId: dossier.dossierId, sha256: stored.sha256, target: { componentId } });
      return { ...dossier, sha256: stored.sha256 };
    };
    const lost = await attach(1, 'mat.pdf');
    const kept = await attach(2, 'con.pdf');
    // The data was moved to a new PC without its scans folder.
    rmSync(d.desk.attachments.blobs.pathOf(lost.sha256));

    const status = await d.client.syncNow();
    expect(status.state).toBe('online');
    expect(status.pending).toBe(0);
    expect(status.errors.map((e) => e.vi).join(' ')).toContain(`Không gửi được bản quét của hồ sơ ${lost.code}`);
    expect(status.errors.map((e) => e.en).join(' ')).not.toContain(kept.code);
    expect(await server.storage.blob(kept.sha256)).toBeDefined();
    expect(await server.storage.blob(lost.sha256)).toBeUndefined();
  });

  it('an event outside the desk’s scope: quarantined with the reason, shown, and the rest goes on', async () => {
    const commune = await desk({ unitCode: COMMUNE_A, deskNumber: 1, direct: true });
    const before = await receive(commune, 1);
    // A reception filed under another commune (as a desk with a wrong unit set-up would write it).
    const foreignId = randomUUID();
    const template = commune.desk.events.forDossier(before.dossierId)[0]!
      .payload as EventPayload<'dossier.received'>;
    const user = commune.desk.requireUser();
    commune.desk.db.transaction(() => {
      const event = commune.desk.events.appendLocal(
        {
          dossierId: foreignId,
          type: 'dossier.received',
          payload: {
            ...template,
            unitCode: COMMUNE_B,
            code: `${COMMUNE_B}-${template.code.split('-')[1]}-1999`,
          },
          baseVersion: 0,
          actor: { userId: user.id, name: user.displayName, role: user.role },
        },
        commune.deviceId,
        commune.desk.clock.iso(),
      );
      commune.desk.projector.applyLocal(undefined, event);
    })();
    const after = await receive(commune, 2);
    await commune.must('dossiers.transfer', { dossierId: after.dossierId });

    const status = await commune.must('sync.now', {});
    expect(status.pending).toBe(0);
    expect(status.quarantined).toBe(1);
    expect(status.errors.map((e) => e.vi).join(' ')).toContain('bị máy chủ từ chối');
    const foreign = commune.desk.events.forDossier(foreignId, { includeQuarantined: true })[0]!;
    expect(foreign.syncState).toBe('quarantined');
    expect(foreign.syncReason).toContain('không thuộc đơn vị');
    expect(foreign.syncReason).toContain('out_of_scope');
    // The events before and after it were accepted.
    expect(
      await server.storage.eventById(commune.desk.events.forDossier(after.dossierId)[1]!.id),
    ).toBeDefined();
    const quarantine = await server.storage.listQuarantine(10);
    expect(quarantine.map((q) => [q.eventId, q.reasonCode])).toEqual([[foreign.id, 'out_of_scope']]);
    // The refused reception leaves no dossier to list: the sync page names it from the reception itself.
    const problems = await commune.must('dossiers.syncProblems', {});
    expect(problems.refused).toEqual([]);
    expect(problems.refusedAlone).toEqual([
      expect.objectContaining({
        dossierId: foreignId,
        type: 'dossier.received',
        code: `${COMMUNE_B}-${template.code.split('-')[1]}-1999`,
        applicantName: template.applicant.name,
        reasons: [expect.stringContaining('không thuộc đơn vị')],
      }),
    ]);
    await expectAllGood([commune]);
  });
});

describe('attachments', () => {
  it('a scan upload broken off mid-way resumes from the server’s offset, and the server verifies it', async () => {
    const patches: { offset: number; bytes: number; failed: boolean }[] = [];
    let failNext = false;
    const flaky: FetchLike = async (url, init) => {
      if (init.method === 'PATCH') {
        const headers = init.headers as Record<string, string>;
        const entry = {
          offset: Number(headers['upload-offset']),
          bytes: (init.body as Uint8Array).length,
          failed: failNext,
        };
        patches.push(entry);
        if (failNext) {
          failNext = false;
          throw new TypeError('fetch failed');
        }
        if (patches.length === 2) failNext = true;
      }
      return fetch(url, init);
    };
    const d = await desk({
      unitCode: DISTRICT,
      deskNumber: 1,
      direct: true,
      sync: { fetch: flaky, blobChunkBytes: 64 * 1024 },
    });
    const { dossierId } = await receive(d, 1);
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(300 * 1024)]);
    const stored = await d.must('attachments.import', {
      source: 'data',
      fileName: 'to-khai.pdf',
      dataBase64: scan.toString('base64'),
    });
    const componentId = d.desk.queries.get({ dossierId }).state.components[0]!.componentId;
    await d.must('attachments.link', { dossierId, sha256: stored.sha256, target: { componentId } });

    const broken = await d.client.syncNow();
    expect(broken.state).toBe('offline');
    expect(ownPending(d)).toBe(0); // the events went up before the scan
    const partial = await server.storage.blobUpload(stored.sha256, DISTRICT);
    expect(partial).toMatchObject({ received: 2 * 64 * 1024, complete: false });

    expect((await d.client.syncNow()).state).toBe('online');
    const blob = await server.storage.blob(stored.sha256);
    expect(blob?.data.equals(scan)).toBe(true);
    // Resumed where the server stood: the broken chunk again, then the rest, never from byte 0.
    const resumed = patches.filter((p) => !p.failed);
    expect(resumed.map((p) => p.offset)).toEqual([0, 65536, 131072, 196608, 262144]);
    expect(resumed.reduce((n, p) => n + p.bytes, 0)).toBe(scan.length);
    // Nothing left to send on the next round.
    const before = patches.length;
    await d.client.syncNow();
    expect(patches.length).toBe(before);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
