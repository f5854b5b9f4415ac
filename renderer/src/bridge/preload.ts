import type { MotcuaBridge } from '../../../shared/api/bridge';
import type { DeskTransport } from './transport';

/** In Electron the preload has put the typed bridge on `window.motcua`; we only wrap it. */
export function preloadTransport(bridge: MotcuaBridge): DeskTransport {
  return {
    kind: 'electron',
    call: (method, input) => bridge.call(method, input),
    onDeskEvent: (listener) => bridge.onDeskEvent(listener),
  };
}

export function findPreloadBridge(scope: unknown): MotcuaBridge | null {
  const candidate = (scope as { motcua?: Partial<MotcuaBridge> }).motcua;
  return candidate && typeof candidate.call === 'function' && typeof candidate.onDeskEvent === 'function'
    ? (candidate as MotcuaBridge)
    : null;
}
