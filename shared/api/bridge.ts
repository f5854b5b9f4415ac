/**
 * What the renderer sees of the desk, whichever transport carries it: `window.motcua` in Electron (the preload
 * bridge) and the same shape over the loopback host in a browser. Kept deliberately small: one typed call into the
 * desk API map, and one typed subscription for what the desk announces on its own.
 */
import type { DeskCall, DeskApiMethod } from './desk-api';
import type { ClockCheckView } from './desk-views';

/**
 * Payloads of the events the desk pushes without being asked. The desk backend emits them; the transports forward
 * them unchanged. Add a topic here when the desk starts announcing something new.
 */
export interface DeskEventPayloads {
  /** The sync client's state changed (online/offline, progress, pending count, last success, error). */
  'sync.status': {
    /** `waiting`: the server answered but asked the desk to wait (429, 503); the link is up. */
    state: 'online' | 'offline' | 'syncing' | 'waiting' | 'error';
    /** false: no server to send to yet, so "it will be sent when the link returns" must not be promised. */
    enrolled?: boolean;
    pending: number;
    lastSyncAt: string | null;
    progress?: { done: number; total: number };
    message?: { vi: string; en: string };
    /**
     * The desk finds its PC clock wrong, and how it knows (SyncStatusView.clockCheck); null when it finds it right.
     * Online or offline alike: the header warns on it, the reception screen and a dossier's actions ask before
     * writing on it (renderer/src/store/clock.ts).
     */
    clockCheck?: ClockCheckView | null;
    /** Restored from a backup and not caught up yet: nothing new is recorded until the desk reaches the server. */
    catchingUpAfterRestore?: boolean;
    /** Catching up because the desk's write-ahead log was lost after a stop without closing, not a restore. */
    catchUpAfterLostLog?: true;
    /** Another PC works as this desk: nothing new is recorded or sent, for good (SyncStatusView.identityInUseElsewhere). */
    identityInUseElsewhere?: boolean;
  };
  /**
   * Dossier rows changed without the renderer asking: a sync round pulled dossiers (a colleague's work, an online
   * submission) or the server accepted the desk's own events. Lists on screen read themselves again.
   */
  'dossiers.changed': { source: 'sync' };
  /** A scanner saved a file into the watched scan inbox. */
  'scan.added': { fileName: string; size: number; receivedAt: string };
  /** The working calendar changed (the server sent a new document, or an administrator set the unit's hours or days). */
  'calendar.changed': { source: 'server' | 'local' | 'seed' };
  /** The desk took a new procedure catalog from the server: names, fields and procedures offered changed. */
  'catalog.changed': { source: 'server' };
  /** The desk read a new unit registry from the server: the unit names app.info gives changed. */
  'units.changed': { source: 'server' };
  /** The background integrity check found the database damaged: the desk refuses work until a backup is restored. */
  'store.damaged': { message: { vi: string; en: string }; latestBackup: string | null };
}

export type DeskEventType = keyof DeskEventPayloads;
export type DeskEvent = { [K in DeskEventType]: { type: K; data: DeskEventPayloads[K] } }[DeskEventType];
export type DeskEventListener = (event: DeskEvent) => void;

/** Where a transport gets desk events from: the desk backend offers one of these. */
export interface DeskEventSource {
  subscribe(listener: DeskEventListener): () => void;
}

/** `window.motcua`: the only thing the preload puts into the page. */
export interface MotcuaBridge {
  call: DeskCall;
  /** Returns the function that ends the subscription. */
  onDeskEvent(listener: DeskEventListener): () => void;
}

/** IPC channel names, shared by the preload and the main-process router so neither spells them on its own. */
export const deskCallChannel = (method: DeskApiMethod): string => `motcua:desk:${method}`;
export const DESK_EVENT_CHANNEL = 'motcua:desk-event';
