// Checkpoints the desk's write-ahead log from a worker thread while the main thread writes a long burst (a new
// desk's first pull; see db/background-checkpoint.ts), on a connection of its own. Plain JavaScript: a worker is
// started from a file path, which must run without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, nativeBinding, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
// FULL, set here (a new connection to a WAL file starts at NORMAL in this build): each checkpoint syncs the log
// before copying it and the database file after, so the main thread's own syncs find little left to write.
db.pragma('synchronous = FULL');
const checkpoint = () => {
  try {
    // PASSIVE never waits for the writer: it copies what was committed when it began.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy (a backup reading the file): the next tick.
  }
};
const timer = setInterval(checkpoint, intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
