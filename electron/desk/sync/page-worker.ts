/**
 * The page worker's entry (sync/page-decoder.ts): reads and checks each pull answer's body it is given, and sends
 * the page back packed, or why it was refused. A new desk's pull also has its pages folded here, and asks for the
 * rows of its dossiers (sync/page-folds.ts). Bundled to `page-worker.js` beside the app's main bundle
 * (build/bundle-shell.mjs); from the sources it is started through `page-worker-source.mjs`.
 */
import { parentPort } from 'node:worker_threads';
import {
  packPage,
  unpackPage,
  type FoldsAnswer,
  type FoldsMessage,
  type HandedRows,
  type PageAnswer,
  type PageRequest,
} from './packed-page';
import { PageFolds } from './page-folds';
import { PullPageRefused, readPullPage } from './pull-page';
import { READY } from './request-worker';

/** The folds of the pulls going on, by the number the main thread gave each. */
const pulls = new Map<number, PageFolds>();

/** Reads a page, and folds it for its pull; returns the pull when the oldest folds' rows are to follow the answer. */
function readPage({ id, bytes, folds }: PageRequest): [PageAnswer, PageFolds?] {
  try {
    const page = readPullPage(bytes);
    // Only a page that passed its checks is folded: a refused one is written by no one.
    const pull = folds === undefined ? undefined : pulls.get(folds);
    if (!pull) return [{ id, page: packPage(page) }];
    pull.foldPage(id, page.events);
    // The page goes first; its rows are built while the main thread begins writing it.
    return pull.overCapacity ? [{ id, page: packPage(page), handing: true }, pull] : [{ id, page: packPage(page) }];
  } catch (e) {
    return [e instanceof PullPageRefused ? { id, refused: { kind: e.kind, detail: e.detail } } : { id, failed: true }];
  }
}

function onFolds(message: FoldsMessage): FoldsAnswer | null {
  switch (message.kind) {
    case 'folds-begin':
      pulls.set(message.folds, new PageFolds(message.procedures, message.capacity));
      return null;
    case 'folds-page':
      pulls.get(message.folds)?.foldPage(message.page, unpackPage(message.packed).events);
      return null;
    case 'folds-rows': {
      const folds = pulls.get(message.folds);
      try {
        return { id: message.id, rows: folds ? folds.rows(message.ids, message.written) : message.ids.map(() => null) };
      } catch {
        return { id: message.id };
      }
    }
    case 'folds-end':
      pulls.delete(message.folds);
      return null;
  }
}

/** The oldest folds' rows; none if building them failed (the main thread then asks for them, or reads them back). */
function handOver(pull: PageFolds, page: number): HandedRows['handed'] {
  try {
    return pull.handOverOldest(page);
  } catch {
    return [];
  }
}

parentPort?.on('message', (message: PageRequest | FoldsMessage) => {
  if ('kind' in message) {
    const answer = onFolds(message);
    if (answer) parentPort?.postMessage(answer);
  } else {
    const [answer, handing] = readPage(message);
    parentPort?.postMessage(answer);
    if (handing) parentPort?.postMessage({ id: message.id, handed: handOver(handing, message.id) } satisfies HandedRows);
  }
});
parentPort?.postMessage(READY);
