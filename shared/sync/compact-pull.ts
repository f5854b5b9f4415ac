/**
 * The compact pull page (`format: 'compact-1'`), written once for the server (encode) and the desk (decode).
 * Same events as the plain page, fewer bytes on a 2G link (docs/decisions.md, "Sync: compact pull pages"):
 * - device ids, event types and actors go into per-page dictionaries; an event names them by index;
 * - a dossier id is written in full at its first event in the page, later events give its index in the page;
 * - device sequence, server sequence and server time are left out when they follow from the previous event;
 * - hashes: an event whose device's previous event is the one just before it in the page carries no prevHash,
 *   and an event whose successor in its device's chain is in the page carries no hash. The desk recomputes
 *   every hash from the content and checks it against the hash at the end of each run of a device's chain, so a
 *   changed event anywhere in the run is refused, as with the plain page.
 * The hash function is injected: shared code imports only zod.
 */
import { z } from 'zod';
import { canonicalEventText, stableJson, type DossierEvent } from '../domain/events';
import { ownQuarantinedListSchema, remainingSchema, unitsVersionSchema, type StoredWireEvent } from './messages';

export const COMPACT_PULL_FORMAT = 'compact-1';

/**
 * Where a server puts a compact page's envelope (everything but the events, as a JSON object) when it sends the
 * events as bytes it stored compressed once (server/sync/feed-segments.ts); only to a desk that asked for it
 * (`envelopeHeader` in the pull request).
 */
export const PAGE_ENVELOPE_HEADER = 'motcua-page-envelope';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/**
 * The envelope from PAGE_ENVELOPE_HEADER and the page's events (`{"devices":…,"events":[…]}`) joined into the one
 * JSON object a compact page is, as a server that sends both in the body writes it. Null when either is not an
 * object's text; what is inside each is checked when the page is read.
 */
export function joinPageEnvelope(envelope: string, events: Uint8Array): Uint8Array | null {
  const head = new TextEncoder().encode(envelope.trim());
  if (head.length < 2 || head[0] !== OPEN_BRACE || head[head.length - 1] !== CLOSE_BRACE) return null;
  if (events.length < 2 || events[0] !== OPEN_BRACE) return null;
  const joined = new Uint8Array(head.length + events.length - 1);
  joined.set(head.subarray(0, head.length - 1));
  joined[head.length - 1] = COMMA;
  joined.set(events.subarray(1), head.length);
  return joined;
}

const isoInstant = z.string().min(10).max(40);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * One event: [id, dossier, device, deviceSeq, type, payload, baseVersion, actor, deviceTime, serverSeqDelta,
 * serverTime, prevHash, hash].
 * dossier: the id (first time in the page) or the index of an id given earlier; device, type, actor: dictionary
 * indexes; deviceSeq 0: one more than this device's previous event in the page; serverSeqDelta: added to the
 * previous event's server sequence (the first adds to 0; negative when a transfer brought older events);
 * serverTime 0: the previous event's; prevHash 0: the hash of this device's previous event in the page; hash 0:
 * not sent, checked through the next event's chain.
 */
export type CompactEvent = [
  id: string,
  dossier: string | number,
  device: number,
  deviceSeq: number,
  type: number,
  payload: Record<string, unknown>,
  baseVersion: number,
  actor: number,
  deviceTime: string,
  serverSeqDelta: number,
  serverTime: string | 0,
  prevHash: string | null | 0,
  hash: string | 0,
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isInstant = (v: unknown): v is string => typeof v === 'string' && v.length >= 10 && v.length <= 40;
const isHash = (v: unknown) => typeof v === 'string' && SHA256.test(v);

/**
 * The event tuple's rules, checked by hand: a page holds thousands of events, and a generic tuple schema copied
 * every event and payload (a large share of the desk's time for a page). It checks; it copies nothing.
 */
export function isCompactEvent(v: unknown): v is CompactEvent {
  if (!Array.isArray(v) || v.length !== 13) return false;
  const [
    id,
    dossier,
    device,
    seq,
    type,
    payload,
    baseVersion,
    actor,
    deviceTime,
    seqDelta,
    serverTime,
    prevHash,
    hash,
  ] = v;
  return (
    typeof id === 'string' &&
    UUID.test(id) &&
    (isCount(dossier) || (typeof dossier === 'string' && UUID.test(dossier))) &&
    isCount(device) &&
    isCount(seq) &&
    isCount(type) &&
    typeof payload === 'object' &&
    payload !== null &&
    !Array.isArray(payload) &&
    isCount(baseVersion) &&
    isCount(actor) &&
    isInstant(deviceTime) &&
    Number.isSafeInteger(seqDelta) &&
    (serverTime === 0 || isInstant(serverTime)) &&
    (prevHash === 0 || prevHash === null || isHash(prevHash)) &&
    (hash === 0 || isHash(hash))
  );
}

export const compactActorSchema = z.tuple([
  z.string().min(1).max(100),
  z.string().max(200),
  z.enum(['clerk', 'supervisor', 'administrator']),
]);

export const compactPullResponseSchema = z.object({
  format: z.literal(COMPACT_PULL_FORMAT),
  devices: z.array(z.string().min(1).max(100)),
  types: z.array(z.string().min(1).max(64)),
  actors: z.array(compactActorSchema),
  // One check over the whole list: a generic array of custom checks cost about 8 ms per 5,000-event page.
  events: z.custom<CompactEvent[]>((v) => Array.isArray(v) && v.every(isCompactEvent), 'compact pull events'),
  ownQuarantined: ownQuarantinedListSchema,
  nextCursor: count,
  hasMore: z.boolean(),
  epoch: z.string(),
  serverTime: isoInstant,
  catalogVersion: count,
  calendarVersion: count,
  unitsVersion: unitsVersionSchema,
  remaining: remainingSchema,
});
export type CompactPullResponse = z.infer<typeof compactPullResponseSchema>;

/** Builds the compact page from events in delivery order. */
export function encodeCompactEvents(
  events: readonly StoredWireEvent[],
): Pick<CompactPullResponse, 'devices' | 'types' | 'actors' | 'events'> {
  const devices = new Map<string, number>();
  const types = new Map<string, number>();
  const actors = new Map<string, number>();
  const actorList: CompactPullResponse['actors'] = [];
  const dossiers = new Map<string, number>();
  const indexOf = (map: Map<string, number>, key: string) => {
    let i = map.get(key);
    if (i === undefined) map.set(key, (i = map.size));
    return i;
  };
  // Per device, the position in `out` of its latest event in the page.
  const lastOfDevice = new Map<string, number>();
  const out: CompactEvent[] = [];
  let serverSeq = 0;
  let serverTime: string | null = null;
  for (const e of events) {
    const actorKey = `${e.actor.userId}\u0000${e.actor.name}\u0000${e.actor.role}`;
    let actor = actors.get(actorKey);
    if (actor === undefined) {
      actor = actorList.length;
      actors.set(actorKey, actor);
      actorList.push([e.actor.userId, e.actor.name, e.actor.role]);
    }
    let dossier: string | number | undefined = dossiers.get(e.dossierId);
    if (dossier === undefined) {
      dossiers.set(e.dossierId, dossiers.size);
      dossier = e.dossierId;
    }
    const before = lastOfDevice.get(e.deviceId);
    const previous = before === undefined ? undefined : events[before];
    const follows = previous !== undefined && previous.deviceSeq + 1 === e.deviceSeq;
    const chained = follows && e.prevHash !== null && e.prevHash === previous.hash;
    // The previous event's hash is now vouched for by this one's recomputed chain: leave it out.
    if (chained) out[before!]![12] = 0;
    lastOfDevice.set(e.deviceId, out.length);
    out.push([
      e.id,
      dossier,
      indexOf(devices, e.deviceId),
      follows ? 0 : e.deviceSeq,
      indexOf(types, e.type),
      e.payload,
      e.baseVersion,
      actor,
      e.deviceTime,
      e.serverSeq - serverSeq,
      e.serverTime === serverTime ? 0 : e.serverTime,
      chained ? 0 : e.prevHash,
      e.hash,
    ]);
    serverSeq = e.serverSeq;
    serverTime = e.serverTime;
  }
  return { devices: [...devices.keys()], types: [...types.keys()], actors: actorList, events: out };
}

/** An event of a decoded page, with the payload text that was hashed (stored as is by the desk). */
export interface DecodedEvent {
  event: DossierEvent & { serverSeq: number; serverTime: string };
  payloadText: string;
}

/** The page does not hold together: an index out of range, or content that does not match its hashes. */
export class CompactPageError extends Error {
  override name = 'CompactPageError';
}

/**
 * `canonicalEventText` assembled from parts: the envelope's keys are fixed and sorted, so only the payload needs
 * the stable-key JSON. `payloadText` is the payload's JSON as the caller has it; when its keys are already in
 * sorted order (the server stores them so) this equals the canonical text, and the hash check tells when not.
 */
function canonicalText(e: Omit<DossierEvent, 'hash'>, actorText: string, payloadText: string): string {
  return (
    `{"actor":${actorText},"baseVersion":${e.baseVersion},"deviceId":${JSON.stringify(e.deviceId)}` +
    `,"deviceSeq":${e.deviceSeq},"deviceTime":${JSON.stringify(e.deviceTime)},"dossierId":${JSON.stringify(e.dossierId)}` +
    `,"id":${JSON.stringify(e.id)},"payload":${payloadText},"prevHash":${e.prevHash === null ? 'null' : JSON.stringify(e.prevHash)}` +
    `,"type":${JSON.stringify(e.type)}}`
  );
}

/**
 * Rebuilds the full events of a compact page and checks every hash. `hash` is sha256 hex of a UTF-8 text.
 * Throws CompactPageError when the page is inconsistent or an event does not match the hashes it is chained to.
 */
export function decodeCompactEvents(
  page: CompactPullResponse,
  hash: (text: string) => string,
): DecodedEvent[] {
  const actorTexts = page.actors.map(([userId, name, role]) => stableJson({ name, role, userId }));
  const dossierIds: string[] = [];
  const out: DecodedEvent[] = [];
  // Per device: position in `out` of its latest event in the page, and where its current run of the chain began.
  const last = new Map<number, number>();
  const runStart = new Map<number, number>();
  let serverSeq = 0;
  let serverTime: string | null = null;

  const fail = (i: number, what: string): never => {
    throw new CompactPageError(`compact page: event ${i} ${what}`);
  };
  /** Recomputes a run of one device's chain with the exact canonical text (payload keys not in sorted order). */
  const recheckRun = (device: number, from: number, to: number): string => {
    let prev: string | null = null;
    let h = '';
    for (let k = from; k <= to; k++) {
      const d = out[k]!;
      if (page.events[k]![2] !== device) continue;
      if (prev !== null) d.event.prevHash = prev;
      const text = canonicalEventText(d.event);
      h = hash(text);
      d.event.hash = h;
      d.payloadText = stableJson(d.event.payload);
      // The object in the text's key order, as a fold of the stored text sees it (a pull folds it in memory).
      d.event.payload = JSON.parse(d.payloadText) as typeof d.event.payload;
      prev = h;
    }
    return h;
  };

  for (let i = 0; i < page.events.length; i++) {
    const [
      id,
      dossier,
      device,
      seq,
      type,
      payload,
      baseVersion,
      actor,
      deviceTime,
      seqDelta,
      sTime,
      prevHash,
      sentHash,
    ] = page.events[i]!;
    let dossierId: string;
    if (typeof dossier === 'string') {
      dossierId = dossier;
      dossierIds.push(dossier);
    } else dossierId = dossierIds[dossier] ?? fail(i, 'names an unknown dossier');
    const deviceId = page.devices[device] ?? fail(i, 'names an unknown device');
    const typeName = page.types[type] ?? fail(i, 'names an unknown type');
    const actorRow = page.actors[actor] ?? fail(i, 'names an unknown actor');
    const before = last.get(device);
    const previous = before === undefined ? undefined : out[before]!.event;
    if ((seq === 0 || prevHash === 0) && previous === undefined)
      fail(i, 'refers to a previous event not in the page');
    const deviceSeq = seq === 0 ? previous!.deviceSeq + 1 : seq;
    if (prevHash === 0 && previous!.deviceSeq + 1 !== deviceSeq)
      fail(i, 'is chained to an event that is not its predecessor');
    // A hash left out is checked only through the next event's chain: that event must continue it.
    if (prevHash !== 0 && before !== undefined && page.events[before]![12] === 0)
      fail(before, 'has no hash and no successor');
    serverSeq += seqDelta;
    if (!Number.isSafeInteger(serverSeq) || serverSeq < 1) fail(i, 'has no valid server sequence');
    if (sTime === 0 && serverTime === null) fail(i, 'repeats a server time not given');
    serverTime = sTime === 0 ? serverTime! : sTime;
    const event = {
      id,
      dossierId,
      deviceId,
      deviceSeq,
      type: typeName,
      payload,
      baseVersion,
      actor: { userId: actorRow[0], name: actorRow[1], role: actorRow[2] },
      deviceTime,
      prevHash: prevHash === 0 ? previous!.hash : prevHash,
      hash: '',
      serverSeq,
      serverTime,
    } as unknown as DecodedEvent['event'];
    const payloadText = JSON.stringify(payload);
    event.hash = hash(canonicalText(event, actorTexts[actor]!, payloadText));
    if (prevHash !== 0) runStart.set(device, i);
    last.set(device, i);
    out.push({ event, payloadText });
    if (sentHash !== 0 && event.hash !== sentHash) {
      // Perhaps only the payload's key order differs from the canonical one: recompute this run exactly.
      if (recheckRun(device, runStart.get(device)!, i) !== sentHash)
        fail(i, 'does not match its hash (changed in transit or on the server)');
    }
  }
  // Every run must end in a hash the server sent; an elided hash with no successor would go unchecked.
  for (const [device, i] of last)
    if (page.events[i]![12] === 0) fail(i, `ends the chain of device ${device} without a hash`);
  return out;
}
