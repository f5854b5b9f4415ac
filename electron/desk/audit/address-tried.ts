/**
 * The server address an administrator tried, as the audit trail keeps it when the desk refused it: the server it
 * named (a refused attempt to point the desk elsewhere is what the trail is for), and nothing else of what was
 * typed. A user name or password in the address, its path and its query (an enrolment code, a token) may be
 * secrets, and text that is not an http(s) address may be a password typed in the wrong field: a supervisor reads
 * this trail, so none of that is kept.
 */

/** At most this many characters of the address go into the trail. */
const MAX_LENGTH = 200;
/** What the trail says for text that is not an http(s) address. */
export const NOT_AN_ADDRESS = '(not an address)';

export function addressForAudit(typed: string): string {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    return NOT_AN_ADDRESS;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host === '') return NOT_AN_ADDRESS;
  const hidden = url.username !== '' || url.password !== '';
  // "/…": something more was typed after the server's name, not shown.
  const more = url.pathname !== '/' || url.search !== '' || url.hash !== '' ? '…' : '';
  return `${url.protocol}//${hidden ? '…@' : ''}${url.host}/${more}`.slice(0, MAX_LENGTH);
}
