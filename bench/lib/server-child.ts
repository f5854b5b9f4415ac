/**
 * The bench's upstream server in a process of its own, as it runs in a district: its page building, compression
 * and GC use another core, not the desk's thread. The sync tests' server (tests/sync/support/harness.ts) on the
 * database file already loaded; started by server-process.ts. Counts the bytes it sends (socket-bytes.ts).
 */
import { performance } from 'node:perf_hooks';
import { SEGMENT_EVENTS } from '../../server/sync/feed-segments';
import { DISTRICT, startSyncServer } from '../../tests/sync/support/harness';
import { announceChild } from './server-process';
import { answerByteCount, countSocketBytes } from './socket-bytes';

const file = process.argv[2];
if (!file) throw new Error('usage: server-child.ts DB_FILE');
const server = await startSyncServer({ file, feedSegmentEvents: SEGMENT_EVENTS });
answerByteCount(countSocketBytes(server.app.server));
// A server that has held the year's events for a while has compressed its settled pages (feed-segments.ts); one
// started on a freshly loaded file builds them now. The bench reports that time, and pulls once it is done.
const started = performance.now();
await server.app.feedSegmenter.nudge();
const segments = await server.storage.feedSegmentsEnd(DISTRICT).then(async (end) => {
  let count = 0;
  for (let from = 0; from < end; count++) from = (await server.storage.feedSegmentInfo(DISTRICT, from))!.toSeq;
  return count;
});
announceChild(server.port, () => server.stop(), { segments, segmentsMs: performance.now() - started });
