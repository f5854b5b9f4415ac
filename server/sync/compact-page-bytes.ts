/**
 * The compact pull page's events (shared/sync/compact-pull.ts), written straight from the stored events' bytes.
 *
 * The server stores each event as its JSON text (`events.body`). Building a page the plain way read every body into
 * a JavaScript string (decoding the UTF-8 of the Vietnamese text), parsed it, serialised the compact tuples back
 * to text and that to UTF-8 again: most of the server's CPU in a desk's first pull, much of it collecting the
 * garbage. Here a body is read as bytes and held as a one-byte ("latin1") string: one byte per character, so the
 * UTF-8 is never decoded, and V8 searches and slices such strings natively. The envelope's fields are found at the
 * places its fixed key order puts them, and the page is the fields' own JSON bytes in the compact order, turned
 * back into bytes unchanged at the end.
 *
 * The result is the same JSON as `JSON.stringify(encodeCompactEvents(events))` (the same bytes for every body the
 * server writes; tests/server/compact-page-bytes.test.ts). A body not in the expected shape (another key order,
 * another field, a value with an escape) is parsed the plain way, so nothing depends on how an older server wrote
 * its bodies.
 */
import type { StoredWireEvent } from '../../shared/sync/messages';

/**
 * A page of stored events as the storage reads it (ServerStorage.pullStored): one line per event, in delivery
 * order, `deliverySeq serverSeq serverTime body`, separated by newlines (a body, JSON without whitespace, has none),
 * as UTF-8 bytes.
 */
export type StoredLines = Buffer;

/** Text as the one-byte string of its UTF-8 bytes (how this file holds every piece of the page). */
const asBytes = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/** An event's values as JSON, each a one-byte string of its UTF-8 bytes. */
interface EventJson {
  actor: string;
  baseVersion: string;
  deviceId: string;
  deviceSeq: string;
  deviceTime: string;
  dossierId: string;
  hash: string;
  id: string;
  payload: string;
  prevHash: string;
  type: string;
}

/**
 * The fields of a body the server wrote (`stableJson` of the envelope: keys sorted, no whitespace; or the import's
 * canonical text with the hash added last), or null when it is not exactly that shape. A quote in a JSON string is
 * always escaped, so `,"key":` found where the shape puts it is a key of the top level and never text inside a
 * value: the actor object's keys are fixed, and the keys after the payload (prevHash, type, maybe hash) hold no
 * object, so the payload ends at the last `,"prevHash":`.
 */
/** Where the scan of a body has got to (fieldsOf; module state, so the hot loop allocates no closure). */
let scanAt = 0;

/**
 * The value of the key whose `,"key":` is `prefix`, when it comes next at `scanAt`; moves `scanAt` past it. A string
 * is taken with its quotes, and refused if it holds an escape (such a body is parsed the plain way).
 */
function nextValue(s: string, prefix: string, isString: boolean, to: number): string | null {
  if (!s.startsWith(prefix, scanAt)) return null;
  const start = scanAt + prefix.length;
  let end: number;
  if (isString) {
    if (s.charCodeAt(start) !== 0x22) return null;
    end = s.indexOf('"', start + 1) + 1;
    if (end === 0 || end > to) return null;
  } else {
    end = start;
    while (end < to && s.charCodeAt(end) !== 0x2c && s.charCodeAt(end) !== 0x7d) end++;
  }
  const value = s.slice(start, end);
  if (value.length === 0 || value.includes('\\')) return null;
  scanAt = end;
  return value;
}

function fieldsOf(s: string, from: number, to: number): EventJson | null {
  if (!s.startsWith('{"actor":{', from)) return null;
  const actorEnd = s.indexOf('},"baseVersion":', from + 10) + 1;
  if (actorEnd === 0 || actorEnd >= to) return null;
  scanAt = actorEnd;
  const baseVersion = nextValue(s, ',"baseVersion":', false, to);
  const deviceId = nextValue(s, ',"deviceId":', true, to);
  const deviceSeq = nextValue(s, ',"deviceSeq":', false, to);
  const deviceTime = nextValue(s, ',"deviceTime":', true, to);
  const dossierId = nextValue(s, ',"dossierId":', true, to);
  let hash = nextValue(s, ',"hash":', true, to);
  const id = nextValue(s, ',"id":', true, to);
  if (!baseVersion || !deviceId || !deviceSeq || !deviceTime || !dossierId || !id) return null;
  if (!s.startsWith(',"payload":{', scanAt)) return null;
  const payloadStart = scanAt + 11;
  const prevHashAt = s.lastIndexOf(',"prevHash":', to);
  if (prevHashAt <= payloadStart || s.charCodeAt(prevHashAt - 1) !== 0x7d) return null;
  const payload = s.slice(payloadStart, prevHashAt);
  scanAt = prevHashAt;
  let prevHash: string | null = 'null';
  if (s.startsWith(',"prevHash":null', scanAt)) scanAt += 16;
  else prevHash = nextValue(s, ',"prevHash":', true, to);
  const type = nextValue(s, ',"type":', true, to);
  // The import writes the hash last (server/import/prepare-line.ts); the server's own writes, in key order.
  hash ??= nextValue(s, ',"hash":', true, to);
  if (!prevHash || !type || !hash || scanAt !== to - 1 || s.charCodeAt(scanAt) !== 0x7d) return null;
  return {
    actor: s.slice(from + 9, actorEnd),
    baseVersion,
    deviceId,
    deviceSeq,
    deviceTime,
    dossierId,
    hash,
    id,
    payload,
    prevHash,
    type,
  };
}

/** A body in any other shape, read the plain way. */
function parsedFieldsOf(body: string): EventJson {
  const e = JSON.parse(Buffer.from(body, 'latin1').toString('utf8')) as StoredWireEvent;
  const json = (v: unknown) => asBytes(JSON.stringify(v));
  return {
    actor: json({ name: e.actor.name, role: e.actor.role, userId: e.actor.userId }),
    baseVersion: json(e.baseVersion),
    deviceId: json(e.deviceId),
    deviceSeq: json(e.deviceSeq),
    deviceTime: json(e.deviceTime),
    dossierId: json(e.dossierId),
    hash: json(e.hash),
    id: json(e.id),
    payload: json(e.payload),
    prevHash: json(e.prevHash),
    type: json(e.type),
  };
}

/** The events' lines in delivery order: [start of the serverSeq, end of the body] in `text`, by line. */
function linesOf(text: string): number[] {
  const bounds: number[] = [];
  let sorted = true;
  let lastSeq = -Infinity;
  for (let from = 0; from < text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const space = text.indexOf(' ', from);
    if (space < 0 || space >= to) throw new Error('stored page: a line without its delivery sequence');
    const seq = Number(text.slice(from, space));
    if (seq <= lastSeq) sorted = false;
    lastSeq = seq;
    bounds.push(seq, space + 1, to);
    from = to + 1;
  }
  // SQL leaves the order of an aggregate's rows unspecified; the storage reads them in order, but only this holds it.
  if (!sorted) {
    const lines: [number, number, number][] = [];
    for (let i = 0; i < bounds.length; i += 3) lines.push([bounds[i]!, bounds[i + 1]!, bounds[i + 2]!]);
    lines.sort((a, b) => a[0] - b[0]);
    return lines.flatMap(([, start, end]) => [start, end]);
  }
  const out: number[] = [];
  for (let i = 0; i < bounds.length; i += 3) out.push(bounds[i + 1]!, bounds[i + 2]!);
  return out;
}

/** The events' part of a compact page (`{"devices":…,"types":…,"actors":…,"events":[…]}`) as UTF-8 bytes. */
export function encodeCompactPageBytes(stored: StoredLines): Buffer {
  const text = stored.toString('latin1');
  const lines = linesOf(text);
  // Keyed by the values' JSON (one-byte strings): equal JSON, equal value, for the ids, names and types here.
  const devices = new Map<string, number>();
  const types = new Map<string, number>();
  const actors = new Map<string, number>();
  const dossiers = new Map<string, number>();
  const indexOf = (map: Map<string, number>, key: string) => {
    let i = map.get(key);
    if (i === undefined) map.set(key, (i = map.size));
    return i;
  };
  // Per device: where its latest event's hash is in `parts`, with that event's device sequence and hash.
  const lastOfDevice = new Map<string, { hashPart: number; deviceSeq: number; hash: string }>();
  const parts: string[] = [];
  let serverSeq = 0;
  let serverTime: string | null = null;

  for (let l = 0; l < lines.length; l += 2) {
    const lineStart = lines[l]!;
    const lineEnd = lines[l + 1]!;
    const seqEnd = text.indexOf(' ', lineStart);
    const timeEnd = text.indexOf(' ', seqEnd + 1);
    if (seqEnd < 0 || timeEnd < 0 || timeEnd >= lineEnd) throw new Error('stored page: a line without its server fields');
    const rowSeq = Number(text.slice(lineStart, seqEnd));
    const rowTime = text.slice(seqEnd + 1, timeEnd);
    const e = fieldsOf(text, timeEnd + 1, lineEnd) ?? parsedFieldsOf(text.slice(timeEnd + 1, lineEnd));
    const deviceSeq = Number(e.deviceSeq);
    const previous = lastOfDevice.get(e.deviceId);
    const follows = previous !== undefined && previous.deviceSeq + 1 === deviceSeq;
    // As encodeCompactEvents: a hash is hex digits, so equal JSON is an equal hash.
    const chained = follows && e.prevHash !== 'null' && e.prevHash === previous.hash;
    // The previous event's hash is now vouched for by this one's recomputed chain: leave it out.
    if (chained) parts[previous.hashPart] = '0';
    const dossier = dossiers.get(e.dossierId);
    if (dossier === undefined) dossiers.set(e.dossierId, dossiers.size);
    // Each value its own part: joined once at the end, the parts are copied once.
    parts.push(
      parts.length === 0 ? '[' : ',[',
      e.id,
      ',',
      dossier === undefined ? e.dossierId : String(dossier),
      ',',
      String(indexOf(devices, e.deviceId)),
      ',',
      follows ? '0' : e.deviceSeq,
      ',',
      String(indexOf(types, e.type)),
      ',',
      e.payload,
      ',',
      e.baseVersion,
      ',',
      String(indexOf(actors, e.actor)),
      ',',
      e.deviceTime,
      ',',
      String(rowSeq - serverSeq),
      ',',
      rowTime === serverTime ? '0' : JSON.stringify(rowTime),
      ',',
      chained ? '0' : e.prevHash,
      ',',
      e.hash,
      ']',
    );
    lastOfDevice.set(e.deviceId, { hashPart: parts.length - 2, deviceSeq, hash: e.hash });
    serverSeq = rowSeq;
    serverTime = rowTime;
  }
  const reencode = (json: string) => asBytes(JSON.stringify(JSON.parse(Buffer.from(json, 'latin1').toString('utf8'))));
  const list = (map: Map<string, number>) => `[${[...map.keys()].map(reencode).join(',')}]`;
  const actorTuples = [...actors.keys()].map((json) => {
    const a = JSON.parse(Buffer.from(json, 'latin1').toString('utf8')) as StoredWireEvent['actor'];
    return asBytes(JSON.stringify([a.userId, a.name, a.role]));
  });
  const head = `{"devices":${list(devices)},"types":${list(types)},"actors":[${actorTuples.join(',')}],"events":[`;
  parts.push(']}');
  return Buffer.from(head + parts.join(''), 'latin1');
}
