/**
 * The compact pull page (shared/sync/compact-pull.ts): what the server encodes, the desk decodes to the very same
 * events, hashes included, and a page whose content does not match the hashes it is chained to is refused.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CompactPageError,
  compactPullResponseSchema,
  decodeCompactEvents,
  type CompactPullResponse,
} from '../../shared/sync/compact-pull';
import type { StoredWireEvent } from '../../shared/sync/messages';
import { chainedFeed as feed, compactPageBody } from './support/chained-feed';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const page = (events: StoredWireEvent[]): CompactPullResponse =>
  compactPullResponseSchema.parse(JSON.parse(compactPageBody(events)));

describe('compact pull page', () => {
  it('decodes to the same events, hashes and chain links included', () => {
    const events = feed(40);
    const decoded = decodeCompactEvents(page(events), sha256).map((d) => d.event);
    expect(decoded).toEqual(events);
  });

  it('gives each payload object the key order of the text the desk stores (a new desk folds the objects)', () => {
    // The feed's payload keys are not in canonical order, so every run is re-checked with the canonical text.
    for (const d of decodeCompactEvents(page(feed(40)), sha256)) {
      expect(JSON.stringify(d.event.payload)).toBe(d.payloadText);
    }
  });

  it('keeps chains with holes and a server order that goes back (a transfer brings older events)', () => {
    const events = feed(30, { skip: new Set([4, 5, 17]) });
    // A later delivery of older events, as when a dossier is transferred to the unit.
    const reordered = [...events.slice(10), ...events.slice(0, 10)];
    expect(decodeCompactEvents(page(reordered), sha256).map((d) => d.event)).toEqual(reordered);
  });

  it('sends each dossier id, actor and device once, and hashes only where a chain run ends', () => {
    const compact = page(feed(40));
    expect(compact.devices).toHaveLength(2);
    expect(compact.actors).toHaveLength(2);
    expect(compact.events.filter((e) => typeof e[1] === 'string')).toHaveLength(10);
    expect(compact.events.filter((e) => e[12] !== 0)).toHaveLength(2);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(feed(40)).length * 0.6);
  });

  it('refuses a page where an event was changed in the middle of a chain', () => {
    const compact = page(feed(40));
    const payload = compact.events[7]![5] as { note?: string; code?: string };
    payload.code = 'H56-changed';
    expect(() => decodeCompactEvents(compact, sha256)).toThrow(CompactPageError);
  });

  it('refuses a changed hash, a dropped event and a chain run that ends without a hash', () => {
    const changedHash = page(feed(12));
    const last = changedHash.events.findLastIndex((e) => e[12] !== 0);
    changedHash.events[last]![12] = 'f'.repeat(64);
    expect(() => decodeCompactEvents(changedHash, sha256)).toThrow(CompactPageError);

    const dropped = page(feed(12));
    dropped.events.splice(4, 1);
    expect(() => decodeCompactEvents(dropped, sha256)).toThrow(CompactPageError);

    const unchecked = page(feed(12));
    for (const e of unchecked.events) e[12] = 0;
    expect(() => decodeCompactEvents(unchecked, sha256)).toThrow(CompactPageError);
  });

  it('refuses indexes that point nowhere', () => {
    const compact = page(feed(8));
    compact.events[3]![7] = 9;
    expect(() => decodeCompactEvents(compact, sha256)).toThrow(CompactPageError);
  });

  it('refuses malformed event tuples at the schema', () => {
    const good = page(feed(4));
    expect(compactPullResponseSchema.safeParse(good).success).toBe(true);
    const broken: [number, unknown][] = [
      [0, 'not-a-uuid'],
      [2, -1],
      [5, ['payload', 'as', 'array']],
      [8, 20250301],
      [9, 1.5],
      [11, 'abc'],
      [12, null],
    ];
    for (const [field, value] of broken) {
      const copy = structuredClone(good);
      (copy.events[1] as unknown[])[field] = value;
      expect(compactPullResponseSchema.safeParse(copy).success, `field ${field}`).toBe(false);
    }
    const short = structuredClone(good);
    (short.events[0] as unknown[]).pop();
    expect(compactPullResponseSchema.safeParse(short).success).toBe(false);
  });
});
