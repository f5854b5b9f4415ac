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
  fridayNoWait: boolean;
  syncState: DossierSyncState;
  version: number;
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
}

export interface DossierPage {
  items: DossierSummary[];
  total: number;
  nextCursor: string | null;
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
