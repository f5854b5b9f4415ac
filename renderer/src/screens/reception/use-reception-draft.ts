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
 *
 * Every write is awaited, in the order asked for (orderedWrites), and the "Đã tự lưu" note follows only a write that
 * succeeded: a write that fails (IndexedDB full, or blocked) is said on screen, and the clerk types and receives on
 * as before — the form in memory is whole, only a reload would lose it. The next write of that draft says again.
 * The form's note and alarm speak of the form on screen only; a form put among the offers whose write failed says so
 * on its offer, and is written again each time a later write succeeds (the store is answering again).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftStore } from '../../drafts/draft-store';
import { draftKey, draftPrefix, newestFirst } from '../../drafts/draft-store';
import { orderedWrites, withinLimit } from '../../drafts/ordered-writes';
import {
  isTheForm,
  markUnsaved,
  NO_KEYS,
  NO_OFFERS,
  ofThisRun,
  remember,
  saveOffersAgain,
  setOffers,
  useDraftMemory,
  type SavedReceptionDraft,
} from './reception-draft-memory';
import { draftHasContent, emptyDraft, scansNamedBy, type ReceptionDraft } from './model';
import { parkedPrefixOf } from './use-parked-receptions';

const AUTOSAVE_MS = 400;

const prefixOf = (userId: string): string => draftPrefix('reception', userId);
const keyOf = (userId: string, draft: ReceptionDraft): string => `${prefixOf(userId)}${draft.id}`;
/** Where the version before kept a clerk's one draft: read once when the app starts, and moved under its own id. */
const legacyKeyOf = (userId: string): string => draftKey('reception', userId);

/** A draft written before forms had ids (or set aside then) gets one, so it has a key and a request id of its own. */
function withFormId(draft: ReceptionDraft, id: string = crypto.randomUUID()): ReceptionDraft {
  return typeof draft.id === 'string' && draft.id !== '' ? draft : { ...draft, id };
}


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
    // A form emptied just before a crash may have left an empty draft: nothing to offer. Should it not go, it is
    // passed over again at the next start: nothing to tell the clerk.
    if (!draftHasContent(value)) store.discard(saved.key).catch(() => undefined);
    else offers.push({ ...saved, value });
  }
  return newestFirst(offers);
}

export function useReceptionDraft(drafts: DraftStore, userId: string) {
  const store = orderedWrites(drafts);
  const [draft, setDraftState] = useState<ReceptionDraft>(() => {
    const form = useDraftMemory.getState().forms[userId] ?? emptyDraft();
    ofThisRun(userId).add(form.id);
    return form;
  });
  /** The form as last set, read by the callbacks (several changes may come before React renders). */
  const current = useRef(draft);
  const offers = useDraftMemory((s) => s.offers[userId]) ?? NO_OFFERS;
  const unsavedKeys = useDraftMemory((s) => s.unsaved[userId]) ?? NO_KEYS;
  /** Only the form on screen's own draft: an offer that failed says so on its offer, not over every later form. */
  const unsaved = unsavedKeys.includes(keyOf(userId, draft));
  const [savedAt, setSavedAt] = useState<string | null>(null);
  /** The store kept offers the clerk threw away (see discardOffers). */
  const [discardFailed, setDiscardFailed] = useState(false);
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

  /** A draft the store now holds as shown; the store answers, so the offers whose write failed are tried again. */
  const written = useCallback(
    (key: string) => {
      markUnsaved(userId, key, false);
      saveOffersAgain(store, userId);
    },
    [store, userId],
  );

  /**
   * The form's draft as `value` has it: saved with content, removed without. The note only ever says what is on disk;
   * a failure is marked instead, never thrown (the clerk's typing and the reception go on).
   */
  const write = useCallback(
    async (value: ReceptionDraft) => {
      const key = keyOf(userId, value);
      const at = new Date();
      const kept = draftHasContent(value);
      try {
        if (kept) await store.save(key, value, at);
        else await store.discard(key);
      } catch {
        // Said only while the form is still the clerk's: one received, set aside or restored over meanwhile has no
        // typing to lose here (what replaced it wrote it, or writes it next, and says so if that fails).
        if (isTheForm(userId, value.id)) markUnsaved(userId, key, true);
        if (mounted.current && current.current.id === value.id) setSavedAt(null);
        return;
      }
      written(key);
      if (mounted.current && current.current.id === value.id) setSavedAt(kept ? at.toISOString() : null);
    },
    [store, userId, written],
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
    // Given up after the writes' time limit, so a blocked IndexedDB is said rather than shown as "no drafts left".
    withinLimit(readSavedDrafts(store, userId)).then(
      (found) => {
        useDraftMemory.setState((s) => ({ readFailed: { ...s.readFailed, [userId]: false } }));
        const left = found.filter((d) => !ofThisRun(userId).has(d.value.id));
        if (left.length === 0) return;
        setOffers(userId, (offered) => newestFirst([...offered, ...left.filter((d) => !offered.some((o) => o.key === d.key))]));
      },
      () => useDraftMemory.setState((s) => ({ read: { ...s.read, [userId]: false }, readFailed: { ...s.readFailed, [userId]: true } })),
    );
  }, [store, userId]);
  const readFailed = useDraftMemory((s) => s.readFailed[userId] === true);

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
      const leavingKey = keyOf(userId, leaving);
      if (draftHasContent(leaving)) {
        const at = new Date();
        // Offered at once; should the write fail, the offer is there until a reload, and the failure is said.
        store.save(leavingKey, leaving, at).then(
          () => written(leavingKey),
          () => markUnsaved(userId, leavingKey, true),
        );
        kept.push({ key: leavingKey, value: leaving, savedAt: at.toISOString() });
      } else {
        markUnsaved(userId, leavingKey, false);
        // An empty form: a draft of it left behind is passed over at the next start.
        store.discard(leavingKey).catch(() => undefined);
      }
      setOffers(userId, (offered) => newestFirst([...offered.filter((o) => o.key !== offer.key), ...kept]));
      show(offer.value);
      setSavedAt(offer.savedAt);
    },
    [store, userId, show, cancelPending, written],
  );

  /**
   * The clerk throws offered drafts away (one, or the older ones at once); the form on screen and the other offers
   * stay as they are. An offer leaves the list once its draft has left the store: one the store could not remove
   * stays offered (and would be after a reload anyway), and `discardFailed` says so. Resolves to the offers thrown
   * away, whose scans the caller gives back to the scan folder.
   */
  const discardOffers = useCallback(
    async (chosen: readonly SavedReceptionDraft[]): Promise<SavedReceptionDraft[]> => {
      // Off the list of drafts to write again before their discards are asked for, or one written again after its
      // discard would bring a draft thrown away back at the next start. One the store keeps is marked again below.
      const notSaved = useDraftMemory.getState().unsaved[userId] ?? NO_KEYS;
      const wereNotSaved = chosen.filter((offer) => notSaved.includes(offer.key));
      for (const offer of chosen) markUnsaved(userId, offer.key, false);
      const results = await Promise.allSettled(chosen.map((offer) => store.discard(offer.key)));
      const gone = chosen.filter((_, i) => results[i]!.status === 'fulfilled');
      for (const offer of wereNotSaved) if (!gone.includes(offer)) markUnsaved(userId, offer.key, true);
      setOffers(userId, (offered) => offered.filter((o) => !gone.some((g) => g.key === o.key)));
      if (mounted.current) setDiscardFailed(gone.length < chosen.length);
      return gone;
    },
    [store, userId],
  );

  /**
   * The form becomes a reception the clerk set aside and takes up again, written at once under its own id (the one
   * it had when set aside, so a retry of its reception is still known to the desk); the form it replaces (set aside
   * by the caller first) leaves the store after. The caller removes the parked copy only after this resolves true, so
   * a power cut in between leaves two copies, never none; false: the form could not be written, and the copy set
   * aside must stay, as the one copy a reload would find.
   */
  const replace = useCallback(
    async (next: ReceptionDraft): Promise<boolean> => {
      const leaving = current.current;
      cancelPending();
      const value = withFormId(next);
      show(value);
      const key = keyOf(userId, value);
      const at = new Date();
      try {
        await store.save(key, value, at);
      } catch {
        markUnsaved(userId, key, true);
        if (mounted.current && current.current.id === value.id) setSavedAt(null);
        return false;
      }
      written(key);
      if (leaving.id !== value.id) {
        markUnsaved(userId, keyOf(userId, leaving), false);
        // Set aside by the caller already: a draft of it left behind is only a second copy of what the list holds.
        await store.discard(keyOf(userId, leaving)).catch(() => undefined);
      }
      if (mounted.current && current.current.id === value.id) setSavedAt(at.toISOString());
      return true;
    },
    [store, userId, show, cancelPending, written],
  );

  /**
   * After a save or a refusal: the form's draft is removed and an empty form, with a new id, is ready for the next
   * citizen. The drafts on offer are other dossiers': they stay, and so do the offers.
   */
  const reset = useCallback(() => {
    const leaving = current.current;
    cancelPending();
    markUnsaved(userId, keyOf(userId, leaving), false);
    // Not said if it fails: the dossier is recorded (received or refused), and a draft of it offered after a reload
    // brings back the same record (its request id), never a second dossier.
    store.discard(keyOf(userId, leaving)).catch(() => undefined);
    show(emptyDraft());
    setSavedAt(null);
  }, [store, userId, show, cancelPending]);

  /**
   * The scans still named by one of the clerk's forms other than `leaving` (one thrown away, or just recorded): the
   * form on screen, the offers, the receptions set aside. Read from memory, which is fresher (a write may still be on
   * its way), and from the store too: a draft or a list that could not be read when the screen opened is still
   * there, and a copy of a form set aside may share its id and scans with an offer ("two copies, never none"). The
   * stored drafts of the forms in memory, and of `leaving` (its removal may not have landed yet), are passed over.
   * Rejects when the store cannot be read (or does not answer): then no scan is known to be free.
   */
  const scansStillNamed = useCallback(
    async (leaving?: ReceptionDraft): Promise<Set<string>> => {
      // Given up after the writes' time limit: a blocked IndexedDB must not hold every later put-back behind this one.
      const [stored, parked] = await withinLimit(
        Promise.all([store.list<ReceptionDraft>(prefixOf(userId)), store.list<ReceptionDraft>(parkedPrefixOf(userId))]),
      );
      // From the memory, not this screen's ref: the put-back may end after the clerk has left and opened the screen again.
      const memory = useDraftMemory.getState();
      const inHand = [memory.forms[userId] ?? current.current, ...(memory.offers[userId] ?? NO_OFFERS).map((o) => o.value)];
      const passedOver = new Set([...inHand, ...(leaving ? [leaving] : [])].map((d) => keyOf(userId, d)));
      return scansNamedBy([...inHand, ...stored.filter((d) => !passedOver.has(d.key)).map((d) => d.value), ...parked.map((p) => p.value)]);
    },
    [store, userId],
  );

  return {
    draft,
    setDraft,
    scansStillNamed,
    offers,
    restore,
    discardOffers,
    reset,
    replace,
    /** When the form's draft was last written; null while a write has failed, so the note never says saved wrongly. */
    savedAt: unsaved ? null : savedAt,
    /** The form on screen is not in the store: its last write failed. */
    unsaved,
    /** The keys of offers not in the store (their last write failed): written again after the next good write. */
    offersNotSaved: unsavedKeys,
    discardFailed,
    /** The drafts left by earlier runs could not be read: some may not be offered. */
    offersReadFailed: readFailed,
  };
}
