/**
 * One line of an import file (docs/import-format.md): a dossier from a district's previous system, with its
 * status history. Checked with the domain's own schemas for the parts events carry (codes, instants), and with the
 * desk's form rules where a clerk's input would have been checked (the applicant, a fee's amount): an imported
 * record is a legal record like one made at the desk. Orderings between fields are checked in line-to-events.ts.
 */
import { z } from 'zod';
import { channelSchema } from '../../shared/domain/dossier';
import { boundedApplicantSchema, requestFeesInputSchema, typedLine } from '../../shared/api/dossier-inputs';
import { componentFormSchema, procedureCodeSchema } from '../../shared/domain/procedure';
import { deskNumberSchema, unitCodeSchema } from '../../shared/domain/units';
import { pinSchema } from '../../shared/domain/pin';
import { sha256Schema, vnInstantSchema } from '../../shared/domain/time';
import { dossierCodeSchema } from '../../shared/domain/dossier-code';
import { normaliseNfc } from '../../shared/text/fold';

// Stored NFC like every text the desks write (shared/text/fold), so search and hashes agree.
const text = z.string().trim().min(1).transform(normaliseNfc);
/** What a clerk typed and a form prints (a reason, who took the result): refused as the desk refuses it. */
const typedText = typedLine();

export const importComponentSchema = z.strictObject({
  id: text.optional(),
  name: text,
  form: componentFormSchema.default('original'),
  copies: z.number().int().nonnegative().default(1),
  present: z.boolean().default(true),
  /** Scanned at receipt. */
  digitised: z.boolean(),
  /** The scan's sha256 in the old system's archive, when it is known. */
  sha256: sha256Schema.optional(),
});

/** Statuses a history entry may move the dossier to (1 and 2 are the receipt itself). */
export const historyStatusSchema = z.literal([2, 3, 4, 5, 6, 7, 8, 9, 10]);

export const historyEntrySchema = z.strictObject({
  status: historyStatusSchema,
  at: vnInstantSchema,
  /** 4 (transfer): the processing agency. */
  agency: text.optional(),
  /** 5: what is missing. */
  items: z.array(text).min(1).optional(),
  /** 3, 5, 6, 7, 8: the reason recorded. */
  reason: typedText.optional(),
  /** 6: the amount requested, within the bounds of the desk's fees form. */
  amountVnd: requestFeesInputSchema.shape.amountVnd.optional(),
  /** Back from 5 or 6: the new legal due instant (computed with the working calendar when absent). */
  dueAt: vnInstantSchema.optional(),
  /** 10: who collected the result. */
  receivedBy: typedText.optional(),
});

export const importLineSchema = z.strictObject({
  code: dossierCodeSchema,
  unitCode: unitCodeSchema.optional(),
  deskNumber: deskNumberSchema.optional(),
  procedureCode: procedureCodeSchema,
  channel: channelSchema,
  /** As the reception form takes it: what a receipt cannot print (emoji, control characters, markup) is refused. */
  applicant: boundedApplicantSchema,
  /** Online dossiers: when the citizen submitted on the portal, and the portal's reference. */
  submittedAt: vnInstantSchema.optional(),
  portalRef: text.optional(),
  receivedAt: vnInstantSchema,
  dueAt: vnInstantSchema,
  pin: pinSchema.optional(),
  components: z.array(importComponentSchema).default([]),
  resultDigitised: z.boolean().default(false),
  history: z.array(historyEntrySchema).default([]),
  reappointment: z.strictObject({ at: vnInstantSchema, newDueAt: vnInstantSchema, reason: typedText }).optional(),
});
export type ImportLine = z.infer<typeof importLineSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
