/**
 * A draft write that never answers (Dexie waiting on an open another connection blocks) must not hold back every
 * write after it: past its time limit it counts as failed, and the queue goes on.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDraftStore, type DraftStore } from './draft-store';
import { orderedWrites } from './ordered-writes';

/** A store whose first save never settles, as a request stuck behind a blocked IndexedDB open. */
function firstSaveHangs(name: string): DraftStore {
  const real = openDraftStore(name);
  let first = true;
  return {
    ...real,
    save(key, value, now) {
      if (first) {
        first = false;
        return new Promise<void>(() => undefined);
      }
      return real.save(key, value, now);
    },
  };
}

/** What a promise came to within `ms`: its value, its error, or 'still waiting'. */
async function within<T>(work: Promise<T>, ms: number): Promise<{ value: T } | { error: unknown } | 'still waiting'> {
  const waiting = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms));
  return Promise.race([work.then((value) => ({ value }), (error: unknown) => ({ error })), waiting]);
}

describe('a draft write that never answers', () => {
  it('counts as failed after its time limit, and the saves and discards asked for after it are made', async () => {
    const store = orderedWrites(firstSaveHangs('ordered-time-limit'), 50);
    const stuck = store.save('reception:u1:f1', { name: 'Nguyễn Văn' });
    const typed = store.save('reception:u1:f1', { name: 'Nguyễn Văn Đức' });
    const other = store.discard('reception:u1:f2');

    const stuckOutcome = await within(stuck, 2000);
    expect(stuckOutcome).toMatchObject({ error: { name: 'TimeoutError' } });
    expect(await within(typed, 2000)).toEqual({ value: undefined });
    expect(await within(other, 2000)).toEqual({ value: undefined });
    expect((await store.load<{ name: string }>('reception:u1:f1'))?.value.name).toBe('Nguyễn Văn Đức');
  });
});
