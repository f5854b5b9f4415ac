/** Inputs of the desk API's non-dossier methods: accounts, identity, scans, backups, settings, audit. */
import { z } from 'zod';
import { roleSchema } from '../domain/roles';
import { deskNumberSchema, unitCodeSchema } from '../domain/units';
import { sha256Schema, vnInstantSchema } from '../domain/time';
import { msg } from '../domain/messages';
import { normaliseNfc } from '../text/fold';
import { unprintable } from '../text/printable';
import { deskSettingsSchema } from './desk-settings';
import { dossierIdSchema } from './dossier-inputs';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, { error: 'username.format' });
/** A user's name prints as the receiving officer on every receipt: a name's rule, not free text's. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, msg('required'))
  .max(200)
  .refine((name) => !unprintable(name), msg('text.characters'))
  .transform(normaliseNfc);
/** Long enough to resist guessing at an unattended desk; the upper bound keeps scrypt's input sane. */
/** The desk's rule for a new password; the first-run form says it before sending. */
export const MIN_PASSWORD_LENGTH = 8;
export const newPasswordSchema = z.string().min(MIN_PASSWORD_LENGTH, { error: 'password.length' }).max(200);
const passwordSchema = z.string().min(1, msg('required')).max(200);

export const loginInputSchema = z.strictObject({ username: usernameSchema, password: passwordSchema });
export const createAdminInputSchema = z.strictObject({ username: usernameSchema, displayName: displayNameSchema, password: newPasswordSchema });
export const createUserInputSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  password: newPasswordSchema,
});
export const updateUserInputSchema = z.strictObject({
  id: z.uuid(),
  displayName: displayNameSchema.optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional(),
});
export const resetPasswordInputSchema = z.strictObject({ id: z.uuid(), password: newPasswordSchema });
export const changePasswordInputSchema = z.strictObject({ currentPassword: passwordSchema, newPassword: newPasswordSchema });
export const setIdentityInputSchema = z.strictObject({ unitCode: unitCodeSchema, deskNumber: deskNumberSchema });

const fileNameSchema = z
  .string()
  .trim()
  .min(1, msg('required'))
  .max(255)
  .refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', { error: 'file_name.format' });

/** 25 MB of bytes is at most this many base64 characters. */
const MAX_BASE64 = Math.ceil((25 * 1024 * 1024) / 3) * 4;

export const importAttachmentInputSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('path'), path: z.string().min(1, msg('required')).max(4096) }),
  z.strictObject({ source: z.literal('inbox'), fileName: fileNameSchema }),
  z.strictObject({
    source: z.literal('data'),
    fileName: fileNameSchema,
    dataBase64: z.string().min(1, msg('required')).max(MAX_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'base64.format' }),
  }),
]);
export const linkAttachmentInputSchema = z.strictObject({
  dossierId: dossierIdSchema,
  sha256: sha256Schema,
  target: z.union([z.strictObject({ componentId: z.string().trim().min(1, msg('required')).max(100) }), z.strictObject({ result: z.literal(true) })]),
  expectedVersion: z.number().int().nonnegative().optional(),
  /** The name the file had when this scan was imported; the same content scanned twice keeps one copy, not one name. */
  fileName: fileNameSchema.optional(),
});
/**
 * A scan to view; `dossierId`, the dossier it is shown in, lets a desk that lacks the file find what its events say
 * of it (name, type, size) without reading every event, before it downloads it from the server.
 */
export const getAttachmentInputSchema = z.strictObject({ sha256: sha256Schema, dossierId: dossierIdSchema.optional() });
/** A scan taken off a paper before its reception is saved: the pages and the name they were picked under. */
export const putBackAttachmentInputSchema = z.strictObject({ sha256: sha256Schema, fileName: fileNameSchema });

/**
 * A backup passphrase. Its rules (required with a folder, at least 10 characters) are the desk's (backup-to-folder.ts),
 * so their refusals say exactly what is wrong; here only its size is bounded.
 */
const backupPassphraseSchema = z.string().max(1024);
export const createBackupInputSchema = z.strictObject({
  /** A folder to write to (a USB stick); absent: the desk's own backups folder. */
  toDir: z.string().min(1, msg('required')).max(4096).optional(),
  /** Encrypts a backup to `toDir`: required there, refused without it. */
  passphrase: backupPassphraseSchema.optional(),
});
export const restoreBackupInputSchema = z.strictObject({
  file: z.string().min(1, msg('required')).max(4096),
  /** For an encrypted backup (known by its header); ignored for a plain one. */
  passphrase: backupPassphraseSchema.optional(),
});

export const setSettingsInputSchema = deskSettingsSchema.partial().strict();

export const auditListInputSchema = z.strictObject({
  from: vnInstantSchema.optional(),
  to: vnInstantSchema.optional(),
  userId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  /** Only what touched this dossier ("who looked at it"), by the code printed on its receipt. */
  dossierCode: z.string().trim().min(1).max(60).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});

export const catalogSearchInputSchema = z.strictObject({
  query: z.string().trim().min(1, msg('required')).max(200),
  limit: z.number().int().min(1).max(100).default(20),
});
