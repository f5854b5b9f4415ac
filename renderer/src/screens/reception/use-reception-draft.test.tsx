// @vitest-environment jsdom
/**
 * A draft store that never answers (IndexedDB blocked by another connection): the drafts left by earlier runs are
 * said to be unread after the time limit, not shown as "none left".
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type { DraftStore } from '../../drafts/draft-store';
import { WRITE_TIME_LIMIT_MS } from '../../drafts/ordered-writes';
import { useReceptionDraft } from './use-reception-draft';

const never = <T,>(): Promise<T> => new Promise<T>(() => undefined);
const silentStore = (): DraftStore => ({ load: never, list: never, save: never, discard: never }) as unknown as DraftStore;

afterEach(() => vi.useRealTimers());

describe('the drafts left by earlier runs, with a draft store that never answers', () => {
  it('are said to be unread once the time limit has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = silentStore();
    const { result } = renderHook(() => useReceptionDraft(store, 'u1'));
    expect(result.current.offersReadFailed).toBe(false);
    await act(async () => vi.advanceTimersByTimeAsync(WRITE_TIME_LIMIT_MS + 1));
    expect(result.current.offersReadFailed).toBe(true);
    expect(result.current.offers).toEqual([]);
  });
});
