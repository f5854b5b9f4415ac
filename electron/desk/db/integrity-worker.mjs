// Runs SQLite's integrity check on its own read-only connection in a worker thread, so a large desk database opens
// at once and is checked while the clerk starts working (see db/background-check.ts). Plain JavaScript: a worker
// is started from a file path, which must run without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, nativeBinding, mode } = workerData;
let db;
try {
  db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 5000');
  const rows = db.pragma(mode === 'full' ? 'integrity_check' : 'quick_check');
  const messages = rows.map((row) => String(Object.values(row)[0]));
  parentPort.postMessage({ problems: messages.length === 1 && messages[0] === 'ok' ? [] : messages });
} catch (e) {
  parentPort.postMessage({ problems: [e instanceof Error ? e.message : String(e)] });
} finally {
  db?.close();
}
