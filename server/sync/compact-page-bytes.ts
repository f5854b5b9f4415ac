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
 * The result is the same JSON value as `JSON.stringify(encodeCompactEvents(events))`, and for the bodies the server
 * writes the same bytes too, but for a payload whose keys look like integers: JSON.parse puts those first, the body
 * (and so this page) has them in sorted order; the desk's hash check reads either (tests/server/compact-page-bytes
 * .test.ts). A body not in the expected shape (another key order, another field, a value with an escape) is parsed
 * the plain way, so nothing depends on how an older server wrote its bodies.
 */
import type { StoredWireEvent } from '../../shared/sync/messages';
import type { StoredPage } from '../storage/contract';

/** A page's stored events, a line each, as the storage reads them (StoredPage, ServerStorage.pullStored). */
type StoredLines = StoredPage['lines'];

/** Text as the one-byte string of its UTF-8 bytes (how this file holds every piece of the page). */
const asBytes = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/**
 * Where each field a page needs is in the page's bytes, [start, end) at slots 2f and 2f + 1, as fieldsOf found it
 * (module state: the hot loop allocates nothing for it).
 */
const ID = 0;
const DOSSIER = 1;
const DEVICE = 2;
const SEQ = 3;
const TYPE = 4;
const PAYLOAD = 5;
const BASE_VERSION = 6;
const ACTOR = 7;
const DEVICE_TIME = 8;
const PREV_HASH = 9;
const HASH = 10;
const FIELDS = 11;
const spans = new Int32Array(2 * FIELDS);
let scanAt = 0;
/**
 * The page's first backslash at or after `slashFrom`: one search serves the many values after it (backslashes are
 * rare outside payloads). A value before `slashFrom` (lines put back in delivery order) searches again.
 */
let nextSlash = -1;
let slashFrom = 0;

/**
 * Finds the value of the key whose `,"key":` is `prefix` when it comes next at `scanAt`, notes its span and moves
 * `scanAt` past it. A string is taken with its quotes, and refused if it holds an escape (such a body is parsed the
 * plain way).
 */
function nextValue(s: string, prefix: string, isString: boolean, to: number, field: number): boolean {
  if (!s.startsWith(prefix, scanAt)) return false;
  const start = scanAt + prefix.length;
  let end: number;
  if (isString) {
    if (s.charCodeAt(start) !== 0x22) return false;
    end = s.indexOf('"', start + 1) + 1;
    if (end === 0 || end > to) return false;
    if (nextSlash < start || start < slashFrom) {
      nextSlash = s.indexOf('\\', start);
      if (nextSlash < 0) nextSlash = s.length;
      slashFrom = start;
    }
    if (nextSlash < end) return false;
  } else {
    end = start;
    while (end < to && s.charCodeAt(end) !== 0x2c && s.charCodeAt(end) !== 0x7d) end++;
    if (end === start) return false;
  }
  spans[2 * field] = start;
  spans[2 * field + 1] = end;
  scanAt = end;
  return true;
}

/**
 * Where the JSON object starting at `at` ends (after its closing brace), strings skipped; -1 if it does not. The
 * payload must be exactly one object: a key the envelope does not have, between the payload and prevHash, would
 * otherwise be taken for part of it.
 */
function objectEnd(s: string, at: number): number {
  let depth = 0;
  for (let i = at; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      // A string: to its closing quote, past escaped characters.
      for (i++; i < s.length && s.charCodeAt(i) !== 0x22; i++) if (s.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Finds the fields of a body the server wrote (`stableJson` of the envelope: keys sorted, no whitespace; or the
 * import's canonical text with the hash added last) in `s` between `from` and `to`, into `spans`; false when the
 * body is not exactly that shape. A quote in a JSON string is always escaped, so `,"key":` found where the shape
 * puts it is a key of the top level and never text inside a value: the actor object's keys are fixed, and the
 * keys after the payload (prevHash, type, maybe hash) hold no object, so the payload ends at the last `,"prevHash":`.
 */
function fieldsOf(s: string, from: number, to: number): boolean {
  if (!s.startsWith('{"actor":{', from)) return false;
  const actorEnd = s.indexOf('},"baseVersion":', from + 10) + 1;
  if (actorEnd === 0 || actorEnd >= to) return false;
  spans[2 * ACTOR] = from + 9;
  spans[2 * ACTOR + 1] = actorEnd;
  scanAt = actorEnd;
  if (
    !nextValue(s, ',"baseVersion":', false, to, BASE_VERSION) ||
    !nextValue(s, ',"deviceId":', true, to, DEVICE) ||
    !nextValue(s, ',"deviceSeq":', false, to, SEQ) ||
    !nextValue(s, ',"deviceTime":', true, to, DEVICE_TIME) ||
    !nextValue(s, ',"dossierId":', true, to, DOSSIER)
  )
    return false;
  // The server's own writes have the hash here, in key order; the import writes it last (import/prepare-line.ts).
  const hashFirst = nextValue(s, ',"hash":', true, to, HASH);
  if (!nextValue(s, ',"id":', true, to, ID) || !s.startsWith(',"payload":{', scanAt)) return false;
  const payloadStart = scanAt + 11;
  const prevHashAt = s.lastIndexOf(',"prevHash":', to);
  if (prevHashAt <= payloadStart || objectEnd(s, payloadStart) !== prevHashAt) return false;
  spans[2 * PAYLOAD] = payloadStart;
  spans[2 * PAYLOAD + 1] = prevHashAt;
  scanAt = prevHashAt;
  if (s.startsWith(',"prevHash":null', scanAt)) {
    spans[2 * PREV_HASH] = scanAt + 12;
    spans[2 * PREV_HASH + 1] = scanAt + 16;
    scanAt += 16;
  } else if (!nextValue(s, ',"prevHash":', true, to, PREV_HASH)) return false;
  if (!nextValue(s, ',"type":', true, to, TYPE)) return false;
  if (!hashFirst && !nextValue(s, ',"hash":', true, to, HASH)) return false;
  return scanAt === to - 1 && s.charCodeAt(scanAt) === 0x7d;
}

/**
 * JSON held as a one-byte string of its UTF-8, parsed. Its error names no part of the text: V8's quotes the text,
 * and a body is a citizen's data.
 */
function parsedJson(json: string): unknown {
  try {
    return JSON.parse(Buffer.from(json, 'latin1').toString('utf8'));
  } catch {
    throw new Error('stored page: an event body that is not JSON');
  }
}

/** A body in any other shape, read the plain way: its values' JSON, each as a one-byte string of its UTF-8. */
function parsedFieldsOf(body: string): string[] {
  const e = parsedJson(body) as StoredWireEvent;
  const json = (v: unknown) => asBytes(JSON.stringify(v));
  const values: string[] = [];
  values[ID] = json(e.id);
  values[DOSSIER] = json(e.dossierId);
  values[DEVICE] = json(e.deviceId);
  values[SEQ] = json(e.deviceSeq);
  values[TYPE] = json(e.type);
  values[PAYLOAD] = json(e.payload);
  values[BASE_VERSION] = json(e.baseVersion);
  values[ACTOR] = json({ name: e.actor.name, role: e.actor.role, userId: e.actor.userId });
  values[DEVICE_TIME] = json(e.deviceTime);
  values[PREV_HASH] = json(e.prevHash);
  values[HASH] = json(e.hash);
  return values;
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

/** A server time written as is between quotes: printable ASCII without a quote or a backslash (ISO times are). */
const PLAIN_TIME = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Per event of the page, what the second pass writes: the spans of the values copied from the page's bytes, and
 * the numbers written in their place. A span's start is -1 where a number or 0 is written instead.
 */
const COPIED = [ID, DOSSIER, SEQ, PAYLOAD, BASE_VERSION, DEVICE_TIME, PREV_HASH, HASH] as const;
const SERVER_TIME = FIELDS; // the server time's span, after the body's fields
const PLAN = 2 * (FIELDS + 1);
/** Numbers per event in `numbers`. */
const NUMBERS = 5;

/**
 * The page being written. The encoding is synchronous, so one set of working memory serves every page, and the
 * helpers below are functions of the module, not closures made per page: closures made afresh for each page made
 * V8 throw away and recompile the optimised encoder on every page ("wrong call target"), which in the server
 * cost about 2.5 s of its compiler threads' CPU in a first pull of 52,772 dossiers. Working memory allocated afresh
 * would also add megabytes per page for the collector.
 */
let source: Buffer = Buffer.alloc(0);
let sourceText = '';
let out: Buffer = Buffer.alloc(0);
let pos = 0;
let plan = new Int32Array(0);
let numbers = new Float64Array(0);
/** Values of bodies read the plain way, by event. */
let parsed: (string[] | undefined)[] = [];

/** A value of the event being read, as its JSON (a one-byte string): from its body's spans, or its plain reading. */
function valueOf(values: string[] | undefined, field: number): string {
  return values ? values[field]! : sourceText.slice(spans[2 * field], spans[2 * field + 1]);
}

function indexIn(map: Map<string, number>, key: string): number {
  let i = map.get(key);
  if (i === undefined) map.set(key, (i = map.size));
  return i;
}

function copyBytes(start: number, end: number): void {
  if (end - start > 48) {
    source.copy(out, pos, start, end);
    pos += end - start;
  } else for (let i = start; i < end; i++) out[pos++] = source[i]!;
}

/** One of the numbers this file computes: indexes and sequence deltas, integers. */
function writeNumber(v: number): void {
  if (v >= 0 && v < 10) out[pos++] = 0x30 + v;
  else pos += out.write(String(v), pos, 'latin1');
}

/** A value of event `k`: copied from its body, written from its plain reading, or 0 where it is left out. */
function writeField(k: number, field: number): void {
  const start = plan[PLAN * k + 2 * field]!;
  const values = parsed[k];
  if (start < 0) out[pos++] = 0x30;
  else if (values) pos += out.write(values[field]!, pos, 'latin1');
  else copyBytes(start, plan[PLAN * k + 2 * field + 1]!);
}

/** A dictionary's keys (values' JSON as one-byte strings) as a JSON array, each written as JSON.stringify would. */
function keysJson(map: Map<string, number>): string {
  return `[${[...map.keys()].map((json) => asBytes(JSON.stringify(parsedJson(json)))).join(',')}]`;
}

/** The actors (their objects' JSON) as the page's [userId, name, role] tuples. */
function actorsJson(actors: Map<string, number>): string {
  const tuples = [...actors.keys()].map((json) => {
    const a = parsedJson(json) as StoredWireEvent['actor'];
    return asBytes(JSON.stringify([a.userId, a.name, a.role]));
  });
  return `[${tuples.join(',')}]`;
}

/** The events' part of a compact page (`{"devices":…,"types":…,"actors":…,"events":[…]}`) as UTF-8 bytes. */
export function encodeCompactPageBytes(stored: StoredLines): Buffer {
  try {
    return encodePage(stored);
  } finally {
    // The page's text and bodies are let go of, whatever happened; the result is a copy.
    source = Buffer.alloc(0);
    sourceText = '';
    parsed = [];
  }
}

function encodePage(stored: StoredLines): Buffer {
  source = stored;
  sourceText = stored.toString('latin1');
  const text = sourceText;
  const lines = linesOf(text);
  const count = lines.length / 2;
  nextSlash = -1;
  slashFrom = 0;
  // Keyed by the values' JSON (one-byte strings): equal JSON, equal value, for the ids, names and types here.
  const devices = new Map<string, number>();
  const types = new Map<string, number>();
  const actors = new Map<string, number>();
  const dossiers = new Map<string, number>();
  if (plan.length < PLAN * count) plan = new Int32Array(PLAN * count);
  plan.fill(-1, 0, PLAN * count);
  // Per event: dossier index (-1: its id is written), device, type, actor, server sequence delta.
  if (numbers.length < NUMBERS * count) numbers = new Float64Array(NUMBERS * count);
  parsed = [];
  let parsedBytes = 0;
  // Per device (by its index): its latest event in the page, with that event's device sequence and hash (as JSON).
  const lastOfDevice: { event: number; deviceSeq: number; hash: string }[] = [];
  let serverSeq = 0;
  let serverTime: string | null = null;

  for (let k = 0; k < count; k++) {
    const lineStart = lines[2 * k]!;
    const lineEnd = lines[2 * k + 1]!;
    const seqEnd = text.indexOf(' ', lineStart);
    const timeEnd = text.indexOf(' ', seqEnd + 1);
    if (seqEnd < 0 || timeEnd < 0 || timeEnd >= lineEnd) throw new Error('stored page: a line without its server fields');
    const rowSeq = Number(text.slice(lineStart, seqEnd));
    const rowTime = text.slice(seqEnd + 1, timeEnd);
    const p = PLAN * k;
    let values: string[] | undefined;
    if (fieldsOf(text, timeEnd + 1, lineEnd)) {
      for (const f of COPIED) {
        plan[p + 2 * f] = spans[2 * f]!;
        plan[p + 2 * f + 1] = spans[2 * f + 1]!;
      }
    } else {
      values = parsedFieldsOf(text.slice(timeEnd + 1, lineEnd));
      parsed[k] = values;
      for (const v of values) parsedBytes += v.length;
      // Written from `values`; a span set to -1 below still means the value is left out.
      for (const f of COPIED) plan[p + 2 * f] = 0;
    }
    const device = indexIn(devices, valueOf(values, DEVICE));
    const deviceSeq = Number(valueOf(values, SEQ));
    const prevHash = valueOf(values, PREV_HASH);
    const hash = valueOf(values, HASH);
    const previous = lastOfDevice[device];
    const follows = previous !== undefined && previous.deviceSeq + 1 === deviceSeq;
    // As encodeCompactEvents: a hash is hex digits, so equal JSON is an equal hash.
    const chained = follows && prevHash !== 'null' && prevHash === previous.hash;
    // The previous event's hash is now vouched for by this one's recomputed chain: leave it out (written as 0).
    if (chained) plan[PLAN * previous.event + 2 * HASH] = -1;
    if (chained) plan[p + 2 * PREV_HASH] = -1;
    const dossierId = valueOf(values, DOSSIER);
    const dossier = dossiers.get(dossierId);
    if (dossier === undefined) dossiers.set(dossierId, dossiers.size);
    else plan[p + 2 * DOSSIER] = -1;
    const n = NUMBERS * k;
    numbers[n] = dossier ?? -1;
    numbers[n + 1] = device;
    // Written from its own JSON (as the plain encoder writes the value it parsed), or 0 when it follows.
    if (follows) plan[p + 2 * SEQ] = -1;
    numbers[n + 2] = indexIn(types, valueOf(values, TYPE));
    numbers[n + 3] = indexIn(actors, valueOf(values, ACTOR));
    numbers[n + 4] = rowSeq - serverSeq;
    if (rowTime !== serverTime) {
      if (!PLAIN_TIME.test(rowTime)) throw new Error('stored page: a server time that is not an ISO instant');
      plan[p + 2 * SERVER_TIME] = seqEnd + 1;
      plan[p + 2 * SERVER_TIME + 1] = timeEnd;
    }
    lastOfDevice[device] = { event: k, deviceSeq, hash };
    serverSeq = rowSeq;
    serverTime = rowTime;
  }

  const head = `{"devices":${keysJson(devices)},"types":${keysJson(types)},"actors":${actorsJson(actors)},"events":[`;
  // Second pass: every byte written once. Each event adds at most its line's bytes (the values copied from it)
  // and, per event, brackets, commas and six numbers; an event read the plain way, its values' JSON.
  const bound = head.length + stored.length + 160 * count + parsedBytes + 2;
  if (out.length < bound) out = Buffer.allocUnsafe(bound);
  pos = out.write(head, 0, 'latin1');
  for (let k = 0; k < count; k++) {
    const n = NUMBERS * k;
    if (k > 0) out[pos++] = 0x2c;
    out[pos++] = 0x5b;
    writeField(k, ID);
    out[pos++] = 0x2c;
    if (numbers[n]! < 0) writeField(k, DOSSIER);
    else writeNumber(numbers[n]!);
    out[pos++] = 0x2c;
    writeNumber(numbers[n + 1]!);
    out[pos++] = 0x2c;
    writeField(k, SEQ);
    out[pos++] = 0x2c;
    writeNumber(numbers[n + 2]!);
    out[pos++] = 0x2c;
    writeField(k, PAYLOAD);
    out[pos++] = 0x2c;
    writeField(k, BASE_VERSION);
    out[pos++] = 0x2c;
    writeNumber(numbers[n + 3]!);
    out[pos++] = 0x2c;
    writeField(k, DEVICE_TIME);
    out[pos++] = 0x2c;
    writeNumber(numbers[n + 4]!);
    out[pos++] = 0x2c;
    const timeStart = plan[PLAN * k + 2 * SERVER_TIME]!;
    if (timeStart < 0) out[pos++] = 0x30;
    else {
      out[pos++] = 0x22;
      copyBytes(timeStart, plan[PLAN * k + 2 * SERVER_TIME + 1]!);
      out[pos++] = 0x22;
    }
    out[pos++] = 0x2c;
    writeField(k, PREV_HASH);
    out[pos++] = 0x2c;
    writeField(k, HASH);
    out[pos++] = 0x5d;
  }
  out[pos++] = 0x5d;
  out[pos++] = 0x7d;
  // A copy of exactly the page: the caller may keep it (a page read ahead) while the next one is written here.
  return Buffer.from(out.subarray(0, pos));
}
