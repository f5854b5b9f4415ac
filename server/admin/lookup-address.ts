/**
 * The district's public status-lookup address, set once on the server and printed by every desk of the district
 * on its receipts (a desk's own setting overrides it): one place to set it instead of every desk's Settings.
 * Checked as the desk checks its own (an http(s) address with no user name or password in it, as it is printed for
 * anyone to read); the refusal says why in both languages.
 */
import { z } from 'zod';
import { deskSettingsMessages, publicLookupUrlSchema } from '../../shared/api/desk-settings';
import { HttpProblem } from '../http-problem';

/** `PUT /v1/admin/lookup-address`: the address, or null to stop handing one down. */
export const lookupAddressInputSchema = z.strictObject({ address: z.unknown() });

/**
 * The address to keep (trimmed), or null for none; refused with the reason otherwise. Only null clears it: an empty
 * string is refused, as a script sending `{"address": "$URL"}` with the variable unset would otherwise wipe the
 * address every desk of the district prints.
 */
export function checkLookupAddress(value: unknown): string | null {
  if (value === null) return null;
  const parsed = publicLookupUrlSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const key = parsed.error.issues[0]?.message === 'lookup_url.credentials' ? 'lookup_url.credentials' : 'lookup_url.format';
  const text = deskSettingsMessages[key];
  throw new HttpProblem(400, 'invalid_request', `${text.vi} Không có gì được lưu.`, `${text.en} Nothing was stored.`, { field: 'address' });
}
