/**
 * The drafts of reception forms not on screen, newest first: left by a reload, a crash or a power cut, or put back
 * when another was restored over them. Each says whose it is and when it was last typed in, with "Khôi phục" (it
 * becomes the form; the form being typed takes its place here) and "Bỏ bản nháp". Unanswered, they wait: the form on
 * screen is saved as a draft of its own meanwhile, so nothing is lost either way.
 *
 * Only the newest OFFERS_SHOWN are offered one by one; the older ones are counted in a line of their own, with a way
 * to throw them all away (asked first, as throwing away a reception set aside is). Answering a newer offer brings the
 * next older one up, so none is out of reach.
 */
import { useRef, useState } from 'react';
import { ActionButton, ErrorBanner, Notice } from '../../components/ui';
import { Question } from '../../components/Question';
import { useTranslation } from '../../i18n';
import { formatVnDateTime } from '../../format/vn-time';
import type { ReceptionDraft } from './model';
import type { SavedReceptionDraft } from './use-reception-draft';

/**
 * How many drafts are offered one by one above the form. A desk that crashed or was reloaded many times, or a clerk
 * who never answers, would otherwise push the form itself below the screen with warnings: each offer is a full-width
 * notice, and three of them still leave the form in view on the desk PCs' 1366×768 screens. More than three forms
 * interrupted at once is not a counter's day; a citizen who is coming back belongs in "Hồ sơ để riêng" (capped at
 * PARKED_LIMIT), not here. Nothing is thrown away on its own, whatever its age: a draft is a citizen's typing, and
 * its scans are still held for it in the desk's `imported/` folder until it is answered.
 */
export const OFFERS_SHOWN = 3;

interface Props {
  /** Newest first. */
  offers: SavedReceptionDraft[];
  /** Who a draft is for, as the list of receptions set aside says it. */
  who: (draft: ReceptionDraft) => string;
  /** While a reception is being recorded: its end empties the form, which must still be the one it was made from. */
  disabled: boolean;
  /** The store kept a draft the clerk threw away. */
  discardFailed: boolean;
  onRestore: (offer: SavedReceptionDraft) => void;
  onDiscard: (offers: SavedReceptionDraft[]) => void;
}

export function DraftOffers({ offers, who, disabled, discardFailed, onRestore, onDiscard }: Props) {
  const { t, i18n } = useTranslation();
  const [askingOlder, setAskingOlder] = useState(false);
  const olderBox = useRef<HTMLDivElement>(null);
  /** Kept: the keyboard goes back to the button that asked, as after the question about a reception set aside. */
  const keepOlder = () => {
    setAskingOlder(false);
    olderBox.current?.querySelector<HTMLElement>('[data-older-action="discard"]')?.focus();
  };
  const shown = offers.slice(0, OFFERS_SHOWN);
  const older = offers.slice(OFFERS_SHOWN);
  const failure = discardFailed
    ? { code: 'draft_not_discarded', message: { vi: i18n.t('reception.draftDiscardFailed', { lng: 'vi' }), en: i18n.t('reception.draftDiscardFailed', { lng: 'en' }) } }
    : null;
  return (
    <>
      <ErrorBanner error={failure} />
      {shown.map((offer) => (
        <Notice tone="warning" key={offer.key}>
          <div className="row" role="group" aria-label={who(offer.value)} data-testid="draft-offer">
            <strong>{who(offer.value)}</strong>
            <span>{t('reception.draftFound', { when: formatVnDateTime(offer.savedAt) })}</span>
            <ActionButton variant="primary" disabled={disabled} onActivate={() => onRestore(offer)}>
              {t('reception.draftRestore')}
            </ActionButton>
            <ActionButton disabled={disabled} onActivate={() => onDiscard([offer])}>
              {t('reception.draftDiscard')}
            </ActionButton>
          </div>
        </Notice>
      ))}
      {older.length > 0 && (
        <div ref={olderBox}>
          <Notice tone="warning">
            <div className="row" data-testid="draft-offers-older">
              <span>{t('reception.draftsOlder', { count: older.length, since: formatVnDateTime(older[older.length - 1]!.savedAt) })}</span>
              <ActionButton disabled={disabled} data-older-action="discard" onActivate={() => setAskingOlder(true)}>
                {t('reception.draftsOlderDiscard', { count: older.length })}
              </ActionButton>
            </div>
          </Notice>
          {askingOlder && !disabled && (
            <Question question={t('reception.draftsOlderQuestion', { count: older.length })} body={t('reception.draftsOlderBody')} onKeep={keepOlder}>
              <ActionButton
                variant="danger"
                onActivate={() => {
                  setAskingOlder(false);
                  onDiscard(older);
                }}
              >
                {t('reception.draftsOlderDiscardConfirm', { count: older.length })}
              </ActionButton>
              <ActionButton variant="ghost" data-answer="keep" onActivate={keepOlder}>
                {t('reception.draftsOlderKeep')}
              </ActionButton>
            </Question>
          )}
        </div>
      )}
    </>
  );
}
