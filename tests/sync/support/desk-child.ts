/**
 * A desk in its own process, for the test that kills a desk in the middle of a pull: opens the data folder,
 * syncs until the feed is read, and prints one line per applied page ("events N") so the test knows when to
 * strike. Usage: node --import tsx tests/sync/support/desk-child.ts DATA_DIR
 */
import { openDesk } from '../../../electron/desk/desk';
import { SyncClient } from '../../../electron/desk/sync';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: desk-child.ts DATA_DIR');
  process.exit(2);
}
const desk = openDesk({ dataDir, autoBackup: false });
const client = new SyncClient(desk, { pullPageSize: 50, requestTimeoutMs: 10_000, log: () => undefined });
const applied = desk.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events');
desk.notifications.subscribe((event) => {
  if (event.type === 'sync.status' && event.data.progress) console.log(`events ${applied.get()!.n}`);
});
for (;;) {
  const status = await client.syncNow();
  if (status.state === 'online') break;
}
console.log('done');
desk.close();
