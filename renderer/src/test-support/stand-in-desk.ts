/**
 * A desk for screen tests: `answer` replies to the methods a test cares about; any other method is refused as
 * unknown, as a desk would refuse a call it has no data for. The screens talk to it through the real DeskProvider.
 */
import type { DeskCall } from '../../../shared/api/desk-api';
import type { Result } from '../../../shared/result';
import type { DeskEvent, DeskEventListener, DeskTransport } from '../bridge';

export type StandInAnswer = (method: string, input: unknown) => Result<unknown> | undefined | Promise<Result<unknown> | undefined>;

const unknownToTheStandIn: Result<unknown> = { ok: false, error: { code: 'not_found', message: { vi: 'Không có', en: 'None' } } };

export function standInDesk(answer: StandInAnswer, onDeskEvent: DeskTransport['onDeskEvent'] = () => () => undefined): DeskTransport {
  const call = (async (method: string, input: unknown) => (await answer(method, input)) ?? unknownToTheStandIn) as DeskCall;
  return { kind: 'loopback', call, onDeskEvent };
}

/** A stand-in desk that also announces events, as the desk does on its own (a sync round, a scan): `announce` sends one. */
export function announcingStandInDesk(answer: StandInAnswer): { transport: DeskTransport; announce(event: DeskEvent): void } {
  const listeners = new Set<DeskEventListener>();
  const transport = standInDesk(answer, (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
  return { transport, announce: (event) => [...listeners].forEach((listener) => listener(event)) };
}
