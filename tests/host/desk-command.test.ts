/**
 * `motcua desk` as an administrator or `npm start` runs it: a real process with a real desk behind the real
 * loopback host; stopped with SIGTERM or Ctrl+C (SIGINT) and expected to close cleanly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postApi, request } from './http-client';

const root = path.resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'motcua-desk-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function motcua(args: string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/motcua.ts', ...args], {
    cwd: root,
    env: { ...process.env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function launchUrl(running: Running): Promise<URL> {
  for (let i = 0; i < 300; i++) {
    const match = /http:\/\/m[0-9a-f]{24}\.localhost:\d+\/launch\/[A-Za-z0-9_-]+/.exec(running.stdout());
    if (match) return new URL(match[0]);
    if (running.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no launch address printed.\nstdout: ${running.stdout()}\nstderr: ${running.stderr()}`);
}

describe('motcua desk', () => {
  it.each([['SIGTERM'], ['SIGINT']] as const)(
    'serves the desk on 127.0.0.1 with the printed launch link, and on %s closes host and desk cleanly',
    async (signal) => {
      const dataDir = path.join(work, `desk-${signal}`);
      const running = motcua(['desk', '--data-dir', dataDir, '--ui', path.join(work, 'no-ui')]);
      const url = await launchUrl(running);
      const port = Number(url.port);
      const secret = url.pathname.split('/').pop()!;

      // Sent to 127.0.0.1 with the page host's name, as the browser does (the OS resolver may not know *.localhost).
      const launch = await request(port, { path: url.pathname, headers: { host: url.host } });
      expect(launch.status).toBe(303);
      const cookie = String(launch.headers['set-cookie']).split(';')[0]!;
      const info = await postApi(port, 'app.info', '{}', { cookie, host: url.host });
      expect(info.json()).toMatchObject({ ok: true, value: { version: expect.any(String), deviceId: null } });
      const page = await request(port, { path: '/', headers: { 'x-motcua-secret': secret } });
      expect(page.text).toContain('Giao diện chưa được xây dựng');
      expect((await postApi(port, 'app.info', '{}')).status).toBe(401);

      running.child.kill(signal);
      expect(await running.exited).toBe(0);
      expect(running.stdout()).toContain('đã dừng');
      expect(running.stderr()).toBe('');
      // A clean close checkpoints SQLite's write-ahead log away.
      expect(existsSync(path.join(dataDir, 'desk.sqlite'))).toBe(true);
      expect(existsSync(path.join(dataDir, 'desk.sqlite-wal'))).toBe(false);
      await expect(request(port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    },
  );

  it('says plainly what is wrong with its arguments, with exit code 2', async () => {
    const noDir = motcua(['desk']);
    expect(await noDir.exited).toBe(2);
    expect(noDir.stderr()).toContain('--data-dir');
    const badPort = motcua(['desk', '--data-dir', path.join(work, 'x'), '--port', '70000']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.stderr()).toContain('--port');
  });
});
