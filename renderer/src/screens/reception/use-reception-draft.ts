/**
 * The reception form's state with autosave: every change is written to IndexedDB (Dexie) shortly after the clerk
 * stops typing. Moving to another screen and back keeps the form as it was (the draft stays in memory).
 *
 * Each form is a draft of its own, under its id (`reception:<clerk>:<form id>`), so no form's typing ever overwrites
 * another's. When the app starts again (reload, crash, power cut), the drafts left by forms not finished are offered
 * back, newest first, while the new form is typed and saved as usual: a clerk who serves citizens without answering
 * the offer loses neither the offered drafts nor the form being typed when the next crash comes. Restoring one puts
 * the form being typed among the offers; a draft goes when its dossier is received or refused, or is thrown away.
 * Receptions set aside for later are kept apart (use-parked-receptions); `replace` brings one back into the form.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { DraftStore, StoredDraft } from '../../drafts/draft-store';
import { draftKey, draftPrefix, newestFirst } from '../../drafts/draft-store';
import { draftHasContent, emptyDraft, type ReceptionDraft } from './model';

const AUTOSAVE_MS = 400;

export type SavedReceptionDraft = StoredDraft<ReceptionDraft>;

const prefixOf = (userId: string): string => draftPrefix('reception', userId);
const keyOf = (userId: string, draft: ReceptionDraft): string => `${prefixOf(userId)}${draft.id}`;
/** Where the version before kept a clerk's one draft: read once when the app starts, and moved under its own id. */
const legacyKeyOf = (userId: string): string => draftKey('reception', userId);

/** A draft written before forms had ids (or set aside then) gets one, so it has a key and a request id of its own. */
function withFormId(draft: ReceptionDraft, id: string = crypto.randomUUID()): ReceptionDraft {
  return typeof draft.id === 'string' && draft.id !== '' ? draft : { ...draft, id };
}


interface DraftMemory {
  /** Per clerk: the form as left on another screen, for this run of the app. */
  forms: Record<string, ReceptionDraft>;
  /** Per clerk: the saved drafts of forms not on screen, newest first. */
  offers: Record<string, SavedReceptionDraft[]>;
  /** Per clerk: whether the drafts saved before this run have been read. */
  read: Record<string, boolean>;
}

const useDraftMemory = create<DraftMemory>(() => ({ forms: {}, offers: {}, read: {} }));
const remember = (userId: string, draft: ReceptionDraft) => useDraftMemory.setState((s) => ({ forms: { ...s.forms, [userId]: draft } }));
const setOffers = (userId: string, change: (offers: SavedReceptionDraft[]) => SavedReceptionDraft[]) =>
  useDraftMemory.setState((s) => ({ offers: { ...s.offers, [userId]: change(s.offers[userId] ?? []) } }));
const NO_OFFERS: SavedReceptionDraft[] = [];

/**
 * Per clerk, the ids of the forms of this run (shown, emptied, restored): the first read may see their drafts
 * (typing saved before it answered) and must not offer them back as left by an earlier run.
 */
const formsOfThisRun = new Map<string, Set<string>>();
const ofThisRun = (userId: string): Set<string> => {
  let ids = formsOfThisRun.get(userId);
  if (!ids) formsOfThisRun.set(userId, (ids = new Set()));
  return ids;
};

/**
 * The drafts left by earlier runs, with content, newest first. A draft under the old one-per-clerk key is moved under
 * its own id first (written, then the old key removed: a power cut in between leaves two copies, never none).
 */
async function readSavedDrafts(store: DraftStore, userId: string): Promise<SavedReceptionDraft[]> {
  const prefix = prefixOf(userId);
  const found = await store.list<ReceptionDraft>(prefix);
  const legacy = await store.load<ReceptionDraft>(legacyKeyOf(userId));
  if (legacy) {
    if (draftHasContent(legacy.value)) {
      const value = withFormId(legacy.value);
      const when = Number.isNaN(Date.parse(legacy.savedAt)) ? new Date() : new Date(legacy.savedAt);
      await store.save(keyOf(userId, value), value, when);
      found.push({ key: keyOf(userId, value), value, savedAt: when.toISOString() });
    }
    await store.discard(legacyKeyOf(userId));
  }
  const offers: SavedReceptionDraft[] = [];
  for (const saved of found) {
    // The key names the form: the draft under it is that form's, whatever it says (its key and id stay one).
    const value = { ...saved.value, id: saved.key.slice(prefix.length) };
    if (ofThisRun(userId).has(value.id)) continue;
    // A form emptied just before a crash may have left an empty draft: nothing to offer.
    if (!draftHasContent(value)) void store.discard(saved.key);
    else offers.push({ ...saved, value });
  }
  return newestFirst(offers);
}

export function useReceptionDraft(store: DraftStore, userId: string) {
  const [draft, setDraftState] = useState<ReceptionDraft>(() => {
    const form = useDraftMemory.getState().forms[userId] ?? emptyDraft();
    ofThisRun(userId).add(form.id);
    return form;
  });
  /** The form as last set, read by the callbacks (several changes may come before React renders). */
  const current = useRef(draft);
  const offers = useDraftMemory((s) => s.offers[userId]) ?? NO_OFFERS;
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** What the timer is to write: written at once instead when the screen goes before it fires. */
  const pending = useRef<ReceptionDraft | null>(null);
  const mounted = useRef(true);

  const show = useCallback(
    (value: ReceptionDraft) => {
      current.current = value;
      ofThisRun(userId).add(value.id);
      remember(userId, value);
      setDraftState(value);
    },
    [userId],
  );

  /** The form's draft as `value` has it: saved with content, removed without. The note only ever says what is on disk. */
  const write = useCallback(
    async (value: ReceptionDraft) => {
      const key = keyOf(userId, value);
      const at = new Date();
      if (draftHasContent(value)) await store.save(key, value, at);
      else await store.discard(key);
      if (mounted.current && current.current.id === value.id) setSavedAt(draftHasContent(value) ? at.toISOString() : null);
    },
    [store, userId],
  );

  const cancelPending = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      // Leaving the screen within the typing pause: the last keystrokes go to disk now, not never.
      if (pending.current) void write(pending.current);
      pending.current = null;
    };
  }, [write]);

  useEffect(() => {
    if (useDraftMemory.getState().read[userId]) return;
    useDraftMemory.setState((s) => ({ read: { ...s.read, [userId]: true } }));
    // No "still mounted?" guard: the read runs once per app run (StrictMode's second mount skips it above), and its
    // answer goes to the memory, which the screen shows whenever it is open.
    void readSavedDrafts(store, userId).then((found) => {
      const left = found.filter((d) => !ofThisRun(userId).has(d.value.id));
      if (left.length === 0) return;
      setOffers(userId, (offered) => newestFirst([...offered, ...left.filter((d) => !offered.some((o) => o.key === d.key))]));
    });
  }, [store, userId]);

  /**
   * `immediate`: written at once instead of after the typing pause — for a choice that is costly to lose, such as
   * a scan picked from the inbox (its file has already moved to `imported/`).
   */
  const setDraft = useCallback(
    (next: ReceptionDraft | ((d: ReceptionDraft) => ReceptionDraft), options: { immediate?: boolean } = {}) => {
      const value = typeof next === 'function' ? next(current.current) : next;
      show(value);
      if (timer.current) clearTimeout(timer.current);
      pending.current = value;
      timer.current = setTimeout(
        () => {
          timer.current = null;
          pending.current = null;
          void write(value);
        },
        options.immediate ? 0 : AUTOSAVE_MS,
      );
    },
    [show, write],
  );

  /**
   * The offered draft becomes the form. The form being typed is not lost: written as it is now, it takes the
   * restored one's place among the offers (and is offered again after a reload).
   */
  const restore = useCallback(
    (offer: SavedReceptionDraft) => {
      const leaving = current.current;
      cancelPending();
      const kept: SavedReceptionDraft[] = [];
      if (draftHasContent(leaving)) {
        const at = new Date();
        void store.save(keyOf(userId, leaving), leaving, at);
        kept.push({ key: keyOf(userId, leaving), value: leaving, savedAt: at.toISOString() });
      } else {
        void store.discard(keyOf(userId, leaving));
      }
      setOffers(userId, (offered) => newestFirst([...offered.filter((o) => o.key !== offer.key), ...kept]));
      show(offer.value);
      setSavedAt(offer.savedAt);
    },
    [store, userId, show, cancelPending],
  );

  /** The clerk throws an offered draft away; the form on screen and the other offers stay as they are. */
  const discardOffer = useCallback(
    (offer: SavedReceptionDraft) => {
      setOffers(userId, (offered) => offered.filter((o) => o.key !== offer.key));
      void store.discard(offer.key);
    },
    [store, userId],
  );

  /**
   * The form becomes a reception the clerk set aside and takes up again, written at once under its own id (the one
   * it had when set aside, so a retry of its reception is still known to the desk); the form it replaces (set aside
   * by the caller first) leaves the store after. The caller removes the parked copy only after this resolves, so a
   * power cut in between leaves two copies, never none.
   */
  const replace = useCallback(
    async (next: ReceptionDraft): Promise<void> => {
      const leaving = current.current;
      cancelPending();
      const value = withFormId(next);
      show(value);
      const at = new Date();
      await store.save(keyOf(userId, value), value, at);
      if (leaving.id !== value.id) await store.discard(keyOf(userId, leaving));
      if (mounted.current && current.current.id === value.id) setSavedAt(at.toISOString());
    },
    [store, userId, show, cancelPending],
  );

  /**
   * After a save or a refusal: the form's draft is removed and an empty form, with a new id, is ready for the next
   * citizen. The drafts on offer are other dossiers': they stay, and so do the offers.
   */
  const reset = useCallback(() => {
    const leaving = current.current;
    cancelPending();
    void store.discard(keyOf(userId, leaving));
    show(emptyDraft());
    setSavedAt(null);
  }, [store, userId, show, cancelPending]);

  return { draft, setDraft, offers, restore, discardOffer, reset, replace, savedAt };
}
