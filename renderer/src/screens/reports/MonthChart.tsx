/**
 * The chart by month: for each month of the period its newly received dossiers and its resolved ones (early or on
 * time, and late), each month's figures being that month's own report. Plain HTML bars with their numbers written
 * on them; a month opens the list of its newly received dossiers. A table under the chart gives the same figures
 * for screen readers and for print.
 */
import type { ReportMonth } from '../../../../shared/api/report-months';
import { useLanguage, useTranslation } from '../../i18n';
import { formatCount, formatPercent } from './report-figures';
import { monthBars, type MonthBar } from './month-chart';
import { ReportTableHead } from './ReportTableHead';

export function MonthChart({
  months,
  onDrill,
}: {
  months: readonly ReportMonth[];
  onDrill: (bar: MonthBar) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const bars = monthBars(months, language);
  const n = (v: number) => formatCount(v, language);
  return (
    <section aria-labelledby="report-months-title" data-testid="report-months">
      <h2 id="report-months-title">{t('reports.byMonth')}</h2>
      <ul className="month-legend">
        <li>
          <span className="swatch swatch-received" aria-hidden="true" /> {t('reports.newReceived')}
        </li>
        <li>
          <span className="swatch swatch-in-time" aria-hidden="true" /> {t('reports.resolvedInTime')}
        </li>
        <li>
          <span className="swatch swatch-late" aria-hidden="true" /> {t('reports.resolvedLate')}
        </li>
      </ul>
      <div className="month-chart">
        {bars.map((bar) => (
          <button
            key={bar.month}
            type="button"
            className="month-column"
            data-testid={`month-${bar.month}`}
            data-from={bar.period.from}
            data-to={bar.period.to}
            onClick={() => onDrill(bar)}
          >
            {/* The name a screen reader reads; the drawing below repeats it for the eye (no aria-label, so the
                accessible name is this text and never contradicts what is shown). */}
            <span className="visually-hidden">
              {t('reports.monthBar', {
                month: bar.full,
                received: n(bar.received),
                resolved: n(bar.resolved),
                late: n(bar.late),
              })}
            </span>
            <span className="month-plot" aria-hidden="true">
              <span className="month-bar-slot">
                <span className="month-value" data-testid="month-received">
                  {n(bar.received)}
                </span>
                {bar.received > 0 && (
                  <span className="month-bar swatch-received" style={{ height: `${bar.receivedHeight}%` }} />
                )}
              </span>
              <span className="month-bar-slot">
                <span className="month-value" data-testid="month-resolved">
                  {n(bar.resolved)}
                </span>
                {bar.late > 0 && (
                  <span className="month-bar swatch-late" style={{ height: `${bar.lateHeight}%` }} />
                )}
                {bar.inTime > 0 && (
                  <span className="month-bar swatch-in-time" style={{ height: `${bar.inTimeHeight}%` }} />
                )}
              </span>
            </span>
            <span className="month-label" aria-hidden="true">
              {bar.short}
              <span className="month-year">{bar.year ?? '\u00a0'}</span>
            </span>
          </button>
        ))}
      </div>
      <table className="plain report-table month-table" data-testid="report-months-table">
        <caption className="muted">{t('reports.byMonthTable')}</caption>
        <ReportTableHead
          label={t('reports.month')}
          figures={(['newReceived', 'resolved', 'resolvedInTime', 'late', 'onTimeRate'] as const).map((id) => ({ id, label: t(`reports.${id}`) }))}
        />
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.month} data-testid={`month-row-${bar.month}`}>
              <th scope="row">{bar.full}</th>
              <td className="num">{n(bar.received)}</td>
              <td className="num">{n(bar.resolved)}</td>
              <td className="num">{n(bar.inTime)}</td>
              <td className="num">{n(bar.late)}</td>
              <td className="num">{formatPercent(bar.onTimeRate, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
