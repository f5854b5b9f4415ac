/**
 * `npm start` (`motcua start`) as a person runs it on a fresh machine: one real process with the demo server, the
 * demo dossiers made by a demo desk, the clerk's desk enrolled and syncing, and the UI on the loopback host.
 * A second start on the same folder reuses what is there; Ctrl+C stops everything.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { postApi, request } from '../host/http-client';

const root = path.resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'motcua-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DEMO_DOSSIERS = 12;

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  exited: Promise<number | null>;
}

function start(dataDir: string): Running {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/motcua.ts', 'start', '--data-dir', dataDir, '--no-open', '--demo-dossiers', String(DEMO_DOSSIERS)],
    { cwd: root, env: { ...process.env } },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, exited };
}

interface Launched {
  port: number;
  /** This launch's page host (`m<hex>.localhost:PORT`): the session cookie counts only when sent to it. */
  host: string;
  cookie: string;
}

async function launched(running: Running): Promise<Launched> {
  for (let i = 0; i < 600; i++) {
    const match = /http:\/\/m[0-9a-f]+\.localhost:\d+\/launch\/[A-Za-z0-9_-]+/.exec(running.stdout());
    if (match) {
      const url = new URL(match[0]);
      // Sent to 127.0.0.1 with the page host's name, as a browser resolving *.localhost to loopback does.
      const launch = await request(Number(url.port), { path: url.pathname, headers: { host: url.host } });
      return { port: Number(url.port), host: url.host, cookie: String(launch.headers['set-cookie']).split(';')[0]! };
    }
    if (running.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`motcua start printed no address:\n${running.stdout()}`);
}

type Api = (method: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;

function api({ port, host, cookie }: Launched): Api {
  return async (method, input) =>
    (await postApi(port, method, JSON.stringify(input), { cookie, host, origin: `http://${host}` })).json() as {
      ok: boolean;
      value?: unknown;
    };
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 150; i++) {
    last = await probe();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

describe('npm start (motcua start)', () => {
  it('runs the desk on a local demo server with demo dossiers, syncs what the clerk receives, and stops on Ctrl+C', { timeout: 300_000 }, async () => {
    const dataDir = path.join(work, 'demo');
    const first = start(dataDir);
    const call = api(await launched(first));

    // The desk is already enrolled with the demo server: first run asks only for the first administrator.
    expect(await call('auth.firstRun', {})).toEqual({ ok: true, value: { needsAdministrator: true, needsIdentity: false } });
    const admin = { username: 'quantri', displayName: 'Nguyễn Thị Lan', password: 'mat-khau-demo-2026' };
    expect((await call('auth.createAdmin', admin)).ok).toBe(true);
    expect((await call('auth.login', { username: admin.username, password: admin.password })).ok).toBe(true);

    // The demo dossiers were made by another desk and reach this one through the demo server.
    const page = await eventually(
      () => call('dossiers.list', {}),
      (r) => r.ok && (r.value as { total: number }).total >= DEMO_DOSSIERS,
      'demo dossiers pulled',
    );
    expect((page.value as { total: number }).total).toBe(DEMO_DOSSIERS);

    // Online applications from the stand-in portal wait at status 1 ("Mới đăng ký"); the clerk checks and receives one.
    const waiting = await call('dossiers.list', { status: [1] });
    const online = (waiting.value as { items: { id: string; channel: string; procedureCode: string }[] }).items;
    expect(online.length).toBeGreaterThanOrEqual(1);
    expect(online.every((d) => d.channel === 'online')).toBe(true);
    const submitted = seedProcedures.find((p) => p.code === online[0]!.procedureCode)!;
    const detail = (await call('dossiers.get', { dossierId: online[0]!.id })).value as { state: { applicant: unknown } };
    const taken = await call('dossiers.receive', {
      dossierId: online[0]!.id,
      procedureCode: submitted.code,
      channel: 'online',
      applicant: detail.state.applicant,
      components: submitted.components.map((c) => ({ componentId: c.id, present: true })),
    });
    expect(taken.ok).toBe(true);

    // What the clerk receives goes up to the server: the outbox empties.
    const procedure = seedProcedures.find((p) => p.level === 'district')!;
    const receipt = await call('dossiers.receive', {
      procedureCode: procedure.code,
      channel: 'in_person',
      applicant: { kind: 'person', name: 'Trần Văn Bình', idNumber: '030201001234', phone: '0912345678' },
      components: procedure.components.map((c) => ({ componentId: c.id, present: true })),
    });
    expect(receipt.ok).toBe(true);
    await eventually(
      () => call('sync.status', {}),
      (r) => r.ok && (r.value as { pending: number; online: boolean }).pending === 0 && (r.value as { online: boolean }).online,
      'the new dossier synced',
    );

    first.child.kill('SIGINT');
    await first.exited;
    expect(first.stdout()).toMatch(/stopped/);

    // A second start reuses the folder: no new demo data, the clerk's dossier is still there.
    const second = start(dataDir);
    const call2 = api(await launched(second));
    expect((await call2('auth.login', { username: admin.username, password: admin.password })).ok).toBe(true);
    const after = await call2('dossiers.list', {});
    expect((after.value as { total: number }).total).toBe(DEMO_DOSSIERS + 1);
    expect(second.stdout()).not.toMatch(/Making \d+ demo dossiers/);
    // The demo server came up on another port: the desk follows it, syncs what the clerk receives, and prints the
    // new server's lookup page, which it takes from the server.
    const lookupPage = /public status lookup: (\S+)/.exec(second.stdout())?.[1];
    expect(lookupPage).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tra-cuu$/);
    const next = await call2('dossiers.receive', {
      procedureCode: procedure.code,
      channel: 'in_person',
      applicant: { kind: 'person', name: 'Lê Thị Hạnh', phone: '0987654321' },
      components: procedure.components.map((c) => ({ componentId: c.id, present: true })),
    });
    expect(next.ok).toBe(true);
    await eventually(
      () => call2('sync.status', {}),
      (r) => r.ok && (r.value as { pending: number }).pending === 0 && (r.value as { online: boolean }).online,
      'the second run syncing with the new port',
    );
    await eventually(
      () => call2('settings.get', {}),
      (r) => r.ok && (r.value as { districtLookupUrl: string | null }).districtLookupUrl === lookupPage,
      "the new server's lookup page handed down",
    );
    // A third start on the folder in use is refused in both languages and ends, leaving nothing running (QA: it hung).
    const third = start(dataDir);
    expect(await third.exited).toBe(1);
    expect(third.stdout()).toContain('đang được một chương trình MotCua Desk khác dùng');
    expect(third.stdout()).toContain('in use by another MotCua Desk program');
    expect(third.stdout()).not.toMatch(/lỗi ngoài dự kiến|unexpected error/);

    second.child.kill('SIGTERM');
    await second.exited;
  });
});
