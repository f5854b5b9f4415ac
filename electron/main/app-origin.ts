/**
 * The renderer's own origin, `app://desk`. A custom standard scheme instead of file:// gives the page a real origin
 * (so IPC sender checks, CSP 'self' and storage work per origin) and lets the main process decide every file served.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parses instead of comparing text, so `app://desk.evil`, `app://evil` or `app://x@desk` never pass. */
export function isAppUrl(text: string | undefined | null): boolean {
  if (!text) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  // Node's URL gives custom schemes an opaque origin ('null'), so the parts are compared one by one.
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
