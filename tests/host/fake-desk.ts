/**
 * A stand-in for the desk behind the transports: it validates with the real desk API schemas (as the desk's
 * `callDesk` does) and records what reached it, so a test can tell that a refused request wrote nothing.
 */
import type { DeskEvent, DeskEventListener, DeskEventSource } from '../../shared/api/bridge';
import type { DeskApiMethod } from '../../shared/api/desk-api';
import { deskApiInputs } from '../../shared/api/desk-api';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';

export interface RecordingDesk {
  dispatch(method: DeskApiMethod, rawInput: unknown): Promise<Result<unknown>>;
  calls: { method: DeskApiMethod; input: unknown }[];
  events: DeskEventSource & { emit(event: DeskEvent): void; listenerCount(): number };
}

export const appInfo = { version: '0.1.0', deviceId: 'desk-7', unitCode: '000.00.06.H56', deskNumber: 2 };

export function recordingDesk(): RecordingDesk {
  const calls: RecordingDesk['calls'] = [];
  const listeners = new Set<DeskEventListener>();
  return {
    calls,
    async dispatch(method, rawInput) {
      const parsed = deskApiInputs[method].safeParse(rawInput);
      if (!parsed.success)
        return fail('validation', 'Dữ liệu không hợp lệ.', 'Invalid input.', {
          details: parsed.error.issues.length,
        });
      calls.push({ method, input: parsed.data });
      if (method === 'app.info') return ok(appInfo);
      return fail('not_found', 'Không có.', 'Not there.');
    },
    events: {
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit(event) {
        for (const l of listeners) l(event);
      },
      listenerCount: () => listeners.size,
    },
  };
}
