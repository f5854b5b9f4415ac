/**
 * The procedure catalog model (thủ tục hành chính). The catalog itself is data, edited on the server and synced
 * down read-only; shared/catalog holds the seed.
 */
import { z } from 'zod';
import { msg } from './messages';
import { normaliseNfc } from '../text/fold';

/** National procedure codes: `1.001193.000.00.00.H12` (with the issuing agency) or the short `1.001193`. */
export const PROCEDURE_CODE_PATTERN = /^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$/;
export const procedureCodeSchema = z.string().regex(PROCEDURE_CODE_PATTERN, msg('procedure_code.format'));

const text = z.string().trim().min(1, msg('required')).transform(normaliseNfc);

export const processingTimeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('days'), days: z.number().int().positive() }),
  z.object({ kind: z.literal('hours'), hours: z.number().int().positive() }),
  z.object({ kind: z.literal('sameDay') }),
]);
export type ProcessingTime = z.infer<typeof processingTimeSchema>;

/** How a paper must be brought: the original, a certified copy (bản sao chứng thực) or a plain copy. */
export const componentForms = ['original', 'certified_copy', 'copy'] as const;
export const componentFormSchema = z.enum(componentForms);
export type ComponentForm = z.infer<typeof componentFormSchema>;

export const componentFormLabels: Record<ComponentForm, { vi: string; en: string }> = {
  original: { vi: 'Bản chính', en: 'Original' },
  certified_copy: { vi: 'Bản sao có chứng thực', en: 'Certified copy' },
  copy: { vi: 'Bản sao', en: 'Copy' },
};

export const documentComponentSchema = z.object({
  id: z.string().trim().min(1, msg('required')),
  name: text,
  form: componentFormSchema,
  copies: z.number().int().positive(),
  mandatory: z.boolean(),
});
export type DocumentComponent = z.infer<typeof documentComponentSchema>;

export const procedureLevels = ['commune', 'district', 'province'] as const;
export const procedureLevelSchema = z.enum(procedureLevels);
export type ProcedureLevel = z.infer<typeof procedureLevelSchema>;

export const procedureSchema = z
  .object({
    code: procedureCodeSchema,
    name: text,
    /** Lĩnh vực, in Vietnamese as the portal names it: "Hộ tịch", "Chứng thực", "Đất đai", … */
    field: text,
    level: procedureLevelSchema,
    processingTime: processingTimeSchema,
    feeVnd: z.number().int().nonnegative(),
    components: z.array(documentComponentSchema),
    producesResult: z.boolean(),
    /** In the "Friday without waiting" list (Thứ Sáu không chờ), see DESIGN.md §3. */
    fridayNoWait: z.boolean(),
    /** The agency that processes it (cơ quan thực hiện). */
    agency: text,
  })
  .refine((p) => new Set(p.components.map((c) => c.id)).size === p.components.length, {
    ...msg('procedure.components_unique'),
    path: ['components'],
  });
export type Procedure = z.infer<typeof procedureSchema>;
