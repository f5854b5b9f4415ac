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
import { useEffect, useRef, useState } from 'react';
import type { SavedFormView } from '../../../../shared/api/desk-api';
import { useDesk } from '../../desk-context';
import { useRoute } from '../../store/route';
import { ActionButton, ErrorBanner, Notice } from '../../components/ui';
import { Question } from '../../components/Question';
import { useTranslation } from '../../i18n';
import { formatVnDateTime } from '../../format/vn-time';
import type { ReceptionDraft } from './model';
import type { SavedReceptionDraft } from './reception-draft-memory';
import { receptionError } from './reception-messages';
import { FORM_REQUESTS_KEPT_DAYS, FORM_REQUESTS_KEPT_MS } from '../../../../shared/domain/form-request-memory';

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
  /** The keys of offers the store does not hold (their last write failed): said on each, as a reload would lose it. */
  notSaved: readonly string[];
  onRestore: (offer: SavedReceptionDraft) => void;
  onDiscard: (offers: SavedReceptionDraft[]) => void;
}

/**
 * The offers whose form the desk already saved: the desk was killed after it recorded the reception and before its
 * answer reached the screen, so no receipt came out and the form was left as a draft (QA). Offered as "unfinished",
 * a clerk who threw it away would believe the citizen was never received. Asked once per set of offers shown; an
 * answer that does not come leaves them offered as before (a restore and a save are answered as the first save).
 */
function useSavedForms(offers: readonly SavedReceptionDraft[]): ReadonlyMap<string, SavedFormView> {
  const { call } = useDesk();
  const [saved, setSaved] = useState<ReadonlyMap<string, SavedFormView>>(new Map());
  const ids = offers.map((o) => o.value.id).join(' ');
  useEffect(() => {
    if (ids === '') return;
    let current = true;
    void call('dossiers.savedForms', { requestIds: ids.split(' ') }).then((result) => {
      if (current && result.ok) setSaved(new Map(result.value.map((s) => [s.requestId, s])));
    });
    return () => {
      current = false;
    };
  }, [call, ids]);
  return saved;
}

/**
 * The offers with the forms already saved first, each part newest first. A saved form is a citizen received whose
 * receipt may not have come out: it must be in view, not counted among the older drafts that one answer throws away.
 */
function savedFirst(offers: readonly SavedReceptionDraft[], saved: ReadonlyMap<string, SavedFormView>): SavedReceptionDraft[] {
  return [...offers.filter((o) => saved.has(o.value.id)), ...offers.filter((o) => !saved.has(o.value.id))];
}

/**
 * A draft older than the desk remembers its forms: had it been saved (the desk killed before its answer reached the
 * screen), the desk could no longer say so, and restoring it would receive the citizen a second time. Rare (the form
 * is cleared as soon as the answer comes), but then the clerk looks the person up before restoring it.
 */
function keptPastMemory(offer: SavedReceptionDraft, nowMs = Date.now()): boolean {
  return nowMs - Date.parse(offer.savedAt) > FORM_REQUESTS_KEPT_MS;
}

function oldestSavedAt(drafts: readonly SavedReceptionDraft[]): string {
  return drafts.reduce((oldest, d) => (Date.parse(d.savedAt) < Date.parse(oldest) ? d.savedAt : oldest), drafts[0]!.savedAt);
}

export function DraftOffers({ offers, who, disabled, discardFailed, notSaved, onRestore, onDiscard }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useRoute((s) => s.navigate);
  /**
   * The older drafts the question names, as they were when it was asked. Should they change while it is open (an
   * offer restored or thrown away brings another down or up), the question closes instead of throwing away a set the
   * clerk was not asked about: one that slipped from the third place, or one just brought up and shown.
   */
  const [askingOlder, setAskingOlder] = useState<readonly SavedReceptionDraft[] | null>(null);
  const olderBox = useRef<HTMLDivElement>(null);
  /** Kept: the keyboard goes back to the button that asked, as after the question about a reception set aside. */
  const keepOlder = () => {
    setAskingOlder(null);
    olderBox.current?.querySelector<HTMLElement>('[data-older-action="discard"]')?.focus();
  };
  const savedForms = useSavedForms(offers);
  const ordered = savedFirst(offers, savedForms);
  const shown = ordered.slice(0, OFFERS_SHOWN);
  const older = ordered.slice(OFFERS_SHOWN);
  const olderSaved = older.filter((o) => savedForms.has(o.value.id)).length;
  const askedStands = askingOlder !== null && askingOlder.length === older.length && askingOlder.every((d, i) => d.key === older[i]!.key);
  useEffect(() => {
    if (askingOlder !== null && !askedStands) setAskingOlder(null);
  }, [askingOlder, askedStands]);
  const failure = discardFailed ? receptionError(i18n, 'draft_not_discarded', 'draftDiscardFailed') : null;
  return (
    <>
      <ErrorBanner error={failure} />
      {shown.map((offer) => {
        const saved = savedForms.get(offer.value.id);
        if (saved)
          return (
            <Notice tone="warning" key={offer.key}>
              <div className="row" role="group" aria-label={who(offer.value)} data-testid="draft-offer-saved">
                <strong>{who(offer.value)}</strong>
                <span>
                  {saved.outcome === 'dossier.received'
                    ? t('reception.draftAlreadyReceived', { code: saved.code, when: formatVnDateTime(saved.at) })
                    : t('reception.draftAlreadyRefused', { when: formatVnDateTime(saved.at) })}
                </span>
                <ActionButton variant="primary" disabled={disabled} onActivate={() => navigate({ name: 'dossier', id: saved.dossierId })}>
                  {t('reception.draftOpenSaved')}
                </ActionButton>
                <ActionButton disabled={disabled} onActivate={() => onDiscard([offer])}>
                  {t('reception.draftDiscardSaved')}
                </ActionButton>
              </div>
            </Notice>
          );
        return (
          <Notice tone="warning" key={offer.key}>
            <div className="row" role="group" aria-label={who(offer.value)} data-testid="draft-offer">
              <strong>{who(offer.value)}</strong>
              <span>{t('reception.draftFound', { when: formatVnDateTime(offer.savedAt) })}</span>
              {keptPastMemory(offer) && (
                <span className="field-error" data-testid="draft-offer-too-old">
                  {t('reception.draftTooOldToTell', { days: FORM_REQUESTS_KEPT_DAYS })}
                </span>
              )}
              {notSaved.includes(offer.key) && (
                <span className="field-error" role="alert" data-testid="draft-offer-not-saved">
                  {t('reception.draftOfferNotSaved')}
                </span>
              )}
              <ActionButton variant="primary" disabled={disabled} onActivate={() => onRestore(offer)}>
                {t('reception.draftRestore')}
              </ActionButton>
              <ActionButton disabled={disabled} onActivate={() => onDiscard([offer])}>
                {t('reception.draftDiscard')}
              </ActionButton>
            </div>
          </Notice>
        );
      })}
      {older.length > 0 && (
        <div ref={olderBox}>
          <Notice tone="warning">
            <div className="row" data-testid="draft-offers-older">
              <span>
                {t('reception.draftsOlder', { count: older.length, since: formatVnDateTime(oldestSavedAt(older)) })}
                {olderSaved > 0 && ` ${t('reception.draftsOlderSaved', { count: olderSaved })}`}
              </span>
              <ActionButton disabled={disabled} data-older-action="discard" onActivate={() => setAskingOlder(older)}>
                {t('reception.draftsOlderDiscard', { count: older.length })}
              </ActionButton>
            </div>
          </Notice>
          {askingOlder && askedStands && !disabled && (
            <Question
              question={t('reception.draftsOlderQuestion', { count: askingOlder.length })}
              body={olderSaved > 0 ? `${t('reception.draftsOlderBody')} ${t('reception.draftsOlderSavedBody', { count: olderSaved })}` : t('reception.draftsOlderBody')}
              onKeep={keepOlder}
            >
              <ActionButton
                variant="danger"
                onActivate={() => {
                  setAskingOlder(null);
                  onDiscard([...askingOlder]);
                }}
              >
                {t('reception.draftsOlderDiscardConfirm', { count: askingOlder.length })}
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
