/**
 * The applicant of a dossier: a person (identified by a 12-digit CCCD, or by a passport: a foreigner, or a citizen
 * living abroad) or an organisation (by its tax code).
 * ID numbers, phones and addresses are personal data: never log them (DESIGN.md §8).
 */
import { z } from 'zod';
import { msg } from './messages';
import { normalisePhone } from './phone';
import { normaliseNfc } from '../text/fold';

export const CCCD_PATTERN = /^\d{12}$/;
/**
 * A passport's number as on its data page: Latin letters and digits (a Vietnamese one is a letter and 7 digits,
 * others differ by country; ICAO 9303 gives the field 9 characters, longer ones overflow), with at least one digit.
 */
export const PASSPORT_PATTERN = /^(?=[A-Z]*\d)[A-Z\d]{6,12}$/;
/** 10 digits, or 10 digits, a hyphen and a 3-digit branch suffix. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;

export const cccdSchema = z.string().trim().regex(CCCD_PATTERN, msg('cccd.format'));
export const taxCodeSchema = z.string().trim().regex(TAX_CODE_PATTERN, msg('tax_code.format'));
/**
 * A passport's number as stored: upper case, no spaces (what enters is put so first: applicant-text.ts). Checked
 * as the person's `idNumber` when `idKind` says passport.
 */
export const passportSchema = z.string().regex(PASSPORT_PATTERN, msg('passport.format'));

/** Which paper a person's number is from. Absent: the personal identification number (every event before passports). */
export const personIdKinds = ['personal', 'passport'] as const;
export type PersonIdKind = (typeof personIdKinds)[number];

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

/**
 * A person is identified by a CCCD or a passport (`idKind`), an organisation by its tax code; the kind decides which
 * check applies.
 */
export const applicantSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('person'), idKind: z.enum(personIdKinds).optional(), idNumber: z.string().trim().optional(), ...contact })
    // A refinement, not a transform: it is said with the other fields' problems, so a form marks them all at once.
    // `when`: zod skips an object's refinements once any of its fields failed, so an 11-digit number beside a wrong
    // phone was said only after the phone was mended, at a second F2 (QA). It runs on whatever was typed.
    .superRefine(
      (person, ctx) => {
        if (typeof person.idNumber !== 'string') return;
        const checked = (person.idKind === 'passport' ? passportSchema : cccdSchema).safeParse(person.idNumber);
        const issue = checked.error?.issues[0];
        if (issue) ctx.addIssue({ code: 'custom', message: issue.message, path: ['idNumber'], input: person.idNumber });
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  z.object({ kind: z.literal('organisation'), idNumber: taxCodeSchema.optional(), ...contact }),
]);
export type Applicant = z.infer<typeof applicantSchema>;
