/** Counts as the clerk reads them: "263.860" in Vietnamese, "263,860" in English. */
export const numberLocale = (language: 'vi' | 'en'): string => (language === 'vi' ? 'vi-VN' : 'en-GB');

export const formatCount = (n: number, language: 'vi' | 'en'): string => n.toLocaleString(numberLocale(language));

/**
 * An amount of đồng as a clerk types it: digits, or digits in groups of three split by dots, commas or spaces
 * ("1.500.000", "1,500,000", "1 500 000"). Null for anything else: "1e9" (Number would read a billion), "50,5" (the
 * đồng has no decimals, and dropping the comma made it 505), a sign, letters.
 */
export function parseDongAmount(text: string): number | null {
  const typed = text.trim();
  if (!/^\d+$/.test(typed) && !/^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$/.test(typed)) return null;
  const amount = Number(typed.replace(/[.,\s]/g, ''));
  return Number.isSafeInteger(amount) ? amount : null;
}
