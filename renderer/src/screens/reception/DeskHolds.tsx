/**
 * What the desk knows about itself that spoils a reception, said above the form before the clerk starts typing: a
 * PC clock the desk finds wrong (the desk stamps the receipt and computes the appointment from it), and a restore
 * not yet caught up with the server (the desk refuses to record until then). Read from the sync status the app
 * already keeps (store/sync.ts); nothing more is asked of the desk.
 *
 * The clock is found wrong by the server's measurement, or, with no server to ask (offline, or before its first
 * answer after a restart), because it reads earlier than times the desk has already seen (`clockCheck`). The
 * dossier's actions (screens/detail) warn and ask on the same finding.
 */
import type { TFunction } from 'i18next';
import { Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { useSyncState } from '../../store/sync';
import { clockFindingText, skewAmount, type ClockFinding } from '../../format/clock-skew';

export interface DeskHolds {
  /** The warning about the PC's clock, in the clerk's language; null when the desk finds it right (or cannot tell). */
  clockSkew: string | null;
  /** Restored from a backup and not yet caught up: receptions are refused until the desk reaches the server. */
  catchingUp: boolean;
}

/**
 * The desk's finding about its clock, or null. A desk that does not say how it knows (an older one) is taken at its
 * measured skew, as before.
 */
export function useClockFinding(): ClockFinding | null {
  const basis = useSyncState((s) => s.snapshot?.clockCheck?.basis ?? null);
  const checked = useSyncState((s) => s.snapshot?.clockCheck?.skewSeconds ?? null);
  const since = useSyncState((s) => s.snapshot?.clockCheck?.since ?? null);
  const measured = useSyncState((s) => (s.snapshot?.clockSkewWarned ? s.snapshot.clockSkewSeconds : null));
  if (basis !== null && checked !== null) return { basis, skewSeconds: checked, since };
  return typeof measured === 'number' ? { basis: 'measured', skewSeconds: measured, since: null } : null;
}

/** The clock's warning above a dossier's actions: what is wrong, and what it spoils there. */
export function useActionClockWarning(): string | null {
  const { t } = useTranslation();
  const finding = useClockFinding();
  return finding ? `${clockFindingText(t, finding)} ${t('clock.actionWrong')}` : null;
}

export function useDeskHolds(): DeskHolds {
  const { t } = useTranslation();
  const finding = useClockFinding();
  const catchingUp = useSyncState((s) => s.snapshot?.catchingUpAfterRestore === true);
  return { clockSkew: finding ? receptionClockText(t, finding) : null, catchingUp };
}

/** "chậm 24 giờ" / "24 hours slow", rounded as the desk rounds its own warning; how the desk knows, when not measured. */
function receptionClockText(t: TFunction, finding: ClockFinding): string {
  if (finding.basis !== 'measured') return `${clockFindingText(t, finding)} ${t('clock.receptionWrong')}`;
  const seconds = finding.skewSeconds;
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
