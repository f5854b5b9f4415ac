/**
 * The Content-Security-Policy of the clerk's UI, the same in Electron (app://) and in the browser (loopback host):
 * only our own bundled scripts, styles and fonts; no inline script, no eval, no remote content, no plugins, no
 * framing. `blob:` and `data:` images and `blob:` frames let the UI show scanned pages, QR codes and PDFs it holds
 * in memory. Loosen it here, in one place, and only with a reason in docs/decisions.md.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "frame-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every response of the UI, whatever the transport. */
export const uiSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
