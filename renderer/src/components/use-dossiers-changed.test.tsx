// @vitest-environment jsdom
/** When a screen's list reads itself again without the clerk asking: the desk's announcements and the day's turn. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { DeskProvider } from '../desk-context';
import type { DeskTransport } from '../bridge';
import { announcingStandInDesk } from '../test-support/stand-in-desk';
import { useDossiersChanged } from './use-dossiers-changed';

afterEach(() => {
  vi.useRealTimers();
});

function withDesk(transport: DeskTransport) {
  return ({ children }: { children: ReactNode }) => <DeskProvider transport={transport}>{children}</DeskProvider>;
}

describe('a list on the screen reads itself again', () => {
  it('when the Vietnam day turns, not at every tick of the clock', () => {
    const readAgain = vi.fn();
    const { rerender } = renderHook(({ now }) => useDossiersChanged(readAgain, now), {
      initialProps: { now: new Date('2026-11-30T23:58:00+07:00') },
      wrapper: withDesk(announcingStandInDesk(() => undefined).transport),
    });
    rerender({ now: new Date('2026-11-30T23:59:00+07:00') });
    expect(readAgain).not.toHaveBeenCalled();
    // Midnight in Vietnam is 17:00 UTC: the day's counts ("Quá hạn 2 ngày", "Đến hạn hôm nay") change then.
    rerender({ now: new Date('2026-12-01T00:00:30+07:00') });
    expect(readAgain).toHaveBeenCalledTimes(1);
    rerender({ now: new Date('2026-12-01T00:01:30+07:00') });
    expect(readAgain).toHaveBeenCalledTimes(1);
  });

  it('once for announcements that come close together, and for a new working calendar too', () => {
    vi.useFakeTimers();
    const desk = announcingStandInDesk(() => undefined);
    const readAgain = vi.fn();
    const { unmount } = renderHook(() => useDossiersChanged(readAgain, new Date('2026-11-30T10:00:00+07:00'), { delayMs: 1_000 }), {
      wrapper: withDesk(desk.transport),
    });
    const announce = () => desk.announce({ type: 'dossiers.changed', data: { source: 'sync' } });
    announce();
    vi.advanceTimersByTime(500);
    announce();
    expect(readAgain).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(readAgain).toHaveBeenCalledTimes(1);
    // A new calendar changes the day counts and "Sắp đến hạn".
    desk.announce({ type: 'calendar.changed', data: { source: 'server' } });
    vi.advanceTimersByTime(1_100);
    expect(readAgain).toHaveBeenCalledTimes(2);
    announce();
    unmount();
    // A screen left behind reads nothing.
    vi.advanceTimersByTime(2_000);
    expect(readAgain).toHaveBeenCalledTimes(2);
  });

  it('not for other desk news, such as a new scan', () => {
    vi.useFakeTimers();
    const desk = announcingStandInDesk(() => undefined);
    const readAgain = vi.fn();
    renderHook(() => useDossiersChanged(readAgain, new Date('2026-11-30T10:00:00+07:00'), { delayMs: 1_000 }), { wrapper: withDesk(desk.transport) });
    desk.announce({ type: 'scan.added', data: { fileName: 'scan-0001.pdf', size: 10, receivedAt: '2026-11-30T10:00:01+07:00' } });
    vi.advanceTimersByTime(5_000);
    expect(readAgain).not.toHaveBeenCalled();
  });

  it('every minute for a list filtered by its due: a dossier falls due at 16:00, not at midnight', () => {
    const readAgain = vi.fn();
    const { rerender } = renderHook(({ now }) => useDossiersChanged(readAgain, now, { everyMinute: true }), {
      initialProps: { now: new Date('2026-11-30T15:59:10+07:00') },
      wrapper: withDesk(announcingStandInDesk(() => undefined).transport),
    });
    rerender({ now: new Date('2026-11-30T15:59:40+07:00') });
    expect(readAgain).not.toHaveBeenCalled();
    rerender({ now: new Date('2026-11-30T16:00:10+07:00') });
    expect(readAgain).toHaveBeenCalledTimes(1);
  });
});
