/**
 * What the desk knows about itself that spoils a reception, said above the form before the clerk starts typing: a
 * PC clock the desk finds wrong (the desk stamps the receipt and computes the appointment from it; store/clock.ts),
 * and a restore not yet caught up with the server (the desk refuses to record until then). Read from the sync status
 * the app already keeps (store/sync.ts); nothing more is asked of the desk.
 */
import { Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { useSyncState } from '../../store/sync';
import { useReceptionClockWarning } from '../../store/clock';

export interface DeskHolds {
  /** The warning about the PC's clock, in the clerk's language; null when the desk finds it right (or cannot tell). */
  clockSkew: string | null;
  /**
   * Restored from a backup (or its write-ahead log lost after a stop without closing: 'lostLog') and not yet caught
   * up: receptions are refused until the desk reaches the server.
   */
  catchingUp: false | 'restore' | 'lostLog';
  /** Another PC works as this desk: receptions are refused for good on this PC (identity-in-use-elsewhere.ts). */
  inUseElsewhere: boolean;
}

export function useDeskHolds(): DeskHolds {
  const clockSkew = useReceptionClockWarning();
  const catchingUp = useSyncState((s) =>
    s.snapshot?.catchingUpAfterRestore !== true ? false : s.snapshot.catchUpAfterLostLog ? ('lostLog' as const) : ('restore' as const),
  );
  const inUseElsewhere = useSyncState((s) => s.snapshot?.identityInUseElsewhere === true);
  return { clockSkew, catchingUp, inUseElsewhere };
}

export function DeskHoldNotices({ holds }: { holds: DeskHolds }) {
  const { t } = useTranslation();
  return (
    <>
      {holds.inUseElsewhere && (
        <Notice tone="warning">
          <span data-testid="reception-in-use-elsewhere">⚠ {t('reception.identityInUseElsewhere')}</span>
        </Notice>
      )}
      {holds.catchingUp && (
        <Notice tone="warning">
          <span data-testid="reception-catching-up">
            ⚠ {t(holds.catchingUp === 'lostLog' ? 'reception.catchingUpAfterLostLog' : 'reception.catchingUpAfterRestore')}
          </span>
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
