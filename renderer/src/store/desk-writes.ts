/**
 * How many of the clerk's actions the desk has carried out since the page opened. A screen that shows a record other
 * screens add to (the audit table on Settings, beside the users and backups panels that write to it) reads again
 * when the count moves, instead of showing the trail as it was when the screen opened.
 */
import { create } from 'zustand';

interface DeskWritesState {
  count: number;
  done(): void;
}

export const useDeskWrites = create<DeskWritesState>((set) => ({
  count: 0,
  done: () => set((s) => ({ count: s.count + 1 })),
}));
