// A worker thread of the import (parse-pool.ts): prepares chunks of lines with prepare-line.ts. Plain JavaScript
// that registers the TypeScript loader itself, as bin/motcua.mjs does, because a worker starts from a file path.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { importContextOf, prepareLine } = await import('./prepare-line.ts');
const ctx = importContextOf(workerData.context);
parentPort.on('message', ({ id, lines }) => {
  try {
    parentPort.postMessage({ id, prepared: lines.map(([line, text]) => prepareLine(text, line, ctx)) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
