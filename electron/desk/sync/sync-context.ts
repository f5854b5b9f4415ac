/** What every step of a sync cycle works with: the desk, the sync records, the wire, and who this device is. */
import type { Desk } from '../desk';
import type { WorkerFoldsHandle } from './page-decoder';
import type { PulledPage } from './pull-page';
import type { WorkerFolds } from './worker-folds';
import type { SyncMeta } from './sync-meta';
import type { DeviceCredentials, SyncTransport } from './transport';

export interface ServerReading {
  epoch: string;
  serverTime: string;
  elapsedMs: number;
}

export interface SyncContext {
  desk: Desk;
  meta: SyncMeta;
  transport: SyncTransport;
  credentials: DeviceCredentials;
  /**
   * Reads and checks a pull answer's body (sync/page-decoder.ts); rejects with PullPageRefused. With `folds`, the
   * page is also folded in the page worker for that pull (sync/page-folds.ts).
   */
  readPage(bytes: ArrayBuffer, first?: boolean, folds?: WorkerFoldsHandle): Promise<PulledPage>;
  /** A new desk's pull folded in the page worker (sync/worker-folds.ts); null where pages are read on this thread. */
  foldInWorker?(capacity?: number): WorkerFolds | null;
  /** Every answer that carries the server's epoch and time goes through here (epoch change, clock skew). */
  observe(reading: ServerReading): void;
  /** Progress for the status line: what is done of what is known so far. */
  progress(done: number, total: number): void;
  /** Diagnostic lines: ids, counts and codes only, never personal data. */
  log(line: string): void;
  /** The client is stopping: long local work (the refold) leaves the rest, marked, for the next start. */
  stopping(): boolean;
  /**
   * Whether pull requests ask for stored pages, their envelope in a header (shared/sync/compact-pull.ts), and how
   * many stored pages in a row were refused. The client stops asking when they do not come through (pull-feed.ts
   * noteRefusedPage): a proxy that drops headers it does not know would otherwise fail every such page for ever.
   */
  envelopeHeader: { ask: boolean; refused: number };
}

/** The server's epoch is not the one the desk's records belong to: the server was restored from a backup. */
export class EpochChanged extends Error {
  constructor(readonly epoch: string) {
    super('server epoch changed');
    this.name = 'EpochChanged';
  }
}
