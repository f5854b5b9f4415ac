/** The XLSX / CSV / PDF export of the report shown, with a progress bar while the desk builds the file. */
import { useEffect, useRef, useState } from 'react';
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
  const buttons = useRef<HTMLDivElement>(null);
  // The buttons are disabled while the desk builds the file, so the one pressed loses the focus to <body>; give
  // it back when the work ends (unless the clerk has moved on), so the next export is one Tab or Enter away.
  useEffect(() => {
    if (busy || !format) return;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost) buttons.current?.querySelector<HTMLButtonElement>(`[data-format="${format}"]`)?.focus();
  }, [busy, format]);
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
      <div className="row" ref={buttons}>
        {reportExportFormats.map((f) => (
          <ActionButton
            key={f}
            data-format={f}
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
