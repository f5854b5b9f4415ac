/**
 * A pull answer's body read and checked: its JSON, its shape (the compact page or, from a server that predates it,
 * the plain one), and every event's hash. Nothing here touches the desk's database, so it runs in the page worker
 * (sync/page-decoder.ts) while the main thread writes the previous page, and on the main thread where that worker
 * cannot start.
 */
import { z } from 'zod';
import {
  CompactPageError,
  compactPullResponseSchema,
  decodeCompactEvents,
  type DecodedEvent,
} from '../../../shared/sync/compact-pull';
import { pullResponseSchema, type OwnQuarantined, type StoredWireEvent } from '../../../shared/sync/messages';
import type { DossierEvent } from '../../../shared/domain/events';
import { eventHash, sha256Text } from '../events/hash';
import type { DossierRow } from '../projections/dossier-row';

/** A pull answer, its events rebuilt in full and hash-checked. */
export interface PulledPage {
  events: DecodedEvent[];
  ownQuarantined: OwnQuarantined[];
  nextCursor: number;
  hasMore: boolean;
  epoch: string;
  serverTime: string;
  catalogVersion: number;
  calendarVersion: number;
  unitsVersion: number | undefined;
  /** Events after this page, when the first request asked (a server that predates it leaves it out). */
  remaining: number | undefined;
  /** The server spoke the compact format, so it also takes compact page sizes. */
  compact: boolean;
  /**
   * The page's number in the page worker that folded it for its pull (sync/page-folds.ts); its events then come
   * without their payload objects. Undefined for a page no worker folded.
   */
  foldedAs?: number;
  /** The rows the worker hands over after it (page-folds.ts handOverOldest); rejects if the worker went away. */
  handed?: Promise<[string, DossierRow][]>;
}

/**
 * Why a page was not taken. `unreadable`: not JSON, or not the shape of a pull answer (a proxy's page, a body cut
 * short) — the same as no answer. `hash_mismatch`: an event does not match its hash; `detail` names only positions
 * or event ids, never contents.
 */
export class PullPageRefused extends Error {
  constructor(
    readonly kind: 'unreadable' | 'hash_mismatch',
    readonly detail: string,
  ) {
    super(`pull page refused: ${kind}`);
    this.name = 'PullPageRefused';
  }
}

const anyPullResponseSchema = z.union([compactPullResponseSchema, pullResponseSchema]);

/** Reads and checks a pull answer's body (UTF-8 JSON); throws PullPageRefused. */
export function readPullPage(bytes: ArrayBuffer | Uint8Array): PulledPage {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes as ArrayBuffer).toString('utf8'));
  } catch {
    throw new PullPageRefused('unreadable', 'not JSON');
  }
  const parsed = anyPullResponseSchema.safeParse(json);
  if (!parsed.success) throw new PullPageRefused('unreadable', 'not a pull answer');
  const body = parsed.data;
  let events: DecodedEvent[];
  if ('format' in body) {
    try {
      events = decodeCompactEvents(body, sha256Text);
    } catch (e) {
      if (e instanceof CompactPageError) throw new PullPageRefused('hash_mismatch', e.message);
      throw e;
    }
  } else events = checkPlainEvents(body.events);
  return {
    events,
    ownQuarantined: body.ownQuarantined ?? [],
    nextCursor: body.nextCursor,
    hasMore: body.hasMore,
    epoch: body.epoch,
    serverTime: body.serverTime,
    catalogVersion: body.catalogVersion,
    calendarVersion: body.calendarVersion,
    unitsVersion: body.unitsVersion,
    remaining: body.remaining,
    compact: 'format' in body,
  };
}

/** A plain page's events, each checked against its own hash as the desk always did. */
function checkPlainEvents(events: readonly StoredWireEvent[]): DecodedEvent[] {
  return events.map((event) => {
    if (eventHash(event as DossierEvent) !== event.hash) {
      throw new PullPageRefused('hash_mismatch', `event ${event.id} does not match its hash`);
    }
    return { event: event as DecodedEvent['event'], payloadText: JSON.stringify(event.payload) };
  });
}
