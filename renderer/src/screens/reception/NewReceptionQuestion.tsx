/**
 * "Tiếp nhận hồ sơ mới" (Alt+N) over a form that holds typing. Emptying it at once lost what was typed, with no way
 * back: a clerk who pressed it out of habit, or for a citizen who went to photocopy a paper, had to ask for it all
 * again. So it asks first, with three answers: carry on typing (where the keyboard lands), set the dossier aside (the
 * citizen comes back), or throw it away.
 */
import { ActionButton } from '../../components/ui';
import { Question } from '../../components/Question';
import { useTranslation } from '../../i18n';

interface Props {
  /** Who the form is for, as the list of dossiers set aside says it. */
  who: string;
  onSetAside: () => void;
  onDiscard: () => void;
  onKeep: () => void;
}

export function NewReceptionQuestion({ who, onSetAside, onDiscard, onKeep }: Props) {
  const { t } = useTranslation();
  return (
    <Question question={t('reception.newQuestion', { who })} body={t('reception.newQuestionBody')} onKeep={onKeep} data-testid="new-reception-question">
      <ActionButton variant="primary" data-answer="keep" onActivate={onKeep}>
        {t('reception.newKeep')}
      </ActionButton>
      <ActionButton onActivate={onSetAside}>{t('reception.setAside')}</ActionButton>
      <ActionButton variant="danger" onActivate={onDiscard}>
        {t('reception.newDiscard')}
      </ActionButton>
    </Question>
  );
}
