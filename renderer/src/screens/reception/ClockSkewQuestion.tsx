/**
 * With the PC's clock wrong, the first F2 asks before a slip with a wrong time and appointment is printed; once the
 * clerk has answered "save anyway" the screen does not ask again (a desk offline for days must still work).
 */
import { useState } from 'react';
import { ActionButton } from '../../components/ui';
import { Question } from '../../components/Question';
import { useTranslation } from '../../i18n';

/** `clockSkew`: the desk's warning about the PC's clock (DeskHolds), null when it finds the clock right. */
export function useClockQuestion(clockSkew: string | null) {
  const [asking, setAsking] = useState(false);
  const [accepted, setAccepted] = useState(false);

  /** Whether this save must wait for the clerk's answer, which is then asked; `acceptedNow`: it was just given. */
  const mustAsk = (acceptedNow: boolean): boolean => {
    if (clockSkew && !accepted && !acceptedNow) {
      setAsking(true);
      return true;
    }
    setAsking(false);
    return false;
  };

  return { asking, mustAsk, close: () => setAsking(false), accept: () => setAccepted(true) };
}

interface Props {
  /** The desk's warning about the clock, in the clerk's language. */
  warning: string;
  onWait: () => void;
  onSaveAnyway: () => void;
}

export function ClockSkewQuestion({ warning, onWait, onSaveAnyway }: Props) {
  const { t } = useTranslation();
  return (
    <Question question={t('reception.clockSkewQuestion')} body={warning} onKeep={onWait} data-testid="clock-skew-question">
      <ActionButton variant="primary" data-answer="keep" onActivate={onWait}>
        {t('reception.clockSkewWait')}
      </ActionButton>
      <ActionButton onActivate={onSaveAnyway}>{t('reception.clockSkewSaveAnyway')}</ActionButton>
    </Question>
  );
}
