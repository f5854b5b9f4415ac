/**
 * The bench's upstream server in a process of its own, as it runs in a district: its page building, compression
 * and GC use another core, not the desk's thread. The sync tests' server (tests/sync/support/harness.ts) on the
 * database file already loaded; started by server-process.ts. Counts the bytes it sends (socket-bytes.ts).
 */
import { startSyncServer } from '../../tests/sync/support/harness';
import { announceChild } from './server-process';
import { answerByteCount, countSocketBytes } from './socket-bytes';

const file = process.argv[2];
if (!file) throw new Error('usage: server-child.ts DB_FILE');
const server = await startSyncServer({ file });
answerByteCount(countSocketBytes(server.app.server));
announceChild(server.port, () => server.stop());
