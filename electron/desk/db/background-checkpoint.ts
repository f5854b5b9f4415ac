/**
 * WAL checkpoints in a worker thread for the length of a long write burst: a new desk's first pull writes a few
 * hundred MB. Left to SQLite's auto-checkpoint (db/open-database.ts), each 80 MB of log was copied into the
 * database file and synced inside one of the pull's commits, holding the main thread — and a clerk's click — for
 * up to 515 ms, eight times in one pull; the pull's disk syncs every few seconds held it 100–300 ms more, flushing
 * what had piled up since the last. A worker checkpointing every few hundred ms on its own connection does that
 * copying and syncing off the main thread, a little at a time. It only ever helps: if it cannot start or falls
 * behind, the auto-checkpoint is still there.
 */
import { Worker } from 'node:worker_threads';

export interface BackgroundCheckpoint {
  /** Ends the worker and closes its connection; settles once it is gone. */
  stop(): Promise<void>;
}

/** How often the worker checkpoints: a few MB of log each time at a first pull's pace. */
export const BACKGROUND_CHECKPOINT_MS = 250;

export interface BackgroundCheckpointOptions {
  nativeBinding?: string;
  intervalMs?: number;
  /** Told when the worker cannot run (its error's name only): SQLite's own checkpoints then do it all. */
  log?: (line: string) => void;
}

export function checkpointInBackground(
  file: string,
  options: BackgroundCheckpointOptions = {},
): BackgroundCheckpoint {
  const { nativeBinding, intervalMs = BACKGROUND_CHECKPOINT_MS, log } = options;
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, nativeBinding, intervalMs },
    // None of the process's own flags (a TypeScript loader, an inline script) apply to a worker started from a file.
    execArgv: [],
  });
  // Never what keeps a process alive; a worker that fails to start or dies only means the auto-checkpoint does it all.
  worker.unref();
  worker.on('error', (e) =>
    log?.(`desk: the background checkpoint stopped (${e.name}); SQLite's own checkpoints go on`),
  );
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        worker.postMessage('stop');
        // A worker that does not end by itself soon (stuck on the disk) is ended.
        const timer = setTimeout(() => void worker.terminate(), 5_000);
        timer.unref();
        await ended;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
