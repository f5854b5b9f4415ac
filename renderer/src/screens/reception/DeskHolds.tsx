/**
 * What the desk knows about itself that spoils a reception, said above the form before the clerk starts typing: a
 * PC clock the server finds wrong (the desk stamps the receipt and computes the appointment from it), and a restore
 * not yet caught up with the server (the desk refuses to record until then). Read from the sync status the app
 * already keeps (store/sync.ts); nothing more is asked of the desk.
 */
import type { TFunction } from 'i18next';
import { Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { useSyncState } from '../../store/sync';
import { skewAmount } from '../../format/clock-skew';

export interface DeskHolds {
  /** The warning about the PC's clock, in the clerk's language; null when the desk finds it right (or cannot tell). */
  clockSkew: string | null;
  /** Restored from a backup and not yet caught up: receptions are refused until the desk reaches the server. */
  catchingUp: boolean;
}

export function useDeskHolds(): DeskHolds {
  const { t } = useTranslation();
  const seconds = useSyncState((s) => (s.snapshot?.clockSkewWarned ? s.snapshot.clockSkewSeconds : null));
  const catchingUp = useSyncState((s) => s.snapshot?.catchingUpAfterRestore === true);
  return { clockSkew: typeof seconds === 'number' ? clockSkewText(t, seconds) : null, catchingUp };
}

/** "chậm 24 giờ" / "24 hours slow", rounded as the desk rounds its own warning. */
function clockSkewText(t: TFunction, seconds: number): string {
  return t(seconds < 0 ? 'reception.clockSkewBehind' : 'reception.clockSkewAhead', { amount: skewAmount(t, seconds, 'reception') });
}

export function DeskHoldNotices({ holds }: { holds: DeskHolds }) {
  const { t } = useTranslation();
  return (
    <>
      {holds.catchingUp && (
        <Notice tone="warning">
          <span data-testid="reception-catching-up">⚠ {t('reception.catchingUpAfterRestore')}</span>
        </Notice>
      )}
      {holds.clockSkew && (
        <Notice tone="warning">
          <span data-testid="reception-clock-skew">⚠ {holds.clockSkew}</span>
        </Notice>
      )}
    </>
  );
}
