/**
 * The one way the renderer reaches the desk: a `DeskCall` over the typed API map (shared/api/desk-api.ts), plus the
 * desk's own announcements (sync progress, new scans). Two transports serve it — the Electron preload bridge and
 * the loopback host over HTTP — and the rest of the UI never knows which one it has.
 */
import type { MotcuaBridge } from '../../../shared/api/bridge';

export type { DeskEvent, DeskEventListener } from '../../../shared/api/bridge';

export interface DeskTransport extends MotcuaBridge {
  kind: 'electron' | 'loopback';
}
