/**
 * `npm run bench -- NAME [options]`: runs bench/NAME.ts, which prints a table and writes bench/results/NAME.json.
 * Each benchmark module exports `run(args: string[]): Promise<void>`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''));

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- NAME [options]. Benchmarks: ${available.join(', ') || '(none yet)'}.`);
  process.exit(2);
}
const mod = (await import(path.join(here, `${name}.ts`))) as { run(args: string[]): Promise<void> };
await mod.run(args);
