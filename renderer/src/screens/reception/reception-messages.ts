/**
 * The reception screen's own messages, in both languages, as the desk's errors come: kept as `{ vi, en }` and put in
 * the clerk's language when shown, so a banner follows the language the clerk picks while it is up.
 */
import type { i18n as I18n } from 'i18next';
import type { AppError, LocalizedText } from '../../../../shared/result';

export type { I18n };

/** The text under `reception.<key>`, in both languages. */
export const inBothLanguages = (i18n: I18n, key: string, values: Record<string, unknown> = {}): LocalizedText => ({
  vi: i18n.t(`reception.${key}`, { lng: 'vi', ...values }),
  en: i18n.t(`reception.${key}`, { lng: 'en', ...values }),
});

/** An error of the screen's own, said as the desk's are. */
export const receptionError = (i18n: I18n, code: string, key: string, values: Record<string, unknown> = {}): AppError => ({
  code,
  message: inBothLanguages(i18n, key, values),
});
