/** Who is logged in at this desk, and what the desk is (unit, desk number): set by login, cleared by logout. */
import { create } from 'zustand';
import type { Role } from '../../../shared/domain/roles';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

interface SessionState {
  user: SessionUser | null;
  setUser(user: SessionUser | null): void;
}

export const useSession = create<SessionState>((set) => ({
  user: null,
  setUser: (user) => set({ user }),
}));
