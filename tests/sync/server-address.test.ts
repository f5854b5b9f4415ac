/**
 * The district's server moves to a new address (a new IP from the provider, a new name): an administrator gives
 * each desk the new address, the desk checks that the server there accepts it, and what waited offline goes at
 * once. A typo, another district's server, a dead address or a clerk change nothing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkProxy } from '../support/link-proxy';
import { DESK_ADMIN, DISTRICT, makeSyncDesk, receive, startSyncServer, type SyncDesk, type SyncServer } from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(): Promise<SyncServer> {
  const s = await startSyncServer();
  cleanups.push(() => s.close());
  return s;
}

async function deskOf(s: SyncServer, serverUrl?: string): Promise<SyncDesk> {
  const d = await makeSyncDesk(s, { unitCode: DISTRICT, deskNumber: 1, ...(serverUrl ? { serverUrl } : {}) });
  cleanups.push(() => d.close());
  return d;
}

const CLERK = { username: 'canbo1', displayName: 'Phạm Văn Bình', role: 'clerk' as const, password: 'mat-khau-456' };

describe("a desk following its server's new address", () => {
  it('sends what waited offline at once, after refusing a typo, another server, a dead address and a clerk', async () => {
    const district = await server();
    const oldAddress = await LinkProxy.start({ target: { host: '127.0.0.1', port: district.port } });
    const oldUrl = oldAddress.url;
    const d = await deskOf(district, oldUrl);
    await receive(d, 1);
    await receive(d, 2);
    expect((await d.must('sync.now', {})).pending).toBe(0);

    // The old address goes dark; the desk works on offline.
    await oldAddress.close();
    for (const n of [3, 4, 5]) await receive(d, n);
    const offline = await d.must('sync.now', {});
    expect(offline.state).toBe('offline');
    expect(offline.pending).toBe(3);

    const other = await server();
    const refused = async (serverUrl: unknown) => {
      const r = await d.call('sync.setServer', { serverUrl });
      expect(r.ok, String(serverUrl)).toBe(false);
      expect(d.client.meta.serverUrl).toBe(oldUrl);
      return r.ok ? null : r.error;
    };
    expect((await refused('ftp://10.0.0.5'))?.code).toBe('invalid_server_url');
    const stranger = await refused(other.url);
    expect(stranger).toMatchObject({ code: 'server_does_not_know_desk', field: 'serverUrl' });
    expect(stranger?.message.vi).toContain('không nhận quầy này');
    expect(d.client.meta.revoked).toBeNull();
    expect((await refused(oldUrl))?.code).toBe('server_unreachable');
    // The citizens' lookup page pasted for the server's address: told to type the server's own address.
    const page = await refused(`${district.url}tra-cuu`);
    expect(page).toMatchObject({ code: 'server_url_path', field: 'serverUrl' });
    expect(page?.message.vi).toContain(`Hãy nhập địa chỉ gốc của máy chủ, ví dụ ${new URL(district.url).origin}. Chưa có gì bị thay đổi.`);
    await d.must('users.create', CLERK);
    await d.must('auth.login', { username: CLERK.username, password: CLERK.password });
    expect((await refused(district.url))?.code).toBe('forbidden');
    await d.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });

    const moved = await d.must('sync.setServer', { serverUrl: district.url });
    expect(moved.serverUrl).toBe(district.url);
    const after = await d.must('sync.now', {});
    expect(after).toMatchObject({ state: 'online', pending: 0 });
    expect(await district.storage.countEvents()).toBe(5);
    // Once, and in the trail: who moved the desk, and where to.
    const trail = await d.must('audit.list', { action: 'sync.set_server' });
    expect(trail.entries.map((e) => e.detail)).toEqual([`${oldUrl} → ${district.url}`]);
  });

  it('records every refused attempt in the trail: who, the address tried without its secrets, and why', async () => {
    const district = await server();
    const d = await deskOf(district);
    const other = await server();
    const tried = async (serverUrl: string) => expect((await d.call('sync.setServer', { serverUrl })).ok).toBe(false);
    await tried('http://quantri:MatKhauRouter9@10.0.0.5:8470/?token=bimat123');
    await tried('my password 123');
    await tried('Mậtkhẩu2024');
    await tried('http://127.0.0.1:9/enrol/MaDangKy77'); // a closed port, with an enrolment code in its path
    await tried(other.url);
    await d.must('users.create', CLERK);
    await d.must('auth.login', { username: CLERK.username, password: CLERK.password });
    await tried(other.url);
    await d.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
    await d.must('sync.setServer', { serverUrl: district.url });

    const refused = await d.must('audit.list', { action: 'sync.set_server_refused' });
    // Newest first; the desk still at its own address each time, and nothing of a secret kept.
    expect(refused.entries.map((e) => [e.userName, e.detail])).toEqual([
      [CLERK.displayName, `${district.url} → ${other.url}; refused forbidden`],
      [DESK_ADMIN.displayName, `${district.url} → ${other.url}; refused server_does_not_know_desk`],
      [DESK_ADMIN.displayName, `${district.url} → http://127.0.0.1:9/…; refused server_unreachable`],
      [DESK_ADMIN.displayName, `${district.url} → (not an address); refused invalid_server_url`],
      [DESK_ADMIN.displayName, `${district.url} → (not an address); refused invalid_server_url`],
      [DESK_ADMIN.displayName, `${district.url} → http://…@10.0.0.5:8470/…; refused invalid_server_url`],
    ]);
    expect(JSON.stringify(refused.entries)).not.toMatch(/MatKhauRouter9|quantri|bimat123|password|Mậtkhẩu2024|MaDangKy77/);
    // The accepted change is its own line, as before.
    expect((await d.must('audit.list', { action: 'sync.set_server' })).total).toBe(1);
  });

  it('lifts the "revoked" a wrong address left, once its own server accepts it again', async () => {
    const district = await server();
    const other = await server();
    const d = await deskOf(district);
    // The old address now reaches another server (the IP went to another machine): it does not know this desk.
    d.client.meta.serverUrl = other.url;
    const stranded = await d.must('sync.now', {});
    expect(stranded.revoked).toBe(true);
    await receive(d, 1);

    const back = await d.must('sync.setServer', { serverUrl: district.url });
    expect(back.revoked).toBeFalsy();
    expect(await d.must('sync.now', {})).toMatchObject({ state: 'online', pending: 0 });
    expect(await district.storage.countEvents()).toBe(1);
  });

  it('writes a refusal code into the trail only when it is shaped like ours (whatever answers chooses it)', async () => {
    const district = await server();
    const d = await deskOf(district);
    // Answers as a MotCua server for the time, then refuses the desk with a code of its own making.
    const impostor = http.createServer((req, res) => {
      void (async () => {
        if (req.url?.endsWith('/v1/time')) {
          const real = await fetch(new URL('v1/time', district.url), { headers: { 'x-motcua-protocol': '1' } });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(await real.text());
          return;
        }
        res.writeHead(409, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'x; unit all', message: { vi: 'Từ chối', en: 'Refused' } } }));
      })();
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => impostor.close(() => resolve())));
    const address = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}/`;
    expect((await d.call('sync.setServer', { serverUrl: address })).ok).toBe(false);
    const refused = await d.must('audit.list', { action: 'sync.set_server_refused' });
    expect(refused.entries.map((e) => e.detail)).toEqual([`${district.url} → ${address}; refused other`]);
  });

  it('gives the secret only to an address that answers as a MotCua server', async () => {
    const district = await server();
    const d = await deskOf(district);
    // A mistyped address on the office network: some other web server, which keeps what it is sent.
    const seen: string[] = [];
    const stranger = http.createServer((req, res) => {
      seen.push(String(req.headers.authorization ?? ''));
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Router</html>');
    });
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => stranger.close(() => resolve())));
    const r = await d.call('sync.setServer', { serverUrl: `http://127.0.0.1:${(stranger.address() as AddressInfo).port}` });
    expect(r.ok || r.error).toMatchObject({ code: 'not_motcua_server', field: 'serverUrl' });
    expect(r.ok || r.error.message.vi).toContain('không phải máy chủ MotCua');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((h) => h !== '')).toEqual([]);
    expect(d.client.meta.serverUrl).toBe(district.url);
  });

  it('is not undone by the refusal of a round still out at the old address', async () => {
    const district = await server();
    const other = await server();
    const d = await deskOf(district);
    // The old address now reaches a server that does not know the desk; it answers once the address has been changed.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const oldAddress = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      arrived();
      await released;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      const answer = await fetch(new URL(req.url!, other.url), { method: req.method!, headers, ...(req.method === 'GET' ? {} : { body: Buffer.concat(chunks) }) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => oldAddress.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => oldAddress.close(() => resolve())));
    d.client.meta.serverUrl = `http://127.0.0.1:${(oldAddress.address() as AddressInfo).port}/`;

    const inFlight = d.call('sync.now', {});
    await arrival;
    expect((await d.must('sync.setServer', { serverUrl: district.url })).revoked).toBeFalsy();
    release();
    await inFlight;
    const after = await d.must('sync.now', {});
    expect(after).toMatchObject({ serverUrl: district.url, state: 'online' });
    expect(after.revoked).toBeFalsy();
  });
});
