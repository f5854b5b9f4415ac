/** The sync page: state, pending changes, last success, errors in plain words, and dossiers needing a person. */
import { useDeskQuery } from '../../components/use-desk-call';
import { ErrorBanner, Notice, ProgressBar } from '../../components/ui';
import { DossierTable } from '../../components/DossierTable';
import { useLocalized, useTranslation } from '../../i18n';
import { useSyncState } from '../../store/sync';
import { formatVnDateTime } from '../../format/vn-time';

export function SyncScreen() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const snapshot = useSyncState((s) => s.snapshot);
  const status = useDeskQuery('sync.status', {});
  const conflicts = useDeskQuery('dossiers.list', { inConflict: true, limit: 200 });
  const quarantined = status.data?.quarantined ?? 0;
  return (
    <div>
      <h1>{t('sync.title')}</h1>
      <section className="panel">
        <dl className="facts">
          <dt>{t('sync.indicator')}</dt>
          <dd data-testid="sync-state">{snapshot ? t(`sync.${snapshot.state}`) : t('sync.unknown')}</dd>
          <dt>{t('sync.states.pending')}</dt>
          <dd>{snapshot?.pending ?? status.data?.pending ?? 0}</dd>
          <dt>{t('sync.states.quarantined')}</dt>
          <dd>{quarantined}</dd>
          <dt>{t('sync.lastSuccess')}</dt>
          <dd>{snapshot?.lastSyncAt ? formatVnDateTime(snapshot.lastSyncAt) : t('sync.never')}</dd>
        </dl>
        {snapshot?.state === 'syncing' && <ProgressBar value={snapshot.progress?.done} max={snapshot.progress?.total || 1} />}
        {status.data?.errors.map((e, i) => (
          <div key={i} className="banner banner-error" role="alert">
            {localized(e)}
          </div>
        ))}
        <ErrorBanner error={status.error} />
      </section>
      <h2>{t('sync.conflicts')}</h2>
      <ErrorBanner error={conflicts.error} />
      {conflicts.data && conflicts.data.items.length > 0 ? <DossierTable rows={conflicts.data.items} /> : quarantined === 0 && <Notice tone="success">{t('sync.noProblems')}</Notice>}
    </div>
  );
}
