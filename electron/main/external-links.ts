/**
 * Links that leave the app open in the clerk's browser, and only these: https addresses on an exact list of
 * public-service hosts. The opener is injected (Actual's external-links idea), so tests pass a recorder.
 */
export type ExternalOpener = (url: string) => Promise<void>;

/** Exact host names: a suffix rule would let `evil-dichvucong.gov.vn.example` through. */
export const EXTERNAL_HOST_ALLOW_LIST: ReadonlySet<string> = new Set([
  'dichvucong.gov.vn',
  'www.dichvucong.gov.vn',
  'csdl.dichvucong.gov.vn',
  'thutuc.dichvucong.gov.vn',
  'vbpl.vn',
  'thuvienphapluat.vn',
]);

export function isAllowedExternalUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    EXTERNAL_HOST_ALLOW_LIST.has(url.hostname)
  );
}

/** Opens an allow-listed link in the system browser; anything else is dropped. Returns whether it was opened. */
export async function openExternalSafely(text: string, open: ExternalOpener): Promise<boolean> {
  if (!isAllowedExternalUrl(text)) return false;
  // The parsed, re-serialised form: what was checked is exactly what is opened.
  await open(new URL(text).href);
  return true;
}
