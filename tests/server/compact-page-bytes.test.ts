/**
 * The compact page written from the stored bytes (server/sync/compact-page-bytes.ts) against the page the plain
 * encoder writes from the parsed events (shared/sync/compact-pull.ts): the same bytes for every body the server
 * writes, the same JSON for a body in any other shape, and a page a desk reads back to the very events.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalEventText, stableJson, type DossierEvent } from '../../shared/domain/events';
import {
  compactPullResponseSchema,
  COMPACT_PULL_FORMAT,
  decodeCompactEvents,
  encodeCompactEvents,
} from '../../shared/sync/compact-pull';
import type { StoredWireEvent } from '../../shared/sync/messages';
import { encodeCompactPageBytes } from '../../server/sync/compact-page-bytes';
import { bodyOfCanonical } from '../../server/import/prepare-line';
import { sha256 } from './support';

type Body = (event: StoredWireEvent) => string;

/** As the server's push stores an event (sql-storage appendEvent). */
const pushBody: Body = ({ serverSeq: _s, serverTime: _t, ...envelope }) => stableJson(envelope);
/** As the import stores one: the canonical text with the hash added last. */
const importBody: Body = (e) => bodyOfCanonical(canonicalEventText(e as DossierEvent), e.hash);

/**
 * A feed as a district's looks: three devices' chains interleaved, dossiers with several events, server times
 * repeated, a chain broken (a device's event missing from the feed), and a dossier transferred in later (its old
 * events after newer ones).
 */
function feed(
  count: number,
  payloadOf: (i: number) => Record<string, unknown> = (i) => ({ n: i }),
  nameOf: (i: number) => string = (i) => (i % 2 ? 'Trần Thị Lan' : 'Lê Văn Tư'),
): StoredWireEvent[] {
  const devices = [randomUUID(), randomUUID(), randomUUID()];
  const heads = new Map<string, { seq: number; hash: string | null }>(devices.map((d) => [d, { seq: 0, hash: null }]));
  const dossiers = Array.from({ length: Math.ceil(count / 3) }, () => randomUUID());
  const events: StoredWireEvent[] = [];
  for (let i = 0; i < count; i++) {
    const deviceId = devices[i % 3 === 2 && i % 7 === 0 ? 0 : i % 3]!;
    const head = heads.get(deviceId)!;
    // Every eleventh event of a device skips a sequence number (an event not in this unit's feed).
    const deviceSeq = head.seq + (i % 11 === 10 ? 2 : 1);
    const unhashed = {
      id: randomUUID(),
      dossierId: dossiers[Math.floor(i / 3)]!,
      deviceId,
      deviceSeq,
      type: i % 5 === 0 ? 'dossier.received' : 'dossier.transferred',
      payload: payloadOf(i),
      baseVersion: i % 4,
      actor: { userId: `clerk-${i % 2}`, name: nameOf(i), role: 'clerk' as const },
      deviceTime: `2026-03-02T09:${String(i % 60).padStart(2, '0')}:00.000+07:00`,
      prevHash: i % 11 === 10 ? sha256(`missing-${i}`) : head.hash,
    };
    const hash = sha256(canonicalEventText(unhashed as unknown as DossierEvent));
    heads.set(deviceId, { seq: deviceSeq, hash });
    events.push({
      ...unhashed,
      hash,
      serverSeq: i < count - 2 ? i + 1 : i - count + 3 + 1000,
      serverTime: `2026-03-02T10:00:0${Math.floor(i / 4) % 10}.000+07:00`,
    } as StoredWireEvent);
  }
  // The transferred dossier's events: older server sequences, delivered last.
  return [...events.slice(0, -2).map((e, i) => ({ ...e, serverSeq: 3 + i })), ...events.slice(-2).map((e, i) => ({ ...e, serverSeq: 1 + i }))];
}

/** The lines the storage reads (ServerStorage.pullStored), delivery sequences from 100. */
const linesOf = (events: readonly StoredWireEvent[], body: Body, order = events.map((_, i) => i)): Buffer =>
  Buffer.from(order.map((i) => `${100 + i} ${events[i]!.serverSeq} ${events[i]!.serverTime} ${body(events[i]!)}`).join('\n'), 'utf8');

const plainPage = (events: readonly StoredWireEvent[]) => JSON.stringify(encodeCompactEvents(events));

/** The events as a desk reads them back from the page. */
function readBack(bytes: Buffer) {
  const page = compactPullResponseSchema.parse({
    format: COMPACT_PULL_FORMAT,
    ...(JSON.parse(bytes.toString('utf8')) as object),
    ownQuarantined: [],
    nextCursor: 0,
    hasMore: false,
    epoch: 'e',
    serverTime: '2026-03-02T10:00:00.000+07:00',
    catalogVersion: 0,
    calendarVersion: 0,
  });
  return decodeCompactEvents(page, sha256).map((d) => d.event);
}

describe('the compact page written from the stored bytes', () => {
  it('is byte for byte the plain encoder’s page, for bodies the server’s push or its import wrote', () => {
    const events = feed(400);
    for (const body of [pushBody, importBody]) {
      const bytes = encodeCompactPageBytes(linesOf(events, body));
      expect(bytes.toString('utf8')).toBe(plainPage(events));
      expect(readBack(bytes)).toEqual(events);
    }
  });

  it('copies any text in a payload or a name unchanged: Vietnamese, quotes, backslashes, control characters, look-alike keys', () => {
    const tricky = [
      'Nguyễn Thị Ánh — "Út" \\ \n\t\u0000 😀',
      ',"prevHash":null,"type":"x"}',
      '},"baseVersion":9,"deviceId":"x"',
      '"',
      '\\',
    ];
    const events = feed(
      60,
      (i) => ({
        note: tricky[i % tricky.length],
        prevHash: i % 3 ? null : 'not the envelope’s',
        payload: { nested: [tricky[(i + 1) % tricky.length], { prevHash: ',"prevHash":"ab"' }] },
      }),
      // Every fourth actor's name needs escapes.
      (i) => (i % 4 === 0 ? tricky[i % tricky.length]! : 'Trần Thị Lan'),
    );
    for (const body of [pushBody, importBody]) {
      const bytes = encodeCompactPageBytes(linesOf(events, body));
      expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(plainPage(events)));
      expect(readBack(bytes)).toEqual(events);
    }
  });

  it('reads a body in any other shape the plain way: keys in another order, whitespace, escaped ids, extra fields', () => {
    const events = feed(90);
    const shapes: Body[] = [
      // Another key order (reversed).
      ({ serverSeq: _s, serverTime: _t, ...e }) =>
        JSON.stringify(Object.fromEntries(Object.entries(e).reverse())),
      // Whitespace (never a newline: a body is one line of the stored page).
      (e) => pushBody(e).replace(/,"/g, ', "').replace(/":/g, '" : '),
      // An id written with escapes.
      (e) => pushBody(e).replace(`"id":"${e.id}"`, `"id":"${[...e.id].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`),
      // Fields the envelope does not have, first or among its own.
      (e) => pushBody(e).replace('{"actor":', '{"aNote":"x","actor":'),
      (e) => pushBody(e).replace(',"deviceTime":', ',"extra":{"a":[1]},"deviceTime":'),
    ];
    const mixed: Body = (e) => (e.serverSeq % 5 === 0 ? pushBody(e) : shapes[e.serverSeq % shapes.length]!(e));
    for (const body of [...shapes, mixed]) {
      const bytes = encodeCompactPageBytes(linesOf(events, body));
      expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(plainPage(events)));
      expect(readBack(bytes)).toEqual(events);
    }
  });

  it('reads the plain way a body with a field the envelope lacks after the payload, or a device sequence that is not an integer', () => {
    const events = feed(40);
    const odd: Body[] = [
      // An object-valued key sorting between payload and prevHash: it must not be taken for part of the payload.
      (e) => pushBody(e).replace(',"prevHash":', ',"pinned":{"y":[2,"}"]},"prevHash":'),
      (e) => pushBody(e).replace(`"deviceSeq":${e.deviceSeq},`, `"deviceSeq":${e.deviceSeq}.5,`),
      (e) => pushBody(e).replace(`"deviceSeq":${e.deviceSeq},`, `"deviceSeq":"${e.deviceSeq}",`),
    ];
    for (const body of odd) {
      const parsedBack = events.map((e) => ({ ...JSON.parse(body(e)), serverSeq: e.serverSeq, serverTime: e.serverTime }));
      const bytes = encodeCompactPageBytes(linesOf(events, body));
      expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(plainPage(parsedBack)));
    }
  });

  it('keeps one dictionary entry per device when lines out of order spell a device id with escapes', () => {
    const events = feed(30);
    const escaped: Body = (e) =>
      e.serverSeq % 2 ? pushBody(e).replace(`"deviceId":"${e.deviceId}"`, `"deviceId":"\\u00${e.deviceId.charCodeAt(0).toString(16)}${e.deviceId.slice(1)}"`) : pushBody(e);
    const reversed = events.map((_, i) => events.length - 1 - i);
    const bytes = encodeCompactPageBytes(linesOf(events, escaped, reversed));
    expect(bytes.toString('utf8')).toBe(plainPage(events));
  });

  it('gives a payload whose keys look like integers in their stored (hashed) order, which the desk reads back', () => {
    const events = feed(20, (i) => ({ 10: i, 9: 'chín', 2: { 11: 'a', 1: 'b' } }));
    const bytes = encodeCompactPageBytes(linesOf(events, pushBody));
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(plainPage(events)));
    expect(readBack(bytes)).toEqual(events);
  });

  it('names no part of a body that is not JSON in its error', () => {
    const secret = 'Nguyễn Văn An 001203004521';
    expect(() => encodeCompactPageBytes(Buffer.from(`100 1 2026-03-02T10:00:00.000+07:00 {"actor":"${secret}`))).toThrow(
      /^stored page: an event body that is not JSON$/,
    );
  });

  it('puts lines that came out of delivery order back in it', () => {
    const events = feed(30);
    const shuffled = events.map((_, i) => i).sort((a, b) => ((a * 7919) % 31) - ((b * 7919) % 31));
    expect(shuffled).not.toEqual(events.map((_, i) => i));
    const bytes = encodeCompactPageBytes(linesOf(events, pushBody, shuffled));
    expect(bytes.toString('utf8')).toBe(plainPage(events));
  });

  it('writes an empty page, and refuses lines without their server fields', () => {
    expect(JSON.parse(encodeCompactPageBytes(Buffer.alloc(0)).toString('utf8'))).toEqual(encodeCompactEvents([]));
    expect(() => encodeCompactPageBytes(Buffer.from('{"actor":{}}'))).toThrow(/delivery sequence/);
    expect(() => encodeCompactPageBytes(Buffer.from('7 {"actor":{}}'))).toThrow(/server fields/);
  });
});
