/**
 * The bench's servers run in processes of their own, as they do in a district (bench/lib/*-child.ts): a child
 * prints one JSON line with its port once it listens, closes on SIGTERM, and ends by itself when the bench process
 * goes away (its stdin closes), so a failed or killed run leaves no server behind.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { adminHeaders } from '../../tests/server/support';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ChildServer {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Bytes the child's server has sent on its connections so far (socket-bytes.ts). */
  bytesDown(): Promise<number>;
  /** What else the child said when it began listening. */
  announced: Record<string, unknown>;
}

export async function startChildServer(script: string, args: string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${script} ended before listening (exit ${String(code)})`);
    }),
  ])) as [string];
  const { port, ...announced } = JSON.parse(first) as { port: number } & Record<string, unknown>;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    announced,
    async bytesDown() {
      const answer = once(lines, 'line') as Promise<[string]>;
      child.stdin.write('\n');
      return (JSON.parse((await answer)[0]) as { bytesDown: number }).bytesDown;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Called by a child once it listens: reports the port, and ends the child when the bench process is gone. */
export function announceChild(port: number, close: () => Promise<void>, more: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ ...more, port })}\n`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.stdin.on('end', stop).resume();
}

/** The MotCua server of bench/lib/server-child.ts on a loaded database file, with its administration API. */
export interface ServerProcess extends ChildServer {
  /** POST to the administration API with the admin token; returns the parsed JSON answer. */
  admin(route: string, body: unknown): Promise<unknown>;
}

export async function startServerProcess(dbFile: string): Promise<ServerProcess> {
  const child = await startChildServer('server-child.ts', [dbFile]);
  return {
    ...child,
    async admin(route, body) {
      const res = await fetch(new URL(route, child.url), {
        method: 'POST',
        headers: { ...adminHeaders, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
      return res.json();
    },
  };
}
