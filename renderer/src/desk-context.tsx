/** The transport picked at start-up, handed to every screen (component tests hand in their own). */
import { createContext, useContext, type ReactNode } from 'react';
import type { DeskTransport } from './bridge';

const DeskContext = createContext<DeskTransport | null>(null);

export function DeskProvider({ transport, children }: { transport: DeskTransport; children: ReactNode }) {
  return <DeskContext.Provider value={transport}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskTransport {
  const transport = useContext(DeskContext);
  if (!transport) throw new Error('useDesk outside DeskProvider');
  return transport;
}
