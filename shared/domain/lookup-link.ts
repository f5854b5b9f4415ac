/**
 * What the receipt's QR code holds, and how a scan of it is read back. Two readers: the citizen's phone, which
 * opens a web address and nothing else, and the desk's USB scanner at the return counter, which needs the dossier
 * code. With a public lookup address set, the QR holds that address with the code in it (`?ma=CODE`, which the
 * server's /tra-cuu form fills in; the PIN is never in it, so a photo of the QR alone opens nothing); without one,
 * the code alone, and the slip does not invite a phone to scan it.
 */
import { parseDossierCode } from './dossier-code';

/** The query parameter of the lookup page that fills the dossier code (server/public/public-routes.ts). */
export const LOOKUP_CODE_PARAM = 'ma';

/** The text of the receipt's QR code for `code`. */
export function receiptQrText(code: string, lookupUrl: string | null): string {
  if (!lookupUrl) return code;
  let link: URL;
  try {
    link = new URL(lookupUrl);
  } catch {
    // The setting is checked when it is set (desk-settings.ts); a slip still prints, with the code alone.
    return code;
  }
  link.searchParams.set(LOOKUP_CODE_PARAM, code);
  return link.toString();
}

/**
 * The dossier code a scanned QR text stands for: the code itself (a receipt printed without a lookup address, or
 * before there was one), or a lookup link carrying it. Case is forgiven, as a scanner with Caps Lock on flips it.
 * Null for anything else.
 */
export function dossierCodeOfScan(text: string): string | null {
  const trimmed = text.trim();
  const asCode = trimmed.toUpperCase();
  if (parseDossierCode(asCode).ok) return asCode;
  if (!/^https?:\/\//i.test(trimmed)) return null;
  let link: URL;
  try {
    link = new URL(trimmed);
  } catch {
    return null;
  }
  for (const [name, value] of link.searchParams) {
    if (name.toLowerCase() !== LOOKUP_CODE_PARAM) continue;
    const code = value.trim().toUpperCase();
    if (parseDossierCode(code).ok) return code;
  }
  return null;
}
