/**
 * The writes to a draft store, one after another in the order they were asked for. A form's draft is written after
 * each typing pause, emptied when its dossier is recorded, put among the offers when another is restored: if an
 * earlier write could land after a later one, the last letters typed would be lost, or the draft of a dossier just
 * received would come back after a reload as if it were still being typed. IndexedDB happens to run overlapping
 * transactions in order, but the screen must not rest on how a store schedules its work (a store that is slow to
 * open, a retry inside it), so the order is kept here. A write starts once the one before has settled, whether that
 * one was written or failed: a failure is its caller's to report, and must not hold back the writes after it.
 * Reads are not queued: the screen reads drafts left by an earlier run, never what it has just asked to write.
 *
 * A write that has not settled after WRITE_TIME_LIMIT_MS counts as failed, for its caller and for the queue: Dexie
 * waits without end on an open that another tab's connection blocks, and one such request would otherwise hold every
 * later save and discard behind it for good, with no word on screen (the caller says a failure; it cannot say a
 * wait). The write given up on may still land later, once IndexedDB is unblocked: it then lands before the writes
 * asked for after it, since Dexie runs the requests it queued while opening, and IndexedDB its read-write
 * transactions on one table, in the order they were made — so it cannot overwrite newer typing.
 */
import type { DraftStore } from './draft-store';

/** Far longer than any healthy write (a few milliseconds, a second on a busy disk), short enough for a clerk. */
export const WRITE_TIME_LIMIT_MS = 10_000;

/** One queue per store object, so every screen and hook writing through the same store shares its order. */
const ordered = new WeakMap<DraftStore, DraftStore>();

/** `work`, or a TimeoutError once `limitMs` have passed without an answer (for a read that must not wait for ever). */
export function withinLimit<T>(write: Promise<T>, limitMs: number = WRITE_TIME_LIMIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DOMException(`The draft store did not answer within ${limitMs} ms.`, 'TimeoutError')), limitMs);
    void write.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** `timeLimitMs` counts only when the store is first wrapped (tests give a short one); later calls share that queue. */
export function orderedWrites(store: DraftStore, timeLimitMs: number = WRITE_TIME_LIMIT_MS): DraftStore {
  const known = ordered.get(store);
  if (known) return known;
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(start: () => Promise<T>): Promise<T> => {
    const write = () => withinLimit(start(), timeLimitMs);
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
