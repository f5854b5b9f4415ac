/**
 * Administrative units and desks. Codes are the national agency identifiers (Decision 20/2020/QĐ-TTg form):
 * `LLL.CC.DD.Pnn` read right to left — province/ministry (`H56`), then district-level unit (`06`), then
 * commune-level unit (`01`), then a sub-unit (`000`). A district is `000.00.06.H56`, one of its communes
 * `000.01.06.H56`, the province itself `000.00.00.H56`.
 */
import { z } from 'zod';
import { msg } from './messages';
import { normaliseNfc } from '../text/fold';
import { unprintable } from '../text/printable';

export const UNIT_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const unitCodeSchema = z.string().regex(UNIT_CODE_PATTERN, msg('unit_code.format'));

/**
 * The unit a transfer's `toAgency` hands the dossier to, or null when it names an agency in free text. A unit's code
 * sends the dossier to that unit's desks (the server widens its scope); a name only records where it went. The server
 * and the clerk's screens read it by this one rule, so a screen never names as a unit what the server did not send.
 */
export function transferTargetUnit(toAgency: string): string | null {
  const code = toAgency.trim();
  return UNIT_CODE_PATTERN.test(code) ? code : null;
}

/**
 * An agency as a clerk reads it, on screen and on paper: a transfer's `toAgency` (a dossier's `currentAgency`) names
 * either an agency in free text, kept as it is, or a unit by its code, which alone means nothing to a clerk, so the
 * unit's name goes first: "Huyện Thanh Hà (000.00.06.H56)". A code the registry does not know stays a code.
 */
export function agencyName(agency: string, units: readonly Pick<Unit, 'code' | 'name'>[]): string {
  const code = transferTargetUnit(agency);
  if (code === null) return agency;
  const name = units.find((u) => u.code === code)?.name;
  return name === undefined ? code : `${name} (${code})`;
}

/** The longest unit name a desk takes (shared/sync/messages.ts caps the registry it pulls at the same length): a
 * longer one the server accepted would be refused by every desk. */
export const MAX_UNIT_NAME_LENGTH = 300;

export const unitLevels = ['province', 'district', 'commune'] as const;
export const unitLevelSchema = z.enum(unitLevels);
export type UnitLevel = z.infer<typeof unitLevelSchema>;

/** A level as a Vietnamese sentence names it ("cấp huyện", "xã thuộc …"). */
export const UNIT_LEVEL_VI: Record<UnitLevel, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã' };

export const unitSchema = z
  .object({
    code: unitCodeSchema,
    name: z
      .string()
      .trim()
      .min(1, msg('required'))
      .max(MAX_UNIT_NAME_LENGTH, msg('unit_name.length'))
      // Printed on every receipt, report and export of the unit (QA: "Xã <b>Test</b>" with a bell character reached
      // the desks, the CSV and the PDF title).
      .refine((name) => !unprintable(name), msg('unit_name.characters'))
      .transform(normaliseNfc),
    level: unitLevelSchema,
    parentCode: unitCodeSchema.nullable(),
  })
  .refine((u) => (u.level === 'province') === (u.parentCode === null), {
    ...msg('unit.parent'),
    path: ['parentCode'],
  });
export type Unit = z.infer<typeof unitSchema>;

export const MIN_DESK_NUMBER = 1;
export const MAX_DESK_NUMBER = 9;
export const deskNumberSchema = z
  .number()
  .int(msg('desk_number.range'))
  .min(MIN_DESK_NUMBER, msg('desk_number.range'))
  .max(MAX_DESK_NUMBER, msg('desk_number.range'));

/** A reception desk: one device of one unit, with its number in that unit (which fixes its dossier-code range). */
export const deskSchema = z.object({
  deviceId: z.string().min(1).optional(),
  unitCode: unitCodeSchema,
  deskNumber: deskNumberSchema,
});
export type Desk = z.infer<typeof deskSchema>;
