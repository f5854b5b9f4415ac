/**
 * What the account forms share. Before sending they check only that a new password was typed the same twice;
 * everything else (username format, password length, a taken username) is the desk's rule, shown under its field.
 */
import type { AppError, LocalizedText } from '../../../../shared/result';
import { fieldErrorsOf } from '../../components/desk-errors';
import { useTranslation } from '../../i18n';

/** "The two passwords differ", in both languages, as the Field under the repeated password shows it. */
export function useMismatchText(): LocalizedText {
  const { t } = useTranslation();
  return { vi: t('users.passwordMismatch', { lng: 'vi' }), en: t('users.passwordMismatch', { lng: 'en' }) };
}

/**
 * The desk's error split between the form's fields and a banner: an error that names none of `fields` (a
 * forbidden action, the last administrator, a lost connection) goes in the banner, so it is never lost.
 */
export function splitDeskError(error: AppError | null, fields: readonly string[]): { onField: Record<string, LocalizedText>; banner: AppError | null } {
  const all = fieldErrorsOf(error);
  const onField = Object.fromEntries(Object.entries(all).filter(([field]) => fields.includes(field)));
  return { onField, banner: error && Object.keys(onField).length === 0 ? error : null };
}
