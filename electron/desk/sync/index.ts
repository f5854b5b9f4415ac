/** The desk's sync client: `attachSyncClient(desk)` for the shell, or `new SyncClient(desk, options)`; see sync-client.ts. */
import type { Desk } from '../desk';
import { SyncClient, type SyncClientOptions } from './sync-client';

export {
  SyncClient,
  syncClientDefaults,
  type SyncClientOptions,
  type SyncState,
  type SyncRoundReport,
} from './sync-client';
export { parseServerUrl, type EnrolInput } from './enrol';
export type { FetchLike } from './transport';
export { syncLogFile } from './sync-log-file';

/**
 * Starts a sync client on an open desk, for the shell and `motcua desk`:
 * `const sync = attachSyncClient(desk); createDeskHandlers(desk, { sync })`, and `await sync.stop()` before
 * `desk.close()`. A desk that is not enrolled does nothing until `sync.enrol` is called.
 */
export function attachSyncClient(desk: Desk, options: SyncClientOptions = {}): SyncClient {
  const client = new SyncClient(desk, options);
  client.start();
  return client;
}
