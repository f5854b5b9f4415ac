/**
 * The desk's sync client. Attached to an open desk, it keeps the desk and the district server in step without
 * ever making the clerk wait: it runs beside the clerk's work (network waits are async; every local write is one
 * short transaction), starts a round soon after each local change, polls while idle, backs off with jitter when
 * the server cannot be reached or refuses, and stops for good only when the server has revoked this device.
 *
 * One round: push the outbox → pull the unit's feed → newer catalog and calendar → attachment uploads. Between
 * rounds an online desk watches the link with a tiny request (link-watch.ts), so the indicator stops saying
 * "online" within seconds of the server going away.
 * The clerk sees the state (online / offline / syncing with progress / error), what waits to be sent, what was
 * quarantined, the dossiers in conflict, the last success, the clock skew, and the last error in plain words,
 * through the desk API's `sync.status` and the `sync.status` desk event.
 */
import { storageFailureAtWork } from '../db/storage-failure';
import { AppFailure, appFailure, type LocalizedText } from '../../../shared/result';
import { toVnIso } from '../../../shared/calendar/vn-time';
import type { SyncStatusView } from '../../../shared/api/desk-views';
import type { DeskEventPayloads } from '../../../shared/api/bridge';
import type { Desk } from '../desk';
import type { DeskIdentity } from '../identity/device-identity';
import { Backoff } from './backoff';
import { clockCheckWarning, clockSkewMs, readingBelieved, skewPastLimit, type ClockReading } from './clock-skew';
import { deskClockCheck } from './clock-evidence';
import { uptime } from 'node:os';
import type { ClockCheckView } from '../../../shared/api/desk-views';
import { uploadBlobs, type DamagedScans } from './blob-upload';
import { downloadBlob, scanDownloadFailure } from './blob-download';
import { scanDownloadFailures } from '../attachments/scan-download-messages';
import type { ScanDownloadSink } from '../attachments/partial-scan';
import { updateDocuments } from './documents';
import { enrolDesk, type EnrolInput } from './enrol';
import { resetForNewEpoch } from './epoch';
import { pullFeed, PullProgress, type PullOptions } from './pull-feed';
import { PULLED_FOLDS_CAPACITY } from '../projections/pulled-folds';
import { BULK_REFOLD_MIN, RefoldQueue } from '../projections/refold-queue';
import { pushOutbox } from './push-outbox';
import { inUseElsewhere as inUseElsewhereMark, inUseElsewhereText } from '../identity/identity-in-use-elsewhere';
import { checkServerAddress } from './server-address';
import { LinkWatch, probeLink } from './link-watch';
import { holdRegistry } from './units';
import { EpochChanged, type ServerReading, type SyncContext } from './sync-context';
import { syncMessages } from './sync-messages';
import { SyncMeta } from './sync-meta';
import {
  SyncHttpError,
  SyncNetworkError,
  SyncTransport,
  type DeviceCredentials,
  type FetchLike,
} from './transport';
import { workerFetch } from './worker-fetch';
import { sharedPageDecoder, type PageDecoder } from './page-decoder';
import { WorkerFolds } from './worker-folds';

/**
 * `offline`: no answer from the server (no link, a proxy's error page). `waiting`: the server answered but asked the
 * desk to come back later (429 over its budget, or 503, which our server answers for any failure of its own): the
 * link is fine, so "no connection" would send the clerk to check cables for nothing. Work goes on in both, and the
 * desk sends again by itself. Another 5xx in our shape is no "busy": said as an `error`, with the server's words.
 */
export type SyncState = 'online' | 'offline' | 'syncing' | 'waiting' | 'error';

export interface SyncClientOptions {
  /**
   * The HTTP client; tests and the link emulator put themselves here. Default: Node's fetch in a worker thread, and
   * on the main thread for scan downloads (see `downloadFetch`).
   */
  fetch?: FetchLike;
  /** Reads and checks pull pages. Default: in a worker thread, shared by the process's clients. */
  pageDecoder?: PageDecoder;
  /** For the back-off jitter; tests pass a seeded one. */
  random?: () => number;
  /** Longest wait for one request (a 64 KB batch takes about 2 s at 256 kbit/s). */
  requestTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /**
   * While the server cannot be reached, it is tried at least this often, so a returning link is noticed: the
   * back-off's ceiling for the link probe (its jitter still applies under it).
   */
  linkProbeMaxMs?: number;
  /** Longest wait for the link probe's tiny answer: a dead 2G line is told apart from a slow one this soon. */
  linkProbeTimeoutMs?: number;
  /** Work to send after this long without an answer from the server: the link is probed before the batch goes. */
  linkCheckAfterMs?: number;
  /** Online and idle, the server is asked its time when it has not answered for this long (link-watch.ts). */
  linkWatchMs?: number;
  /** Pull for other desks' changes this often while idle. */
  pollIntervalMs?: number;
  /** Wait this long after a local change, so a burst of changes goes up as one batch. */
  localChangeDelayMs?: number;
  /** Largest compressed push batch, bytes. */
  maxBatchBytes?: number;
  /** First pull page size, events (it adapts to the link). */
  pullPageSize?: number;
  /** How each pull page is split into short transactions (defaults in apply-page; tests strike between chunks). */
  pageWriter?: PullOptions['pageWriter'];
  /** A pulled backlog of at least this many dossiers is refolded with the list indexes suspended (refold-queue). */
  bulkRefoldMin?: number;
  /** Dossiers a new desk's pull folds in memory before it refolds the oldest early (projections/pulled-folds). */
  foldCapacity?: number;
  blobChunkBytes?: number;
  /** Diagnostic lines: ids, counts and codes only, never personal data or the secret. */
  log?: (line: string) => void;
  /**
   * Milliseconds the PC has been up, which a change of its clock does not move and a sleep does (followClockSetting).
   * Default: the OS's uptime. A test whose desk clock is not real time gives one that moves with it.
   */
  uptimeMs?: () => number;
}

/** A change of the PC's clock under this is not told apart from the OS's own small adjustments (followClockSetting). */
const CLOCK_SET_NOTICED_MS = 60_000;

const DEFAULTS = {
  requestTimeoutMs: 60_000,
  backoffBaseMs: 2_000,
  backoffMaxMs: 5 * 60_000,
  // A lost link shows as "offline" one watch after the last answer (at once when the connection is refused, the
  // probe's limit later on a silent line), a returning one at the next probe: both within about 10–15 s. While
  // online that costs one time request every 10 s when nothing else went; while the server is down, a probe every
  // 6–12 s once the back-off reaches the ceiling.
  linkProbeMaxMs: 12_000,
  linkProbeTimeoutMs: 15_000,
  linkCheckAfterMs: 30_000,
  linkWatchMs: 10_000,
  pollIntervalMs: 60_000,
  localChangeDelayMs: 300,
  maxBatchBytes: 64 * 1024,
  pullPageSize: 500,
  bulkRefoldMin: BULK_REFOLD_MIN,
  foldCapacity: PULLED_FOLDS_CAPACITY,
  blobChunkBytes: 256 * 1024,
};

/** The product's timings, for tests that must run with them rather than with shortened ones. */
export const syncClientDefaults: Readonly<typeof DEFAULTS> = DEFAULTS;

export interface SyncRoundReport {
  pushed: number;
  quarantined: number;
  pulled: number;
  blobsUploaded: number;
  waiting: boolean;
}

export class SyncClient {
  private readonly settings: typeof DEFAULTS;
  private readonly fetch: FetchLike;
  /**
   * Scan downloads read their body as it arrives, to keep what came before a line broke off (blob-download.ts). The
   * worker hands a body over only whole and loses it at a cut, and its gain (reading while the main thread writes
   * pull pages) matters little for one file at a 2G line's pace: by default they use fetch on the main thread.
   */
  private readonly downloadFetch: FetchLike;
  private readonly pages: PageDecoder;
  /** Whether pulls ask for stored pages with their envelope in a header (SyncContext.envelopeHeader). */
  private readonly envelopeHeader = { ask: true, refused: 0 };
  /** Enrolments under way (`enrol`; a second one is refused by the desk, but only once it has asked): rounds wait. */
  private enrolling = 0;
  private readonly log: (line: string) => void;
  private readonly pageWriter: PullOptions['pageWriter'];
  private readonly backoff: Backoff;
  readonly meta: SyncMeta;

  private state: SyncState = 'offline';
  private problem: LocalizedText | null = null;
  private notice: LocalizedText | null = null;
  private skewMs: number | null = null;
  /** This run's latest measurement (kept in sync_meta too: a restart while offline still knows the clock's state). */
  private liveReading: ClockReading | null = null;
  /**
   * The desk's clock and the PC's uptime, ms, when this run's measurement was taken, or when the client started before
   * any (followClockSetting): a change of the clock is what the one moved by beyond the other.
   */
  private clockAnchor: { deskMs: number; uptimeMs: number };
  private readonly uptimeMs: () => number;
  /** The verdict on the clock as last worked out; progress updates (not fresh) reuse it. */
  private clockCheck: ClockCheckView | null = null;
  private progressValue: { done: number; total: number } | undefined;
  /**
   * The count of a pull the link cut off, kept until the feed has been read to its end: when the link returns, the
   * bar goes on from where it stopped ("120.000/263.860") instead of starting again from 0 of what is left.
   */
  private pullProgress: PullProgress | null = null;
  /** Desk-clock milliseconds of the last attempt; shown in the server's time once the skew is known. */
  private lastAttemptDeskMs: number | null = null;
  private lastServerTime: string | null = null;
  private linkDown = false;
  /** performance.now() of the last round or probe the server answered. */
  private lastAnswerAt = -Infinity;
  /** Link probes in a row that got no answer (see round). */
  private probesUnanswered = 0;
  private readonly linkWatch: LinkWatch;
  /** Rounds begun so far: a link watch that fails after a round began leaves the verdict to the round. */
  private roundsBegun = 0;
  private waitingCount = 0;

  private started = false;
  private stopped = false;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private timerDue = Infinity;
  private unsubscribe: (() => void) | null = null;
  private abort = new AbortController();
  private lastReport: SyncRoundReport | null = null;

  constructor(
    readonly desk: Desk,
    options: SyncClientOptions = {},
  ) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'number'));
    this.settings = { ...DEFAULTS, ...defined };
    this.fetch = options.fetch ?? workerFetch((line) => this.log(line));
    this.downloadFetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.pages = options.pageDecoder ?? sharedPageDecoder((line) => this.log(line));
    this.log = options.log ?? ((line) => console.warn(line));
    this.uptimeMs = options.uptimeMs ?? (() => uptime() * 1000);
    this.clockAnchor = { deskMs: desk.clock.now().getTime(), uptimeMs: this.uptimeMs() };
    this.pageWriter = options.pageWriter;
    this.backoff = new Backoff({
      baseMs: this.settings.backoffBaseMs,
      maxMs: this.settings.backoffMaxMs,
      random: options.random ?? Math.random,
    });
    this.meta = new SyncMeta(() => desk.db);
    this.linkWatch = new LinkWatch(this.settings.linkWatchMs, () => void this.watchLink());
  }

  // ── life cycle ──────────────────────────────────────────────────────────────────────────────────────

  /** Runs on its own from now on: soon after each local change, on a poll while idle, on back-off after errors. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.unsubscribe = this.desk.notifications.onOutboxChanged(() => this.localChange());
    this.schedule(0);
  }

  /** Stops timers and aborts what is in flight; the desk's data stays consistent (each step is one transaction). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.linkWatch.stop();
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  /** The shell tells the client the operating system sees a network again: try at once. */
  linkRestored(): void {
    if (this.started) this.schedule(0);
  }

  /** One round now (or right after the one running), resolved with the status after it. */
  async syncNow(): Promise<SyncStatusView> {
    if (this.stopped) return this.status();
    this.kick();
    while (this.running) await this.running;
    return this.status();
  }

  /** Enrols this desk with a server and starts syncing with it. */
  async enrol(input: EnrolInput): Promise<DeskIdentity> {
    // The credentials are stored before the catalog and calendar are read: no round may start its first pull
    // meanwhile, with the seed's catalog (its folds would be given up when the district's came in the middle).
    this.enrolling += 1;
    let identity: DeskIdentity;
    try {
      identity = await enrolDesk(this.desk, this.meta, this.fetch, this.settings.requestTimeoutMs, input);
    } finally {
      this.enrolling -= 1;
    }
    // A new desk's first pull comes next, the district's whole feed: its page worker loads meanwhile.
    this.pages.warm();
    this.log(
      `sync: enrolled as device ${identity.deviceId} (${identity.unitCode}, desk ${identity.deskNumber})`,
    );
    this.problem = null;
    this.backoff.reset();
    this.lastAnswerAt = performance.now();
    this.emitStatus();
    if (this.started) this.schedule(0);
    return identity;
  }

  /**
   * Moves this desk to its server's new address, once the server there has accepted the desk's credentials
   * (server-address.ts); the registry it answered is kept with it, and a round starts at once with what waited.
   */
  async changeServer(input: { serverUrl: string }): Promise<{ previousUrl: string | null; status: SyncStatusView }> {
    const credentials = this.credentials();
    if (!credentials) {
      throw appFailure(
        'not_enrolled',
        'Quầy này chưa kết nối với máy chủ của huyện: hãy kết nối (đăng ký) trước.',
        'This desk is not connected to the district server yet: enrol it first.',
      );
    }
    const { serverUrl, units } = await checkServerAddress(input.serverUrl, credentials, this.fetch, this.settings.requestTimeoutMs);
    const previousUrl = this.meta.serverUrl;
    holdRegistry(this.desk, this.meta, units, () => {
      this.meta.serverUrl = serverUrl;
      this.meta.revoked = null;
    });
    this.log(`sync: server address changed to ${serverUrl}`);
    this.problem = null;
    this.backoff.reset();
    this.lastAnswerAt = performance.now();
    this.emitStatus();
    if (this.started) this.schedule(0);
    return { previousUrl, status: this.status() };
  }

  /**
   * The desk's data was just replaced by a backup. When it is this desk's own and the desk syncs, the restore has
   * marked it to pull back its own events sent since then before it records anything new
   * (identity/restore-catch-up.ts); what this client remembered of the replaced data is dropped and a round starts
   * at once.
   */
  afterRestore(): void {
    this.slowCounts = null;
    this.missingScansOf = [];
    this.damagedScansOf = [];
    this.backoff.reset();
    this.emitStatus();
    if (this.started && this.meta.restoreCatchUp) this.schedule(0);
  }

  /**
   * The bytes of a scan this desk's events name, from the server (blob-download.ts), for a clerk who opened it, into
   * the scan's partial file: what an earlier attempt kept is not asked for again. Beside the rounds, not in them: the
   * clerk waits for it, and a round's pull or upload does not wait for it. After a lost link the server is probed
   * first with the probe's short limit, so a dead line is told in seconds, not after the download's limit. Rejects
   * with an AppFailure a clerk can read; the blob store checks the whole before it becomes the scan.
   */
  async downloadScan(sha256: string, into: ScanDownloadSink): Promise<void> {
    const credentials = this.credentials();
    if (!credentials) throw scanDownloadFailures.notConnected();
    if (this.meta.revoked) throw scanDownloadFailures.refused(this.meta.revoked);
    if (this.stopped) throw scanDownloadFailures.offline();
    if (this.linkDown) {
      try {
        await probeLink(this.transport(), Math.min(this.settings.linkProbeTimeoutMs, this.settings.requestTimeoutMs));
      } catch (e) {
        throw scanDownloadFailure(e);
      }
    }
    const started = performance.now();
    // The hash names no one; the file's name (often the citizen's) is never logged.
    const scan = `sync: scan ${sha256.slice(0, 12)}`;
    try {
      const done = await downloadBlob(this.transport(this.downloadFetch), credentials, { sha256, requestTimeoutMs: this.settings.requestTimeoutMs }, into);
      this.lastAnswerAt = performance.now();
      const resumed = done.from > 0 ? `, resumed at byte ${done.from}` : '';
      this.log(`${scan} downloaded (${into.size} bytes, ${done.fetched} this time${resumed}, ${Math.round(performance.now() - started)} ms)`);
    } catch (e) {
      const code = e instanceof AppFailure ? e.error.code : 'error';
      if (into.received > 0) this.log(`${scan} not downloaded (${code}): ${into.received} of ${into.size} bytes kept for the next attempt`);
      throw e;
    }
  }

  get lastRound(): SyncRoundReport | null {
    return this.lastReport;
  }

  // ── status ──────────────────────────────────────────────────────────────────────────────────────────

  private credentials(): DeviceCredentials | null {
    const identity = this.desk.identity();
    const secret = this.meta.secret;
    if (!identity || identity.source !== 'enrolled' || !secret || !this.meta.serverUrl) return null;
    return { deviceId: identity.deviceId, secret };
  }

  /** Dossiers whose scans the last round could not send because their files are gone from this PC. */
  private missingScansOf: string[] = [];
  private damagedScansOf: string[] = [];
  private readonly damagedScans: DamagedScans = new Map();
  /** A push batch size lower than the settings', once one was refused as too large (push-outbox.ts). */
  private pushBatchBytes: number | null = null;

  /** Quarantined and conflict counts scan whole tables: progress updates reuse the last ones. */
  private slowCounts: { quarantined: number; conflicts: number } | null = null;

  private counts(fresh = true): { pending: number; quarantined: number; conflicts: number } {
    const identity = this.desk.identity();
    const db = this.desk.db;
    const resendFrom = this.meta.resendFrom ?? Number.MAX_SAFE_INTEGER;
    // Pending events, plus those to send again from `resendFrom` on. Two counts, each on its own index (the outbox
    // index holds only pending events): one OR across them read every event this desk ever wrote, about 0.7 s on
    // the main thread at 2 million events, on every status and progress update.
    const pending = identity
      ? this.desk.events.pendingCount(identity.deviceId) +
        db
          .prepare<[string, number], { n: number }>(
            "SELECT count(*) AS n FROM events WHERE device_id = ? AND device_seq >= ? AND sync_state != 'pending'",
          )
          .get(identity.deviceId, resendFrom)!.n
      : 0;
    if (fresh || !this.slowCounts) {
      this.slowCounts = {
        quarantined: this.desk.events.refusedDossierCount(),
        conflicts: db
          .prepare<[], { n: number }>('SELECT count(*) AS n FROM dossiers WHERE in_conflict = 1')
          .get()!.n,
      };
    }
    return { pending, ...this.slowCounts };
  }

  status(fresh = true): SyncStatusView {
    const enrolled = this.credentials() !== null;
    const { pending, quarantined, conflicts } = this.counts(fresh);
    const revoked = this.meta.revoked;
    const state: SyncState = revoked ? 'error' : enrolled ? this.state : 'offline';
    const inUseElsewhere = inUseElsewhereMark(this.desk.db) !== null;
    if (fresh) {
      this.followClockSetting();
      this.clockCheck = this.judgeClock();
    }
    const clockCheck = this.clockCheck;
    const skewWarning = clockCheckWarning(clockCheck);
    const shownSkewMs = this.skewMs ?? this.keptSkewMs();
    const errors: LocalizedText[] = [];
    if (!enrolled) errors.push(syncMessages.notEnrolled);
    if (revoked) errors.push(revoked);
    else if (inUseElsewhere) errors.push(inUseElsewhereText);
    else if (this.meta.restoreCatchUp) errors.push(this.meta.catchUpCause === 'journal_lost' ? syncMessages.lostLogCatchUp : syncMessages.restoreCatchUp);
    if (!revoked && this.problem) {
      errors.push(this.problem === syncMessages.unreachable && this.meta.restoreCatchUp ? syncMessages.unreachableCatchingUp : this.problem);
    }
    if (skewWarning) errors.push(skewWarning);
    if (this.waitingCount > 0) errors.push(syncMessages.waitingForServer(this.waitingCount));
    // "Other changes still sync" is not so on a PC told another works as its desk: it sends nothing more (QA).
    if (quarantined > 0 && !inUseElsewhere) errors.push(syncMessages.quarantined(quarantined));
    if (this.missingScansOf.length > 0) errors.push(syncMessages.scansMissing(this.missingScansOf));
    if (this.damagedScansOf.length > 0) errors.push(syncMessages.scansDamaged(this.damagedScansOf));
    if (conflicts > 0) errors.push(syncMessages.conflicts(conflicts));
    if (this.notice) errors.push(this.notice);
    const message = errors[0];
    return {
      online: enrolled && !revoked && (state === 'online' || state === 'syncing'),
      state,
      enrolled,
      ...(revoked ? { revoked: true } : {}),
      serverUrl: this.meta.serverUrl,
      pending,
      quarantined,
      conflicts,
      lastSyncAt: this.meta.lastSyncAt,
      lastAttemptAt: this.lastAttemptAt(),
      lastAttemptOnServerTime: this.skewMs !== null,
      // `|| 0`: a skew that rounds to zero from below is shown as 0 s, not -0 s.
      clockSkewSeconds: shownSkewMs === null ? null : Math.round(shownSkewMs / 1000) || 0,
      clockCheck,
      catchingUpAfterRestore: !revoked && this.meta.restoreCatchUp,
      ...(!revoked && this.meta.catchUpCause === 'journal_lost' ? { catchUpAfterLostLog: true as const } : {}),
      ...(inUseElsewhere ? { identityInUseElsewhere: true } : {}),
      errors,
      ...(message ? { message } : {}),
      ...(state === 'syncing' && this.progressValue ? { progress: this.progressValue } : {}),
    };
  }

  private emitStatus(fresh = true): void {
    const view = this.status(fresh);
    const data: DeskEventPayloads['sync.status'] = {
      state: view.state ?? 'offline',
      enrolled: view.enrolled === true,
      pending: view.pending,
      lastSyncAt: view.lastSyncAt,
      ...(view.progress ? { progress: view.progress } : {}),
      ...(view.message ? { message: view.message } : {}),
      clockCheck: view.clockCheck ?? null,
      catchingUpAfterRestore: view.catchingUpAfterRestore,
      ...(view.catchUpAfterLostLog ? { catchUpAfterLostLog: true as const } : {}),
      ...(view.identityInUseElsewhere ? { identityInUseElsewhere: true } : {}),
    };
    this.desk.notifications.emit({ type: 'sync.status', data });
  }

  /**
   * The PC's clock set while the desk runs (the clerk heeding the warning offline, or Windows setting it): the
   * measurement moves with it, so a clock set right is no longer called wrong, nor one set wrong called right, until
   * the server answers again. Time passing is read from the OS's uptime, which a change of the clock does not move and
   * which counts a sleep (a process's monotonic timer stops in a sleep, and waking up would read as the clock set
   * forward). Only within this run: whether the clock was set between two runs the desk cannot tell (the PC may have
   * restarted too), so a measurement kept from before is said as such (clock-skew.ts).
   */
  private followClockSetting(): void {
    const anchor = this.clockAnchor;
    const setByMs = this.desk.clock.now().getTime() - anchor.deskMs - (this.uptimeMs() - anchor.uptimeMs);
    if (Math.abs(setByMs) < CLOCK_SET_NOTICED_MS) return;
    // Everything stamped by the desk's clock since is in the clock's new reckoning: a later look finds it set by nothing more.
    this.clockAnchor = { deskMs: anchor.deskMs + setByMs, uptimeMs: anchor.uptimeMs };
    if (this.lastAttemptDeskMs !== null) this.lastAttemptDeskMs += setByMs;
    // This run's measurement or, before any answer, the one kept from before (QA: a clock set a day ahead after a
    // restart offline was not told).
    const reading = this.liveReading ?? this.meta.clockReading;
    if (!reading) return;
    const moved = { serverTime: reading.serverTime, skewMs: reading.skewMs + setByMs };
    if (this.liveReading) {
      this.liveReading = moved;
      this.skewMs = moved.skewMs;
      this.keepReading(false);
    } else {
      this.meta.clockReading = moved;
    }
    this.log(`sync: the PC clock was set by ${Math.round(setByMs / 1000)} s while the desk ran; it now differs from the server by ${Math.round(moved.skewMs / 1000)} s`);
  }

  /** Whether this PC's clock is wrong: measured in this run, kept from the last answer, or shown by what it has seen. */
  private judgeClock(): ClockCheckView | null {
    const deviceId = this.desk.identity()?.deviceId ?? null;
    return deskClockCheck(this.desk.db, this.meta, deviceId, this.desk.clock.now().getTime(), this.liveReading);
  }

  /** Before this run's first answer: the skew kept from the last one, while it is believed (clock-skew.ts). */
  private keptSkewMs(): number | null {
    const kept = this.meta.clockReading;
    return kept && readingBelieved(this.desk.clock.now().getTime(), { ...kept, live: false }) ? kept.skewMs : null;
  }

  /**
   * Keeps the latest reading in the desk database: after each successful round (beside the last success), and at
   * once when the skew crosses the warning's limit or moves by a minute, so a round that fails later still leaves it.
   */
  private keepReading(force: boolean): void {
    const reading = this.liveReading;
    if (!reading) return;
    const kept = this.meta.clockReading;
    const warnedNow = skewPastLimit(reading.skewMs);
    const changed = !kept || Math.abs(kept.skewMs - reading.skewMs) > 60_000 || skewPastLimit(kept.skewMs) !== warnedNow;
    if (force || changed) this.meta.clockReading = reading;
  }

  private setState(state: SyncState): void {
    this.state = state;
    if (state !== 'syncing') this.progressValue = undefined;
    this.emitStatus();
  }

  // ── scheduling ──────────────────────────────────────────────────────────────────────────────────────

  private localChange(): void {
    if (this.meta.revoked || this.credentials() === null) return;
    this.schedule(this.settings.localChangeDelayMs);
  }

  /** Sets the timer for the next round, unless one is already due sooner. */
  private schedule(delayMs: number): void {
    if (!this.started || this.stopped) return;
    // On the monotonic clock: the PC's own moves (set forward a day) made every "soon" read as later than the idle
    // poll already set, and a local change waited for that poll instead of going up at once (QA).
    const due = performance.now() + delayMs;
    if (this.timer && this.timerDue <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerDue = Infinity;
      this.kick();
    }, delayMs);
    this.timer.unref();
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again && !this.stopped);
      } finally {
        this.running = null;
      }
    })();
  }

  // ── one round ───────────────────────────────────────────────────────────────────────────────────────

  /** The desk's way to its server for one round or one download: stopped with the client. */
  private transport(fetch: FetchLike = this.fetch): SyncTransport {
    return new SyncTransport({
      baseUrl: this.meta.serverUrl!,
      fetch,
      timeoutMs: this.settings.requestTimeoutMs,
      signal: this.abort.signal,
    });
  }

  private context(credentials: DeviceCredentials): SyncContext {
    const transport = this.transport();
    return {
      desk: this.desk,
      meta: this.meta,
      transport,
      credentials,
      readPage: (bytes, first, folds) => this.pages.decode(bytes, first, folds),
      foldInWorker: (capacity) => {
        const catalog = this.desk.catalog;
        const held = capacity ?? PULLED_FOLDS_CAPACITY;
        const handle = this.pages.beginFolds(catalog.list(), held);
        if (!handle) return null;
        const changes = catalog.changes;
        return new WorkerFolds(this.pages, handle, () => catalog.changes !== changes, held);
      },
      log: (line) => this.log(line),
      observe: (reading) => this.observe(reading),
      progress: (done, total) => {
        this.progressValue = { done, total: Math.max(done, total) };
        this.emitStatus(false);
      },
      stopping: () => this.stopped,
      envelopeHeader: this.envelopeHeader,
    };
  }

  private observe(reading: ServerReading): void {
    const current = this.meta.epoch;
    if (current !== null && reading.epoch !== current) throw new EpochChanged(reading.epoch);
    this.lastServerTime = reading.serverTime;
    const deskMs = this.desk.clock.now().getTime();
    const skew = clockSkewMs(deskMs, reading.serverTime, reading.elapsedMs);
    if (skew !== null) {
      const wasWarned = skewPastLimit(this.skewMs);
      this.skewMs = skew;
      this.liveReading = { serverTime: reading.serverTime, skewMs: skew };
      this.clockAnchor = { deskMs, uptimeMs: this.uptimeMs() };
      this.keepReading(false);
      if (!wasWarned && skewPastLimit(skew)) {
        this.log(`sync: desk clock differs from the server by ${Math.round(skew / 1000)} s`);
      }
    }
  }

  private async round(): Promise<void> {
    const credentials = this.credentials();
    if (!credentials) {
      this.setState('offline');
      return;
    }
    // The enrolment starts a round itself once it has read what it reads.
    if (this.enrolling > 0) return;
    if (this.meta.revoked) {
      this.setState('error');
      return;
    }
    this.lastAttemptDeskMs = this.desk.clock.now().getTime();
    this.roundsBegun += 1;
    // The address this round talks to: an answer from it means nothing once the desk has moved (changeServer).
    const roundServer = this.meta.serverUrl;
    try {
      const ctx = this.context(credentials);
      if (this.linkDown || this.silentTooLong(credentials.deviceId)) {
        // After a lost link, or before work goes up after a long silence, a tiny request with a short limit first:
        // a 64 KB batch is not sent into a dead 2G line, and the clerk learns of a dead line in seconds, not after
        // the batch's minute-long limit. The state stays as it was meanwhile: "syncing" while nothing gets through
        // would tell the clerk the link works; the count of what waits is told at once all the same.
        // Every third probe in a row without an answer waits four times as long (at most a request's limit): a
        // congested line that takes longer than the short limit for a handshake still works, and would otherwise
        // never be given the chance; a dead one is still told "offline" by the short probes before it.
        this.emitStatus();
        const { linkProbeTimeoutMs, requestTimeoutMs } = this.settings;
        const patient = this.probesUnanswered % 3 === 2;
        this.probesUnanswered += 1;
        await probeLink(ctx.transport, Math.min(patient ? 4 * linkProbeTimeoutMs : linkProbeTimeoutMs, requestTimeoutMs));
        this.probesUnanswered = 0;
        this.linkDown = false;
        this.lastAnswerAt = performance.now();
      }
      this.setState('syncing');
      let report: SyncRoundReport | undefined;
      for (let restarts = 0; report === undefined; restarts++) {
        try {
          report = await this.exchange(ctx);
        } catch (e) {
          const epoch = epochOf(e);
          if (epoch === null || restarts >= 2) throw e;
          this.log(`sync: server epoch changed; re-sending this device's events and re-reading the feed`);
          resetForNewEpoch(this.desk, this.meta, credentials.deviceId, epoch);
          // The feed is read again from its start: so is the count.
          this.pullProgress = null;
          this.notice = syncMessages.serverRestored;
        }
      }
      this.lastReport = report;
      this.lastAnswerAt = performance.now();
      // Restored from its own backup (identity/restore-catch-up.ts): caught up once the feed has been read to its
      // end with this device's own events (which clears includeOwn) and every dossier they touched is refolded, so
      // the codes they carry are on their rows before the desk issues the next one (dossier-commands allocateCode).
      if (this.meta.restoreCatchUp && !this.meta.includeOwn && new RefoldQueue(this.desk.db, this.desk.projector).pending === 0) {
        this.meta.restoreCatchUp = false;
      }
      this.meta.lastSyncAt = this.lastServerTime ?? this.desk.clock.iso();
      this.keepReading(true);
      this.problem = null;
      this.notice = null;
      this.backoff.reset();
      this.setState('online');
      this.schedule(report.waiting ? this.backoff.next() : this.settings.pollIntervalMs);
      if (this.started) this.linkWatch.restart();
    } catch (e) {
      if (this.meta.serverUrl !== roundServer) {
        // The administrator moved the desk to another address while this round was out: its refusal or its
        // silence was the old address's (a 401 from there would mark the desk revoked again). A round at the
        // new address follows.
        this.log('sync: a round at the previous server address ended; the next one uses the new address');
        if (!this.stopped) this.schedule(0);
        return;
      }
      this.failed(e);
    }
  }

  /**
   * The last attempt by the server's clock as far as the latest reading tells: it is shown beside the last success,
   * which carries the server's time, so a PC clock two days behind does not show an attempt two days before it.
   */
  private lastAttemptAt(): string | null {
    if (this.lastAttemptDeskMs === null) return null;
    return toVnIso(new Date(this.lastAttemptDeskMs - (this.skewMs ?? 0)));
  }

  /**
   * Online, between rounds: does the server still answer? When it does, the next beat is an interval away; when
   * it does not, the desk is offline at once and the link probes take over, on the back-off like any failure.
   */
  private async watchLink(): Promise<void> {
    // Offline or in error, the next round's own probe or request tells; a round running tells by itself.
    if (!this.started || this.stopped || this.running || this.state !== 'online' || this.meta.revoked) return;
    const credentials = this.credentials();
    if (!credentials) return;
    const roundsBefore = this.roundsBegun;
    try {
      // The probe's own limit, as the round's probes have it: a line that goes silent shows "offline" within about
      // 25 s, a stopped server or a dropped route (refused at once) within 10 s. A line slower than that reads as
      // offline until the round's patient probe (every third) gets an answer through.
      await probeLink(this.context(credentials).transport, this.settings.linkProbeTimeoutMs);
      this.lastAnswerAt = performance.now();
      if (this.state === 'online' && !this.stopped) this.linkWatch.restart();
    } catch (e) {
      if (this.stopped || this.running || this.roundsBegun !== roundsBefore) return;
      this.failed(e);
    }
  }

  /** Something waits to be sent and the server has not answered for a while: the link may have gone since. */
  private silentTooLong(deviceId: string): boolean {
    if (performance.now() - this.lastAnswerAt <= this.settings.linkCheckAfterMs) return false;
    return this.desk.events.pendingCount(deviceId) > 0 || this.meta.resendFrom !== null;
  }

  private async exchange(ctx: SyncContext): Promise<SyncRoundReport> {
    // The page worker starts while the push goes (from the sources it takes a few hundred ms to load).
    this.pages.warm();
    // Once a batch was refused as too large, later rounds start from the size that passed (until the desk restarts),
    // rather than paying a refused full batch each round on a slow link.
    const push = await pushOutbox(ctx, { maxBatchBytes: this.pushBatchBytes ?? this.settings.maxBatchBytes });
    if (push.batchBytes < this.settings.maxBatchBytes) this.pushBatchBytes = push.batchBytes;
    this.waitingCount = push.retryLater ? this.desk.events.pendingCount(ctx.credentials.deviceId) : 0;
    if (push.quarantined > 0) this.log(`sync: ${push.quarantined} events quarantined by the server`);
    if (push.foundInUseElsewhere)
      this.log('sync: the server holds other records under this device\'s sequence numbers: another PC works as this desk; nothing more is recorded or sent');
    this.pullProgress ??= new PullProgress();
    const pull = await pullFeed(ctx, {
      progress: this.pullProgress,
      initialLimit: this.settings.pullPageSize,
      pageWriter: this.pageWriter,
      bulkRefoldMin: this.settings.bulkRefoldMin,
      foldCapacity: this.settings.foldCapacity,
    });
    this.pullProgress = null;
    await updateDocuments(ctx, pull);
    const blobs = await uploadBlobs(ctx, this.settings.blobChunkBytes, this.damagedScans);
    this.missingScansOf = blobs.missingScansOf;
    this.damagedScansOf = blobs.damagedScansOf;
    return {
      pushed: push.accepted,
      quarantined: push.quarantined,
      pulled: pull.events,
      blobsUploaded: blobs.uploaded,
      waiting: push.retryLater,
    };
  }

  private failed(e: unknown): void {
    if (this.stopped) return;
    if (e instanceof SyncHttpError) {
      if (e.status === 401) {
        // Revoked, or unknown to this server: retrying cannot help; an administrator must act.
        this.meta.revoked = e.text;
        // Truly revoked, a desk catching up after a restore could never catch up: it records again, its work staying
        // on this PC. Unknown to this server (`unauthorized`: a wrong address, most likely), it stays held until
        // its own server's address is given back (server-address.ts) and it has caught up there.
        if (e.code === 'device_revoked') this.meta.restoreCatchUp = false;
        this.log(`sync: the server refused this device (${e.code}); sync stopped`);
        this.setState('error');
        return;
      }
      // A server of an earlier release refuses a newer desk's protocol whole: said as what it is, and whom to tell.
      this.problem = e.code === 'protocol_unsupported' ? syncMessages.serverTooOld : e.text;
      this.log(`sync: server answered ${e.status} ${e.code}`);
      const wait = this.backoff.next();
      this.setState(e.status === 429 || e.status === 503 ? 'waiting' : 'error');
      this.schedule(Math.max(wait, e.retryAfterMs ?? 0));
      return;
    }
    if (e instanceof SyncNetworkError) {
      this.linkDown = true;
      this.problem =
        e.kind === 'timeout'
          ? syncMessages.timeout
          : e.kind === 'bad_response'
            ? syncMessages.badResponse
            : syncMessages.unreachable;
      this.setState('offline');
      this.schedule(this.backoff.next(this.settings.linkProbeMaxMs));
      return;
    }
    if (e instanceof AppFailure) {
      this.problem = e.error.message;
      this.log(`sync: local failure ${e.error.code}`);
    } else {
      // A full disk or a read-only folder is said as such, with where and what to do (db/storage-failure.ts).
      const storage = storageFailureAtWork(e, this.desk.dataDir);
      this.problem = storage?.error.message ?? syncMessages.localFailure;
      // SQLite's own words name the table and the constraint, never a value: what the technician needs to know why.
      const cause = e instanceof Error && e.name === 'SqliteError' ? ` (${(e as Error & { code?: string }).code ?? ''}: ${e.message.slice(0, 200)})` : '';
      this.log(`sync: local failure ${storage?.error.code ?? (e instanceof Error ? e.name : 'unknown')}${cause}`);
    }
    this.setState('error');
    this.schedule(this.backoff.next());
  }
}

function epochOf(e: unknown): string | null {
  if (e instanceof EpochChanged) return e.epoch;
  if (e instanceof SyncHttpError && e.code === 'epoch_changed') {
    const details = e.details as { epoch?: unknown } | undefined;
    return typeof details?.epoch === 'string' ? details.epoch : null;
  }
  return null;
}
