/** The desk's sync state as the always-visible indicator shows it; fed by sync.status and by desk events. */
import { create } from 'zustand';
import type { DeskEventPayloads } from '../../../shared/api/bridge';

export type SyncSnapshot = DeskEventPayloads['sync.status'];

interface SyncState {
  snapshot: SyncSnapshot | null;
  set(snapshot: SyncSnapshot): void;
}

export const useSyncState = create<SyncState>((set) => ({
  snapshot: null,
  set: (snapshot) => set({ snapshot }),
}));
