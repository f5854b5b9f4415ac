/**
 * Receptions set aside ("để riêng"): the citizen has gone to fetch or photocopy a missing paper, and the clerk
 * serves the next person meanwhile. Each is a draft of its own in the draft store (IndexedDB), under a key of the
 * clerk's, so it survives a reload or a power cut and a colleague at the same desk never sees it. Its `savedAt` is
 * the time it was set aside.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DraftStore, StoredDraft } from '../../drafts/draft-store';
import { draftPrefix, newestFirst } from '../../drafts/draft-store';
import { orderedWrites, withinLimit } from '../../drafts/ordered-writes';
import type { ReceptionDraft } from './model';

/** More than a counter can have waiting at once; beyond it the list would be a second dossier register. */
export const PARKED_LIMIT = 10;

export type ParkedReception = StoredDraft<ReceptionDraft>;

/** Where a clerk's receptions set aside are kept in the draft store. */
export const parkedPrefixOf = (userId: string): string => draftPrefix('reception-parked', userId);


/**
 * Writes go through the draft store's one queue (orderedWrites: in order with the form's own drafts, each given up
 * after a time limit), and reads are given up after the same limit: a blocked IndexedDB must not leave "Để riêng"
 * busy for ever, nor an empty list taken for "none set aside".
 */
export function useParkedReceptions(drafts: DraftStore, userId: string) {
  const store = orderedWrites(drafts);
  // Kept with the user they were read for, so another clerk logging in sees none of them, not even for a moment.
  const [state, setState] = useState<{ userId: string; parked: ParkedReception[] }>({ userId, parked: [] });
  const parked = state.userId === userId ? state.parked : [];
  /**
   * The clerk's list could not be read when the screen opened (IndexedDB blocked or damaged): said, so an empty list
   * is not taken for "none set aside". Reception goes on; the list is read again when the screen opens next.
   */
  const [readFailedFor, setReadFailedFor] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    withinLimit(store.list<ReceptionDraft>(parkedPrefixOf(userId))).then(
      (found) => {
        if (current) setState({ userId, parked: newestFirst(found) });
      },
      () => {
        if (current) setReadFailedFor(userId);
      },
    );
    return () => {
      current = false;
    };
  }, [store, userId]);

  /**
   * Sets `draft` aside: 'full', with nothing written, when the clerk already has PARKED_LIMIT set aside; 'failed' when
   * the draft store (IndexedDB: full, blocked, damaged) could not be read or written, the list unchanged. Never
   * rejects: the caller keeps the form on screen and says why, instead of the press ending in silence. `swap`: the
   * clerk is taking one up again and this one takes its place, so the count does not grow and no limit applies.
   */
  const park = useCallback(
    async (draft: ReceptionDraft, options: { swap?: boolean } = {}): Promise<'parked' | 'full' | 'failed'> => {
      const now = new Date();
      const entry: ParkedReception = { key: `${parkedPrefixOf(userId)}${crypto.randomUUID()}`, value: draft, savedAt: now.toISOString() };
      try {
        const stored = await withinLimit(store.list<ReceptionDraft>(parkedPrefixOf(userId)));
        if (!options.swap && stored.length >= PARKED_LIMIT) return 'full';
        await store.save(entry.key, draft, now);
      } catch {
        return 'failed';
      }
      setState((s) => ({ userId, parked: newestFirst([...(s.userId === userId ? s.parked : []), entry]) }));
      return 'parked';
    },
    [store, userId],
  );

  /**
   * Takes a parked reception off the list and out of the store (taken up again, or thrown away). False, the entry
   * still listed, when the store could not remove it: it is still there after a reload, so the list must say so too.
   */
  const remove = useCallback(
    async (entry: ParkedReception): Promise<boolean> => {
      try {
        await store.discard(entry.key);
      } catch {
        return false;
      }
      setState((s) => ({ userId, parked: (s.userId === userId ? s.parked : []).filter((p) => p.key !== entry.key) }));
      return true;
    },
    [store, userId],
  );

  return { parked, park, remove, readFailed: readFailedFor === userId };
}
