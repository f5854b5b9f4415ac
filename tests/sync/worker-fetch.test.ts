/**
 * The desk's default HTTP client runs Node's fetch in a worker thread (electron/desk/sync/worker-fetch.ts). What
 * the transport sees must be what fetch on the main thread gave it: the request as sent (method, headers, a
 * gzip body byte for byte), the answer's status, headers and decoded body, failures and time limits as "no
 * answer", and a desk process that can still end when it has nothing left to do.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SyncNetworkError, SyncTransport } from '../../electron/desk/sync/transport';
import { WorkerFetch } from '../../electron/desk/sync/worker-fetch';

let server: Server;
let base: string;
/** Requests the test server saw end without an answer (the client went away). */
let abandoned = 0;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function route(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const url = new URL(req.url ?? '/', base);
  if (url.pathname === '/echo') {
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-seen', 'yes');
    res.end(JSON.stringify({ method: req.method, headers: req.headers, body: body.toString('base64') }));
  } else if (url.pathname === '/brotli') {
    const text = JSON.stringify({ words: 'Hồ sơ đã tiếp nhận '.repeat(2000) });
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
    res.end(brotliCompressSync(text));
  } else if (url.pathname === '/status') {
    const status = Number(url.searchParams.get('code'));
    res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '7' });
    res.end(status === 204 || status === 304 ? undefined : JSON.stringify({ status }));
  } else if (url.pathname === '/never') {
    res.on('close', () => {
      if (!res.writableEnded) abandoned += 1;
    });
  } else {
    res.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => route(req, res, body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

const echoSchema = z.object({ method: z.string(), headers: z.record(z.string(), z.unknown()), body: z.string() });

describe('the desk’s HTTP client in a worker thread', () => {
  it('sends the request as the transport built it: method, headers and a gzip body byte for byte', async () => {
    const client = new WorkerFetch();
    try {
      const transport = new SyncTransport({ baseUrl: base, fetch: client.fetch, timeoutMs: 5000 });
      // Big enough for the transport to gzip it.
      const json = { note: 'Nguyễn Thị Hoà — giấy khai sinh'.repeat(100) };
      const answer = await transport.request({
        method: 'POST',
        path: 'echo',
        credentials: { deviceId: 'desk-1', secret: 's3cret' },
        json,
        schema: echoSchema,
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-seen')).toBe('yes');
      expect(answer.body.method).toBe('POST');
      expect(answer.body.headers['content-encoding']).toBe('gzip');
      expect(answer.body.headers.authorization).toBe('Device desk-1:s3cret');
      expect(Buffer.from(answer.body.body, 'base64')).toEqual(gzipSync(Buffer.from(JSON.stringify(json))));
    } finally {
      await client.close();
    }
  });

  it('gives the decoded body of a brotli answer, and the same answer as fetch on the main thread', async () => {
    const client = new WorkerFetch();
    try {
      const viaWorker = await client.fetch(`${base}brotli`, { method: 'GET' });
      const direct = await fetch(`${base}brotli`);
      expect(viaWorker.status).toBe(200);
      expect(await viaWorker.text()).toBe(await direct.text());
      expect(viaWorker.headers.get('content-type')).toBe('application/json');
    } finally {
      await client.close();
    }
  });

  it('passes error statuses and bodiless answers through as answers, not failures', async () => {
    const client = new WorkerFetch();
    try {
      const unavailable = await client.fetch(`${base}status?code=503`, { method: 'GET' });
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get('retry-after')).toBe('7');
      expect(await unavailable.json()).toEqual({ status: 503 });
      const empty = await client.fetch(`${base}status?code=204`, { method: 'POST', body: Buffer.from('x') });
      expect(empty.status).toBe(204);
      expect(await empty.text()).toBe('');
    } finally {
      await client.close();
    }
  });

  it('fails a request to a closed port, and one past its time limit, as "no answer", and the server sees it end', async () => {
    const client = new WorkerFetch();
    try {
      const closed = new SyncTransport({ baseUrl: 'http://127.0.0.1:9/', fetch: client.fetch, timeoutMs: 5000 });
      await expect(closed.request({ method: 'GET', path: 'v1/time', credentials: null })).rejects.toEqual(
        new SyncNetworkError('network'),
      );
      const slow = new SyncTransport({ baseUrl: base, fetch: client.fetch, timeoutMs: 200 });
      const started = performance.now();
      await expect(slow.request({ method: 'GET', path: 'never', credentials: null })).rejects.toEqual(
        new SyncNetworkError('timeout'),
      );
      expect(performance.now() - started).toBeLessThan(2000);
      // The worker aborted the request too: the server's connection closed without an answer.
      await expect.poll(() => abandoned, { timeout: 2000 }).toBeGreaterThan(0);
      // And the client still works afterwards.
      expect((await client.fetch(`${base}echo`, { method: 'GET' })).status).toBe(200);
    } finally {
      await client.close();
    }
  });

  it('answers requests in flight together, each with its own answer', async () => {
    const client = new WorkerFetch();
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          client.fetch(`${base}echo`, { method: 'PATCH', headers: { 'x-n': String(i) } }).then((r) => r.json()),
        ),
      );
      expect(answers.map((a) => (a as { headers: Record<string, string> }).headers['x-n'])).toEqual(
        Array.from({ length: 20 }, (_, i) => String(i)),
      );
    } finally {
      await client.close();
    }
  });

  it('fails what was in flight when its worker ends, and starts a new worker for the next request', async () => {
    const client = new WorkerFetch();
    try {
      const failed = expect(client.fetch(`${base}never`, { method: 'GET' })).rejects.toThrow(/fetch failed/);
      await client.close();
      await failed;
      expect((await client.fetch(`${base}echo`, { method: 'GET' })).status).toBe(200);
    } finally {
      await client.close();
    }
  });

  it('falls back to fetch on the main thread, and says so once, when its worker cannot start where it is installed', async () => {
    const lines: string[] = [];
    const client = new WorkerFetch({
      workerUrl: new URL('./no-such-fetch-worker.mjs', import.meta.url),
      log: (line) => lines.push(line),
    });
    try {
      const transport = new SyncTransport({ baseUrl: base, fetch: client.fetch, timeoutMs: 5000 });
      const first = transport.request({ method: 'POST', path: 'echo', credentials: null, json: { n: 1 }, schema: echoSchema });
      const second = transport.request({ method: 'GET', path: 'echo', credentials: null, schema: echoSchema });
      expect((await first).body.method).toBe('POST');
      expect((await second).body.method).toBe('GET');
      expect((await client.fetch(`${base}echo`, { method: 'GET' })).status).toBe(200);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/could not start.*main thread/);
    } finally {
      await client.close();
    }
  });

  it('does not keep a process alive once nothing is in flight', async () => {
    const script = [
      `import { workerFetch } from ${JSON.stringify(path.resolve('electron/desk/sync/worker-fetch.ts'))};`,
      `const r = await workerFetch()(${JSON.stringify(`${base}echo`)}, { method: 'GET' });`,
      'console.log(r.status);',
    ].join('\n');
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 20_000,
    });
    const { stdout } = await run;
    expect(stdout.trim()).toBe('200');
  });
});
