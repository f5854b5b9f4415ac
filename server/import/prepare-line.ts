/**
 * One line of an import file, from text to everything the writer needs — checked, converted to events, and
 * serialised — except what depends on the line's place in the import device's chain (its sequence numbers, the
 * previous event's hash). This is the costly part of an import and it needs no database, so it runs in worker
 * threads (parse-pool.ts) while the main thread writes the previous batch.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { parseCalendarConfig } from '../../shared/calendar/schema';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { canonicalEventText, stableJson, type DossierEvent } from '../../shared/domain/events';
import { dossierCodeSchema } from '../../shared/domain/dossier-code';
import { validationError } from '../../shared/domain/messages';
import { generatePin } from '../../shared/domain/pin';
import type { Procedure } from '../../shared/domain/procedure';
import type { LocalizedText } from '../../shared/result';
import { reportRowValues, type ReportRow } from '../reports/report-rows';
import { referencedBlobs, transferTarget } from '../sync/scope';
import { importLineSchema } from './import-format';
import { IMPORT_ACTOR, lineToEvents, type ImportContext, type ImportEvent } from './line-to-events';

export interface ImportProblem {
  line: number;
  code: string;
  message: LocalizedText;
  /** The dossier code on the line, when it could be read. */
  dossierCode?: string;
}

/** What a worker needs to build the context: plain data, so it crosses the thread boundary. */
export interface ImportContextData {
  procedures: Procedure[];
  calendar: unknown;
  serverTime: string;
  /** Makes the chain holes of this import (`chainHoles`); the same in every worker. */
  nonce: string;
}

export const newImportNonce = (): string => randomBytes(12).toString('hex');

export interface PrepareContext extends ImportContext {
  holes: ChainHoles;
}

export function importContextOf(data: ImportContextData): PrepareContext {
  const config = data.calendar == null ? null : parseCalendarConfig(data.calendar);
  return {
    procedures: new Map(data.procedures.map((p) => [p.code, p])),
    calendar: new WorkingCalendar(config?.ok ? config.value : {}),
    randomPin: () => generatePin((max) => randomInt(max)),
    serverTime: data.serverTime,
    holes: chainHoles(data.nonce),
  };
}

/**
 * Text with holes for the chain fields, kept as the pieces around them: `[before sequence, before previous hash,
 * after]`. A hole is a JSON string no line can contain (a random nonce per import), so filling the pieces
 * (`fillChain`) gives exactly the text the finished event serialises to.
 */
export type ChainTemplate = string[];

export interface ChainHoles {
  /** The values put in the event before serialising it. */
  seq: string;
  prev: string;
}

export function chainHoles(nonce: string): ChainHoles {
  return { seq: `\u0000seq-${nonce}`, prev: `\u0000prev-${nonce}` };
}

/** Cuts `text` at each hole (given as JSON text), in the order they appear. */
function cut(text: string, holes: readonly string[]): ChainTemplate {
  const pieces: string[] = [];
  let from = 0;
  for (const json of holes) {
    const at = text.indexOf(json, from);
    if (at < 0) throw new Error('chain field missing from the serialised event');
    pieces.push(text.slice(from, at));
    from = at + json.length;
  }
  pieces.push(text.slice(from));
  return pieces;
}

export function fillChain(template: ChainTemplate, seq: number, prevHash: string | null): string {
  return template[0]! + seq + template[1]! + (prevHash === null ? 'null' : `"${prevHash}"`) + template[2]!;
}

/**
 * The stored body of an event from its canonical text: the same JSON object with its hash added as the last key.
 * Readers parse bodies, so key order does not matter; this saves serialising every event a second time.
 */
export const bodyOfCanonical = (canonical: string, hash: string): string => `${canonical.slice(0, -1)},"hash":"${hash}"}`;

/** The fields of an import event before it is chained (`eventOf` in line-to-events.ts). */
const IMPORT_EVENT_KEYS = new Set(['actor', 'baseVersion', 'deviceId', 'deviceTime', 'dossierId', 'id', 'payload', 'type']);
const IMPORT_ACTOR_TEXT = stableJson(IMPORT_ACTOR);

/**
 * `canonicalEventText` of an import event as its chain template, written field by field: the envelope's keys are
 * known, so only the values are serialised (the payload with `stableJson`, the shared actor once per import) and
 * the pieces come out already cut at the holes. Any other shape of event — a field added to `eventOf`, an
 * undefined value — takes the general path: serialise with the holes in, then cut. Both give the same bytes
 * (tests/import checks every imported event's hash against `canonicalEventText`).
 */
export function chainTemplate(e: ImportEvent, holes: ChainHoles): ChainTemplate {
  const keys = Object.keys(e);
  let known = keys.length === IMPORT_EVENT_KEYS.size;
  for (const key of keys) if (!IMPORT_EVENT_KEYS.has(key) || (e as Record<string, unknown>)[key] === undefined) known = false;
  if (known) {
    // In the canonical text's key order: actor, baseVersion, deviceId, deviceSeq, deviceTime, dossierId, id,
    // payload, prevHash, type.
    const actor = e.actor === IMPORT_ACTOR ? IMPORT_ACTOR_TEXT : stableJson(e.actor);
    return [
      `{"actor":${actor},"baseVersion":${stableJson(e.baseVersion)},"deviceId":${stableJson(e.deviceId)},"deviceSeq":`,
      `,"deviceTime":${stableJson(e.deviceTime)},"dossierId":${stableJson(e.dossierId)},"id":${stableJson(e.id)},"payload":${stableJson(e.payload)},"prevHash":`,
      `,"type":${stableJson(e.type)}}`,
    ];
  }
  // The holes go into the event itself (these objects are ours and read only for their payloads afterwards):
  // a spread copy of every event cost more than its serialisation. Sorted keys put deviceSeq before prevHash.
  const chained = e as typeof e & { deviceSeq: string; prevHash: string };
  chained.deviceSeq = holes.seq;
  chained.prevHash = holes.prev;
  // The holes as they appear in the JSON text, in key order (sequence first). Made here, not kept beside the
  // holes: this path serialises a whole event anyway, and the field-by-field path above never needs them.
  return cut(canonicalEventText(chained as never), [JSON.stringify(holes.seq), JSON.stringify(holes.prev)]);
}

export interface PreparedEvent {
  id: string;
  type: string;
  /** `canonicalEventText` of the event, chain fields as holes: its sha256 is the event's hash. */
  canonical: ChainTemplate;
}

export interface PreparedDossier {
  line: number;
  code: string;
  unitCode: string;
  dossierId: string;
  portalRef: string | null;
  events: PreparedEvent[];
  /** Units besides its own the dossier is delivered to (transfers to a unit code). */
  extraUnits: string[];
  /** Scans that are files on the server (not stand-ins for the old archive's). */
  blobRefs: string[];
  /** The report row's values but its feed sequence, and the folded state. */
  reportValues: (string | number | null)[];
  stateJson: string;
  overdueSpans: ReportRow['overdueSpans'];
  /** Index of the last event that changed what the public sees (the feed orders dossiers by it). */
  lastPublicChange: number;
}

export type PreparedLine = { kind: 'dossier'; dossier: PreparedDossier } | { kind: 'problem'; problem: ImportProblem } | { kind: 'blank' };

const problem = (line: number, code: string, message: LocalizedText, dossierCode?: string): PreparedLine => ({
  kind: 'problem',
  problem: { line, code, message, ...(dossierCode ? { dossierCode } : {}) },
});

/** At most this many of a line's problems are named; the rest are counted. */
const ISSUES_NAMED = 6;

/**
 * Every problem of a refused line, each with its field, not only the first: a line with a wrong phone, ID number and
 * address took a technician three fix-and-run rounds to learn so (QA). One per field; the messages name no value.
 */
function everyIssue(error: Parameters<typeof validationError>[0]): LocalizedText {
  const issues = (validationError(error).details as { field: string; message: LocalizedText }[]).filter(
    (issue, i, all) => all.findIndex((other) => other.field === issue.field) === i,
  );
  const named = issues.slice(0, ISSUES_NAMED);
  const more = issues.length - named.length;
  // One sentence: each message's own full stop dropped, one at the end.
  const text = (issue: (typeof named)[number], lang: 'vi' | 'en') => issue.message[lang].replace(/\.$/, '');
  const say = (lang: 'vi' | 'en') =>
    named.map((issue) => (issue.field ? `${issue.field}: ${text(issue, lang)}` : text(issue, lang))).join('; ') +
    (more > 0 ? (lang === 'vi' ? `; và ${more} lỗi khác` : `; and ${more} more`) : '') +
    '.';
  return { vi: say('vi'), en: say('en') };
}

export function prepareLine(raw: string, line: number, ctx: PrepareContext): PreparedLine {
  const text = raw.trim();
  if (text === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return problem(line, 'import_not_json', { vi: 'Dòng không phải JSON hợp lệ.', en: 'The line is not valid JSON.' });
  }
  const parsed = importLineSchema.safeParse(value);
  // A refused line is named by its dossier code only when that is one: a file whose columns slipped carries an ID
  // number or a phone in "code", and the refusals are printed on the operator's screen and kept in scripts' logs.
  const codeField = (value as { code?: unknown } | null)?.code;
  const codeOnLine = typeof codeField === 'string' && dossierCodeSchema.safeParse(codeField).success ? codeField : undefined;
  if (!parsed.success) return problem(line, 'import_invalid', everyIssue(parsed.error), codeOnLine);
  const converted = lineToEvents(parsed.data, ctx);
  if (!converted.ok) return problem(line, converted.error.code, converted.error.message, parsed.data.code);
  const d = converted.value;
  const events = d.events.map((e): PreparedEvent => ({ id: e.id, type: e.type, canonical: chainTemplate(e, ctx.holes) }));
  const asEvents = d.events as unknown as DossierEvent[];
  const row = reportRowValues(d.state, 0);
  return {
    kind: 'dossier',
    dossier: {
      line,
      code: d.code,
      unitCode: d.unitCode,
      dossierId: d.dossierId,
      portalRef: d.portalRef,
      events,
      extraUnits: asEvents.map(transferTarget).filter((u): u is string => u !== null),
      blobRefs: asEvents.flatMap(referencedBlobs).filter((sha) => !d.archivedScanRefs.has(sha)),
      reportValues: row.values.slice(0, -1) as (string | number | null)[],
      stateJson: row.state,
      overdueSpans: row.overdueSpans,
      lastPublicChange: d.lastPublicChange,
    },
  };
}
