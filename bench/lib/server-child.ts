/**
 * The bench's upstream server in a process of its own, as it runs in a district: its page building, compression
 * and GC use another core, not the desk's thread. The sync tests' server (tests/sync/support/harness.ts) on the
 * database file already loaded; started by server-process.ts.
 */
import { startSyncServer } from '../../tests/sync/support/harness';
import { announceChild } from './server-process';

const file = process.argv[2];
if (!file) throw new Error('usage: server-child.ts DB_FILE');
const server = await startSyncServer({ file });
announceChild(server.port, () => server.stop());
