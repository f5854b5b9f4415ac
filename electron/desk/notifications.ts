/** What the desk announces without being asked (a new scan, a sync status change), for the transports to forward. */
import type { DeskEvent, DeskEventListener, DeskEventSource } from '../../shared/api/bridge';

export class DeskNotifications implements DeskEventSource {
  private readonly listeners = new Set<DeskEventListener>();

  subscribe(listener: DeskEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ── Hook for the sync client (electron/desk/sync): a local event was committed, so the outbox grew. ──
  private readonly outboxListeners = new Set<() => void>();

  onOutboxChanged(listener: () => void): () => void {
    this.outboxListeners.add(listener);
    return () => this.outboxListeners.delete(listener);
  }

  outboxChanged(): void {
    for (const listener of this.outboxListeners) {
      try {
        listener();
      } catch {
        // Sync reacts later on its own timer; the clerk's command has already succeeded.
      }
    }
  }

  /**
   * Dossier rows changed without the renderer asking (a sync round's refold, the refold a stopped pull left): the
   * lists on screen read again (renderer/src/components/use-dossiers-changed.ts).
   */
  dossiersChanged(): void {
    this.emit({ type: 'dossiers.changed', data: { source: 'sync' } });
  }

  emit(event: DeskEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken window must not stop the desk or the other listeners.
      }
    }
  }
}
