/**
 * "Tiếp nhận hồ sơ mới" (Alt+N) over a form that holds typing. Emptying it at once lost what was typed, with no way
 * back: a clerk who pressed it out of habit, or for a citizen who went to photocopy a paper, had to ask for it all
 * again. So it asks first, in plain words, with three answers: set the dossier aside (the citizen comes back), throw
 * it away, or carry on typing. The keyboard lands on the last, so an Enter pressed out of habit loses nothing;
 * Escape answers it too.
 */
import { useEffect, useId, useRef } from 'react';
import { ActionButton } from '../../components/ui';
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
  const id = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[data-answer="keep"]')?.focus();
  }, []);

  return (
    <div
      ref={box}
      className="banner banner-warning"
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      aria-describedby={`${id}-body`}
      data-testid="new-reception-question"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onKeep();
      }}
    >
      <p id={`${id}-q`}>
        <strong>{t('reception.newQuestion', { who })}</strong>
      </p>
      <p id={`${id}-body`}>{t('reception.newQuestionBody')}</p>
      <div className="row">
        <ActionButton variant="primary" data-answer="keep" onActivate={onKeep}>
          {t('reception.newKeep')}
        </ActionButton>
        <ActionButton onActivate={onSetAside}>{t('reception.setAside')}</ActionButton>
        <ActionButton variant="danger" onActivate={onDiscard}>
          {t('reception.newDiscard')}
        </ActionButton>
      </div>
    </div>
  );
}
