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

export const createDeskSchema = z.strictObject({
  unitCode: unitCodeSchema,
  deskNumber: deskNumberSchema,
  name: z.string().trim().min(1).max(100).optional(),
});
export type CreateDeskInput = z.infer<typeof createDeskSchema>;

export const catalogDocumentSchema = z
  .strictObject({ procedures: z.array(procedureSchema).min(1).max(5000) })
  .refine((c) => new Set(c.procedures.map((p) => p.code)).size === c.procedures.length, {
    message: 'duplicate procedure code',
    path: ['procedures'],
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
