/**
 * The sync page: is the desk in step with the server, what waits to be sent, when it last succeeded, the last
 * error in plain words, a "sync now" button with its progress, and the dossiers that need a person — those with a
 * change the server refused and those in conflict between desks — each with the reason and what to do.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useDesk } from '../../desk-context';
import { useDeskAction, useDeskQuery } from '../../components/use-desk-call';
import { ActionButton, ErrorBanner, ProgressBar } from '../../components/ui';
import { StatusBadge } from '../../components/badges';
import { useLanguage, useLocalized, useTranslation } from '../../i18n';
import { useSyncState } from '../../store/sync';
import { useRoute } from '../../store/route';
import { formatVnDateTime } from '../../format/vn-time';
import { progressCount, snapshotOf } from '../../components/SyncIndicator';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import { useSyncProblems } from './use-sync-problems';
import type { RefusalReason } from './sync-reasons';
import { ServerAddressForm } from './ServerAddressForm';
import { skewAmount } from '../../format/clock-skew';
import { useSession } from '../../store/session';

export const SYNC_NOW_SHORTCUT = 'Alt+S';
const STATUS_REFRESH_MS = 15_000;

export function SyncScreen() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const language = useLanguage();
  const { call } = useDesk();
  const snapshot = useSyncState((s) => s.snapshot);
  const setSnapshot = useSyncState((s) => s.set);
  const status = useDeskQuery('sync.status', {});
  const isAdmin = useSession((st) => st.user?.role === 'administrator');
  const syncNow = useDeskAction();
  const [rounds, setRounds] = useState(0);

  // Every change the indicator hears of (a round finished, the link dropped, the pending count moved) refreshes
  // the details here too.
  const mark = snapshot ? `${snapshot.state}|${snapshot.pending}|${snapshot.lastSyncAt}` : '';
  const lastMark = useRef(mark);
  const { reload } = status;
  useEffect(() => {
    if (mark === lastMark.current) return;
    lastMark.current = mark;
    if (snapshot?.state !== 'syncing') reload();
  }, [mark, reload, snapshot?.state]);

  // While the desk keeps failing to reach the server nothing the indicator hears changes (offline stays offline,
  // the count stays put), yet it tries every half minute: the last attempt and the clock shown here are read
  // again on the indicator's rhythm, a local call that costs the link nothing.
  useEffect(() => {
    const timer = setInterval(reload, STATUS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const problems = useSyncProblems(call, status.data?.quarantined, status.data?.conflicts, rounds);
  const view = status.data;
  const state = snapshot?.state ?? view?.state ?? 'offline';
  const progress = snapshot?.state === 'syncing' ? snapshot.progress : undefined;
  // A desk the server revoked (or that never enrolled) cannot sync: a button that stays enabled and does nothing
  // leaves the clerk pressing it; disabled, it says why and who can help.
  const cannotSync = view?.revoked ? t('sync.nowRevoked') : view?.enrolled === false ? t('sync.nowNotEnrolled') : null;
  // The clerk who pressed the button is often the one to learn of the revocation: the button then goes disabled
  // under their keyboard focus, which a browser drops to the page; the reason takes it and is read out.
  const revokedByPress = useRef(false);
  const why = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (cannotSync && revokedByPress.current) why.current?.focus();
    revokedByPress.current = false;
  }, [cannotSync]);

  const runNow = async () => {
    const result = await syncNow.run('sync.now', {});
    if (result.ok) {
      revokedByPress.current = result.value.revoked === true;
      setSnapshot(snapshotOf(result.value));
      reload();
      setRounds((n) => n + 1);
    }
  };

  return (
    <div className="sync-page">
      <h1>{t('sync.title')}</h1>
      {/* The section is named by its first fact's label: a hidden heading of the same words was read twice. */}
      <section className="panel" aria-labelledby="sync-state-title">
        <dl className="facts">
          <dt id="sync-state-title">{t('sync.indicator')}</dt>
          <dd data-testid="sync-state">{snapshot || view ? t(`sync.${state}`) : t('sync.unknown')}</dd>
          <dt>{t('sync.server')}</dt>
          <dd className="mono" data-testid="sync-server">
            {view?.serverUrl ?? t('sync.notEnrolled')}
          </dd>
          <dt>{t('sync.pendingActions')}</dt>
          <dd data-testid="sync-page-pending">{snapshot?.pending ?? view?.pending ?? 0}</dd>
          <dt>{t('sync.quarantined')}</dt>
          <dd data-testid="sync-page-refused">{view?.quarantined ?? 0}</dd>
          <dt>{t('sync.conflicts')}</dt>
          <dd data-testid="sync-page-conflicts">{view?.conflicts ?? problems.conflicts.length}</dd>
          <dt>{t('sync.lastSuccess')}</dt>
          <dd data-testid="sync-last-success">{(snapshot?.lastSyncAt ?? view?.lastSyncAt) ? formatVnDateTime(snapshot?.lastSyncAt ?? view?.lastSyncAt) : t('sync.never')}</dd>
          {view?.lastAttemptAt && (
            <>
              <dt>{t('sync.lastAttempt')}</dt>
              {/* Stamped by this PC's clock unless the desk measured its skew in this run (then it is the server's
                  time): by a wrong clock it can read days before the last success, which would make no sense without
                  a word; by the server's time, the word would send the clerk to compare it with a clock it does not
                  follow (QA). */}
              <dd data-testid="sync-last-attempt">
                {view.clockCheck && !view.lastAttemptOnServerTime
                  ? t('sync.byWrongClock', { when: formatVnDateTime(view.lastAttemptAt) })
                  : formatVnDateTime(view.lastAttemptAt)}
              </dd>
            </>
          )}
          {typeof view?.clockSkewSeconds === 'number' && Math.abs(view.clockSkewSeconds) >= 60 && (
            <>
              <dt>{t('sync.clockSkew')}</dt>
              <dd data-testid="sync-clock-skew">{skewText(t, view.clockSkewSeconds, Boolean(view.clockCheck))}</dd>
            </>
          )}
        </dl>
        <div className="row">
          <ActionButton
            variant="primary"
            shortcut={SYNC_NOW_SHORTCUT}
            busy={syncNow.busy}
            onActivate={() => void runNow()}
            data-testid="sync-now"
            disabled={cannotSync !== null}
            aria-describedby={cannotSync ? 'sync-now-why' : undefined}
          >
            {syncNow.busy ? t('sync.running') : t('sync.now')}
          </ActionButton>
          {cannotSync && (
            <span id="sync-now-why" data-testid="sync-now-why" ref={why} tabIndex={-1}>
              {cannotSync}
            </span>
          )}
          {progress && progress.total > 0 && (
            <span data-testid="sync-progress-text">{t('sync.progress', progressCount(progress, language))}</span>
          )}
        </div>
        {(syncNow.busy || state === 'syncing') && (
          <ProgressBar label={t('sync.running')} {...(progress && progress.total > 0 ? { value: progress.done, max: progress.total } : {})} />
        )}
        <ErrorBanner error={syncNow.error} />
        {isAdmin && view?.enrolled && view.serverUrl && (
          <ServerAddressForm
            current={view.serverUrl}
            onChanged={(changed) => {
              setSnapshot(snapshotOf(changed));
              reload();
            }}
          />
        )}
        {view && view.errors.length > 0 && (
          <div data-testid="sync-errors">
            <h3>{t('sync.lastError')}</h3>
            {view.errors.map((e, i) => (
              <div key={i} className={`banner ${i === 0 && state !== 'online' && state !== 'waiting' ? 'banner-error' : 'banner-warning'}`}>
                {localized(e)}
              </div>
            ))}
          </div>
        )}
        <ErrorBanner error={status.error} />
      </section>

      <ErrorBanner error={problems.error} />

      <section aria-labelledby="refused-title" data-testid="sync-refused">
        <h2 id="refused-title">
          {t('sync.quarantined')} ({view?.quarantined ?? 0})
        </h2>
        {problems.refused.length === 0 && problems.refusedAlone.length === 0 ? (
          problems.loaded && <p className="muted">{t('sync.noneRefused')}</p>
        ) : (
          <ul className="problem-list">
            {problems.refusedAlone.map((r) => (
              <li key={r.dossierId} className="panel problem" data-testid="sync-refused-alone">
                <div className="row">
                  <span className="mono">{r.code ?? '—'}</span>
                  <span>{r.applicantName}</span>
                  <span className="muted">{r.procedureName}</span>
                </div>
                <p>{t(ALONE_TEXT[r.type] ?? 'sync.changeAlone', { when: formatVnDateTime(r.at) })}</p>
                <Reasons reasons={r.reasons} />
              </li>
            ))}
            {problems.refused.map((d) => (
              <ProblemItem key={d.summary.id} dossier={d.summary}>
                <Reasons reasons={d.reasons} />
              </ProblemItem>
            ))}
          </ul>
        )}
        {problems.refused.length >= problems.limit && <p className="muted">{t('sync.onlyFirst', { n: problems.limit })}</p>}
      </section>

      <section aria-labelledby="conflicts-title" data-testid="sync-conflicts">
        <h2 id="conflicts-title">
          {t('sync.conflicts')} ({view?.conflicts ?? problems.conflicts.length})
        </h2>
        {problems.conflicts.length === 0 ? (
          problems.loaded && <p className="muted">{t('sync.noneInConflict')}</p>
        ) : (
          <ul className="problem-list">
            {problems.conflicts.map((d) => (
              <ProblemItem key={d.summary.id} dossier={d.summary}>
                <p>{t('sync.conflictExplained', { since: formatVnDateTime(d.since) })}</p>
                {d.reasons.map((r, i) => (
                  <div key={i} className="problem-reason">
                    <strong>{t('sync.reason')}:</strong> {localized(r)}
                  </div>
                ))}
              </ProblemItem>
            ))}
          </ul>
        )}
        {problems.conflicts.length >= problems.limit && <p className="muted">{t('sync.onlyFirst', { n: problems.limit })}</p>}
      </section>
    </div>
  );
}

/**
 * "Chậm 2 ngày", not "-2880 phút": in the words and units of the warning above it (desk/sync/clock-skew.ts), and
 * without a sign a clerk has to decode. Negative seconds: the desk is behind the server. Told to set the clock only
 * when the desk finds it wrong (`wrong`: past the 5 minutes it allows, as the header and the reception warn): a
 * clock two minutes off is shown, as within what is allowed, not as a fault the other screens do not mention.
 */
function skewText(t: TFunction, seconds: number, wrong: boolean): string {
  const key = seconds < 0 ? (wrong ? 'sync.clockBehind' : 'sync.clockBehindAllowed') : wrong ? 'sync.clockAhead' : 'sync.clockAheadAllowed';
  return t(key, { amount: skewAmount(t, seconds, 'sync') });
}

/** What a refused change that left no dossier was, in the clerk's words. */
const ALONE_TEXT: Record<string, string> = { 'dossier.received': 'sync.receptionAlone', 'dossier.refused': 'sync.refusalAlone' };

/** The server's reasons for refusing a dossier's changes, each with what to do when we know it. */
function Reasons({ reasons }: { reasons: RefusalReason[] }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <>
      {reasons.map((r, i) => (
        <div key={i} className="problem-reason">
          <strong>{t('sync.reason')}:</strong> {localized(r.server)}
          {r.advice && <p className="muted">{localized(r.advice)}</p>}
        </div>
      ))}
    </>
  );
}

function ProblemItem({ dossier, children }: { dossier: DossierSummary; children: ReactNode }) {
  const navigate = useRoute((s) => s.navigate);
  return (
    <li className="panel problem" data-testid="sync-problem">
      <div className="row">
        <a
          href={`#/dossier/${dossier.id}`}
          className="mono"
          onClick={(e) => {
            e.preventDefault();
            navigate({ name: 'dossier', id: dossier.id });
          }}
        >
          {dossier.code ?? '—'}
        </a>
        <StatusBadge status={dossier.status} />
        <span>{dossier.applicantName}</span>
        <span className="muted">{dossier.procedureName}</span>
      </div>
      {children}
    </li>
  );
}
