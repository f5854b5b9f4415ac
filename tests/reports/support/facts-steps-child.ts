/**
 * A second process on a desk's file, as `motcua report` or a desk beside it: for `ms` milliseconds it keeps marking a
 * few dossiers' facts stale (as a desk's work does) and taking report-fact steps, committing every few milliseconds
 * (tests/reports/desk-facts-in-steps.test.ts). Prints "stepping" after its first step and "done N" at the end; an
 * error is printed as "error CODE MESSAGE", with exit code 1.
 */
import { openStore } from '../../../electron/desk/db/open-store';
import { reportFactsStep } from '../../../electron/desk/reports/report-facts';

const [dir, ms] = process.argv.slice(2);
if (!dir || !ms) throw new Error('usage: facts-steps-child.ts DATA_DIR MS');
const db = openStore({ dataDir: dir }).db;
const ids = db.prepare<[], string>('SELECT id FROM dossiers').pluck().all();
const mark = db.prepare('INSERT OR IGNORE INTO report_facts_stale (dossier_id) VALUES (?)');
const until = Date.now() + Number(ms);
let steps = 0;
try {
  for (let next = 0; Date.now() < until; ) {
    db.transaction(() => {
      for (let i = 0; i < 20; i++) mark.run(ids[next++ % ids.length]);
    })();
    reportFactsStep(db, 5);
    steps += 1;
    if (steps === 1) process.stdout.write('stepping\n');
  }
  while (reportFactsStep(db)) steps += 1;
  process.stdout.write(`done ${steps}\n`);
} catch (e) {
  const err = e as { code?: string; message?: string };
  process.stdout.write(`error ${err.code ?? ''} ${err.message ?? String(e)}\n`);
  process.exitCode = 1;
} finally {
  db.close();
}
