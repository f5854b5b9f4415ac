/**
 * The reception form's state with autosave: every change is written to IndexedDB (Dexie) shortly after the clerk
 * stops typing. Moving to another screen and back keeps the form as it was (the draft stays in memory); when the
 * app itself starts again (reload, crash, power cut) and a saved draft exists, the clerk is offered to restore it.
 * Receptions set aside for later are kept apart (use-parked-receptions); `replace` brings one back into the form.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { DraftStore, StoredDraft } from '../../drafts/draft-store';
import { draftKey } from '../../drafts/draft-store';
import { draftHasContent, emptyDraft, type ReceptionDraft } from './model';

const AUTOSAVE_MS = 400;

/** The form as left on another screen, per user, for this run of the app; and whose saved draft was offered. */
const useDraftMemory = create<{ drafts: Record<string, ReceptionDraft>; offered: Record<string, boolean> }>(() => ({ drafts: {}, offered: {} }));
const remember = (key: string, draft: ReceptionDraft) => useDraftMemory.setState((s) => ({ drafts: { ...s.drafts, [key]: draft } }));

export function useReceptionDraft(store: DraftStore, userId: string) {
  const key = draftKey('reception', userId);
  const [draft, setDraftState] = useState<ReceptionDraft>(() => useDraftMemory.getState().drafts[key] ?? emptyDraft());
  const [offer, setOffer] = useState<StoredDraft<ReceptionDraft> | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // Until the clerk answers the restore offer, typing must not overwrite the stored draft.
  const decided = useRef(useDraftMemory.getState().offered[key] === true);
  // The same, for the screen: a parked reception can only become the form once the form's own draft is written.
  const [ready, setReady] = useState(decided.current);
  const decide = useCallback(() => {
    decided.current = true;
    setReady(true);
  }, []);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (useDraftMemory.getState().offered[key]) return;
    useDraftMemory.setState((s) => ({ offered: { ...s.offered, [key]: true } }));
    // No "still mounted?" guard: the load runs once per app run (StrictMode's second mount skips it above).
    void store.load<ReceptionDraft>(key).then((stored) => {
      if (stored && draftHasContent(stored.value)) setOffer(stored);
      else decide();
    });
  }, [store, key, decide]);

  /**
   * `immediate`: written at once instead of after the typing pause — for a choice that is costly to lose, such as
   * a scan picked from the inbox (its file has already moved to `imported/`).
   */
  const setDraft = useCallback(
    (next: ReceptionDraft | ((d: ReceptionDraft) => ReceptionDraft), options: { immediate?: boolean } = {}) => {
      setDraftState((current) => {
        const value = typeof next === 'function' ? next(current) : next;
        remember(key, value);
        if (decided.current) {
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(
            () => {
              const write = draftHasContent(value) ? store.save(key, value) : store.discard(key);
              void write.then(() => setSavedAt(new Date().toISOString()));
            },
            options.immediate ? 0 : AUTOSAVE_MS,
          );
        }
        return value;
      });
    },
    [store, key],
  );

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const restore = useCallback(() => {
    if (offer) {
      setDraftState(offer.value);
      remember(key, offer.value);
    }
    setOffer(null);
    decide();
  }, [offer, decide]);

  const discardOffer = useCallback(() => {
    setOffer(null);
    decide();
    void store.discard(key);
  }, [store, key, decide]);

  /**
   * The form becomes a reception the clerk set aside and takes up again, written at once: the caller removes the
   * parked copy only after this resolves, so a power cut in between leaves two copies, never none. Refused (false)
   * while the restore offer is unanswered, since the form's stored draft is then another dossier's.
   */
  const replace = useCallback(
    async (next: ReceptionDraft): Promise<boolean> => {
      if (!decided.current) return false;
      if (timer.current) clearTimeout(timer.current);
      setDraftState(next);
      remember(key, next);
      await store.save(key, next);
      setSavedAt(new Date().toISOString());
      return true;
    },
    [store, key],
  );

  /**
   * After a save or a refusal: the form starts empty and no draft remains. A saved draft still on offer (the clerk
   * served a citizen without answering "Khôi phục?") is another dossier's: it stays, and so does the offer.
   */
  const reset = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setDraftState(emptyDraft());
    remember(key, emptyDraft());
    setSavedAt(null);
    if (decided.current) void store.discard(key);
  }, [store, key]);

  return { draft, setDraft, offer, restore, discardOffer, reset, replace, ready, savedAt };
}
