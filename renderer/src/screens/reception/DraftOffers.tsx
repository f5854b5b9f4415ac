/**
 * The drafts of reception forms not on screen, newest first: left by a reload, a crash or a power cut, or put back
 * when another was restored over them. Each says whose it is and when it was last typed in, with "Khôi phục" (it
 * becomes the form; the form being typed takes its place here) and "Bỏ bản nháp". Unanswered, they wait: the form on
 * screen is saved as a draft of its own meanwhile, so nothing is lost either way.
 */
import { ActionButton, Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { formatVnDateTime } from '../../format/vn-time';
import type { ReceptionDraft } from './model';
import type { SavedReceptionDraft } from './use-reception-draft';

interface Props {
  offers: SavedReceptionDraft[];
  /** Who a draft is for, as the list of receptions set aside says it. */
  who: (draft: ReceptionDraft) => string;
  /** While a reception is being recorded: its end empties the form, which must still be the one it was made from. */
  disabled: boolean;
  onRestore: (offer: SavedReceptionDraft) => void;
  onDiscard: (offer: SavedReceptionDraft) => void;
}

export function DraftOffers({ offers, who, disabled, onRestore, onDiscard }: Props) {
  const { t } = useTranslation();
  return offers.map((offer) => (
    <Notice tone="warning" key={offer.key}>
      <div className="row" role="group" aria-label={who(offer.value)} data-testid="draft-offer">
        <strong>{who(offer.value)}</strong>
        <span>{t('reception.draftFound', { when: formatVnDateTime(offer.savedAt) })}</span>
        <ActionButton variant="primary" disabled={disabled} onActivate={() => onRestore(offer)}>
          {t('reception.draftRestore')}
        </ActionButton>
        <ActionButton disabled={disabled} onActivate={() => onDiscard(offer)}>
          {t('reception.draftDiscard')}
        </ActionButton>
      </div>
    </Notice>
  ));
}
