/**
 * Dossier events: the immutable records that are the source of truth on every desk and on the server
 * (DESIGN.md §4–5). The envelope is the same for every event; the payload depends on `type`.
 * Due instants are computed by the calendar engine when an event is made and stored in it, so a later calendar
 * change never moves an appointment already printed on a receipt.
 */
import { z } from 'zod';
import { actorSchema } from './users';
import { applicantSchema, channelSchema, dossierComponentSchema, dossierStatusSchema } from './dossier';
import { deskNumberSchema, unitCodeSchema } from './units';
import { procedureCodeSchema } from './procedure';
import { sha256Schema, vnInstantSchema } from './time';
import { dossierCodeSchema } from './dossier-code';
import { pinSchema } from './pin';
import { msg } from './messages';
import { normaliseNfc } from '../text/fold';

const text = z.string().trim().min(1, msg('required')).transform(normaliseNfc);

export const submittedOnlinePayloadSchema = z.object({
  unitCode: unitCodeSchema,
  procedureCode: procedureCodeSchema,
  channel: z.literal('online'),
  applicant: applicantSchema,
  components: z.array(dossierComponentSchema),
  /** The national portal's own reference for the submission. */
  portalRef: z.string().trim().min(1, msg('required')),
  submittedAt: vnInstantSchema,
});

export const receivedPayloadSchema = z.object({
  code: dossierCodeSchema,
  unitCode: unitCodeSchema,
  deskNumber: deskNumberSchema,
  procedureCode: procedureCodeSchema,
  channel: channelSchema,
  applicant: applicantSchema,
  components: z.array(dossierComponentSchema),
  receivedAt: vnInstantSchema,
  dueAt: vnInstantSchema,
  /** Printed on the receipt; with the code it opens the public status lookup. */
  pin: pinSchema,
});

/** Form 03. From status 1, or at the desk as the creating event, when it carries what the refusal slip needs. */
export const refusedPayloadSchema = z.object({
  reason: text,
  refusedAt: vnInstantSchema.optional(),
  unitCode: unitCodeSchema.optional(),
  deskNumber: deskNumberSchema.optional(),
  procedureCode: procedureCodeSchema.optional(),
  channel: channelSchema.optional(),
  applicant: applicantSchema.optional(),
  components: z.array(dossierComponentSchema).optional(),
  /** What was missing or wrong, one line each, as printed on form 03. */
  missingItems: z.array(text).optional(),
});

export const transferredPayloadSchema = z.object({ toAgency: text, note: text.optional() });
/** Form 05 control slip: one line per hand-over between people or agencies. */
export const handedOverPayloadSchema = z.object({ from: text, to: text, note: text.optional() });
/** Form 02; the deadline stops. */
export const supplementRequestedPayloadSchema = z.object({
  items: z.array(text).min(1, msg('required')),
  reason: text,
});
/**
 * The deadline restarts from zero at `completedAt`, and `dueAt` is the new due instant computed then; after a request made
 * once the dossier was late, nothing restarts and `dueAt` is the legal due kept (lifecycle.ts dueKeptOnLateCompletion;
 * the fold reads it only for a request made in time: pausedLate).
 */
export const supplementReceivedPayloadSchema = z.object({
  completedAt: vnInstantSchema,
  dueAt: vnInstantSchema,
});
/**
 * The deadline pauses. `workingMsLeft`: the office time that was left to the legal due when the clock stopped,
 * measured by the calendar in force then; `appointmentWorkingMsLeft`, only on a dossier whose appointment a
 * re-appointment (form 04) set later, the same to that appointment. The payment carries them over as they were: a
 * day off announced during the pause must not take its time from the dossier (QA), though the clock was stopped.
 * Absent from requests recorded before they were kept (and from an import's), measured at the payment as before.
 */
export const feesRequestedPayloadSchema = z.object({
  amountVnd: z.number().int().positive(msg('amount.positive')),
  reason: text,
  workingMsLeft: z.number().int().nonnegative().optional(),
  appointmentWorkingMsLeft: z.number().int().nonnegative().optional(),
});
/**
 * The working time left when the fees were requested is carried over from `paidAt`: `dueAt` is the new legal due
 * instant. `appointmentAt`, only on a dossier whose appointment a re-appointment (form 04) set later than its legal
 * due: that appointment, carried the same way (absent: the appointment is the legal due, as before form 04).
 */
export const feesPaidPayloadSchema = z.object({
  paidAt: vnInstantSchema,
  dueAt: vnInstantSchema,
  appointmentAt: vnInstantSchema.optional(),
});
export const withdrawnPayloadSchema = z.object({ reason: text });
export const stoppedPayloadSchema = z.object({ reason: text });
export const resolvedPayloadSchema = z.object({
  resolvedAt: vnInstantSchema,
  resultDigitised: z.boolean(),
  resultAttachmentSha256: sha256Schema.optional(),
});
export const returnedPayloadSchema = z.object({ returnedAt: vnInstantSchema, receivedBy: text.optional() });
/** Form 04 apology and re-appointment; at most once per dossier. */
export const reappointedPayloadSchema = z.object({ newDueAt: vnInstantSchema, reason: text });
export const attachmentTargetSchema = z.union([
  z.object({ componentId: z.string().trim().min(1, msg('required')) }).strict(),
  z.object({ result: z.literal(true) }).strict(),
]);
export const attachmentLinkedPayloadSchema = z.object({
  target: attachmentTargetSchema,
  sha256: sha256Schema,
  fileName: text,
  mime: z.string().trim().min(1, msg('required')),
  size: z.number().int().nonnegative(),
});
/** A supervisor's explicit decision on a dossier marked in conflict: the status it stands at, and why. */
export const conflictResolvedPayloadSchema = z.object({ status: dossierStatusSchema, note: text });

export const eventPayloadSchemas = {
  'dossier.submitted_online': submittedOnlinePayloadSchema,
  'dossier.received': receivedPayloadSchema,
  'dossier.refused': refusedPayloadSchema,
  'dossier.transferred': transferredPayloadSchema,
  'dossier.handed_over': handedOverPayloadSchema,
  'dossier.supplement_requested': supplementRequestedPayloadSchema,
  'dossier.supplement_received': supplementReceivedPayloadSchema,
  'dossier.fees_requested': feesRequestedPayloadSchema,
  'dossier.fees_paid': feesPaidPayloadSchema,
  'dossier.withdrawn': withdrawnPayloadSchema,
  'dossier.stopped': stoppedPayloadSchema,
  'dossier.resolved': resolvedPayloadSchema,
  'dossier.returned': returnedPayloadSchema,
  'dossier.reappointed': reappointedPayloadSchema,
  'dossier.attachment_linked': attachmentLinkedPayloadSchema,
  'dossier.conflict_resolved': conflictResolvedPayloadSchema,
} as const;

export type DossierEventType = keyof typeof eventPayloadSchemas;
export const dossierEventTypes = Object.keys(eventPayloadSchemas) as DossierEventType[];
export const dossierEventTypeSchema = z.enum(dossierEventTypes as [DossierEventType, ...DossierEventType[]]);
export type EventPayload<T extends DossierEventType> = z.infer<(typeof eventPayloadSchemas)[T]>;

export type SubmittedOnlinePayload = EventPayload<'dossier.submitted_online'>;
export type ReceivedPayload = EventPayload<'dossier.received'>;
export type RefusedPayload = EventPayload<'dossier.refused'>;
export type TransferredPayload = EventPayload<'dossier.transferred'>;
export type HandedOverPayload = EventPayload<'dossier.handed_over'>;
export type SupplementRequestedPayload = EventPayload<'dossier.supplement_requested'>;
export type SupplementReceivedPayload = EventPayload<'dossier.supplement_received'>;
export type FeesRequestedPayload = EventPayload<'dossier.fees_requested'>;
export type FeesPaidPayload = EventPayload<'dossier.fees_paid'>;
export type WithdrawnPayload = EventPayload<'dossier.withdrawn'>;
export type StoppedPayload = EventPayload<'dossier.stopped'>;
export type ResolvedPayload = EventPayload<'dossier.resolved'>;
export type ReturnedPayload = EventPayload<'dossier.returned'>;
export type ReappointedPayload = EventPayload<'dossier.reappointed'>;
export type AttachmentLinkedPayload = EventPayload<'dossier.attachment_linked'>;
export type ConflictResolvedPayload = EventPayload<'dossier.conflict_resolved'>;

/** Envelope fields shared by every event type. */
export const eventEnvelopeShape = {
  /** UUID v7, so ids sort by creation time. */
  id: z.uuidv7(),
  /** Made by the device that creates the dossier. */
  dossierId: z.uuid(),
  deviceId: z.string().trim().min(1, msg('required')),
  /** Per device, gap-free, from 1. */
  deviceSeq: z.number().int().positive(),
  /** The dossier version the actor acted on: 0 for the creating event. */
  baseVersion: z.number().int().nonnegative(),
  actor: actorSchema,
  deviceTime: vnInstantSchema,
  /** Hash of the same device's previous event; null for its first. */
  prevHash: sha256Schema.nullable(),
  /** sha256 (hex) of `canonicalEventText(event)`, computed with node:crypto by the desk and the server. */
  hash: sha256Schema,
  /** Set by the server when it accepts the event; absent or null until then. */
  serverSeq: z.number().int().positive().nullable().optional(),
  serverTime: vnInstantSchema.nullable().optional(),
};

const eventOf = <T extends DossierEventType>(type: T) =>
  z.object({ ...eventEnvelopeShape, type: z.literal(type), payload: eventPayloadSchemas[type] });

export const dossierEventSchema = z.discriminatedUnion('type', [
  eventOf('dossier.submitted_online'),
  eventOf('dossier.received'),
  eventOf('dossier.refused'),
  eventOf('dossier.transferred'),
  eventOf('dossier.handed_over'),
  eventOf('dossier.supplement_requested'),
  eventOf('dossier.supplement_received'),
  eventOf('dossier.fees_requested'),
  eventOf('dossier.fees_paid'),
  eventOf('dossier.withdrawn'),
  eventOf('dossier.stopped'),
  eventOf('dossier.resolved'),
  eventOf('dossier.returned'),
  eventOf('dossier.reappointed'),
  eventOf('dossier.attachment_linked'),
  eventOf('dossier.conflict_resolved'),
]);
export type DossierEvent = z.infer<typeof dossierEventSchema>;
export type DossierEventOf<T extends DossierEventType> = Extract<DossierEvent, { type: T }>;

/** An event before it is hashed: what a desk service fills in, then passes to `canonicalEventText`. */
export type UnhashedDossierEvent = DossierEvent extends infer E
  ? E extends DossierEvent
    ? Omit<E, 'hash' | 'serverSeq' | 'serverTime'>
    : never
  : never;

/** Fields that are not part of what the hash covers: the hash itself and what the server adds later. */
const UNHASHED_FIELDS = new Set(['hash', 'serverSeq', 'serverTime']);

/**
 * Object keys as JSON text: events repeat a few dozen key names, so each is escaped once. Bounded, because
 * payload keys could in principle be anything.
 */
const keyTexts = new Map<string, string>();
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (keyTexts.size < 4096) keyTexts.set(key, text);
  }
  return text;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The object's keys in UTF-16 code-unit order, as `Array#sort` orders strings; an object already in key order
 * (a parsed canonical text, small payloads) skips the sort.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) return keys.sort(byCodeUnits);
  }
  return keys;
}

/**
 * `"key":value` pairs of `object`'s defined fields in sorted key order, `skip` left out, with a leading comma
 * each (the caller drops the first). Plain loops and string appends: every event hash on the desk, the server
 * and in sync goes through here (the import of a district's year serialises ≈200,000 events).
 */
function objectText(object: Record<string, unknown>, skip?: ReadonlySet<string>): string {
  const keys = sortedKeys(object);
  let text = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = object[key];
    if (value === undefined || (skip !== undefined && skip.has(key))) continue;
    text += `,${keyText(key)}:${stableJson(value)}`;
  }
  return text === '' ? '{}' : `{${text.slice(1)}}`;
}

/** JSON with object keys sorted (UTF-16 code-unit order) at every depth, so every replica writes the same bytes. */
export function stableJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') {
    // JSON has no undefined; an absent optional field and a missing one hash the same.
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // As the first version (`map` + `join`) did: a hole, or a value JSON cannot write (a function), leaves an
      // empty slot; both are impossible in parsed events, but the bytes must not change.
      const itemText = item === undefined ? (i in value ? 'null' : '') : ((stableJson(item) as string | undefined) ?? '');
      text += (i === 0 ? '' : ',') + itemText;
    }
    return `${text}]`;
  }
  return objectText(value as Record<string, unknown>);
}

/**
 * The exact text whose sha256 is an event's `hash`: stable-key-order JSON of every envelope field except
 * `hash`, `serverSeq` and `serverTime`. Accepts a hashed or an unhashed event.
 */
export function canonicalEventText(event: UnhashedDossierEvent | DossierEvent): string {
  return objectText(event as unknown as Record<string, unknown>, UNHASHED_FIELDS);
}
