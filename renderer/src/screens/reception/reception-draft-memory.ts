/**
 * What the reception's drafts hook keeps for the whole run of the app, per clerk, outside any screen: the form left on
 * another screen, the offers, whether the drafts of earlier runs were read, and which drafts' last write failed. A
 * screen comes and goes; these must not (a failure met while the clerk was elsewhere is still said on return).
 */
import { create } from 'zustand';
import type { DraftStore, StoredDraft } from '../../drafts/draft-store';
import type { ReceptionDraft } from './model';

export type SavedReceptionDraft = StoredDraft<ReceptionDraft>;

export interface DraftMemory {
  /** Per clerk: the form as left on another screen, for this run of the app. */
  forms: Record<string, ReceptionDraft>;
  /** Per clerk: the saved drafts of forms not on screen, newest first. */
  offers: Record<string, SavedReceptionDraft[]>;
  /** Per clerk: whether the drafts saved before this run have been read. */
  read: Record<string, boolean>;
  /**
   * Per clerk: the drafts left by earlier runs could not be read (IndexedDB blocked). Said on screen; `read` is set
   * back, so the next opening of the screen tries again.
   */
  readFailed: Record<string, boolean>;
  /**
   * Per clerk: the keys of drafts whose last write failed, so the store does not hold what the screen shows (the form
   * being typed, or one put among the offers by a restore). Kept here, not in the screen, so a failure met while the
   * clerk was on another screen is still said when they come back.
   */
  unsaved: Record<string, string[]>;
}

export const useDraftMemory = create<DraftMemory>(() => ({ forms: {}, offers: {}, read: {}, readFailed: {}, unsaved: {} }));
export const remember = (userId: string, draft: ReceptionDraft) => useDraftMemory.setState((s) => ({ forms: { ...s.forms, [userId]: draft } }));
export const setOffers = (userId: string, change: (offers: SavedReceptionDraft[]) => SavedReceptionDraft[]) =>
  useDraftMemory.setState((s) => ({ offers: { ...s.offers, [userId]: change(s.offers[userId] ?? []) } }));
export const NO_OFFERS: SavedReceptionDraft[] = [];
/** A draft's last write failed (`true`), or the store now holds what the screen shows, or the draft is no one's concern. */
export const markUnsaved = (userId: string, key: string, unsaved: boolean) =>
  useDraftMemory.setState((s) => {
    const keys = (s.unsaved[userId] ?? []).filter((k) => k !== key);
    return { unsaved: { ...s.unsaved, [userId]: unsaved ? [...keys, key] : keys } };
  });
export const NO_KEYS: string[] = [];
/** The keys of offers being written again (see saveOffersAgain): one attempt at a time each. */
const savingAgain = new Set<string>();

/**
 * The offers whose last write failed (a form put among them by a restore), written again as they are offered:
 * called once a write has succeeded, so the store is likely answering again. Nothing else would ever write them —
 * the clerk types in the form, not in an offer — and a reload would lose them without a word.
 */
export function saveOffersAgain(store: DraftStore, userId: string) {
  const { unsaved, offers } = useDraftMemory.getState();
  const keys = unsaved[userId] ?? NO_KEYS;
  for (const offer of offers[userId] ?? NO_OFFERS) {
    if (!keys.includes(offer.key) || savingAgain.has(offer.key)) continue;
    savingAgain.add(offer.key);
    // Its own time kept, so the offers stay in the order the clerk left them. Marked saved whatever became of the offer
    // meanwhile: restored, it is the form, whose own later writes (queued after this one) say what they find;
    // thrown away, it is no one's concern (discardOffers takes it off the list before its discard is asked for).
    store
      .save(offer.key, offer.value, new Date(offer.savedAt))
      .then(
        () => markUnsaved(userId, offer.key, false),
        () => undefined,
      )
      .finally(() => savingAgain.delete(offer.key));
  }
}
/** Whether the form with this id is the one the clerk has (on screen, or left on another screen). */
export const isTheForm = (userId: string, id: string): boolean => useDraftMemory.getState().forms[userId]?.id === id;

/**
 * Per clerk, the ids of the forms of this run (shown, emptied, restored): the first read may see their drafts
 * (typing saved before it answered) and must not offer them back as left by an earlier run.
 */
const formsOfThisRun = new Map<string, Set<string>>();
export const ofThisRun = (userId: string): Set<string> => {
  let ids = formsOfThisRun.get(userId);
  if (!ids) formsOfThisRun.set(userId, (ids = new Set()));
  return ids;
};
