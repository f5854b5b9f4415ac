/** Request shapes of the administration API, shared by the HTTP routes and the `motcua server` commands. */
import { z } from 'zod';
import {
  deskNumberSchema,
  procedureSchema,
  roleSchema,
  unitCodeSchema,
  unitSchema,
} from '../../shared/domain';

export { unitSchema as adminUnitSchema };

/** The most procedures one catalog may hold: a province's runs to a few thousand. */
export const MAX_CATALOG_PROCEDURES = 5000;

/**
 * `POST /v1/admin/units`: the unit, and `move: true` when an existing unit's level or parent is to change
 * (admin/units.ts `saveUnit`); without it only a new unit or a rename goes through.
 */
export const adminUnitRequestSchema = unitSchema.safeExtend({ move: z.boolean().optional() });

export const createDeskSchema = z.strictObject({
  unitCode: unitCodeSchema,
  deskNumber: deskNumberSchema,
  name: z.string().trim().min(1).max(100).optional(),
});
export type CreateDeskInput = z.infer<typeof createDeskSchema>;

export const catalogDocumentSchema = z
  .strictObject({ procedures: z.array(procedureSchema).min(1).max(MAX_CATALOG_PROCEDURES) })
  // Each repeat named by where it is (`procedures.12.code`): the refusal lists the fields, and 5,000 procedures are
  // not searched by eye for the one typed twice.
  .superRefine((c, ctx) => {
    const first = new Map<string, number>();
    c.procedures.forEach((p, i) => {
      if (first.has(p.code)) ctx.addIssue({ code: 'custom', message: 'duplicate procedure code', path: ['procedures', i, 'code'] });
      else first.set(p.code, i);
    });
  });
export type CatalogDocument = z.infer<typeof catalogDocumentSchema>;

export const createUserSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,40}$/),
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  password: z.string().min(10).max(200),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;
