/**
 * `npm run soak [-- --seeds N] [-- --from S]`: the convergence property over many seeds (default 1,000), in two
 * Vitest processes (one per core) over halves of the range. Prints each failing seed with how to replay it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { seeds: { type: 'string' }, from: { type: 'string' } },
  strict: true,
});
const total = Number(values.seeds ?? 1000);
const from = Number(values.from ?? 1);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(from) || from < 1) {
  console.error('soak: --seeds and --from must be whole numbers from 1.');
  process.exit(2);
}

function shard(start: number, count: number): Promise<{ code: number; failed: number[] }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        'tests/sync/convergence.test.ts',
        '--reporter=dot',
      ],
      {
        cwd: root,
        env: { ...process.env, SOAK_FROM: String(start), SOAK_SEEDS: String(count) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const failed = new Set<number>();
    const scan = (chunk: Buffer) => {
      const text = chunk.toString();
      process.stdout.write(text);
      for (const m of text.matchAll(/convergence failed for seed (\d+)/g)) failed.add(Number(m[1]));
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', scan);
    child.on('exit', (code) => resolve({ code: code ?? 1, failed: [...failed] }));
  });
}

const started = Date.now();
const half = Math.ceil(total / 2);
const results = await Promise.all([
  shard(from, half),
  ...(total > half ? [shard(from + half, total - half)] : []),
]);
const failed = results.flatMap((r) => r.failed).sort((a, b) => a - b);
const seconds = Math.round((Date.now() - started) / 1000);
if (failed.length > 0 || results.some((r) => r.code !== 0)) {
  console.error(
    `\nsoak: FAILED seeds ${failed.join(', ') || '(see output)'} of ${from}–${from + total - 1} (${seconds} s).`,
  );
  for (const seed of failed)
    console.error(`  replay: SEED=${seed} npx vitest run tests/sync/convergence.test.ts`);
  process.exit(1);
}
console.log(`\nsoak: ${total} seeds (${from}–${from + total - 1}) converged in ${seconds} s.`);
