import { z } from 'zod';
import { roleSchema } from './roles';
import { unitCodeSchema } from './units';
import { msg } from './messages';
import { normaliseNfc } from '../text/fold';

const personName = z.string().trim().min(1, msg('required')).max(200).transform(normaliseNfc);

/** A local user of a desk or of the server. Password hashes live with the store, not in this shape. */
export const userSchema = z.object({
  id: z.string().min(1, msg('required')),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,40}$/),
  displayName: personName,
  role: roleSchema,
  unitCode: unitCodeSchema,
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

/** The person who made an event, copied into the event so the record stands even if the user is later removed. */
export const actorSchema = z.object({
  userId: z.string().min(1, msg('required')),
  name: personName,
  role: roleSchema,
});
export type Actor = z.infer<typeof actorSchema>;

/**
 * The user id on the events the national public-service portal makes (online submissions, server/routes/portal-routes.ts):
 * a system, not a person holding a role at the desk.
 */
export const PORTAL_USER_ID = 'portal';
export const isPortalActor = (actor: Pick<Actor, 'userId'>): boolean => actor.userId === PORTAL_USER_ID;
