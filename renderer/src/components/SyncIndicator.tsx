/**
 * Always on screen: is this desk online, syncing, offline or in error; how many changes wait to be sent; when the
 * last sync succeeded. Colour AND words, so it reads on a faded screen and for colour-blind clerks.
 */
import { useEffect } from 'react';
import { useDesk } from '../desk-context';
import { useLanguage, useLocalized, useTranslation } from '../i18n';
import { useSyncState, type SyncSnapshot } from '../store/sync';
import { formatVnDateTime } from '../format/vn-time';
import { formatCount } from '../format/numbers';
import { useRoute } from '../store/route';
import { useClockFinding } from '../store/clock';
import { clockFindingText } from '../format/clock-skew';

const POLL_MS = 15_000;

/** Keeps the sync snapshot fresh: desk events as they come, and a slow poll in case an event was missed. */
export function useSyncFeed(): void {
  const { call, onDeskEvent } = useDesk();
  const set = useSyncState((s) => s.set);
  useEffect(() => {
    let live = true;
    const poll = async () => {
      const result = await call('sync.status', {});
      if (live && result.ok) set(snapshotOf(result.value));
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    const unsubscribe = onDeskEvent((event) => {
      if (event.type === 'sync.status') set(event.data);
    });
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [call, onDeskEvent, set]);
}

/** sync.status as the desk answers it, in the shape the indicator shows. */
export function snapshotOf(value: {
  state?: SyncSnapshot['state'];
  online?: boolean;
  enrolled?: boolean;
  pending?: number;
  lastSyncAt?: string | null;
  progress?: SyncSnapshot['progress'];
  message?: SyncSnapshot['message'];
  errors?: { vi: string; en: string }[];
  clockCheck?: SyncSnapshot['clockCheck'];
  catchingUpAfterRestore?: boolean;
  catchUpAfterLostLog?: true;
  identityInUseElsewhere?: boolean;
}): SyncSnapshot {
  const state = value.state ?? (value.errors && value.errors.length > 0 ? 'error' : value.online ? 'online' : 'offline');
  const message = value.message ?? value.errors?.[0];
  return {
    state,
    ...(value.enrolled !== undefined ? { enrolled: value.enrolled } : {}),
    pending: value.pending ?? 0,
    lastSyncAt: value.lastSyncAt ?? null,
    ...(value.progress ? { progress: value.progress } : {}),
    ...(message ? { message } : {}),
    ...(value.clockCheck !== undefined ? { clockCheck: value.clockCheck } : {}),
    ...(value.catchingUpAfterRestore !== undefined ? { catchingUpAfterRestore: value.catchingUpAfterRestore } : {}),
    ...(value.catchUpAfterLostLog ? { catchUpAfterLostLog: true as const } : {}),
    ...(value.identityInUseElsewhere ? { identityInUseElsewhere: true } : {}),
  };
}

/** "120.000/263.860" in Vietnamese, "120,000/263,860" in English: a first pull counts hundreds of thousands. */
export function progressCount(progress: { done: number; total: number }, language: 'vi' | 'en'): { done: string; total: string } {
  return { done: formatCount(progress.done, language), total: formatCount(progress.total, language) };
}

export function SyncIndicator() {
  const { t } = useTranslation();
  const language = useLanguage();
  const localized = useLocalized();
  const snapshot = useSyncState((s) => s.snapshot);
  const navigate = useRoute((s) => s.navigate);
  const state = snapshot?.state ?? 'offline';
  const label = snapshot ? t(`sync.${state}`) : t('sync.unknown');
  const counted = snapshot?.progress ? progressCount(snapshot.progress, language) : null;
  // Offline, a clerk may stop serving citizens for fear of losing the work: the header itself says the work goes on
  // and will be sent (a tooltip is seen by no one). Only on a desk known to have a server to send to: not before the
  // first status says so, nor on one not enrolled.
  // Restored from a backup, the desk records nothing new until it has reached the server once: saying work goes on
  // would send a clerk through a whole form to be refused at F2. The header says what holds instead.
  const catchingUp = snapshot?.catchingUpAfterRestore === true;
  // Another PC works as this desk: it records nothing more, online or not, and the header says so in its place.
  const inUseElsewhere = snapshot?.identityInUseElsewhere === true;
  // Also while the server asks the desk to wait (busy, or a fault of its own): the work goes on all the same.
  const workGoesOn = (state === 'offline' || state === 'waiting') && snapshot?.enrolled === true && !catchingUp && !inUseElsewhere;
  // A PC clock the desk finds wrong stamps wrong times on every slip and deed, and the desk knows it offline as well
  // (from the server's times it holds, its own unsent stamps): said in any state, on the same finding the reception
  // and a dossier's actions warn on, how far off and how it is known on hover (the Sync screen says it in full).
  const clockFinding = useClockFinding();
  return (
    <button
      type="button"
      className={`sync-indicator sync-${state}`}
      data-testid="sync-indicator"
      data-state={snapshot?.state ?? 'unknown'}
      title={snapshot?.message ? localized(snapshot.message) : undefined}
      onClick={() => navigate({ name: 'sync' })}
    >
      <span className="sync-line">
        <span className="visually-hidden">{t('sync.indicator')}: </span>
        <span className="sync-dot" aria-hidden="true" />
        <span>{label}</span>
        {/* Online but something needs the clerk (refused changes, conflicts): a green "online" alone would say all
            is well, and a tooltip is seen by no one. Not again for a wrong clock, which has its own words below. */}
        {(state === 'online' || state === 'syncing') && snapshot?.message && !clockFinding && (
          <span data-testid="sync-warning">⚠ {t('sync.warning')}</span>
        )}
        {state === 'syncing' && snapshot?.progress && snapshot.progress.total > 0 && (
          <>
            <span
              className="progress"
              role="progressbar"
              aria-label={t('sync.running')}
              aria-valuemin={0}
              aria-valuemax={snapshot.progress.total}
              aria-valuenow={snapshot.progress.done}
            >
              <span className="progress-fill" style={{ display: 'block', width: `${Math.min(100, (snapshot.progress.done / snapshot.progress.total) * 100)}%` }} />
            </span>
            <span data-testid="sync-progress">
              {counted!.done}/{counted!.total}
            </span>
          </>
        )}
        <span data-testid="sync-pending">{t('sync.pending', { count: snapshot?.pending ?? 0 })}</span>
        <span className="muted-light">
          {snapshot?.lastSyncAt ? t('sync.lastSync', { when: formatVnDateTime(snapshot.lastSyncAt) }) : t('sync.never')}
        </span>
      </span>
      {/* A line of its own under the state: beside it, the header no longer fits a 1,024 px screen (nor, with the
          clock's words too, a 1,366 px one). The notes share it, each indented as the first. */}
      {(workGoesOn || catchingUp || inUseElsewhere || clockFinding) && (
        <span>
          {workGoesOn && (
            <span className="sync-offline-note" data-testid="sync-offline-note">
              {t(state === 'waiting' ? 'sync.waitingWorkGoesOn' : 'sync.offlineWorkGoesOn')}
            </span>
          )}
          {inUseElsewhere && (
            <span className="sync-offline-note" data-testid="sync-in-use-elsewhere-note">
              ⚠ {t('sync.identityInUseElsewhere')}
            </span>
          )}
          {catchingUp && (
            <span className="sync-offline-note" data-testid="sync-catch-up-note">
              ⚠ {t('sync.catchingUpAfterRestore')}
            </span>
          )}
          {clockFinding && (
            <span className="sync-offline-note" data-testid="sync-clock-warning" title={clockFindingText(t, clockFinding)}>
              ⚠ {t('clock.headerWarning')}
            </span>
          )}
        </span>
      )}
    </button>
  );
}
