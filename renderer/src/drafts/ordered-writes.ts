/**
 * The writes to a draft store, one after another in the order they were asked for. A form's draft is written after
 * each typing pause, emptied when its dossier is recorded, put among the offers when another is restored: if an
 * earlier write could land after a later one, the last letters typed would be lost, or the draft of a dossier just
 * received would come back after a reload as if it were still being typed. IndexedDB happens to run overlapping
 * transactions in order, but the screen must not rest on how a store schedules its work (a store that is slow to
 * open, a retry inside it), so the order is kept here. A write starts once the one before has settled, whether that
 * one was written or failed: a failure is its caller's to report, and must not hold back the writes after it.
 * Reads are not queued: the screen reads drafts left by an earlier run, never what it has just asked to write.
 */
import type { DraftStore } from './draft-store';

/** One queue per store object, so every screen and hook writing through the same store shares its order. */
const ordered = new WeakMap<DraftStore, DraftStore>();

export function orderedWrites(store: DraftStore): DraftStore {
  const known = ordered.get(store);
  if (known) return known;
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(write: () => Promise<T>): Promise<T> => {
    const turn = last.then(write, write);
    last = turn.catch(() => undefined);
    return turn;
  };
  const inOrder: DraftStore = {
    load: (key) => store.load(key),
    list: (prefix) => store.list(prefix),
    save: (key, value, now) => inTurn(() => store.save(key, value, now)),
    discard: (key) => inTurn(() => store.discard(key)),
  };
  ordered.set(store, inOrder);
  ordered.set(inOrder, inOrder);
  return inOrder;
}
