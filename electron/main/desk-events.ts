/** Desk events (sync status, new scans) to the window, for the preload's `onDeskEvent`, until the window goes. */
import type { WebContents } from 'electron';
import type { DeskEventSource } from '../../shared/api/bridge';
import { DESK_EVENT_CHANNEL } from '../../shared/api/bridge';

export type EventTarget = Pick<WebContents, 'send' | 'isDestroyed' | 'once'>;

export function forwardDeskEvents(source: DeskEventSource, contents: EventTarget): () => void {
  const unsubscribe = source.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(DESK_EVENT_CHANNEL, event);
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
