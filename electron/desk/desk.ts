/**
 * The desk backend, runnable without Electron: `openDesk({ dataDir })` gives the services the API handlers call,
 * and `close()`. Everything bound to the database connection lives in a DeskStore, so a restore can swap it.
 */
import { mkdirSync } from 'node:fs';
import { ensurePrivateFolder } from './data-folder';
import { checkDataFolderWritable } from './db/data-folder-check';
import { claimDataFolder, type DataFolderClaim } from './data-folder-claim';
import { catchUpCause, markRestoredCopy } from './identity/restore-catch-up';
import { keepCodeCounterPast } from './dossiers/code-counter-floor';
import { appFailure } from '../../shared/result';
import type { Db } from './db/open-database';
import { damagedStoreFailure, openStore, type OpenedStore } from './db/open-store';
import { isStoreDamage } from './db/storage-failure';
import { IdleCheckpoint } from './db/idle-checkpoint';
import { checkInBackground, type BackgroundCheck } from './db/background-check';
import { checkpointInBackground, type BackgroundCheckpoint } from './db/background-checkpoint';
import { makeClock, type Clock } from './clock';
import { EventLog } from './events/event-log';
import { verifyChains, type ChainReport } from './events/verify-chains';
import { Projector } from './projections/projector';
import { BULK_REFOLD_MIN, RefoldQueue } from './projections/refold-queue';
import { ProcedureCatalog } from './catalog/procedure-catalog';
import { CalendarStore } from './catalog/calendar-store';
import { AuditTrail } from './audit/audit-trail';
import { UserService, type DeskUser } from './users/user-service';
import { DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './users/password';
import { SettingsStore } from './settings/settings-store';
import { BackupService } from './backup/backup-service';
import { discardStaged, putStagedInPlace, stageBackup } from './backup/backup-files';
import { restoreScans, type ScanRestore } from './backup/restore-scans';
import { BackupSecret } from './backup/backup-crypto';
import { discardCutShortBackups } from './backup/cut-short-writes';
import { readIdentity, setEnrolledIdentity, setLocalIdentity, type DeskIdentity } from './identity/device-identity';
import { DossierCommands } from './dossiers/dossier-commands';
import { DossierQueries } from './dossiers/dossier-queries';
import { AttachmentService } from './attachments/attachment-service';
import { ScanInbox } from './attachments/scan-inbox';
import { DeskNotifications } from './notifications';
import { seedCatalogIfEmpty } from './catalog/seed';
import { deskPaths } from './paths';
import { integrityProblems } from './db/integrity';
import { carryOverAuditTrail } from './audit/carry-over';
import { ReportFactsUpkeep } from './reports/report-facts-upkeep';

export interface OpenDeskOptions {
  dataDir: string;
  /** The clock; tests and wrong-PC-clock scenarios inject one. */
  now?: () => Date;
  /** better-sqlite3 native build to load (the Electron app passes its own). */
  nativeBinding?: string;
  /** Take the daily backup automatically (default true). */
  autoBackup?: boolean;
  integrityCheck?: 'quick' | 'full';
  /** Files up to this size are checked before opening, larger ones right after in the background (db/open-store). */
  blockingCheckMaxBytes?: number;
  /** Password hashing cost; tests lower it, the app keeps the default. */
  scryptParams?: ScryptParams;
  /** Largest scan accepted, in bytes (default 25 MB). */
  maxAttachmentBytes?: number;
}

/** Everything bound to one open database connection. */
export class DeskStore {
  readonly events: EventLog;
  readonly catalog: ProcedureCatalog;
  readonly calendar: CalendarStore;
  readonly projector: Projector;
  readonly audit: AuditTrail;
  readonly users: UserService;
  readonly settings: SettingsStore;
  readonly dossiers: DossierCommands;
  readonly queries: DossierQueries;
  readonly attachments: AttachmentService;
  /** Refolds stale report facts while the desk is idle, so a report seldom has to. */
  readonly reportFacts: ReportFactsUpkeep;

  constructor(
    readonly db: Db,
    desk: Desk,
    options: OpenDeskOptions,
  ) {
    const clock = desk.clock;
    this.events = new EventLog(db);
    this.settings = new SettingsStore(db);
    this.catalog = new ProcedureCatalog(db, this.settings);
    this.calendar = new CalendarStore(db, clock, (source) => desk.notifications.emit({ type: 'calendar.changed', data: { source } }));
    seedCatalogIfEmpty(this.catalog, this.calendar);
    this.reportFacts = new ReportFactsUpkeep(db, { checkpointInBackground: () => desk.checkpointInBackground() });
    this.projector = new Projector(db, this.events, this.catalog, () => this.reportFacts.noteWrite());
    this.audit = new AuditTrail(db, clock);
    this.users = new UserService(db, clock, this.audit, options.scryptParams ?? DEFAULT_SCRYPT_PARAMS);
    this.dossiers = new DossierCommands(this, desk);
    this.queries = new DossierQueries(this, desk);
    this.attachments = new AttachmentService(this, desk, options.maxAttachmentBytes);
  }

  /** Stops the work this store does while the desk is idle (the report facts, the search index). */
  stopIdleWork(): void {
    this.reportFacts.stop();
    this.projector.searchIndex.stop();
  }

  /** Stops the idle work and closes the connection. */
  close(): void {
    this.stopIdleWork();
    this.db.close();
  }
}

export class Desk {
  readonly clock: Clock;
  readonly notifications = new DeskNotifications();
  readonly scanInbox: ScanInbox;
  private current: DeskStore | null;
  private sessionUser: DeskUser | null = null;
  private dailyTimer: NodeJS.Timeout | null = null;
  /** WAL checkpoints between the clerk's actions, never inside one. */
  private readonly idleCheckpoint = new IdleCheckpoint();
  readonly backups: BackupService;
  /** Problems the integrity check found; null while the store is sound (or still being checked). */
  private damage: string[] | null = null;
  /** Settles when the integrity check of this store is done: at once for small files, later for large ones. */
  integrity: Promise<string[]> = Promise.resolve([]);

  constructor(readonly options: OpenDeskOptions) {
    this.clock = makeClock(options.now);
    ensurePrivateFolder(options.dataDir);
    // Before anything is written there: a full drive or a read-only folder is said as such (db/data-folder-check.ts).
    checkDataFolderWritable(options.dataDir);
    // Before anything in the folder is touched: a second process must not clean up what the first is writing (review).
    this.claim = claimDataFolder(options.dataDir, options.nativeBinding);
    mkdirSync(deskPaths(options.dataDir).blobs, { recursive: true });
    // What a restore or a backup to a folder cut short (a power cut) left in the data folder: the backup's personal
    // data, of no use now (the restore or backup is done again from the start).
    discardStaged(`${deskPaths(options.dataDir).database}.restoring`);
    discardCutShortBackups(deskPaths(options.dataDir).backups);
    // Not released if the store does not open: what an unclosed run left stays named for the next start.
    this.current = this.openCurrent();
    this.backups = new BackupService(() => this.db, options.dataDir, this.clock, options.nativeBinding);
    this.scanInbox = new ScanInbox(this.notifications, this.clock);
    const inboxDir = this.store.settings.get().scanInboxDir;
    if (inboxDir) this.scanInbox.watch(inboxDir);
    if (options.autoBackup ?? true) this.startDailyBackups();
  }

  private runningCheck: BackgroundCheck | null = null;
  /** This process's hold on the data folder, and what the previous run left (data-folder-claim.ts). */
  private readonly claim: DataFolderClaim;
  /** The previous run's records are checked once, at the first opening; a restore's opening is not a new run. */
  private unclosedChecked = false;

  private openCurrent(): DeskStore {
    const opened: OpenedStore = openStore(this.options);
    this.damage = null;
    if (opened.deferredCheck) {
      const file = deskPaths(this.dataDir).database;
      const check = checkInBackground(file, opened.deferredCheck, this.options.nativeBinding);
      this.runningCheck = check;
      this.integrity = check.result.then((problems) => {
        if (this.runningCheck === check) this.runningCheck = null;
        if (problems.length > 0 && this.current) this.markDamaged(problems);
        return problems;
      });
    } else {
      this.integrity = Promise.resolve([]);
    }
    try {
      this.accountForLastRun(opened.db);
    } catch (e) {
      // Not left open behind a desk that reports it closed (a restore's reopening on a full disk).
      opened.db.close();
      throw e;
    }
    this.idleCheckpoint.attach(opened.db);
    const store = new DeskStore(opened.db, this, this.options);
    this.finishLeftoverRefold(store);
    return store;
  }

  /**
   * A previous run that did not close named the last sequence it recorded: a database holding less has lost its
   * write-ahead log (deleted after the crash, or left behind in a copy). A desk that syncs then fetches its own
   * records back before it records anything (restore-catch-up.ts), so no code or sequence number is given twice; one
   * already catching up (a restore) keeps its cause. What it had not sent is gone with the log.
   */
  private accountForLastRun(db: Db): void {
    try {
      const identity = readIdentity(db);
      const held = identity
        ? (db.prepare<[string], number | null>('SELECT max(device_seq) FROM events WHERE device_id = ?').pluck().get(identity.deviceId) ?? 0)
        : 0;
      const unclosed = this.unclosedChecked ? null : this.claim.unclosed;
      if (unclosed && held < unclosed.lastSeq && catchUpCause(db) === null && markRestoredCopy(db, 'journal_lost')) {
        // Into the file itself at once: the mark lives in the log until a checkpoint, and a log lost again (a second
        // crash before the desk synced, the log deleted again) would have taken the mark with it (QA).
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
      // At every opening, a restore's too: an older backup's counter is below codes citizens hold (review).
      if (this.claim.lastCode) keepCodeCounterPast(db, this.claim.lastCode);
      this.unclosedChecked = true;
      this.claim.holds(held);
    } catch (e) {
      // A large file's pages are checked in the background, which refuses work and offers a backup; the restored
      // store is then accounted for at its opening (a restore marks its own catch-up, and the counter rises there).
      if (!isStoreDamage(e)) throw e;
    }
  }

  /** A record of the clerk's was committed under this device sequence (a reception's with the code it gave). */
  recorded(deviceSeq: number, code?: string): void {
    this.claim.recorded(deviceSeq, code);
  }

  /**
   * Dossiers that a stopped pull left to refold (projections/refold-queue.ts) are refolded in the background
   * right after opening, not only at the next sync: their rows, and the report figures that follow the rows, must
   * not wait for a link that may not come back (a revoked desk, a field office offline for days). A desk killed
   * during its first pull resumes it the same way (bulk, indexes suspended). A sync that starts meanwhile shares
   * the work chunk by chunk (its page writer then marks again what this took away: refoldGeneration). A refold that
   * fails is left to the next sync, which reports it to the clerk; the desk has no log of its own to write it to.
   */
  private finishLeftoverRefold(store: DeskStore): void {
    const queue = new RefoldQueue(store.db, store.projector);
    if (queue.pending === 0) return;
    setImmediate(() => {
      void queue
        .drain({ shouldStop: () => this.current !== store, bulkMin: BULK_REFOLD_MIN })
        .catch(() => undefined)
        // The list on screen showed the rows as the stopped pull left them: it reads them again.
        .finally(() => {
          if (queue.rowsWritten > 0 && this.current === store) this.notifications.dossiersChanged();
        });
    });
  }

  private markDamaged(problems: string[]): void {
    this.damage = problems;
    const failure = damagedStoreFailure(this.dataDir, problems);
    this.notifications.emit({ type: 'store.damaged', data: { message: failure.error.message, latestBackup: (failure.error.details as { latestBackup: string | null }).latestBackup } });
  }

  /** Refuses work on a store the background check found damaged; only restoring a backup remains possible. */
  assertSound(): void {
    if (this.damage) throw damagedStoreFailure(this.dataDir, this.damage);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  get store(): DeskStore {
    if (!this.current) throw appFailure('desk_closed', 'Quầy đã đóng.', 'The desk is closed.');
    return this.current;
  }

  get db(): Db {
    return this.store.db;
  }

  private readonly checkpointers = new Set<BackgroundCheckpoint>();

  /**
   * Checkpoints the store's write-ahead log from a worker thread until stopped, for a long burst of writes (a first
   * pull; db/background-checkpoint.ts). A restore waits until its connection is closed before replacing the file;
   * `close` (synchronous) asks it to end, and its connection closes moments after the desk's.
   */
  checkpointInBackground(log?: (line: string) => void): BackgroundCheckpoint {
    void this.store; // a closed desk throws here
    // Its connection would hold the file (and its log) that a restore is about to replace.
    if (this.replacingFile) throw new Error('the database file is being replaced');
    const running = checkpointInBackground(deskPaths(this.dataDir).database, {
      nativeBinding: this.options.nativeBinding,
      log,
    });
    const handle: BackgroundCheckpoint = {
      stop: () => {
        this.checkpointers.delete(handle);
        return running.stop();
      },
    };
    this.checkpointers.add(handle);
    return handle;
  }

  private stopCheckpointers(): Promise<void[]> {
    return Promise.all([...this.checkpointers].map((c) => c.stop()));
  }

  // The services, always those of the current connection.
  get events() { return this.store.events; }
  get catalog() { return this.store.catalog; }
  get calendar() { return this.store.calendar; }
  get projector() { return this.store.projector; }
  get reportFacts() { return this.store.reportFacts; }
  get audit() { return this.store.audit; }
  get users() { return this.store.users; }
  get settings() { return this.store.settings; }
  get dossiers() { return this.store.dossiers; }
  get queries() { return this.store.queries; }
  get attachments() { return this.store.attachments; }

  // Read on every command, changed about once in a desk's life: cached, and dropped when it is set or restored.
  private identityCache: DeskIdentity | null | undefined;

  identity(): DeskIdentity | null {
    if (this.identityCache === undefined) this.identityCache = readIdentity(this.db);
    return this.identityCache;
  }

  /** The identity events need; a desk that is neither enrolled nor set up locally cannot record dossiers. */
  requireIdentity(): DeskIdentity {
    const identity = this.identity();
    if (!identity) {
      throw appFailure(
        'desk_not_set_up',
        'Quầy chưa được đăng ký (đơn vị, số quầy). Quản trị viên cần đăng ký quầy trước khi tiếp nhận hồ sơ.',
        'This desk is not set up yet (unit, desk number). An administrator must set it up before dossiers can be received.',
      );
    }
    return identity;
  }

  setLocalIdentity(input: { unitCode: string; deskNumber: number }): DeskIdentity {
    this.identityCache = undefined;
    return setLocalIdentity(this.db, input, this.clock.iso());
  }

  /** For the sync client: the identity the server gave at enrolment. */
  setEnrolledIdentity(identity: Omit<DeskIdentity, 'source'>): DeskIdentity {
    this.identityCache = undefined;
    return setEnrolledIdentity(this.db, identity, this.clock.iso());
  }

  // The session: one person at a time works at a desk PC.
  get user(): DeskUser | null {
    return this.loggedInUser;
  }

  /**
   * The person logged in. Not the first run's setup session (startSetupSession): it may connect the desk and nothing
   * else, or a first run left half-way (the connection failed, the window closed) would leave the desk acting as
   * its administrator for whoever calls next, with `auth.me` saying nobody is logged in (security review).
   */
  requireUser(): DeskUser {
    const user = this.loggedInUser;
    if (!user) {
      throw appFailure('unauthenticated', 'Bạn cần đăng nhập để thực hiện thao tác này.', 'Please log in first.');
    }
    return user;
  }

  /** The person logged in, or the first run's new administrator while it connects the desk (enrol, its identity). */
  requireUserOrSetup(): DeskUser {
    if (this.setupSession && this.sessionUser) return this.sessionUser;
    return this.requireUser();
  }

  async login(username: string, password: string): Promise<DeskUser> {
    this.sessionUser = await this.users.login(username, password);
    this.setupSession = false;
    return this.sessionUser;
  }

  /**
   * The session the first-run screen works in right after creating the first administrator (to connect the desk to
   * its server), ended before the administrator logs in. Nobody logged in or out: neither goes in the access log,
   * whose first lines would otherwise show a login and a logout the administrator never made.
   */
  startSetupSession(user: DeskUser): void {
    this.sessionUser = user;
    this.setupSession = true;
  }

  private setupSession = false;

  /**
   * Who is logged in, as the screens ask (`auth.me`): nobody during the setup session, so a window reloaded in the
   * middle of the first run asks for the password instead of carrying on, unrecorded, as the administrator.
   */
  get loggedInUser(): DeskUser | null {
    return this.setupSession ? null : this.sessionUser;
  }

  /**
   * After an account changes (role, disabled), the session of that account holds the new one at once: an
   * administrator who made themself a clerk must not keep an administrator's rights until they log out.
   */
  accountChanged(user: DeskUser): void {
    if (this.sessionUser?.id !== user.id) return;
    this.sessionUser = user.active ? user : null;
  }

  logout(): void {
    const user = this.setupSession ? null : this.sessionUser;
    // Logged out first: on a full disk the trail's line cannot be written, and the next clerk at this PC must not
    // go on working as this one (QA). The failure is still said.
    this.sessionUser = null;
    this.setupSession = false;
    if (user) this.audit.record({ user, action: 'auth.logout' });
  }

  /** Rebuilds the dossier projection and its search index from the event log. */
  rebuildProjections(): number {
    return this.projector.rebuildAll();
  }

  verify(): { integrityProblems: string[]; chains: ChainReport } {
    return { integrityProblems: integrityProblems(this.db, 'full'), chains: verifyChains(this.db, this.identity()?.deviceId ?? null) };
  }

  /**
   * Replaces the desk's data with a backup: checks the file, keeps a copy of the current data (pre-restore),
   * closes, replaces, reopens, and verifies the restored data. The session ends: the restored users may differ.
   * An encrypted backup (a USB stick's) needs its `passphrase`; a wrong one changes nothing.
   */
  async restoreBackup(
    file: string,
    passphrase?: string,
  ): Promise<{ preRestoreBackup: string; chains: ChainReport; catchingUp: boolean; scans: ScanRestore }> {
    // One at a time (the desk window and a browser on the loopback host could both ask): they share a staging file.
    if (this.restoring) {
      throw appFailure(
        'backup_restore_busy',
        'Đang khôi phục một bản sao lưu trên quầy này; hãy chờ việc đó xong rồi thử lại. Chưa có gì bị thay đổi.',
        'A backup is already being restored on this desk; wait until it has finished, then try again. Nothing was changed.',
      );
    }
    this.restoring = true;
    try {
      return await this.restoreBackupAlone(file, passphrase);
    } finally {
      this.restoring = false;
    }
  }

  private restoring = false;
  /** From when a restore stops the store's workers until the backup's file is in place. */
  private replacingFile = false;

  private async restoreBackupAlone(
    file: string,
    passphrase: string | undefined,
  ): Promise<{ preRestoreBackup: string; chains: ChainReport; catchingUp: boolean; scans: ScanRestore }> {
    const database = deskPaths(this.dataDir).database;
    const secret = passphrase === undefined ? undefined : new BackupSecret(passphrase);
    // Copied (or decrypted) into the data folder and checked there (a read-only stick; what is checked is what is
    // put in place). Until it has passed, the desk's own database is not touched.
    const staged = await stageBackup(database, file, this.options.nativeBinding, secret);
    let safety: { file: string };
    try {
      // The data being replaced is kept: an online backup when sound, the raw file when damaged (SQLite may not read it).
      safety = this.damage ? this.backups.copyRaw('pre-restore') : await this.backups.create({ kind: 'pre-restore' });
    } catch (e) {
      discardStaged(staged);
      throw e;
    }
    this.runningCheck?.cancel();
    // No other connection may hold the file (or its log) while it is replaced: the idle work stops first, so that no
    // long run of it starts a checkpoint worker while the others are awaited.
    this.replacingFile = true;
    this.current?.stopIdleWork();
    await this.stopCheckpointers();
    this.current?.close();
    this.current = null;
    this.sessionUser = null;
    this.identityCache = undefined;
    let catchingUp = false;
    try {
      ({ catchingUp } = putStagedInPlace(database, staged, this.options.nativeBinding));
    } finally {
      this.replacingFile = false;
      this.current = this.openCurrent();
    }
    carryOverAuditTrail(this.db, safety.file);
    const scans = await restoreScans(this.db, file, this.attachments.blobs, secret);
    // The restored data carries its own office hours and days off: an open reception screen must recompute with them.
    this.notifications.emit({ type: 'calendar.changed', data: { source: 'local' } });
    return { preRestoreBackup: safety.file, chains: verifyChains(this.db, this.identity()?.deviceId ?? null), catchingUp, scans };
  }

  private startDailyBackups(): void {
    const tick = () => {
      if (!this.current || !this.settings.get().dailyBackup) return;
      this.backups.runDailyIfDue().catch(() => {
        // A failed backup (disk full) is retried at the next tick; the clerk's work goes on.
      });
    };
    // Not during opening (which must stay quick), but soon after, and then every hour.
    const first = setTimeout(tick, 60_000);
    first.unref();
    this.dailyTimer = setInterval(tick, 3_600_000);
    this.dailyTimer.unref();
    this.firstTick = first;
  }

  private firstTick: NodeJS.Timeout | null = null;

  close(): void {
    if (this.dailyTimer) clearInterval(this.dailyTimer);
    this.idleCheckpoint.attach(null);
    if (this.firstTick) clearTimeout(this.firstTick);
    this.scanInbox.stop();
    this.runningCheck?.cancel();
    void this.stopCheckpointers();
    try {
      // Keeps the query planner's statistics current as the store grows (SQLite's recommendation at close).
      this.current?.db.pragma('optimize');
    } catch {
      // Never a reason not to close.
    }
    this.current?.close();
    this.current = null;
    this.sessionUser = null;
    this.claim.release();
  }
}

export function openDesk(options: OpenDeskOptions): Desk {
  return new Desk(options);
}
