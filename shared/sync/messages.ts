/**
 * Message shapes of the sync protocol, as zod schemas both the desk client and the server validate with.
 * The event envelope here is the *wire* shape: strict enough to refuse a malformed request as a whole, loose
 * enough in the payload that one event with a bad payload is quarantined on its own instead of blocking the
 * device's whole outbox (the server checks each event against the domain schema separately).
 */
import { z } from 'zod';
import { SYNC_LIMITS } from './protocol';
import { publicLookupUrlSchema } from '../api/desk-settings';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex');
const isoInstant = z.string().min(10).max(40);
const uuid = z.uuid();

export const wireActorSchema = z.object({
  userId: z.string().min(1).max(100),
  name: z.string().max(200),
  role: z.enum(['clerk', 'supervisor', 'administrator']),
});

export const wireEventSchema = z.strictObject({
  id: uuid,
  dossierId: uuid,
  deviceId: z.string().min(1).max(100),
  deviceSeq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  type: z.string().min(1).max(64),
  payload: z.record(z.string(), z.unknown()),
  baseVersion: z.number().int().min(0),
  actor: wireActorSchema,
  deviceTime: isoInstant,
  prevHash: sha256Hex.nullable(),
  hash: sha256Hex,
  serverSeq: z.number().int().positive().nullable().optional(),
  serverTime: isoInstant.nullable().optional(),
});
export type WireEvent = z.infer<typeof wireEventSchema>;

/** An event as the server hands it out: always with its server sequence and time. */
export type StoredWireEvent = WireEvent & { serverSeq: number; serverTime: string };

export const localizedTextSchema = z.object({ vi: z.string(), en: z.string() });

// ── errors ─────────────────────────────────────────────────────────────────────────────────────────────
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: localizedTextSchema, details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ── enrolment ──────────────────────────────────────────────────────────────────────────────────────────
export const enrolRequestSchema = z.object({
  /** The one-time code an administrator read out from `motcua server create-desk`. */
  code: z.string().trim().min(6).max(64),
  /** A label for the administrator's device list, e.g. the PC's host name. */
  deviceName: z.string().max(100).optional(),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
  deviceId: z.string(),
  secret: z.string(),
  unitCode: z.string(),
  deskNumber: z.number().int(),
  epoch: z.string(),
  serverTime: isoInstant,
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

// ── push ───────────────────────────────────────────────────────────────────────────────────────────────
export const pushRequestSchema = z.object({
  deviceId: z.string().min(1).max(100),
  /** The server epoch this desk last saw (null before the first sync). */
  epoch: z.string().max(100).nullable(),
  events: z.array(wireEventSchema).max(SYNC_LIMITS.maxPushEvents),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Machine-readable reasons; the localized text travels beside them. */
export const quarantineReasonCodes = [
  'invalid_event',
  'hash_mismatch',
  'chain_broken',
  'out_of_scope',
  'duplicate_dossier_code',
  'sequence_reused',
  'event_id_reused',
] as const;
export type QuarantineReasonCode = (typeof quarantineReasonCodes)[number];

export const retryReasonCodes = ['gap', 'dossier_unknown', 'busy'] as const;
export type RetryReasonCode = (typeof retryReasonCodes)[number];

export const pushOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({
    eventId: z.string(),
    deviceSeq: z.number(),
    outcome: z.literal('accepted'),
    serverSeq: z.number(),
    serverTime: isoInstant,
  }),
  /** Already stored earlier: acknowledged again with the same server sequence, not stored twice. */
  z.object({
    eventId: z.string(),
    deviceSeq: z.number(),
    outcome: z.literal('duplicate'),
    serverSeq: z.number().nullable(),
    serverTime: isoInstant.nullable(),
  }),
  z.object({
    eventId: z.string(),
    deviceSeq: z.number(),
    outcome: z.literal('retry'),
    reason: z.enum(retryReasonCodes),
  }),
  z.object({
    eventId: z.string(),
    deviceSeq: z.number(),
    outcome: z.literal('quarantined'),
    reasonCode: z.enum(quarantineReasonCodes),
    reason: localizedTextSchema,
  }),
]);
export type PushOutcome = z.infer<typeof pushOutcomeSchema>;

export const pushResponseSchema = z.object({
  epoch: z.string(),
  serverTime: isoInstant,
  outcomes: z.array(pushOutcomeSchema),
  /** Present when the batch did not start where the server expected: resend from this device sequence. */
  expectedSeq: z.number().int().positive().optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ── pull ───────────────────────────────────────────────────────────────────────────────────────────────
export const pullRequestSchema = z.object({
  /** The last delivery cursor this desk applied (0 for none). */
  cursor: z.number().int().min(0),
  /** Plain pages are cut to `maxPullLimit`; compact ones may be larger. */
  limit: z.number().int().positive().max(SYNC_LIMITS.maxCompactPullLimit).optional(),
  /** The epoch the cursor belongs to; a different epoch means the cursor is meaningless (the server was restored). */
  epoch: z.string().max(100).nullable(),
  /**
   * Also send the events this device wrote itself. Off by default (the desk has them, and 2G bytes are dear);
   * a desk restored from its own backup turns it on to get back what it wrote after that backup.
   */
  includeOwn: z.boolean().optional(),
  /**
   * 'compact-1' asks for the compact page (shared/sync/compact-pull.ts). A server that does not know the field
   * ignores it and answers the plain page, which the desk still reads.
   */
  format: z.literal('compact-1').optional(),
  /**
   * Also say how many events the feed holds after this page (`remaining`), for the progress a clerk sees. Asked on
   * a pull's first page only: the count reads the feed's index from the cursor on.
   */
  countRemaining: z.boolean().optional(),
  /**
   * The desk reads a compact page's envelope from the PAGE_ENVELOPE_HEADER header when the server puts it there:
   * a page stored compressed once (server/sync/feed-segments.ts) is sent as its stored bytes. A server that does
   * not know the field ignores it.
   */
  envelopeHeader: z.boolean().optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** One of the asking device's own events that the server quarantined, with the server's reason. */
export const ownQuarantinedSchema = z.object({
  event: wireEventSchema,
  reasonCode: z.enum(quarantineReasonCodes),
  reason: localizedTextSchema,
});
export type OwnQuarantined = z.infer<typeof ownQuarantinedSchema>;

/**
 * On the last page of a pull with `includeOwn`: the device's own quarantined events (the newest
 * SYNC_LIMITS.maxOwnQuarantined, oldest first), which no delivery carries. A desk restored from its backup stores
 * those it lacks, so its next event follows the server's record of its chain. Absent from a server that predates it.
 */
export const ownQuarantinedListSchema = z.array(ownQuarantinedSchema).max(SYNC_LIMITS.maxOwnQuarantined).optional();

/**
 * The version of the server's unit registry, moved on by each unit added or renamed: a desk fetches `GET /v1/units`
 * when it differs from the one it holds. Absent from a server that predates it.
 */
export const unitsVersionSchema = z.number().int().min(0).optional();

/**
 * The events the desk's feed holds after this page, when the request asked `countRemaining` and there is more: a
 * first pull of a district over 2G lasts minutes, and "120.000 / 263.860" tells the clerk how long. About, not
 * exactly: the desk's own events in the feed are counted though not sent. Absent from a server that predates it.
 */
export const remainingSchema = z.number().int().min(0).optional();

export const pullResponseSchema = z.object({
  events: z.array(wireEventSchema.extend({ serverSeq: z.number(), serverTime: isoInstant })),
  ownQuarantined: ownQuarantinedListSchema,
  nextCursor: z.number().int().min(0),
  hasMore: z.boolean(),
  epoch: z.string(),
  serverTime: isoInstant,
  catalogVersion: z.number().int().min(0),
  calendarVersion: z.number().int().min(0),
  unitsVersion: unitsVersionSchema,
  remaining: remainingSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ── catalog, calendar, time ────────────────────────────────────────────────────────────────────────────
export const versionedDocumentResponseSchema = z.object({
  kind: z.enum(['catalog', 'calendar']),
  version: z.number().int().min(0),
  /** Absent when the desk already has this version (`?since=` equal to the current one). */
  body: z.unknown().optional(),
  /**
   * With a catalog's body: the procedures earlier versions held that this one leaves out, as the last version holding
   * each had them. Not offered; they name the dossiers still filed under them (server/catalog/known-procedures.ts).
   * Absent from older servers.
   */
  retired: z.array(z.unknown()).optional(),
  updatedAt: isoInstant.nullable(),
});
export type VersionedDocumentResponse = z.infer<typeof versionedDocumentResponseSchema>;

export const serverTimeResponseSchema = z.object({
  serverTime: isoInstant,
  epoch: z.string(),
  protocol: z.number().int(),
  catalogVersion: z.number().int().min(0),
  calendarVersion: z.number().int().min(0),
  unitsVersion: unitsVersionSchema,
});
export type ServerTimeResponse = z.infer<typeof serverTimeResponseSchema>;

const registryUnitSchema = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(300),
  level: z.enum(['province', 'district', 'commune']),
  parentCode: z.string().min(1).max(64).nullable(),
});

/**
 * `GET /v1/units`: the district's unit registry, for the names a desk prints and the units it reports on. Lenient
 * on purpose (the administrator's input was checked on the server): one odd unit (a name longer than a desk takes,
 * from a server that did not cap it) is left out, and must not keep every other name away nor fail the sync round —
 * which would also keep a desk restored from its backup from ever catching up.
 */
export const unitsResponseSchema = z.object({
  units: z
    .array(z.unknown())
    .max(20_000)
    .transform((list) =>
      list.flatMap((unit) => {
        const parsed = registryUnitSchema.safeParse(unit);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  /** The registry's version when it was read (absent from a server that predates it). */
  version: unitsVersionSchema,
  /**
   * The public status-lookup address the district's desks print on receipts, set by the server's administrator;
   * null when none is set. Absent from a server that predates it. One the desk would refuse as its own setting
   * reads as none, as an odd unit is left out, rather than failing the round.
   */
  lookupAddress: z
    .unknown()
    .optional()
    .transform((value) => {
      if (value === undefined) return undefined;
      const parsed = publicLookupUrlSchema.safeParse(value);
      return parsed.success ? parsed.data : null;
    }),
});
export type UnitsResponse = z.infer<typeof unitsResponseSchema>;

// ── blobs ──────────────────────────────────────────────────────────────────────────────────────────────
export const blobCreateRequestSchema = z.object({
  sha256: sha256Hex,
  size: z.number().int().min(0).max(SYNC_LIMITS.maxBlobBytes),
});
export type BlobCreateRequest = z.infer<typeof blobCreateRequestSchema>;

export const blobStatusSchema = z.object({
  sha256: sha256Hex,
  size: z.number().int().min(0),
  /** Bytes the server holds; equal to size when complete. The next chunk starts here. */
  offset: z.number().int().min(0),
  complete: z.boolean(),
});
export type BlobStatus = z.infer<typeof blobStatusSchema>;

/** Headers of the chunked upload (names borrowed from tus so the semantics are familiar). */
export const BLOB_OFFSET_HEADER = 'upload-offset';
export const BLOB_LENGTH_HEADER = 'upload-length';
export const BLOB_CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';
/**
 * A stored scan's entity tag: its hash, strong (the same tag only ever names the same bytes), so a desk holding the
 * first part of a scan may ask for the rest with If-Range across any restart of either side.
 */
export const blobEntityTag = (sha256: string): string => `"${sha256}"`;
