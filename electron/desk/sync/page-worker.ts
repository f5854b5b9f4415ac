/**
 * The page worker's entry (sync/page-decoder.ts): reads and checks each pull answer's body it is given, and sends
 * the page back packed, or why it was refused. Bundled to `page-worker.js` beside the app's main bundle
 * (build/bundle-shell.mjs); from the sources it is started through `page-worker-source.mjs`.
 */
import { parentPort } from 'node:worker_threads';
import { packPage, type PageAnswer, type PageRequest } from './packed-page';
import { PullPageRefused, readPullPage } from './pull-page';
import { READY } from './request-worker';

parentPort?.on('message', ({ id, bytes }: PageRequest) => {
  let answer: PageAnswer;
  try {
    answer = { id, page: packPage(readPullPage(bytes)) };
  } catch (e) {
    answer =
      e instanceof PullPageRefused
        ? { id, refused: { kind: e.kind, detail: e.detail } }
        : { id, failed: true };
  }
  parentPort?.postMessage(answer);
});
parentPort?.postMessage(READY);
