/** What the desk API returns about dossiers: list rows, the detail with its timeline, and the receipt facts. */
import type { LocalizedText } from '../result';
import type { DossierState } from '../domain/lifecycle';
import type { DossierEventType } from '../domain/events';
import type { Procedure } from '../domain/procedure';
import type { Channel, DossierStatus } from '../domain/dossier';
import type { Role } from '../domain/roles';

export type DossierSyncState = 'pending' | 'synced' | 'quarantined' | 'conflict';

/** A list row. It carries the applicant's name but not their ID number, phone or address. */
export interface DossierSummary {
  id: string;
  code: string | null;
  status: DossierStatus;
  statusLabel: LocalizedText;
  procedureCode: string | null;
  procedureName: string | null;
  field: string | null;
  channel: Channel | null;
  applicantName: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  /** The deadline runs (received or processing) and has passed. */
  overdue: boolean;
  /**
   * Only when `overdue`: the working days of the desk's working calendar begun since the appointment's day, the
   * number the badge shows (shared/calendar/overdue-days.ts). Absent otherwise, and in older stand-ins of the desk.
   */
  overdueDays?: number;
  /**
   * The deadline runs and falls within the administrator's "due soon" working hours from now: the list's "Sắp đến
   * hạn" filter and the yellow badge. Absent in older stand-ins of the desk.
   */
  dueSoon?: boolean;
  /**
   * Only when `dueSoon`: the working days from today to the appointment's day (tomorrow, a working day: 1; Monday
   * seen on a Friday: 1, not 3), the number the yellow badge shows, as `overdueDays` counts the other way.
   */
  dueInDays?: number;
  /**
   * Only for a dossier whose appointment a re-appointment (form 04) moved: the legal due the reports judge it by.
   * Absent otherwise (the appointment `dueAt` is the legal due), and in older stand-ins of the desk.
   */
  legalDue?: LegalDue;
  /**
   * Resolved (or returned) on a later Vietnam day than the day the law counts against (the legal due, or the
   * appointment): the reports count it resolved late. Absent when on time, and in older stand-ins of the desk.
   * A flag of its own because late and the days late no longer go together: see `resolvedLateDays`.
   */
  resolvedLate?: boolean;
  /**
   * Only when `resolvedLate`: the working days of the desk's working calendar begun after the late-against day up
   * to the day it was resolved, as `overdueDays` counted them while it was open. It may be 0 (due Friday, resolved
   * on the Saturday): late, but by no working day.
   */
  resolvedLateDays?: number;
  /**
   * The Friday-without-waiting rule gave this dossier its appointment: a listed procedure received on a working
   * Friday. A listed procedure received on another day, or not received, was due by the ordinary rule.
   */
  fridayNoWait: boolean;
  syncState: DossierSyncState;
  version: number;
}

/** The legal due of a re-appointed dossier, and whether the reports count it late by it now. */
export interface LegalDue {
  at: string;
  /** Still open past the legal due day ('overdue'), resolved after it ('resolvedLate'), or neither (null). */
  lateness: 'overdue' | 'resolvedLate' | null;
  /** Only when 'overdue': the working days begun since the legal due's day, as `DossierSummary.overdueDays` counts. */
  overdueDays?: number;
}

export interface TimelineEntry {
  eventId: string;
  type: DossierEventType;
  actor: { userId: string; name: string; role: Role };
  deviceId: string;
  deviceTime: string;
  serverTime: string | null;
  syncState: 'pending' | 'synced' | 'quarantined';
  syncReason: string | null;
  payload: unknown;
}

export interface DossierDetail {
  summary: DossierSummary;
  state: DossierState;
  procedure: Procedure | null;
  timeline: TimelineEntry[];
  /** What the logged-in user may do next (the buttons to offer). */
  allowedActions: DossierEventType[];
  /** In conflict only: the statuses its resolution may choose, those the competing deeds led to and the one before. */
  conflictChoices?: DossierStatus[];
  /** The events of the timeline that were never applied, a conflict's open or settled (deeds-not-applied.ts). */
  notApplied: string[];
  /** Of `notApplied`, those whose own status a supervisor's decision then chose (conflict-choices.ts). */
  adopted?: string[];
}

export interface DossierPage {
  items: DossierSummary[];
  total: number;
  nextCursor: string | null;
}

/**
 * The dossiers the sync page shows a person: those with a change the server refused (each refusal's reason as the
 * desk stored it) and those in conflict between desks (since when, and why each deed could not be applied).
 */
/**
 * A change the server refused that made its dossier (a reception, or a refusal recorded at the desk): without it the
 * desk holds no dossier to list, so it is named from the change itself. The citizen may hold its receipt.
 */
export interface RefusedWithoutDossier {
  dossierId: string;
  type: string;
  code: string | null;
  applicantName: string | null;
  procedureName: string | null;
  /** When the clerk made the change (this PC's clock, Vietnam time). */
  at: string;
  reasons: string[];
}

export interface SyncProblemsView {
  refused: { summary: DossierSummary; reasons: string[] }[];
  /** Refused changes whose dossier the desk does not list (see RefusedWithoutDossier), newest first. */
  refusedAlone: RefusedWithoutDossier[];
  conflicts: { summary: DossierSummary; since: string | null; reasons: LocalizedText[] }[];
  /** At most this many of each kind are listed; the sync status has the full counts. */
  limit: number;
}

/** What one command did: the event it recorded and the dossier after it. */
export interface DossierChange {
  eventId: string;
  dossier: DossierSummary;
}

/** What the receipt-and-appointment slip (form 01) prints. */
export interface Receipt extends DossierChange {
  code: string;
  pin: string;
  receivedAt: string;
  dueAt: string;
}

/** One line of form 06, the tracking logbook: a dossier received at the desk's unit, in order of receipt. */
export interface LogbookEntry {
  /** Its number in the year's logbook: 1 for the year's first dossier received, and on without a break. */
  no: number;
  dossierId: string;
  code: string;
  procedureName: string;
  applicantName: string;
  applicantAddress: string | null;
  applicantPhone: string | null;
  /** The agency that processes it. */
  agency: string | null;
  receivedAt: string;
  /** The appointment the receipt (form 01) gave. */
  dueAt: string | null;
  /** The new appointment of a re-appointment (form 04); null if none. */
  reappointedTo: string | null;
  /** When the file was first sent on to the processing agency. */
  transferredAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  returnedTo: string | null;
  /** Its status now (a dossier withdrawn or stopped has no result to record). */
  status: number;
}

export interface Logbook {
  year: number;
  month: number;
  unitCode: string | null;
  entries: LogbookEntry[];
}
