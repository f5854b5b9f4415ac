/**
 * `motcua server` as the technician runs it: its own process, through bin/motcua.mjs, stopped with SIGTERM as a
 * service manager stops it. For what only the process shows: its start-up lines, its token files, its stop.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { PROTOCOL_HEADER } from '../../shared/sync/protocol';

export interface ServerProcess {
  url: string;
  /** What it printed so far, stdout and stderr together. */
  output(): string;
  /** SIGTERM; resolves with its exit code (null when the signal killed it instead of stopping it). */
  stop(): Promise<number | null>;
}

/**
 * Starts `motcua server ARGV --port 0` in `cwd`; resolves once it has said where its tokens are and answers: only then
 * does it wait for its stop signal (a SIGTERM sent the moment the line is read can come first, and kill it outright).
 */
export async function startServerProcess(cwd: string, ...argv: string[]): Promise<ServerProcess> {
  const bin = path.resolve('bin/motcua.mjs');
  const child = spawn(process.execPath, [bin, 'server', ...argv, '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  // Whatever happens in the test, the server process does not outlive it.
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stderr.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 25_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const listening = /listening on (http:\/\/\S+)/.exec(out);
      if (listening && out.includes('Portal token:')) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    });
    void exited.then(() => reject(new Error(`server exited: ${out}`)));
  });
  await fetch(`${url}/v1/time`, { headers: { [PROTOCOL_HEADER]: '1' } });
  return {
    url,
    output: () => out,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
