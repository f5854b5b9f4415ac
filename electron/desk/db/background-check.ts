/**
 * The integrity check of a large database, off the main thread: quick_check reads the whole file (about 1 s per
 * 100 MB), which would make a ten-year desk take many seconds to open.
 */
import { Worker } from 'node:worker_threads';

export interface BackgroundCheck {
  /** The problems found; empty when the file is sound (or the check was cancelled). */
  result: Promise<string[]>;
  /** Stops the check (the desk is closing or restoring). */
  cancel(): void;
}

export function checkInBackground(file: string, mode: 'quick' | 'full', nativeBinding?: string): BackgroundCheck {
  const worker = new Worker(new URL('./integrity-worker.mjs', import.meta.url), { workerData: { file, mode, nativeBinding } });
  worker.unref();
  let cancelled = false;
  const result = new Promise<string[]>((resolve) => {
    worker.once('message', (m: { problems: string[] }) => resolve(m.problems));
    worker.once('error', (e) => resolve(cancelled ? [] : [`integrity check could not run: ${e.message}`]));
    worker.once('exit', (code) => resolve(cancelled || code === 0 ? [] : [`integrity check stopped with code ${code}`]));
  });
  return {
    result,
    cancel() {
      cancelled = true;
      void worker.terminate();
    },
  };
}
