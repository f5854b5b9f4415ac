/**
 * A real desk (electron/desk, SQLite in its own data folder) served by the real loopback host (electron/host) with
 * the built renderer: what a clerk's browser talks to. One per test, so tests never share data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDesk, createDeskHandlers, callDesk, type Desk } from '../../../electron/desk';
import { startLoopbackHost, type LoopbackHost } from '../../../electron/host';
import { SyncClient, type SyncClientOptions } from '../../../electron/desk/sync';

import type { DeskApiMethod } from '../../../shared/api/desk-api';
import type { Result } from '../../../shared/result';
import { rendererDir } from './paths';

export interface DeskHost {
  desk: Desk;
  /** The desk API, as the transports call it (validated input, a Result back). */
  call: (method: DeskApiMethod, input: unknown) => Promise<Result<unknown>>;
  /** A page opens `host.pageOrigin`, where the session cookie lives; `host.origin` is for the secret header only. */
  host: LoopbackHost;
  /** The desk's sync client, when the test asked for one (it starts unenrolled: the first-run screen enrols it). */
  sync: SyncClient | null;
  dataDir: string;
  /** The launch link: opening it sets the session cookie and lands on the app. */
  launchUrl: string;
  close(): Promise<void>;
}

export interface DeskHostOptions {
  dataDir?: string;
  now?: () => Date;
  port?: number;
  /** Attach a running sync client, as `motcua start` and the desktop app do; the options tune its timers. */
  sync?: SyncClientOptions;
}

/**
 * Timers for a test: a stopped server is noticed and a returning one found within about a second, instead of the
 * minutes a real desk waits so as not to hammer a district server over a 2G link.
 */
export const FAST_SYNC: SyncClientOptions = {
  requestTimeoutMs: 5_000,
  backoffBaseMs: 200,
  backoffMaxMs: 1_000,
  linkProbeMaxMs: 500,
  pollIntervalMs: 1_000,
  localChangeDelayMs: 50,
};

export async function startDeskHost(options: DeskHostOptions = {}): Promise<DeskHost> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
  const desk = openDesk({
    dataDir,
    autoBackup: false,
    // Cheap password hashing: the tests log in often; the app keeps its default cost.
    scryptParams: { N: 1024, r: 8, p: 1, keyLength: 32 },
    ...(options.now ? { now: options.now } : {}),
  });
  // A desk clock that is not real time: the PC's uptime moves with it, or the sync client would take real time passing
  // for its clock being set (sync-client.ts followClockSetting).
  const now = options.now;
  const uptime = now ? { uptimeMs: () => now().getTime() } : {};
  const sync = options.sync ? new SyncClient(desk, { log: () => undefined, ...uptime, ...options.sync }) : null;
  sync?.start();
  const handlers = createDeskHandlers(desk, sync ? { sync } : {});
  const host = await startLoopbackHost({
    dispatch: (method, input) => callDesk(handlers, method, input),
    events: desk.notifications,
    staticDir: rendererDir,
    ...(options.port ? { port: options.port } : {}),
  });
  return {
    desk,
    call: (method, input) => callDesk(handlers, method, input),
    host,
    sync,
    dataDir,
    launchUrl: host.url,
    async close() {
      try {
        await host.close();
        await sync?.stop();
        desk.close();
      } finally {
        // The desk's folder holds test personal data: removed even when closing failed.
        if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
