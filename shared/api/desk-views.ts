/** What the desk API returns besides dossiers: the catalog, users, backups, scans, the audit trail, settings, sync status. */
import type { LocalizedText } from '../result';
import type { Role } from '../domain/roles';
import type { Procedure } from '../domain/procedure';

/**
 * A procedure of the desk's catalog. `retired`: the server's latest catalog no longer holds it, so a new reception
 * cannot be made under it; the desk still knows it for the dossiers filed under it (their lists, filters, reports and
 * printed forms keep its name), and an online dossier submitted while it was offered can still be received.
 */
export type CatalogProcedure = Procedure & { retired: boolean };

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  /** Set while the account is locked after repeated wrong passwords. */
  lockedUntil: string | null;
  createdAt: string;
}

export interface IdentityView {
  deviceId: string;
  unitCode: string;
  deskNumber: number;
  source: 'local' | 'enrolled';
}

export interface BackupView {
  file: string;
  kind: 'daily' | 'manual' | 'pre-restore';
  takenAt: string;
  size: number;
}

export interface AttachmentView {
  sha256: string;
  size: number;
  mime: 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';
  fileName: string;
  importedAt: string;
  alreadyStored: boolean;
}

export interface InboxFileView {
  fileName: string;
  size: number;
  modifiedAt: string;
}

export interface AuditEntryView {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  /** The target as a person knows it (an account's current name, a dossier's code), looked up when read. */
  targetName: string | null;
  detail: string | null;
}

/**
 * The desk's finding that its PC clock is wrong, and how it knows:
 * - `measured`: the server's answer (in this run, or the last one kept across a restart while still credible);
 * - `server_time`: the clock reads earlier than a time the server gave this desk (its last answer, the time it
 *   accepted an event): real time cannot be earlier, so the clock is behind by at least that much;
 * - `own_events`: the clock reads earlier than a time this desk stamped on its own work not yet sent: the clock was
 *   set back since (it is slow now, or it was fast then).
 */
export interface ClockCheckView {
  basis: 'measured' | 'server_time' | 'own_events';
  /** Desk clock minus real time, seconds: as measured, or (evidence) the least it is behind, negative. */
  skewSeconds: number;
  /** The server's time of the measurement, or the instant the clock now reads earlier than (Vietnam time). */
  since: string;
  /**
   * A measurement kept from before the desk was last started: the desk cannot tell whether the clock was set right
   * since (the PC may have been restarted), so it says when it measured, and that the warning goes at the next answer.
   */
  kept?: true;
}

/** The sync client fills this in; until it runs, the desk reports its outbox and "offline". */
export interface SyncStatusView {
  online: boolean;
  /** Events of this desk not yet accepted by the server. */
  pending: number;
  /** Dossiers with a change the server refused (quarantined), also those the refusal left without a record. */
  quarantined: number;
  lastSyncAt: string | null;
  errors: LocalizedText[];
  // Filled in by the sync client (electron/desk/sync) once the desk is enrolled.
  state?: 'online' | 'offline' | 'syncing' | 'waiting' | 'error';
  enrolled?: boolean;
  /** The server refused this desk for good (revoked, or unknown to it): syncing cannot work until it is enrolled again. */
  revoked?: boolean;
  serverUrl?: string | null;
  /** Dossiers whose merged events conflict, waiting for a supervisor. */
  conflicts?: number;
  progress?: { done: number; total: number };
  /** The most important thing to tell the clerk now (also first in `errors`). */
  message?: LocalizedText;
  /** Desk clock minus server clock at the last exchange, in seconds. */
  clockSkewSeconds?: number | null;
  /** Why the desk finds its clock wrong; null when it finds it right or cannot tell (electron/desk/sync/clock-skew.ts). */
  clockCheck?: ClockCheckView | null;
  /**
   * Restored from a backup, the desk must fetch back from the server what it sent after that backup before it
   * records anything new (electron/desk/identity/restore-catch-up.ts): receptions are refused until then.
   */
  catchingUpAfterRestore?: boolean;
  /**
   * The same hold, for another cause: after a stop without closing the desk found its write-ahead log gone with its
   * latest records (electron/desk/data-folder-claim.ts), and fetches back what it had sent.
   */
  catchUpAfterLostLog?: true;
  /**
   * The server refused this desk's records as numbered already by another PC working as this desk
   * (electron/desk/identity/identity-in-use-elsewhere.ts): it records and sends nothing more, for good.
   */
  identityInUseElsewhere?: boolean;
  lastAttemptAt?: string | null;
  /** `lastAttemptAt` is the server's time (this PC's stamp corrected by the measured skew), not this PC's clock's. */
  lastAttemptOnServerTime?: boolean;
}
