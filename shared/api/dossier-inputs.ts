/**
 * Inputs of the dossier methods of the desk API, validated by every transport before the desk sees them.
 * Free text is bounded (a form field, not a file), trimmed and stored in NFC.
 */
import { z } from 'zod';
import { applicantSchema, channelSchema, dossierStatusSchema } from '../domain/dossier';
import { procedureCodeSchema } from '../domain/procedure';
import { sha256Schema, vnDateSchema, vnInstantSchema } from '../domain/time';
import { msg } from '../domain/messages';
import { addressProblem, cleanApplicantInput, nameProblem } from './applicant-text';
import { normaliseNfc } from '../text/fold';
import { hasPictographsOrControls } from '../text/printable';

/** One line of a form: required, at most `max` characters. */
export const line = (max = 500) => z.string().trim().min(1, msg('required')).max(max).transform(normaliseNfc);

/**
 * What the clerk types that prints on a form (a reason, a note, who took the result): no emoji or control characters,
 * which print as empty boxes. Not the papers' and agencies' names, which come from the catalog as published.
 * `motcua import` takes the same rule for the history it records, without a length (an old system's reasons).
 */
export const typedLine = (max = Number.POSITIVE_INFINITY) =>
  z
    .string()
    .trim()
    .min(1, msg('required'))
    .max(max)
    .refine((text) => !hasPictographsOrControls(text), msg('text.symbols'))
    .transform(normaliseNfc);

/** The largest fee a request may ask for: a hundred billion dong, beyond any fee or land-use levy a desk collects. */
export const MAX_FEE_VND = 100_000_000_000;

export const dossierIdSchema = z.uuid();

/** The version of the dossier the clerk was looking at; a newer one means someone else acted meanwhile. */
const expectedVersion = z.number().int().nonnegative().optional();

/**
 * The clerk confirmed writing with the PC's clock set back: it reads earlier than a deed this desk itself recorded on
 * the dossier and has not sent yet (electron/desk/dossiers/clock-order.ts). Without it such a deed is asked about.
 */
const clockConfirmed = z.literal(true).optional();

const target = { dossierId: dossierIdSchema, expectedVersion, clockConfirmed };

/**
 * The domain's applicant with lengths a form can hold: a name that does not fit a receipt line, or an "ID number"
 * of a thousand characters, is a mistake (or an attack), not a citizen.
 */
export const boundedApplicantSchema = z.preprocess(cleanApplicantInput, applicantSchema).superRefine(
  (a, ctx) => {
    const limits: [keyof typeof a, number][] = [['name', 200], ['idNumber', 20], ['address', 500], ['email', 254]];
    for (const [key, max] of limits) {
      const value = a[key];
      if (typeof value === 'string' && value.length > max) {
        ctx.addIssue({ code: 'too_big', maximum: max, origin: 'string', inclusive: true, path: [key], input: value });
      }
    }
    // What may be printed on the receipt (applicant-text.ts); only what enters is checked, not stored events.
    const name = typeof a.name === 'string' ? nameProblem(a.name) : null;
    if (name) ctx.addIssue({ code: 'custom', message: msg(name).error, path: ['name'], input: a.name });
    const address = typeof a.address === 'string' ? addressProblem(a.address) : null;
    if (address) ctx.addIssue({ code: 'custom', message: msg(address).error, path: ['address'], input: a.address });
  },
  // Also beside another field's problem (zod skips it then otherwise): a form marks every field at one F2.
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
);

export const componentCheckSchema = z.strictObject({
  componentId: z.string().trim().min(1, msg('required')).max(100),
  present: z.boolean(),
  /** Defaults to the number the procedure requires. */
  copies: z.number().int().min(0).max(100).optional(),
});

export const receiveInputSchema = z.strictObject({
  /**
   * The reception form's own id, made once per form and sent again with every retry of it: a reception the desk
   * recorded but whose answer was lost (the desk stopped, the link dropped) is answered again, not received twice.
   * Optional, so callers without one still work (each of their calls is a reception of its own).
   */
  requestId: z.uuid().optional(),
  /** To receive a dossier submitted online (status 1) after checking it; absent for one brought to the desk. */
  dossierId: dossierIdSchema.optional(),
  clockConfirmed,
  procedureCode: procedureCodeSchema,
  channel: z.enum(['in_person', 'postal', 'online']).default('in_person'),
  applicant: boundedApplicantSchema,
  components: z.array(componentCheckSchema).max(100),
});

export const refuseInputSchema = z.strictObject({
  /**
   * The reception form's id, as for `receiveInputSchema`: a refusal at the desk whose answer was lost is answered
   * again, not recorded twice (two forms 03 for one citizen). Not used for an online dossier's refusal.
   */
  requestId: z.uuid().optional(),
  /** A dossier submitted online being refused; absent when refusing at the desk (the refusal creates the record). */
  dossierId: dossierIdSchema.optional(),
  expectedVersion,
  clockConfirmed,
  procedureCode: procedureCodeSchema.optional(),
  channel: channelSchema.optional(),
  applicant: boundedApplicantSchema.optional(),
  reason: typedLine(1000),
  missingItems: z.array(line(300)).max(50).optional(),
});

export const transferInputSchema = z.strictObject({ ...target, toAgency: line(300).optional(), note: typedLine(1000).optional() });
export const handOverInputSchema = z.strictObject({ ...target, from: line(300), to: line(300), note: typedLine(1000).optional() });
export const requestSupplementInputSchema = z.strictObject({ ...target, items: z.array(line(300)).min(1, msg('required')).max(50), reason: typedLine(1000) });
export const supplementReceivedInputSchema = z.strictObject({ ...target });
export const requestFeesInputSchema = z.strictObject({
  ...target,
  amountVnd: z.number().int().positive(msg('amount.positive')).max(MAX_FEE_VND),
  reason: typedLine(1000),
});
export const feesPaidInputSchema = z.strictObject({ ...target });
export const reasonInputSchema = z.strictObject({ ...target, reason: typedLine(1000) });
export const resolveInputSchema = z.strictObject({
  ...target,
  resultDigitised: z.boolean(),
  resultAttachmentSha256: sha256Schema.optional(),
});
export const returnResultInputSchema = z.strictObject({ ...target, receivedBy: typedLine(200).optional() });
export const reappointInputSchema = z.strictObject({ ...target, newDueAt: vnInstantSchema, reason: typedLine(1000) });
export const resolveConflictInputSchema = z.strictObject({ ...target, status: dossierStatusSchema, note: typedLine(1000) });

export const dossierSorts = ['received_desc', 'received_asc', 'due_asc', 'due_desc'] as const;
export const dueFilters = ['overdue', 'today', 'soon'] as const;

/** The list's filters; a search takes them too, and keeps only the dossiers they keep. */
const listFilterShape = {
  status: z.array(dossierStatusSchema).min(1).max(10).optional(),
  due: z.enum(dueFilters).optional(),
  procedureCode: procedureCodeSchema.optional(),
  field: line(200).optional(),
  channel: channelSchema.optional(),
  /** Received (or submitted online) on or after this day, Vietnam time. */
  receivedFrom: vnDateSchema.optional(),
  /** … and on or before this day. */
  receivedTo: vnDateSchema.optional(),
  inConflict: z.boolean().optional(),
  /** Dossiers with unsent events ('pending'), events the server refused ('quarantined'), or in conflict. */
  syncState: z.enum(['pending', 'quarantined', 'conflict', 'synced']).optional(),
};

export const listInputSchema = z.strictObject({
  ...listFilterShape,
  sort: z.enum(dossierSorts).default('received_desc'),
  limit: z.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().regex(/^\d{1,9}$/).optional(),
});

export const searchInputSchema = z.strictObject({
  query: z.string().trim().min(1, msg('required')).max(200),
  /** The list's filters, applied by the desk before the limit: the limit counts only the dossiers they keep. */
  ...listFilterShape,
  limit: z.number().int().min(1).max(200).default(50),
});

/**
 * The list filters a search's audit line names, in its order: each by the words the desk writes (English, fixed,
 * never the values chosen) and the inputs that make it, keyed by the label the audit panel shows it with.
 */
export const searchFilterAuditNames = {
  status: { words: 'status', inputs: ['status'] },
  procedure: { words: 'procedure', inputs: ['procedureCode'] },
  field: { words: 'field', inputs: ['field'] },
  channel: { words: 'channel', inputs: ['channel'] },
  receivedDates: { words: 'received dates', inputs: ['receivedFrom', 'receivedTo'] },
  conflict: { words: 'conflict', inputs: ['inConflict'] },
  syncState: { words: 'sync state', inputs: ['syncState'] },
} as const satisfies Record<string, { words: string; inputs: readonly (keyof typeof listFilterShape)[] }>;

export const getDossierInputSchema = z.union([
  z.strictObject({ dossierId: dossierIdSchema }),
  z.strictObject({ code: z.string().trim().min(1, msg('required')).max(40) }),
]);

export type ReceiveInput = z.output<typeof receiveInputSchema>;
export type RefuseInput = z.output<typeof refuseInputSchema>;
export type TransferInput = z.output<typeof transferInputSchema>;
export type HandOverInput = z.output<typeof handOverInputSchema>;
export type RequestSupplementInput = z.output<typeof requestSupplementInputSchema>;
export type SupplementReceivedInput = z.output<typeof supplementReceivedInputSchema>;
export type RequestFeesInput = z.output<typeof requestFeesInputSchema>;
export type FeesPaidInput = z.output<typeof feesPaidInputSchema>;
export type ReasonInput = z.output<typeof reasonInputSchema>;
export type ResolveInput = z.output<typeof resolveInputSchema>;
export type ReturnResultInput = z.output<typeof returnResultInputSchema>;
export type ReappointInput = z.output<typeof reappointInputSchema>;
export type ResolveConflictInput = z.output<typeof resolveConflictInputSchema>;
export type ListInput = z.output<typeof listInputSchema>;
export type SearchInput = z.output<typeof searchInputSchema>;
export type GetDossierInput = z.output<typeof getDossierInputSchema>;

/** Form 06, the tracking logbook: one month of a year (numbered continuously from the year's first dossier). */
export const logbookInputSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12),
});
