/**
 * The integrity check of a large database, off the main thread: quick_check reads the whole file (about 1 s per
 * 100 MB), which would make a ten-year desk take many seconds to open.
 */
import { Worker } from 'node:worker_threads';

export function checkInBackground(file: string, mode: 'quick' | 'full', nativeBinding?: string): Promise<string[]> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./integrity-worker.mjs', import.meta.url), { workerData: { file, mode, nativeBinding } });
    worker.unref();
    worker.once('message', (m: { problems: string[] }) => resolve(m.problems));
    worker.once('error', (e) => resolve([`integrity check could not run: ${e.message}`]));
    worker.once('exit', (code) => {
      if (code !== 0) resolve([`integrity check stopped with code ${code}`]);
    });
  });
}
