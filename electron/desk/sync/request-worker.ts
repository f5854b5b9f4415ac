/**
 * A worker thread that answers requests posted to it (sync/worker-fetch.ts, sync/page-decoder.ts), started without
 * the process's own flags (a TypeScript loader, an inline script) and unreferenced: the caller refs it only while a
 * request is in flight, so an idle desk process can still end. The worker posts `READY` once it has loaded: a worker
 * that ends before that could not start where the app is installed, one that ends after it merely died (its requests
 * are lost, a new one may be started). `gone` is told once, when it fails or ends.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** The message a request worker posts once it has loaded and listens. */
export const READY = 'ready';

export function startRequestWorker<Answer>(
  url: URL,
  workerData: unknown,
  on: { answer(answer: Answer): void; gone(started: boolean, error?: Error): void; ready?(): void },
  resourceLimits?: ResourceLimits,
): Worker {
  const worker = new Worker(url, { execArgv: [], workerData, resourceLimits });
  let started = false;
  worker.on('message', (message: Answer | typeof READY) => {
    if (message === READY) {
      started = true;
      on.ready?.();
    } else on.answer(message);
  });
  let ended = false;
  const gone = (error?: Error) => {
    if (ended) return;
    ended = true;
    on.gone(started, error);
  };
  worker.on('error', gone);
  worker.on('exit', () => gone());
  worker.unref();
  return worker;
}
