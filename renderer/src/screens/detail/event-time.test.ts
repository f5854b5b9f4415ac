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
});
