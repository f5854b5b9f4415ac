/**
 * The report by field on the dashboard. A row reconciles across, as the exports' tables do (shared/reports/
 * report-tables.ts): the dossiers of the period end resolved, in progress, withdrawn or stopped, so those columns add
 * up to the total; "of which late" is part of resolved, and refusals (never received) stand beside the total. Results
 * handed back are outside it too (the exports' column is headed so). They are not a column here, but their figure
 * "Đã trả kết quả" is on the same screen, so the line above the table says so: added in, it counts a dossier twice.
 */
import type { Report, ReportLine } from '../../../../shared/reports/report';
import { useLanguage, useTranslation } from '../../i18n';
import { ReportTableHead } from './ReportTableHead';
import { formatCount, formatPercent } from './report-figures';

/** The columns after the total, in order: i18n key under `reports.` and the figure of a line. */
const figures: readonly { id: string; value: (l: ReportLine) => number }[] = [
  { id: 'resolved', value: (l) => l.counts.resolved.total },
  { id: 'ofWhichLate', value: (l) => l.counts.resolved.late },
  { id: 'inProgress', value: (l) => l.counts.inProgress.total },
  { id: 'withdrawn', value: (l) => l.counts.withdrawn },
  { id: 'stopped', value: (l) => l.counts.stopped },
  { id: 'refused', value: (l) => l.counts.refused },
];

export function ByFieldTable({ report }: { report: Report }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (report.byField.length === 0) return <p className="muted">{t('reports.noData')}</p>;
  const most = Math.max(1, ...report.byField.map((l) => l.counts.inPeriod));
  const columns = [{ id: 'received' }, ...figures, { id: 'onTimeRate' }].map(({ id }) => ({ id, label: t(`reports.${id}`) }));
  return (
    <section aria-label={t('reports.byField')}>
      <h2>{t('reports.byField')}</h2>
      <p className="muted" id="report-by-field-balance">
        {t('reports.byFieldBalance')}
      </p>
      <table className="plain report-table" data-testid="report-by-field" aria-describedby="report-by-field-balance">
        <ReportTableHead label={t('reports.field')} figures={columns} />
        <tbody>
          {report.byField.map((line) => (
            <tr key={line.key}>
              <td>{line.label}</td>
              <td className="num">
                {formatCount(line.counts.inPeriod, language)}
                <div className="report-bar" aria-hidden="true">
                  <span style={{ width: `${(line.counts.inPeriod / most) * 100}%` }} />
                </div>
              </td>
              {figures.map((f) => (
                <td key={f.id} className="num">
                  {formatCount(f.value(line), language)}
                </td>
              ))}
              <td className="num">{formatPercent(line.rates.onTimeRate, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
