/**
 * The desk API over a Desk: one handler per method of shared/api/desk-api.ts. Every transport (IPC, loopback
 * host, in-process) goes through `callDesk`, which validates the raw input with the method's schema, turns
 * AppFailures into results and lets no exception escape: a bad request gets a clear error, writes nothing, and
 * the desk keeps running.
 */
import { AppFailure, appFailure, ok, type AppError, type Result } from '../../../shared/result';
import {
  deskApiInputs,
  isDeskApiMethod,
  type DeskApiMethod,
  type DeskApiOutput,
  type DeskApiParsedInput,
} from '../../../shared/api/desk-api';
import { apiValidationError } from '../../../shared/api/api-messages';
import type { IdentityView, SyncStatusView } from '../../../shared/api/desk-views';
import type { Desk } from '../desk';
import { requireRole } from '../users/user-service';
import { inboxMissing, listInbox } from '../attachments/scan-inbox';
import type { ScanDownloadSink } from '../attachments/partial-scan';
import { appVersion } from './app-version';
import { failureLogLine } from './failure-log';
import { checkReportPeriod } from '../../../shared/api/report-inputs';
import { deskUnits } from '../units/desk-units';
import { unitWithDescendants } from '../../../shared/reports/units';
import type { ReportRequest } from '../../../shared/reports/run-report';
import { deskReport, deskReportDossiers } from '../reports/desk-report';
import { exportReport } from '../reports/export/index';
import { deskReportMonths } from '../reports/desk-months';
import { logbookOf } from '../dossiers/logbook';
import { heldReportUnits, reportUnitChoices } from '../reports/desk-units';
import { deskReportUnitRefusal, holdsDossiersOf } from '../reports/desk-report-unit';
import { describeCalendarChange } from '../settings/calendar-change';
import { addressForAudit } from '../audit/address-tried';
import { deskClockCheck } from '../sync/clock-evidence';
import { clockCheckWarning } from '../sync/clock-skew';
import { SyncMeta } from '../sync/sync-meta';
import { storageFailureAtWork } from '../db/storage-failure';

export type DeskHandlers = {
  [M in DeskApiMethod]: (input: DeskApiParsedInput<M>) => Promise<Result<DeskApiOutput<M>>>;
};

type Implementations = {
  [M in DeskApiMethod]: (input: DeskApiParsedInput<M>) => DeskApiOutput<M> | Promise<DeskApiOutput<M>>;
};

/** What the handlers need of the sync client (electron/desk/sync/sync-client.ts implements it). */
export interface DeskSyncService {
  status(): SyncStatusView;
  /** Where the desk syncs now (read from its sync state, without the status's counts). */
  readonly meta: { readonly serverUrl: string | null };
  syncNow(): Promise<SyncStatusView>;
  enrol(input: DeskApiParsedInput<'sync.enrol'>): Promise<IdentityView>;
  /** Also says the address it replaced, for the audit trail. */
  changeServer(input: DeskApiParsedInput<'sync.setServer'>): Promise<{ previousUrl: string | null; status: SyncStatusView }>;
  /** The desk's data was just replaced by one of its backups (marked to catch up if it must). */
  afterRestore(): void;
  /**
   * A scan's bytes from the server into its partial file, for one this desk's events name but lacks
   * (sync/blob-download.ts).
   */
  downloadScan?(sha256: string, into: ScanDownloadSink): Promise<void>;
}

export interface DeskHandlerOptions {
  /** The sync client attached to this desk; without one the outbox is reported offline and enrolment is refused. */
  sync?: DeskSyncService;
}

const syncUnavailable = () =>
  appFailure(
    'sync_unavailable',
    'Quầy này đang chạy mà không đồng bộ với máy chủ.',
    'This desk is running without sync to a server.',
  );

const INTERNAL: AppError = {
  code: 'internal',
  message: {
    vi: 'Đã xảy ra lỗi không mong muốn; dữ liệu không bị thay đổi. Hãy thử lại hoặc báo quản trị viên.',
    en: 'Something unexpected went wrong; nothing was changed. Try again or tell the administrator.',
  },
};

/** `dataDir`: the desk's data folder, named to the clerk when its disk is full or it cannot be written. */
function toError(method: string, e: unknown, dataDir?: string): AppError {
  if (e instanceof AppFailure) return e.error;
  // Its kind and where, never its message nor the inputs (which may hold ID numbers, names, file paths).
  console.error(failureLogLine(method, e));
  const storage = dataDir === undefined ? null : storageFailureAtWork(e, dataDir);
  return storage?.error ?? INTERNAL;
}

function implementations(desk: Desk, options: DeskHandlerOptions): Implementations {
  const me = () => desk.requireUser();
  const needs = (role: 'supervisor' | 'administrator') => requireRole(me(), role);
  const deskTarget = () => {
    const deviceId = desk.identity()?.deviceId;
    return deviceId ? { targetId: deviceId } : {};
  };
  const dossiers = () => (me(), desk.dossiers);
  // The district's registry once enrolled, else the seed tree: names, report choices and the report scope agree.
  const units = () => deskUnits(desk.db, desk.identity());
  // What a report is planned over: without the units under the desk's whose dossiers it does not hold (a district
  // desk's communes), so its district report does not claim them.
  const holds = (codes: readonly string[]) => holdsDossiersOf(desk.db, codes);
  const reportUnits = () => heldReportUnits(units(), desk.identity()?.unitCode ?? null, holds);
  /** A report that must refold many stale facts first checkpoints the log off the main thread (db/burst-checkpoint.ts). */
  const checkpointInBackground = () => desk.checkpointInBackground();

  /** A report over the desk's own unit (and the units under it), or one of those units; checked before anything is read. */
  const reportRequest = (input: { from: string; to: string; unitCode?: string | undefined }): ReportRequest => {
    me();
    const today = desk.clock.today();
    const checked = checkReportPeriod(input.from, input.to, today);
    if ('failure' in checked) throw checked.failure;
    const deskUnit = desk.identity()?.unitCode ?? null;
    const unitCode = input.unitCode ?? deskUnit;
    if (deskUnit !== null && unitCode !== null && !unitWithDescendants(units(), deskUnit).includes(unitCode)) {
      throw appFailure(
        'report_unit_outside',
        `Đơn vị ${unitCode} không thuộc đơn vị của quầy này (${deskUnit}).`,
        `Unit ${unitCode} is not part of this desk's unit (${deskUnit}).`,
        { field: 'unitCode' },
      );
    }
    // A unit the desk holds no dossiers of (none on a desk not set up yet; its communes' on a district desk) is
    // refused as `motcua report` refuses it, not reported as zeros.
    const unheld = deskReportUnitRefusal(desk.db, deskUnit, unitCode, units());
    if (unheld) throw appFailure('report_unit_outside', unheld.vi, unheld.en, { field: 'unitCode' });
    return { period: checked.period, unitCode, today };
  };
  // The audit names the period and unit asked for, never a dossier's personal data.
  const auditReport = (action: 'dossier.list' | 'dossier.export', request: ReportRequest, detail: string) =>
    desk.audit.record({ user: me(), action, targetKind: 'report', targetId: `${request.period.from}..${request.period.to}`, detail: `${detail}; unit ${request.unitCode ?? 'all'}` });

  return {
    'app.info': () => {
      const identity = desk.identity();
      const names = units().map((u) => ({ code: u.code, name: u.name }));
      return {
        version: appVersion(),
        deviceId: identity?.deviceId ?? null,
        unitCode: identity?.unitCode ?? null,
        deskNumber: identity?.deskNumber ?? null,
        units: names,
        dataDir: desk.dataDir,
      };
    },
    'app.setIdentity': (input) => {
      const user = requireRole(desk.requireUserOrSetup(), 'administrator');
      const identity = desk.setLocalIdentity(input);
      desk.audit.record({ user, action: 'identity.set', targetKind: 'desk', targetId: identity.deviceId });
      return identity;
    },

    'auth.firstRun': () => ({ needsAdministrator: !desk.users.hasAnyUser(), needsIdentity: desk.identity() === null }),
    'auth.createAdmin': async (input) => {
      const user = await desk.users.createFirstAdministrator(input);
      desk.startSetupSession(user);
      return user;
    },
    'auth.login': (input) => desk.login(input.username, input.password),
    'auth.logout': () => {
      desk.logout();
      return { loggedOut: true as const };
    },
    'auth.me': () => desk.loggedInUser,
    'auth.changePassword': async (input) => {
      await desk.users.changeOwnPassword(me(), input.currentPassword, input.newPassword);
      return { changed: true as const };
    },

    'users.list': () => (needs('administrator'), desk.users.list()),
    'users.create': (input) => desk.users.create(input, me()),
    'users.update': ({ id, ...changes }) => {
      const updated = desk.users.update(id, changes, me());
      desk.accountChanged(updated);
      return updated;
    },
    'users.resetPassword': async (input) => {
      await desk.users.resetPassword(input.id, input.password, me());
      return { reset: true as const };
    },

    'catalog.procedures': () => (me(), desk.catalog.entries()),
    'catalog.search': (input) => (me(), desk.catalog.search(input.query, input.limit)),

    'dossiers.receive': (input) => dossiers().receive(input),
    'dossiers.refuse': (input) => dossiers().refuse(input),
    'dossiers.savedForms': (input) => dossiers().savedForms(input.requestIds),
    'dossiers.transfer': (input) => dossiers().transfer(input),
    'dossiers.handOver': (input) => dossiers().handOver(input),
    'dossiers.requestSupplement': (input) => dossiers().requestSupplement(input),
    'dossiers.supplementReceived': (input) => dossiers().supplementReceived(input),
    'dossiers.requestFees': (input) => dossiers().requestFees(input),
    'dossiers.feesPaid': (input) => dossiers().feesPaid(input),
    'dossiers.withdraw': (input) => dossiers().withdraw(input),
    'dossiers.stop': (input) => dossiers().stop(input),
    'dossiers.resolve': (input) => dossiers().resolve(input),
    'dossiers.returnResult': (input) => dossiers().returnResult(input),
    'dossiers.reappoint': (input) => dossiers().reappoint(input),
    'dossiers.resolveConflict': (input) => dossiers().resolveConflict(input),
    'dossiers.list': (input) => (me(), desk.queries.list(input)),
    'dossiers.search': (input) => (me(), desk.queries.search(input)),
    'dossiers.get': (input) => (me(), desk.queries.get(input)),
    'dossiers.fridayQueue': () => (me(), desk.queries.fridayQueue()),
    'dossiers.syncProblems': () => (me(), desk.queries.syncProblems()),
    'dossiers.dueSoon': (input) => (me(), desk.queries.dueSoon(input.limit)),
    'dossiers.appointmentsOnDaysOff': (input) => (me(), desk.queries.appointmentsOnDaysOff(input.limit)),
    'dossiers.logbook': (input) => {
      const user = me();
      const book = logbookOf(desk.db, (id) => desk.projector.current(id), desk.identity()?.unitCode ?? null, input.year, input.month, units());
      // The logbook shows every applicant of the month: its reading is kept, as a list's export is.
      desk.audit.record({ user, action: 'dossier.list', targetKind: 'dossier', detail: `form 06 logbook ${input.year}-${String(input.month).padStart(2, '0')}, ${book.entries.length} dossiers` });
      return book;
    },

    'attachments.import': (input) => desk.attachments.import(input),
    'attachments.link': (input) => (me(), desk.attachments.link(input)),
    'attachments.inbox': () => {
      me();
      const folder = desk.settings.get().scanInboxDir;
      return { folder, missing: inboxMissing(folder), files: listInbox(folder) };
    },
    'attachments.get': (input) => {
      // A scan named by this desk's events but not on this PC comes from the server first (async: the clerk's other
      // calls go on meanwhile).
      const download = options.sync?.downloadScan?.bind(options.sync) ?? null;
      return desk.attachments.readOrDownload(input.sha256, input.dossierId, download);
    },
    'attachments.putBack': (input) => (me(), desk.attachments.putBack(input)),

    'backups.list': () => (me(), desk.backups.list()),
    'backups.create': async (input) => {
      // A backup holds every citizen's ID number; one to a folder leaves the PC with a passphrase its maker chose.
      // Settings offers it to administrators only, and so does the API.
      needs('administrator');
      const user = me();
      // The passphrase goes to the encryption and nowhere else: not to the audit trail, not to a log.
      const backup = await desk.backups.create({
        ...(input.toDir !== undefined ? { toDir: input.toDir } : {}),
        ...(input.passphrase !== undefined ? { passphrase: input.passphrase } : {}),
      });
      desk.audit.record({ user, action: 'backup.create', targetKind: 'backup', targetId: backup.file });
      return backup;
    },
    'backups.restore': async (input) => {
      needs('administrator');
      const user = me();
      const result = await desk.restoreBackup(input.file, input.passphrase);
      // What this desk sent since the backup comes back before it records more: a round starts at once.
      options.sync?.afterRestore();
      // Recorded in the restored database, so the restore is in the trail that is kept.
      desk.audit.record({ user, action: 'backup.restore', targetKind: 'backup', targetId: input.file });
      return {
        restoredFrom: input.file,
        preRestoreBackup: result.preRestoreBackup,
        chainsSound: result.chains.sound,
        catchingUp: result.catchingUp,
        scansRestored: result.scans.copied,
        scansMissing: result.scans.missing,
      };
    },

    'settings.get': () => (me(), desk.settings.view()),
    'settings.set': (input) => {
      needs('administrator');
      const settings = desk.settings.set(input);
      if (input.scanInboxDir !== undefined) desk.scanInbox.watch(settings.scanInboxDir);
      desk.audit.record({ user: me(), action: 'settings.set', detail: Object.keys(input).join(', ') });
      return desk.settings.view();
    },

    'calendar.get': () => (me(), desk.calendar.view()),
    'calendar.setLocal': (input) => {
      needs('administrator');
      const user = me();
      const before = desk.calendar.local();
      // The layer and the audit line commit together: no change without the record of who made it.
      desk.db.transaction(() => {
        desk.calendar.setLocal(input, user);
        desk.audit.record({ user, action: 'settings.set', targetKind: 'calendar', targetId: 'local', detail: describeCalendarChange(before, input) });
      })();
      return desk.calendar.view();
    },

    'audit.list': (input) => (needs('supervisor'), desk.audit.list(input)),

    'reports.summary': async (input) => {
      const request = reportRequest(input);
      const report = await deskReport(desk.db, request, { units: reportUnits(), checkpointInBackground });
      auditReport('dossier.list', request, 'report summary');
      return report;
    },
    'reports.dossiers': async (input) => {
      const request = reportRequest(input);
      // One more than the page, to know whether another page follows.
      const refs = await deskReportDossiers(desk.db, request, input.figure, input.channel ? { channel: input.channel } : {}, { units: reportUnits(), limit: input.offset + input.limit + 1, checkpointInBackground });
      const page = refs.slice(input.offset, input.offset + input.limit);
      const items = page.flatMap((ref) => desk.queries.summary(ref.dossierId) ?? []);
      auditReport('dossier.list', request, `report drill-down ${input.figure}${input.channel ? ` ${input.channel}` : ''}, ${items.length} dossiers from ${input.offset}`);
      return { items, offset: input.offset, hasMore: refs.length > input.offset + input.limit };
    },
    'reports.export': async (input) => {
      const request = reportRequest(input);
      const report = await deskReport(desk.db, request, { units: reportUnits(), checkpointInBackground });
      const bytes = await exportReport(report, input.format);
      auditReport('dossier.export', request, `report export ${input.format}`);
      const mime = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' }[input.format];
      const fileName = `bao-cao_${request.unitCode ?? 'tat-ca'}_${request.period.from}_${request.period.to}.${input.format}`;
      return { fileName, mime, dataBase64: bytes.toString('base64') };
    },
    'reports.months': async (input) => {
      const request = reportRequest(input);
      const months = await deskReportMonths(desk.db, request, { units: reportUnits(), checkpointInBackground });
      auditReport('dossier.list', request, `report by month, ${months.length} months`);
      return months;
    },
    'reports.units': () => (me(), reportUnitChoices(units(), desk.identity()?.unitCode ?? null, holds)),

    'sync.status': () => {
      me();
      if (options.sync) return options.sync.status();
      const identity = desk.identity();
      const pending = identity ? desk.events.pendingCount(identity.deviceId) : 0;
      const quarantined = desk.events.refusedDossierCount();
      const meta = new SyncMeta(() => desk.db);
      // Without a sync client the desk still judges its clock by what it has kept and seen (sync/clock-evidence.ts).
      const clockCheck = deskClockCheck(desk.db, meta, identity?.deviceId ?? null, desk.clock.now().getTime(), null);
      const clockWarning = clockCheckWarning(clockCheck);
      return {
        online: false,
        // Said, not left to the screen to guess from the list of warnings: a clock warning would read as "Lỗi đồng bộ".
        state: 'offline' as const,
        pending,
        quarantined,
        lastSyncAt: meta.lastSyncAt,
        errors: clockWarning ? [clockWarning] : [],
        clockCheck,
      };
    },
    'sync.now': () => {
      me();
      if (!options.sync) throw syncUnavailable();
      return options.sync.syncNow();
    },
    'sync.enrol': (input) => {
      const user = requireRole(desk.requireUserOrSetup(), 'administrator');
      if (!options.sync) throw syncUnavailable();
      return options.sync.enrol(input).then((identity) => {
        desk.audit.record({ user, action: 'sync.enrol', targetKind: 'desk', targetId: identity.deviceId });
        return identity;
      });
    },
    'sync.setServer': async (input) => {
      let previousUrl: string | null;
      let status: SyncStatusView;
      try {
        needs('administrator');
        if (!options.sync) throw syncUnavailable();
        ({ previousUrl, status } = await options.sync.changeServer(input));
      } catch (e) {
        // An attempt to point the desk at another server is worth a line even when refused (by role or by the
        // address's answer): who, the address tried (nothing secret of it), and why, by its code. The code may come
        // from whatever answered at that address: only one shaped like ours is written as it is.
        const code = e instanceof AppFailure && /^[a-z0-9_]{1,40}$/.test(e.error.code) ? e.error.code : 'other';
        desk.audit.record({
          user: desk.user,
          action: 'sync.set_server_refused',
          targetKind: 'desk',
          ...deskTarget(),
          detail: `${options.sync?.meta.serverUrl ?? '—'} → ${addressForAudit(input.serverUrl)}; refused ${code}`,
        });
        throw e;
      }
      desk.audit.record({
        user: me(),
        action: 'sync.set_server',
        targetKind: 'desk',
        ...deskTarget(),
        detail: `${previousUrl ?? '—'} → ${status.serverUrl ?? '—'}`,
      });
      return status;
    },
  };
}

/** What still works on a damaged store: saying what is wrong, logging in, and restoring a backup. */
const ALLOWED_WHEN_DAMAGED = new Set<DeskApiMethod>(['app.info', 'auth.firstRun', 'auth.login', 'auth.logout', 'auth.me', 'backups.list', 'backups.restore']);

/** The handler map over a desk. Each handler returns a Result and never throws. */
export function createDeskHandlers(desk: Desk, options: DeskHandlerOptions = {}): DeskHandlers {
  const impl = implementations(desk, options);
  const handlers = {} as Record<DeskApiMethod, (input: unknown) => Promise<Result<unknown>>>;
  for (const method of Object.keys(impl) as DeskApiMethod[]) {
    const fn = impl[method] as (input: unknown) => unknown;
    handlers[method] = async (input) => {
      try {
        if (!ALLOWED_WHEN_DAMAGED.has(method)) desk.assertSound();
        return ok(await fn(input));
      } catch (e) {
        return { ok: false, error: toError(method, e, desk.dataDir) };
      }
    };
  }
  return handlers as unknown as DeskHandlers;
}

/**
 * The one entry point of every transport: validates `rawInput` with the method's schema (bad input →
 * code 'validation' with the field, nothing written), runs the handler, and never throws.
 */
export async function callDesk<M extends DeskApiMethod>(handlers: DeskHandlers, method: M, rawInput: unknown): Promise<Result<DeskApiOutput<M>>>;
export async function callDesk(handlers: DeskHandlers, method: string, rawInput: unknown): Promise<Result<unknown>>;
export async function callDesk(handlers: DeskHandlers, method: string, rawInput: unknown): Promise<Result<unknown>> {
  try {
    if (!isDeskApiMethod(method)) {
      return {
        ok: false,
        error: { code: 'unknown_method', message: { vi: `Không có chức năng "${String(method).slice(0, 60)}".`, en: `There is no method "${String(method).slice(0, 60)}".` } },
      };
    }
    const parsed = deskApiInputs[method].safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: apiValidationError(parsed.error) };
    const handler = handlers[method] as (input: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (e) {
    return { ok: false, error: toError(method, e) };
  }
}
