/**
 * The desk can end a clerk's session by itself: a restore from a backup logs everyone out, as its dialog says. The
 * page went on as if logged in, and every screen then failed with "Bạn cần đăng nhập…" over stale data (QA). Any
 * answer `unauthenticated` while the page believes someone is logged in now tells the app, which shows the login.
 */
import type { DeskCall } from '../../../shared/api/desk-api';
import type { DeskTransport } from './transport';

export function endingSessionWhenDeskDoes(transport: DeskTransport, onEnded: () => void): DeskTransport {
  const call = (async (method, input) => {
    const result = await transport.call(method, input);
    if (!result.ok && result.error.code === 'unauthenticated') onEnded();
    return result;
  }) as DeskCall;
  return { ...transport, call };
}
