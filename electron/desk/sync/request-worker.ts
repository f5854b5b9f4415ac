/**
 * A worker thread that answers requests posted to it (sync/worker-fetch.ts, sync/page-decoder.ts), started without
 * the process's own flags (a TypeScript loader, an inline script) and unreferenced: the caller refs it only while a
 * request is in flight, so an idle desk process can still end. `gone` is told once, when it fails or ends.
 */
import { Worker } from 'node:worker_threads';

export function startRequestWorker<Answer>(
  url: URL,
  workerData: unknown,
  on: { answer(answer: Answer): void; gone(error?: Error): void },
): Worker {
  const worker = new Worker(url, { execArgv: [], workerData });
  worker.on('message', (answer: Answer) => on.answer(answer));
  let ended = false;
  const gone = (error?: Error) => {
    if (ended) return;
    ended = true;
    on.gone(error);
  };
  worker.on('error', gone);
  worker.on('exit', () => gone());
  worker.unref();
  return worker;
}
