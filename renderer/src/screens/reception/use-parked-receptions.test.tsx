// @vitest-environment jsdom
/**
 * A draft store that never answers (IndexedDB blocked by another connection, Dexie waiting on its open): setting a
 * reception aside must end in "failed" — said, the form kept — not leave "Để riêng" busy for ever, and the list read
 * at opening must be said as unread, not shown as empty.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type { DraftStore } from '../../drafts/draft-store';
import { WRITE_TIME_LIMIT_MS } from '../../drafts/ordered-writes';
import { emptyDraft } from './model';
import { useParkedReceptions } from './use-parked-receptions';

const never = <T,>(): Promise<T> => new Promise<T>(() => undefined);
const silentStore = (): DraftStore => ({ load: never, list: never, save: never, discard: never }) as unknown as DraftStore;

afterEach(() => vi.useRealTimers());

describe('receptions set aside, with a draft store that never answers', () => {
  it('say the list unread, and a reception set aside fails after the time limit instead of waiting for ever', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = silentStore();
    const { result } = renderHook(() => useParkedReceptions(store, 'u1'));
    expect(result.current.readFailed).toBe(false);
    await act(async () => vi.advanceTimersByTimeAsync(WRITE_TIME_LIMIT_MS + 1));
    expect(result.current.readFailed).toBe(true);
    expect(result.current.parked).toEqual([]);

    let outcome: string | undefined;
    await act(async () => {
      const parking = result.current.park({ ...emptyDraft(), applicant: { ...emptyDraft().applicant, name: 'Ngô Thị Lan' } });
      await vi.advanceTimersByTimeAsync(WRITE_TIME_LIMIT_MS + 1);
      outcome = await parking;
    });
    expect(outcome).toBe('failed');
    expect(result.current.parked).toEqual([]);
  });
});
