/** Picks the transport once, at start-up: the preload bridge in Electron, else the loopback host over HTTP. */
import { findPreloadBridge, preloadTransport } from './preload';
import { loopbackTransport } from './loopback';
import type { DeskTransport } from './transport';

export type { DeskTransport, DeskEvent, DeskEventListener } from './transport';

export function pickTransport(scope: Window, options: { onSessionEnded?: () => void } = {}): DeskTransport {
  const bridge = findPreloadBridge(scope);
  if (bridge) return preloadTransport(bridge);
  return loopbackTransport({ baseUrl: scope.location.origin, ...options });
}
