/**
 * `tsx bench/generator/generate-desk.ts --data-dir DIR --dossiers N [--seed S]`: writes a desk dataset (see
 * desk-dataset.ts). Run as its own process so the benchmark's memory figure is the desk's, not the generator's.
 */
import { option } from '../lib/report';
import { generateDeskDataset } from './desk-dataset';

const args = process.argv.slice(2);
const dataDir = option(args, 'data-dir');
const dossiers = Number(option(args, 'dossiers') ?? '10000');
const seed = Number(option(args, 'seed') ?? '1');
const end = option(args, 'end');
if (!dataDir || !Number.isInteger(dossiers) || dossiers <= 0) {
  console.error('Usage: tsx bench/generator/generate-desk.ts --data-dir DIR --dossiers N [--seed S] [--end ISO]');
  process.exit(2);
}
let last = 0;
const summary = await generateDeskDataset({
  dataDir,
  dossiers,
  seed,
  ...(end ? { end: new Date(end) } : {}),
  onProgress: (done, total) => {
    if (done - last >= 25_000 || done === total) {
      last = done;
      process.stderr.write(`  generated ${done}/${total} dossiers\n`);
    }
  },
});
console.log(JSON.stringify(summary));
