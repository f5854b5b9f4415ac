/**
 * The first administrator's form, checked before anything is sent: every field at once, with the desk's own rules
 * (the same schemas `auth.createAdmin` parses), so a clerk who presses "Create account" on an empty form sees each
 * missing field marked, not only the password.
 */
import { displayNameSchema, MIN_PASSWORD_LENGTH, usernameSchema } from '../../../../shared/api/admin-inputs';

export interface AdminForm {
  displayName: string;
  username: string;
  password: string;
  repeat: string;
}

/** i18n keys (with their options) of what is wrong, per field; empty when the form can be sent. */
export type AdminFormProblems = Partial<Record<keyof AdminForm, { key: string; options?: Record<string, unknown> }>>;

export function adminFormProblems(form: AdminForm): AdminFormProblems {
  const problems: AdminFormProblems = {};
  if (form.displayName.trim() === '') problems.displayName = { key: 'firstRun.displayNameMissing' };
  // The name prints on every receipt as the receiving officer: a name's rule (no emoji, markup or control characters).
  else if (!displayNameSchema.safeParse(form.displayName).success) problems.displayName = { key: 'firstRun.displayNameCharacters' };
  if (form.username.trim() === '') problems.username = { key: 'firstRun.usernameMissing' };
  else if (!usernameSchema.safeParse(form.username).success) problems.username = { key: 'firstRun.usernameFormat' };
  if (form.password.length < MIN_PASSWORD_LENGTH) problems.password = { key: 'firstRun.passwordShort', options: { n: MIN_PASSWORD_LENGTH } };
  if (form.repeat !== form.password) problems.repeat = { key: 'firstRun.passwordMismatch' };
  return problems;
}
