/**
 * Temporary folders for tests, removed when the test file ends, whether its tests passed, failed midway or never
 * closed what they opened. They hold whole desk databases with test personal data, so none may stay in /tmp.
 *
 * This module only keeps the list; tests/support/remove-temp-folders.ts (a Vitest setup file) empties it after each
 * test file. It imports nothing from Vitest, so the benchmarks can use the same helpers; outside Vitest it records
 * nothing (nothing would empty the list, and the benchmarks close what they open).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Closer = () => void | Promise<void>;

const folders: string[] = [];
const closers: Closer[] = [];
const underVitest = process.env.VITEST !== undefined;

/** A fresh folder under the system's temp folder, removed at the end of the test file. */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (underVitest) folders.push(dir);
  return dir;
}

/**
 * Something to close before the folders go (a desk, a server): a database left open when a test failed midway
 * would keep its files locked on Windows and its timers running. Closing twice must be harmless.
 */
export function closeAtEnd(close: Closer): void {
  if (underVitest) closers.push(close);
}

/**
 * `close` made harmless to call twice (the test's own call and the file's end share one run), and closed at the end
 * of the test file if the test did not (a test that failed before closing).
 */
export function closeOnceAtEnd(close: Closer): () => Promise<void> {
  let run: Promise<void> | null = null;
  const once = () => (run ??= Promise.resolve().then(close));
  closeAtEnd(once);
  return once;
}

/**
 * Closes what is still open (newest first), then removes every folder. A closer that fails is passed over: the test
 * may have closed a part itself (a storage it handed in) and the folder goes anyway. A folder that cannot be
 * removed fails the file: that is the leak this module exists to stop.
 */
export async function removeTempFolders(): Promise<void> {
  for (const close of closers.splice(0).reverse()) {
    try {
      await close();
    } catch {
      // Already closed by the test, or half-open after a failure: nothing more to do with it.
    }
  }
  const problems: unknown[] = [];
  for (const dir of folders.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch (e) {
      problems.push(e);
    }
  }
  if (problems.length > 0) throw new AggregateError(problems, 'removing the test temporary folders failed');
}
