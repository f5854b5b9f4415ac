// The desk's HTTP requests to the district server, made in a worker thread (see sync/worker-fetch.ts): a pull
// page's bytes then arrive and are decompressed while the desk's main thread writes the previous page, instead of
// waiting for the turns of its event loop between write chunks. Plain JavaScript: a worker is started from a file
// path, which must run without the TypeScript loader.
import { parentPort } from 'node:worker_threads';

/** Requests in flight by id, so the main thread can abort one (its time limit, the client stopping). */
const inFlight = new Map();

async function run({ id, url, method, headers, body }) {
  const controller = new AbortController();
  inFlight.set(id, controller);
  try {
    const response = await fetch(url, { method, headers, body, signal: controller.signal });
    const bytes = await response.arrayBuffer();
    parentPort.postMessage(
      {
        id,
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
        body: bytes,
      },
      [bytes],
    );
  } catch (e) {
    // Only the kind of failure crosses over; the desk turns any of them into "no answer".
    parentPort.postMessage({ id, error: e instanceof Error ? e.name : 'Error' });
  } finally {
    inFlight.delete(id);
  }
}

parentPort.on('message', (message) => {
  if (message.abort !== undefined) inFlight.get(message.abort)?.abort();
  else void run(message);
});
// Loaded and listening (sync/request-worker.ts): a worker that ends before this could not start here.
parentPort.postMessage('ready');
