/**
 * The bench's upstream server in a process of its own, as it runs in a district: its page building, compression
 * and GC use another core, not the desk's thread. Started by server-process.ts with the database file already
 * loaded.
 */
import type { AddressInfo } from 'node:net';
import { openStorage } from '../../server/storage/open';
import { createBenchServer } from './bench-server';
import { announceChild } from './server-process';

const file = process.argv[2];
if (!file) throw new Error('usage: server-child.ts DB_FILE');
const storage = await openStorage({ kind: 'sqlite', file });
const app = await createBenchServer(storage);
await app.listen({ port: 0, host: '127.0.0.1' });
announceChild((app.server.address() as AddressInfo).port, async () => {
  await app.close();
  await storage.close();
});
