/**
 * "Để riêng" from the form's side: the form set aside while the citizen fetches a paper, taken up again on their
 * return, or thrown away from the list. The list and its store are use-parked-receptions'; this keeps a second press
 * from parking or resuming twice, and says, in both languages, what the store would not do and what stayed where.
 */
import { useState } from 'react';
import type { AppError } from '../../../../shared/result';
import { receptionError, type I18n } from './reception-messages';
import { PARKED_LIMIT, type ParkedReception, type useParkedReceptions } from './use-parked-receptions';
import type { useScanPutBack } from './use-scan-put-back';
import { draftHasContent, type ReceptionDraft } from './model';

const limitReached = (i18n: I18n): AppError => receptionError(i18n, 'parked_limit', 'parkedLimit', { n: PARKED_LIMIT });

/** The draft store would not take a reception set aside, or give one up: what stayed where, in both languages. */
const parkedStoreFailed = (i18n: I18n, key: 'parkFailed' | 'resumeFailed' | 'unparkFailed' | 'parkedDiscardFailed', who: string): AppError =>
  receptionError(i18n, 'draft_store_failed', key, { who });

interface Options {
  draft: ReceptionDraft;
  parked: Pick<ReturnType<typeof useParkedReceptions>, 'park' | 'remove'>;
  /** Makes a reception set aside the form (use-reception-draft); false when the form could not be written. */
  replace: (draft: ReceptionDraft) => Promise<boolean>;
  putBackScans: ReturnType<typeof useScanPutBack>['putBackScans'];
  /** Who a form is for, as the list says it. */
  whoOf: (draft: ReceptionDraft) => string;
  i18n: I18n;
  /** A reception or refusal is being recorded: its end empties the form, so the form may not change meanwhile. */
  recording: boolean;
  /** The form went into the list: the screen empties it for the next citizen. */
  onSetAside: (draft: ReceptionDraft) => void;
  /** A reception set aside is the form again. */
  onTakenUp: (entry: ParkedReception) => void;
  /** A reception set aside was thrown away. */
  onThrownAway: () => void;
}

export function useSetAside({ draft, parked, replace, putBackScans, whoOf, i18n, recording, onSetAside, onTakenUp, onThrownAway }: Options) {
  /** While a form is being set aside or taken up again: a second press must not park or resume twice. */
  const [parking, setParking] = useState(false);
  const [parkRefused, setParkRefused] = useState<AppError | null>(null);
  const occupied = recording || parking;

  /** The citizen went to fetch a paper: their form is kept aside, whole (scans included), and emptied for the next. */
  const setAside = async () => {
    if (occupied || !draftHasContent(draft)) return;
    setParking(true);
    try {
      // At the limit, or with the draft store failing, nothing moves: the form stays on screen as typed, and the
      // clerk is told what to do.
      const outcome = await parked.park(draft);
      if (outcome === 'full') return setParkRefused(limitReached(i18n));
      if (outcome === 'failed') return setParkRefused(parkedStoreFailed(i18n, 'parkFailed', whoOf(draft)));
      onSetAside(draft);
      setParkRefused(null);
    } finally {
      setParking(false);
    }
  };

  /** The citizen is back: their form returns; one being typed meanwhile takes its place in the list, so nothing is lost. */
  const resume = async (entry: ParkedReception) => {
    if (occupied) return;
    setParking(true);
    try {
      // The form being typed could not be set aside: it stays on screen, and the one asked for stays in the list.
      if (draftHasContent(draft) && (await parked.park(draft, { swap: true })) !== 'parked') {
        return setParkRefused(parkedStoreFailed(i18n, 'resumeFailed', whoOf(entry.value)));
      }
      // The copy set aside goes only once the form is in the drafts: if it could not be written (the failure is
      // said), that copy is the one a reload finds. One the store would not give up stays listed beside the form
      // taken up, holding the same scans: the clerk is told to leave it until this dossier is done.
      const stuck = (await replace(entry.value)) && !(await parked.remove(entry));
      onTakenUp(entry);
      setParkRefused(stuck ? parkedStoreFailed(i18n, 'unparkFailed', whoOf(entry.value)) : null);
    } finally {
      setParking(false);
    }
  };

  /** Thrown away: the scans picked for it go back to the scan folder (while the desk still knows them as unlinked). */
  const discard = async (entry: ParkedReception): Promise<boolean> => {
    // Still listed (and in the store) if it could not be removed: its scans stay with it, not back in the folder.
    if (!(await parked.remove(entry))) {
      setParkRefused(parkedStoreFailed(i18n, 'parkedDiscardFailed', whoOf(entry.value)));
      return false;
    }
    setParkRefused(null);
    onThrownAway();
    await putBackScans(Object.values(entry.value.components));
    return true;
  };

  return { parking, parkRefused, setAside, resume, discard };
}
