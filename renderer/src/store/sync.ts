/** The desk's sync state as the always-visible indicator shows it; fed by sync.status and by desk events. */
import { create } from 'zustand';
import type { DeskEventPayloads } from '../../../shared/api/bridge';
import type { SyncStatusView } from '../../../shared/api/desk-views';

/**
 * What the header and the screens show. The desk's `sync.status` event carries the first part; the rest comes only
 * with a full read of `sync.status` (the slow poll, or a read the event prompts), and an event keeps it as it was.
 */
export type SyncSnapshot = DeskEventPayloads['sync.status'] & Pick<SyncStatusView, 'clockSkewSeconds' | 'clockSkewWarned' | 'catchingUpAfterRestore'>;

interface SyncState {
  snapshot: SyncSnapshot | null;
  /** A full reading of the desk's sync status. */
  set(snapshot: SyncSnapshot): void;
  /** A `sync.status` event: what it does not carry (the clock, a restore's catch-up) stays as last read. */
  update(event: DeskEventPayloads['sync.status']): void;
}

export const useSyncState = create<SyncState>((set) => ({
  snapshot: null,
  set: (snapshot) => set({ snapshot }),
  update: (event) =>
    set(({ snapshot }) => {
      const { clockSkewSeconds, clockSkewWarned, catchingUpAfterRestore } = snapshot ?? {};
      return {
        snapshot: {
          ...event,
          ...(clockSkewSeconds !== undefined ? { clockSkewSeconds } : {}),
          ...(clockSkewWarned !== undefined ? { clockSkewWarned } : {}),
          ...(catchingUpAfterRestore !== undefined ? { catchingUpAfterRestore } : {}),
        },
      };
    }),
}));
