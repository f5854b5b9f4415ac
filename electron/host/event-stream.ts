/**
 * Desk events (sync status, new scans) to every open browser tab as server-sent events. A short replay buffer lets
 * a tab that lost its connection for a moment catch up from `Last-Event-ID` instead of missing a status change.
 */
import type { ServerResponse } from 'node:http';
import type { DeskEvent, DeskEventSource } from '../../shared/api/bridge';

const REPLAY_SIZE = 100;
/** Idle proxies and sleeping laptops drop silent connections; a comment line keeps them open. */
const HEARTBEAT_MS = 15_000;
/** Tells EventSource how long to wait before reconnecting. */
const RETRY_MS = 2_000;

interface Numbered {
  id: number;
  event: DeskEvent;
}

export interface EventStreamHub {
  /** Takes over a response and keeps it open until the client leaves or the hub closes. */
  attach(res: ServerResponse, lastEventId: string | undefined): void;
  openStreams(): number;
  close(): void;
}

const frame = ({ id, event }: Numbered): string =>
  `id: ${id}\nevent: desk\ndata: ${JSON.stringify(event)}\n\n`;

export function createEventStreamHub(
  source: DeskEventSource | undefined,
  extraHeaders: Record<string, string>,
): EventStreamHub {
  const streams = new Set<ServerResponse>();
  const replay: Numbered[] = [];
  let nextId = 1;

  const unsubscribe = source?.subscribe((event) => {
    const numbered = { id: nextId++, event };
    replay.push(numbered);
    if (replay.length > REPLAY_SIZE) replay.shift();
    const text = frame(numbered);
    for (const res of streams) res.write(text);
  });

  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    attach(res, lastEventId) {
      res.writeHead(200, {
        ...extraHeaders,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(`retry: ${RETRY_MS}\n\n`);
      const after = Number(lastEventId);
      if (Number.isInteger(after) && after > 0) {
        for (const n of replay) if (n.id > after) res.write(frame(n));
      }
      streams.add(res);
      res.on('close', () => streams.delete(res));
    },
    openStreams: () => streams.size,
    close() {
      clearInterval(heartbeat);
      unsubscribe?.();
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
