/**
 * The applicant of a dossier: a person (identified by a 12-digit CCCD) or an organisation (by its tax code).
 * ID numbers, phones and addresses are personal data: never log them (DESIGN.md §8).
 */
import { z } from 'zod';
import { msg } from './messages';
import { normalisePhone } from './phone';
import { normaliseNfc } from '../text/fold';

export const CCCD_PATTERN = /^\d{12}$/;
/** 10 digits, or 10 digits, a hyphen and a 3-digit branch suffix. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;

export const cccdSchema = z.string().trim().regex(CCCD_PATTERN, msg('cccd.format'));
export const taxCodeSchema = z.string().trim().regex(TAX_CODE_PATTERN, msg('tax_code.format'));

export const phoneSchema = z.string().transform((value, ctx) => {
  const phone = normalisePhone(value);
  if (phone === null) {
    ctx.issues.push({ code: 'custom', message: msg('phone.format').error, input: value });
    return z.NEVER;
  }
  return phone;
});

const text = z.string().trim().min(1, msg('required')).transform(normaliseNfc);

export const applicantKinds = ['person', 'organisation'] as const;

const contact = {
  name: text,
  phone: phoneSchema.optional(),
  address: text.optional(),
  email: z.email(msg('email.format')).optional(),
};

/** A person is identified by a CCCD, an organisation by its tax code; the kind decides which check applies. */
export const applicantSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), idNumber: cccdSchema.optional(), ...contact }),
  z.object({ kind: z.literal('organisation'), idNumber: taxCodeSchema.optional(), ...contact }),
]);
export type Applicant = z.infer<typeof applicantSchema>;
