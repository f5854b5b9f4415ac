/**
 * Whether this page has lost its desk: in a browser, the loopback host answered that the page is not its own launch's
 * (the desk program was started again, with a new address and session). Every click would then fail with a
 * transport refusal while the header still said "online" (QA); a banner over the screen says what happened and what
 * to open (components/DeskSessionEnded.tsx).
 */
import { create } from 'zustand';

interface DeskSessionState {
  ended: boolean;
  end(): void;
}

export const useDeskSession = create<DeskSessionState>((set) => ({
  ended: false,
  end: () => set({ ended: true }),
}));
