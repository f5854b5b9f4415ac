/**
 * i18next with the desk's two languages bundled (no network, no lazy loading: the desk must start offline).
 * Vietnamese is the default; the clerk's choice is remembered on this PC.
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import type { LocalizedText } from '../../../shared/result';
import { vi } from './vi';
import { en } from './en';

export type Language = 'vi' | 'en';
export const languages: Language[] = ['vi', 'en'];
const STORAGE_KEY = 'motcua.language';

export function storedLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function initI18n(language: Language = storedLanguage()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { vi: { translation: vi }, en: { translation: en } },
      lng: language,
      fallbackLng: 'vi',
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  } else if (i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
  setDocumentLanguage(language);
  return i18next;
}

function setDocumentLanguage(language: Language) {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // A locked-down profile without storage still switches for this session.
  }
  await i18next.changeLanguage(language);
  setDocumentLanguage(language);
}

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Picks the clerk's language out of a `{ vi, en }` text from the desk (errors, status labels, reasons). */
export function useLocalized(): (text: LocalizedText | null | undefined) => string {
  const language = useLanguage();
  return useCallback((text) => (text ? text[language] : ''), [language]);
}

export { useTranslation };
