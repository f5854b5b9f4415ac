/**
 * The desk API: one map of methods that the preload bridge, the IPC router, the loopback host and in-process
 * calls all serve (STYLE.md, "one handler map is the API"). Each method has a zod schema for its input, checked
 * by every transport on the way in, and a declared output type.
 *
 * To add a method: add its input schema to `deskApiInputs` and its output type to `DeskApiOutputs`.
 */
import { z } from 'zod';
import { msg } from '../domain/messages';
import type { Result } from '../result';
import type { DossierDetail, DossierChange, DossierPage, DossierSummary, Logbook, Receipt, SyncProblemsView } from './dossier-views';
import type {
  AttachmentView,
  CatalogProcedure,
  AuditEntryView,
  BackupView,
  IdentityView,
  InboxFileView,
  SyncStatusView,
  UserView,
} from './desk-views';
import type { DeskSettingsView } from './desk-settings';
import { setLocalCalendarInputSchema, type CalendarView } from './desk-calendar';
import type { Report } from '../reports/report';
import {
  reportDossiersInputSchema,
  reportExportInputSchema,
  reportMonthsInputSchema,
  reportSummaryInputSchema,
} from './report-inputs';
import type { ReportMonth, ReportUnitChoice } from './report-months';
import {
  feesPaidInputSchema,
  getDossierInputSchema,
  handOverInputSchema,
  listInputSchema,
  logbookInputSchema,
  reappointInputSchema,
  reasonInputSchema,
  receiveInputSchema,
  refuseInputSchema,
  requestFeesInputSchema,
  requestSupplementInputSchema,
  resolveConflictInputSchema,
  resolveInputSchema,
  returnResultInputSchema,
  searchInputSchema,
  supplementReceivedInputSchema,
  transferInputSchema,
} from './dossier-inputs';
import {
  auditListInputSchema,
  catalogSearchInputSchema,
  changePasswordInputSchema,
  createAdminInputSchema,
  createBackupInputSchema,
  createUserInputSchema,
  getAttachmentInputSchema,
  importAttachmentInputSchema,
  linkAttachmentInputSchema,
  loginInputSchema,
  putBackAttachmentInputSchema,
  resetPasswordInputSchema,
  restoreBackupInputSchema,
  setIdentityInputSchema,
  setSettingsInputSchema,
  updateUserInputSchema,
} from './admin-inputs';

const none = z.strictObject({});
const limitOnly = z.strictObject({ limit: z.number().int().min(1).max(200).default(50) });
/** The reception forms' ids (their drafts' ids) to look up; a screen offers a few drafts at a time. */
const savedFormsInput = z.strictObject({ requestIds: z.array(z.uuid()).max(50) });

/**
 * A reception form the desk already saved, as a draft offered after a crash may be: the answer to its save never
 * reached the screen (the desk was killed in between), so no receipt was printed.
 */
export interface SavedFormView {
  requestId: string;
  dossierId: string;
  outcome: 'dossier.received' | 'dossier.refused';
  /** The dossier's code (a reception's). */
  code?: string;
  at: string;
}

export const deskApiInputs = {
  'app.info': none,
  'app.setIdentity': setIdentityInputSchema,

  'auth.firstRun': none,
  'auth.createAdmin': createAdminInputSchema,
  'auth.login': loginInputSchema,
  'auth.logout': none,
  'auth.me': none,
  'auth.changePassword': changePasswordInputSchema,

  'users.list': none,
  'users.create': createUserInputSchema,
  'users.update': updateUserInputSchema,
  'users.resetPassword': resetPasswordInputSchema,

  'catalog.procedures': none,
  'catalog.search': catalogSearchInputSchema,

  'dossiers.receive': receiveInputSchema,
  'dossiers.refuse': refuseInputSchema,
  'dossiers.transfer': transferInputSchema,
  'dossiers.handOver': handOverInputSchema,
  'dossiers.requestSupplement': requestSupplementInputSchema,
  'dossiers.supplementReceived': supplementReceivedInputSchema,
  'dossiers.requestFees': requestFeesInputSchema,
  'dossiers.feesPaid': feesPaidInputSchema,
  'dossiers.withdraw': reasonInputSchema,
  'dossiers.stop': reasonInputSchema,
  'dossiers.resolve': resolveInputSchema,
  'dossiers.returnResult': returnResultInputSchema,
  'dossiers.reappoint': reappointInputSchema,
  'dossiers.resolveConflict': resolveConflictInputSchema,
  'dossiers.list': listInputSchema,
  'dossiers.search': searchInputSchema,
  'dossiers.get': getDossierInputSchema,
  'dossiers.fridayQueue': none,
  'dossiers.syncProblems': none,
  'dossiers.dueSoon': limitOnly,
  /** Running dossiers whose appointment falls on a day the current calendar does not work (declared off later). */
  'dossiers.appointmentsOnDaysOff': limitOnly,
  'dossiers.savedForms': savedFormsInput,
  'dossiers.logbook': logbookInputSchema,

  'attachments.import': importAttachmentInputSchema,
  'attachments.link': linkAttachmentInputSchema,
  'attachments.inbox': none,
  'attachments.get': getAttachmentInputSchema,
  'attachments.putBack': putBackAttachmentInputSchema,

  'backups.list': none,
  'backups.create': createBackupInputSchema,
  'backups.restore': restoreBackupInputSchema,

  'settings.get': none,
  'settings.set': setSettingsInputSchema,
  // The working calendar: the server's document with this desk's layer (the unit's office hours and own days).
  'calendar.get': none,
  'calendar.setLocal': setLocalCalendarInputSchema,

  'audit.list': auditListInputSchema,

  'reports.summary': reportSummaryInputSchema,
  'reports.dossiers': reportDossiersInputSchema,
  'reports.export': reportExportInputSchema,
  'reports.months': reportMonthsInputSchema,
  'reports.units': none,

  'sync.status': none,
  // The sync client (electron/desk/sync): a round now, and enrolment with the unit's server.
  'sync.now': none,
  'sync.enrol': z.strictObject({
    serverUrl: z.string().trim().min(1).max(300),
    code: z.string().trim().min(6, msg('enrolment_code.length')).max(64, msg('enrolment_code.too_long')),
    deviceName: z.string().trim().max(100).optional(),
  }),
  // The district's server moved: its new address, kept once the server there accepts this desk.
  'sync.setServer': z.strictObject({
    serverUrl: z.string().trim().min(1).max(300),
  }),
} as const;

export interface DeskApiOutputs {
  'app.info': {
    version: string;
    deviceId: string | null;
    unitCode: string | null;
    deskNumber: number | null;
    /** The units this desk names (the district's registry once enrolled, else the seed tree), for printed forms. */
    units: { code: string; name: string }[];
    /**
     * The desk's data folder, as `motcua backup|verify --data-dir` and the technician's guide ask for it (an installed
     * desk keeps it in the PC user's application data, which nobody finds by looking).
     */
    dataDir: string;
  };
  'app.setIdentity': IdentityView;

  'auth.firstRun': { needsAdministrator: boolean; needsIdentity: boolean };
  'auth.createAdmin': UserView;
  'auth.login': UserView;
  'auth.logout': { loggedOut: true };
  'auth.me': UserView | null;
  'auth.changePassword': { changed: true };

  'users.list': UserView[];
  'users.create': UserView;
  'users.update': UserView;
  'users.resetPassword': { reset: true };

  /** Every procedure the desk knows, those the server's latest catalog retired flagged. */
  'catalog.procedures': CatalogProcedure[];
  /** The procedures a new reception may be made under (none retired) whose name, field or code hold the words. */
  'catalog.search': CatalogProcedure[];

  'dossiers.receive': Receipt;
  'dossiers.refuse': DossierChange;
  'dossiers.transfer': DossierChange;
  'dossiers.handOver': DossierChange;
  'dossiers.requestSupplement': DossierChange;
  'dossiers.supplementReceived': DossierChange;
  'dossiers.requestFees': DossierChange;
  'dossiers.feesPaid': DossierChange;
  'dossiers.withdraw': DossierChange;
  'dossiers.stop': DossierChange;
  'dossiers.resolve': DossierChange;
  'dossiers.returnResult': DossierChange;
  'dossiers.reappoint': DossierChange;
  'dossiers.resolveConflict': DossierChange;
  'dossiers.list': DossierPage;
  'dossiers.search': DossierSummary[];
  'dossiers.get': DossierDetail;
  'dossiers.fridayQueue': { date: string; isFriday: boolean; items: DossierSummary[] };
  'dossiers.syncProblems': SyncProblemsView;
  'dossiers.dueSoon': { overdue: number; dueToday: number; dueSoon: number; items: DossierSummary[] };
  /** `count`: all of them; `items`: the first `limit`, by appointment. */
  'dossiers.appointmentsOnDaysOff': { count: number; items: DossierSummary[] };
  /** Of the forms asked about, those already saved (received or refused at the desk), with what they made. */
  'dossiers.savedForms': SavedFormView[];
  'dossiers.logbook': Logbook;

  'attachments.import': AttachmentView;
  'attachments.link': DossierChange;
  /** `missing`: a folder is set but is not there now (a scanner's drive unplugged, the folder removed). */
  'attachments.inbox': { folder: string | null; missing: boolean; files: InboxFileView[] };
  'attachments.get': AttachmentView & { dataBase64: string };
  /** `offeredAgain`: the scan is back in the scan folder; false when it was linked or is not known as picked. */
  'attachments.putBack': { offeredAgain: boolean };

  'backups.list': BackupView[];
  'backups.create': BackupView & { blobsCopied: number };
  /** `catchingUp`: a desk that syncs first fetches what it sent after the backup before it records anything new. */
  /** `scansRestored`: scans copied from the backup's folder; `scansMissing`: named by the data, found in neither. */
  'backups.restore': {
    restoredFrom: string;
    preRestoreBackup: string;
    chainsSound: boolean;
    catchingUp: boolean;
    scansRestored: number;
    scansMissing: number;
  };

  'settings.get': DeskSettingsView;
  'settings.set': DeskSettingsView;
  'calendar.get': CalendarView;
  'calendar.setLocal': CalendarView;

  'audit.list': { entries: AuditEntryView[]; total: number };

  'reports.summary': Report;
  /** A page of the dossiers behind one figure; `hasMore` when a further page exists. */
  'reports.dossiers': { items: DossierSummary[]; offset: number; hasMore: boolean };
  /** The file for the renderer to offer as a download. */
  'reports.export': { fileName: string; mime: string; dataBase64: string };
  /** Each month of the period (clipped to it) with the figures of that month's own report, in order. */
  'reports.months': ReportMonth[];
  /** The units this desk may report on: its own unit first (depth 0), then those under it. */
  'reports.units': ReportUnitChoice[];

  'sync.status': SyncStatusView;
  'sync.now': SyncStatusView;
  'sync.enrol': IdentityView;
  'sync.setServer': SyncStatusView;
}

export type DeskApiMethod = keyof typeof deskApiInputs & keyof DeskApiOutputs;
/** What a caller sends (defaults not yet applied). */
export type DeskApiInput<M extends DeskApiMethod> = z.input<(typeof deskApiInputs)[M]>;
/** What a handler receives: the input after validation, defaults and normalisation. */
export type DeskApiParsedInput<M extends DeskApiMethod> = z.output<(typeof deskApiInputs)[M]>;
export type DeskApiOutput<M extends DeskApiMethod> = DeskApiOutputs[M];

/** The call signature every transport offers the renderer. */
export type DeskCall = <M extends DeskApiMethod>(method: M, input: DeskApiInput<M>) => Promise<Result<DeskApiOutput<M>>>;

export const deskApiMethods = Object.keys(deskApiInputs) as DeskApiMethod[];

export const isDeskApiMethod = (name: string): name is DeskApiMethod => Object.prototype.hasOwnProperty.call(deskApiInputs, name);
