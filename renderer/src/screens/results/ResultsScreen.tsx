/** Results waiting for the citizen (status 9), oldest first; a scan of the receipt's QR code opens one anywhere. */
import { useDeskQuery } from '../../components/use-desk-call';
import { useDossiersChanged } from '../../components/use-dossiers-changed';
import { useNow } from '../reception/AppointmentPanel';
import { DossierStatus } from '../../../../shared/domain/dossier';
import { ErrorBanner, Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { DossierTable } from '../../components/DossierTable';

export function ResultsScreen() {
  const { t } = useTranslation();
  const { data, error, reload } = useDeskQuery('dossiers.list', { status: [DossierStatus.Resolved], sort: 'received_asc', limit: 200 });
  // A result resolved at the district's desk arrives by sync: the counter sees it without leaving the screen.
  useDossiersChanged(reload, useNow(60_000));
  return (
    <div>
      <h1>{t('results.title')}</h1>
      <p>{t('results.intro')}</p>
      <Notice>{t('results.scanHint')}</Notice>
      <ErrorBanner error={error} />
      {data?.items.some((row) => row.syncState === 'conflict') && <Notice>{t('results.conflictNote')}</Notice>}
      {data && (data.items.length === 0 ? <p className="muted">{t('results.empty')}</p> : <DossierTable rows={data.items} total={data.total} />)}
    </div>
  );
}
