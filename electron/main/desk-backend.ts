/**
 * What the shell needs of the desk backend: a dispatcher over the typed handler map, its event source, and a way
 * to close it. Kept to this one file so the shell's wiring is testable with any backend, the real one included.
 */
import type { DeskEventSource } from '../../shared/api/bridge';
import type { DeskDispatch } from '../host/dispatch';

export interface DeskBackend {
  dispatch: DeskDispatch;
  events: DeskEventSource;
  close(): void;
}

export type OpenDeskBackend = (options: { dataDir: string; nativeBinding?: string }) => DeskBackend;
