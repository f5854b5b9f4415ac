/**
 * `motcua … | head -1`: the reader closes the pipe before the command has said everything. The command still does
 * its work and exits with its own code, without a Node stack trace (it printed "Unhandled 'error' event … EPIPE" and
 * exited 1 after a revocation or a restore was done).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

it('a reader that closes the pipe at once leaves the command to finish with its own exit code and no stack trace', async () => {
  const child = spawn(process.execPath, [path.resolve('bin/motcua.mjs'), 'holidays', '--year', '2027'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Closed before the command has started (tsx takes a moment): every line it writes meets a closed pipe.
  child.stdout.destroy();
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(err).not.toContain('EPIPE');
  expect(err).not.toContain('Unhandled');
  expect(code).toBe(0);
}, 30_000);
