/**
 * A placeholder dashboard until the reports capability lands (its own issue): what the desk API offers today —
 * counts by status and against deadlines — and the list of report methods the desk exposes.
 */
import { useEffect, useState } from 'react';
import { deskApiMethods } from '../../../../shared/api/desk-api';
import { dossierStatuses, statusLabel, type DossierStatus } from '../../../../shared/domain/dossier';
import { useDesk } from '../../desk-context';
import { useDeskQuery } from '../../components/use-desk-call';
import { ErrorBanner, ProgressBar } from '../../components/ui';
import { useLanguage, useTranslation } from '../../i18n';

export function ReportsScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { call } = useDesk();
  const due = useDeskQuery('dossiers.dueSoon', { limit: 1 });
  const [counts, setCounts] = useState<Partial<Record<DossierStatus, number>>>({});
  useEffect(() => {
    let live = true;
    for (const status of dossierStatuses) {
      void call('dossiers.list', { status: [status], limit: 1 }).then((r) => {
        if (live && r.ok) setCounts((c) => ({ ...c, [status]: r.value.total }));
      });
    }
    return () => {
      live = false;
    };
  }, [call]);
  const reportMethods = deskApiMethods.filter((m) => m.startsWith('reports.') || m === 'dossiers.dueSoon' || m === 'dossiers.list');
  return (
    <div>
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      <ErrorBanner error={due.error} />
      <h2>{t('reports.dueSummary')}</h2>
      {due.data ? (
        <div className="stat-grid">
          <Stat label={t('dossiers.overdue')} value={due.data.overdue} tone="due-overdue" />
          <Stat label={t('dossiers.dueToday')} value={due.data.dueToday} tone="due-today" />
          <Stat label={t('dossiers.dueSoon')} value={due.data.dueSoon} tone="due-soon" />
        </div>
      ) : (
        <ProgressBar />
      )}
      <h2>{t('reports.byStatus')}</h2>
      <div className="stat-grid">
        {dossierStatuses.map((s) => (
          <Stat key={s} label={statusLabel(s)[language]} value={counts[s]} />
        ))}
      </div>
      <h2>{t('reports.methods')}</h2>
      <ul className="mono">
        {reportMethods.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

function Stat({ label, value, tone }: { label: string; value: number | undefined; tone?: string }) {
  return (
    <div className={`stat${tone ? ` ${tone}` : ''}`}>
      <div className="muted">{label}</div>
      <div className="value">{value ?? '…'}</div>
    </div>
  );
}
