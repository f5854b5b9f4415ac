import { describe, expect, it } from 'vitest';
import { eventTimes } from './event-time';

describe('the time the history shows for an event', () => {
  it('is the desk\'s time, with the server\'s only when they are more than five minutes apart', () => {
    const deviceTime = '2026-11-24T21:59:00+07:00';
    expect(eventTimes({ deviceTime, serverTime: null })).toEqual({ doneAt: deviceTime, syncedAt: null });
    expect(eventTimes({ deviceTime, serverTime: '2026-11-24T22:04:00+07:00' })).toEqual({ doneAt: deviceTime, syncedAt: null });
    expect(eventTimes({ deviceTime, serverTime: '2026-11-24T22:04:01+07:00' }).syncedAt).toBe('2026-11-24T22:04:01+07:00');
    // A desk clock running ahead of the server shows as well.
    expect(eventTimes({ deviceTime, serverTime: '2026-11-24T14:59:00Z' }).syncedAt).toBeNull();
    expect(eventTimes({ deviceTime, serverTime: '2026-11-24T14:50:00Z' }).syncedAt).toBe('2026-11-24T14:50:00Z');
  });

  it('is the portal\'s time of an online submission, with the server\'s when it took the dossier in later', () => {
    const submitted = { type: 'dossier.submitted_online' as const, payload: { submittedAt: '2026-12-05T20:00:00+07:00' } };
    const at = '2026-12-07T10:05:00+07:00';
    expect(eventTimes({ ...submitted, deviceTime: at, serverTime: at })).toEqual({ doneAt: '2026-12-05T20:00:00+07:00', syncedAt: at });
    // Not yet read back from the server: its own time is the event's.
    expect(eventTimes({ ...submitted, deviceTime: at, serverTime: null })).toEqual({ doneAt: '2026-12-05T20:00:00+07:00', syncedAt: at });
    expect(eventTimes({ ...submitted, deviceTime: '2026-12-05T20:03:00+07:00', serverTime: null }).syncedAt).toBeNull();
    // Another deed's payload says nothing about its time.
    expect(eventTimes({ type: 'dossier.received', payload: { submittedAt: '2026-12-05T20:00:00+07:00' }, deviceTime: at, serverTime: at })).toEqual({ doneAt: at, syncedAt: null });
  });
});
