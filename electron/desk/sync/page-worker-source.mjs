// Starts the page worker (sync/page-worker.ts) from the TypeScript sources, as `npm start`, the tests and the
// benchmarks run the desk: a worker thread does not inherit the parent's TypeScript loader on Node 20, so it
// registers tsx itself. The packaged app starts the bundled page-worker.js instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
