/**
 * A căn cước card's QR code scanned (anywhere in the app: App.tsx brings the clerk here) fills the applicant: the
 * 12-digit number, the name with its diacritics and the address, which a clerk otherwise types from the card while
 * the citizen waits. Over a form that already names someone else it asks first, as "Tiếp nhận hồ sơ mới" does, and
 * the answer that loses nothing has the keyboard. What was filled is said, with a word to check it against the card.
 */
import { useEffect, useRef, useState } from 'react';
import type { IdCardReading } from '../../../../shared/domain/id-card-qr';
import { ActionButton } from '../../components/ui';
import { Question } from '../../components/Question';
import { useTranslation } from '../../i18n';
import { useScannedIdCard } from '../../store/scanned-id-card';
import { applicantFromCard, namesAnotherPerson } from './id-card-applicant';
import type { ApplicantDraft } from './model';

interface Props {
  applicant: ApplicantDraft;
  /** Who the form is for, as the other questions say it. */
  who: string;
  /** False while the form is being recorded or set aside: a card waits until it can take it. */
  canFill: boolean;
  onFill: (applicant: ApplicantDraft) => void;
  /** After filling: where the keyboard goes next (the name when the card's could not be read, else on). */
  focusNext: (nameMissing: boolean) => void;
  /** The person being entered kept: the keyboard goes back into the form. */
  focusForm: () => void;
}

/**
 * Runs `focus` after the shell's own focus on a new screen (App.tsx: a timer set as the screen mounts, after this
 * one's effects), which would otherwise take the keyboard to the procedure search when a card brought the clerk
 * here from another screen.
 */
const afterScreenFocus = (focus: () => void) => setTimeout(() => setTimeout(focus, 0), 0);

export function IdCardFill({ applicant, who, canFill, onFill, focusNext, focusForm }: Props) {
  const { t } = useTranslation();
  const waiting = useScannedIdCard((s) => s.card);
  const [asking, setAsking] = useState<IdCardReading | null>(null);
  /** The card last filled in: its note stands while the form still holds that number. */
  const [filled, setFilled] = useState<IdCardReading | null>(null);
  const latest = useRef({ applicant, onFill, focusNext });
  latest.current = { applicant, onFill, focusNext };
  const question = useRef<HTMLDivElement>(null);

  const fill = (card: IdCardReading) => {
    setAsking(null);
    setFilled(card);
    latest.current.onFill(applicantFromCard(latest.current.applicant, card));
    afterScreenFocus(() => latest.current.focusNext(card.name === null));
  };

  const keep = () => {
    setAsking(null);
    focusForm();
  };

  useEffect(() => {
    // The form is being recorded or set aside while the question is open: it would change hands under the recording.
    // The card waits again, for the form that follows (an empty one is filled at once).
    if (!canFill && asking) {
      setAsking(null);
      useScannedIdCard.getState().put(asking);
      return;
    }
    if (!waiting || !canFill) return;
    const card = useScannedIdCard.getState().take();
    if (!card) return;
    if (namesAnotherPerson(latest.current.applicant, card)) {
      setFilled(null);
      setAsking(card);
      // The question puts the keyboard on its harmless answer; the shell's focus on a new screen must not take it.
      afterScreenFocus(() => question.current?.querySelector<HTMLElement>('[data-answer="keep"]')?.focus());
    } else fill(card);
    // `fill` reads the latest props through the ref: only a new card (or the form busy or freed) runs this.
  }, [waiting, canFill, asking]);

  const stillShown = filled !== null && applicant.idNumber.trim() === filled.idNumber;
  return (
    <>
      {asking && (
        <div ref={question}>
          <Question
            question={t('reception.cardQuestion', { who, card: asking.name ?? asking.idNumber })}
            body={t('reception.cardQuestionBody')}
            onKeep={keep}
            data-testid="id-card-question"
          >
            <ActionButton variant="primary" data-answer="keep" onActivate={keep}>
              {t('reception.cardKeep')}
            </ActionButton>
            <ActionButton onActivate={() => fill(asking)}>{t('reception.cardReplace')}</ActionButton>
          </Question>
        </div>
      )}
      <p role="status" className={stillShown ? 'banner banner-info' : 'visually-hidden'} data-testid="id-card-filled">
        {stillShown ? t(filled.name === null ? 'reception.cardFilledNoName' : filled.address === null ? 'reception.cardFilledNoAddress' : 'reception.cardFilled') : ''}
      </p>
    </>
  );
}
