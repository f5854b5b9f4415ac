/** The XLSX / CSV / PDF export of the report shown, with a progress bar while the desk builds the file. */
import { useState } from 'react';
import { reportExportFormats, type ReportExportFormat } from '../../../../shared/api/report-inputs';
import { ActionButton, ErrorBanner, Notice, ProgressBar } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { useTranslation } from '../../i18n';
import { offerDownload } from './download';

export function ExportButtons({ query }: { query: { from: string; to: string; unitCode?: string } }) {
  const { t } = useTranslation();
  const { run, busy, error } = useDeskAction();
  const [format, setFormat] = useState<ReportExportFormat | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const exportAs = async (next: ReportExportFormat) => {
    setFormat(next);
    setDone(null);
    const result = await run('reports.export', { ...query, format: next });
    if (result.ok) {
      offerDownload(result.value);
      setDone(result.value.fileName);
    }
  };
  return (
    <section aria-label={t('reports.export')}>
      <h2>{t('reports.export')}</h2>
      <div className="row">
        {reportExportFormats.map((f) => (
          <ActionButton
            key={f}
            busy={busy && format === f}
            disabled={busy}
            onActivate={() => void exportAs(f)}
          >
            {f.toUpperCase()}
          </ActionButton>
        ))}
      </div>
      {busy && format && <ProgressBar label={t('reports.exporting', { format: format.toUpperCase() })} />}
      {done && !busy && <Notice tone="success">{t('reports.exported', { fileName: done })}</Notice>}
      <ErrorBanner error={error} />
    </section>
  );
}
