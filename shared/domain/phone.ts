/**
 * Vietnamese phone numbers. Clerks type them every way ("091 234 5678", "+84 912.345.678", "84912345678"); we
 * store one form, the national one with the leading 0, so search and de-duplication see the same digits.
 * Mobile: 10 digits, 03/05/07/08/09. Landline (since the 2017 area-code change): 11 digits starting 02.
 */
const SEPARATORS = /[\s.\-()]/g;
const MOBILE = /^0[35789]\d{8}$/;
const LANDLINE = /^02\d{9}$/;

/** The national form of a phone number, or null when it is not a Vietnamese mobile or landline number. */
export function normalisePhone(input: string): string | null {
  let digits = input.trim().replace(SEPARATORS, '');
  // "+84 (0)912…" is a common way of writing it: the trunk 0 after the country code is dropped.
  if (/^(\+|00)?840/.test(digits)) digits = digits.replace(/^(\+|00)?840/, '+84');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0084')) digits = `0${digits.slice(4)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  return MOBILE.test(digits) || LANDLINE.test(digits) ? digits : null;
}

/** The international form (`+84912345678`) for SMS gateways and the portal. */
export function internationalPhone(nationalForm: string): string {
  return `+84${nationalForm.slice(1)}`;
}
