/**
 * The server address an administrator tried, as the audit trail keeps it when the desk refused it. What was typed
 * is kept as far as it names a server (a refused attempt to point the desk elsewhere is what the trail is for), but
 * nothing of it that could be a secret: a user name or password in the address, its query (a token), or text that
 * is not an address at all (a password typed in the wrong field).
 */

/** At most this many characters of the address go into the trail. */
const MAX_LENGTH = 200;
/** A host, a port and a path as typed without a scheme ("10.0.0.5:8470", "motcua.thanhha.gov.vn/api"). */
const BARE_ADDRESS = /^[\p{L}\p{N}.-]+(?::\d{1,5})?(?:\/[\p{L}\p{N}._~/-]*)?$/u;
/** What the trail says for text that is not an address. */
export const NOT_AN_ADDRESS = '(not an address)';

export function addressForAudit(typed: string): string {
  const text = typed.trim();
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  // "localhost:8470" parses as a scheme "localhost:"; only a URL with a host is read as one.
  if (url && url.host !== '') {
    const hidden = url.username !== '' || url.password !== '';
    const query = url.search !== '' ? '?…' : '';
    const address = `${url.protocol}//${hidden ? '…@' : ''}${url.host}${url.pathname}${query}`;
    return address.slice(0, MAX_LENGTH);
  }
  return BARE_ADDRESS.test(text) && text.length <= MAX_LENGTH ? text : NOT_AN_ADDRESS;
}
