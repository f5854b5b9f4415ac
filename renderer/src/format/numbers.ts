/** Counts as the clerk reads them: "263.860" in Vietnamese, "263,860" in English. */
export const numberLocale = (language: 'vi' | 'en'): string => (language === 'vi' ? 'vi-VN' : 'en-GB');

export const formatCount = (n: number, language: 'vi' | 'en'): string => n.toLocaleString(numberLocale(language));
