/** The dossiers behind one figure of the report; a row opens the dossier. */
import { useEffect, useRef, useState } from 'react';
import type { DossierSummary, LegalDue } from '../../../../shared/api/dossier-views';
import type { AppError } from '../../../../shared/result';
import { ActionButton, ErrorBanner, ProgressBar } from '../../components/ui';
import { useDesk } from '../../desk-context';
import { formatVnDate } from '../../format/vn-time';
import { useLocalized, useTranslation } from '../../i18n';
import { useRoute } from '../../store/route';
import type { DrillTarget } from './report-figures';

const PAGE = 50;

/**
 * A re-appointed dossier: the appointment above is the new one, but the report judges it by the first (the legal
 * due), so the row says that date and, when it counts late by it, so — in the detail page's words.
 */
function LegalDueNote({ legalDue }: { legalDue: LegalDue }) {
  const { t } = useTranslation();
  return (
    <div className="report-legal-due" data-testid="report-legal-due">
      {t('detail.originalDue')}: {formatVnDate(legalDue.at)}
      {legalDue.lateness && (
        <div>
          <span className="badge due-overdue">
            {t(legalDue.lateness === 'overdue' ? 'detail.lateAgainstOriginal' : 'detail.resolvedLateAgainstOriginal')}
          </span>
        </div>
      )}
    </div>
  );
}

export function DrillDown({
  query,
  target,
  title,
}: {
  query: { from: string; to: string; unitCode?: string };
  target: DrillTarget;
  title: string;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { call } = useDesk();
  const navigate = useRoute((s) => s.navigate);
  const [items, setItems] = useState<DossierSummary[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async (offset: number, live: () => boolean = () => true) => {
    setLoading(true);
    const result = await call('reports.dossiers', { ...query, ...target, limit: PAGE, offset });
    if (!live()) return;
    setLoading(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setItems((previous) => (offset === 0 ? result.value.items : [...previous, ...result.value.items]));
    setHasMore(result.value.hasMore);
  };

  useEffect(() => {
    let live = true;
    setItems([]);
    void load(0, () => live);
    return () => {
      live = false;
    };
    // Reloaded only when the figure, the period or the unit changes, not when `load` is re-created.
  }, [target.figure, target.channel, query.from, query.to, query.unitCode]);

  // The list opens below the figures and the rates, out of sight on a laptop screen: without this a click on a
  // figure seems to do nothing, and a keyboard user would have to find the list. Its heading takes the focus
  // (read out as it is reached) and is scrolled into view, each time another figure or month is chosen.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [target.figure, target.channel, query.from, query.to]);

  return (
    <section aria-label={t('reports.drillTitle', { figure: title })} data-testid="report-drill-down">
      <h2 ref={heading} tabIndex={-1}>
        {t('reports.drillTitle', { figure: title })}
      </h2>
      <ErrorBanner error={error} />
      {!loading && items.length === 0 && !error && <p className="muted">{t('reports.drillEmpty')}</p>}
      {items.length > 0 && (
        <table className="plain report-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.code')}</th>
              <th scope="col">{t('reports.applicant')}</th>
              <th scope="col">{t('reports.procedure')}</th>
              <th scope="col">{t('reports.receivedAt')}</th>
              <th scope="col">{t('reports.dueAt')}</th>
              <th scope="col">{t('reports.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr
                key={d.id}
                data-testid="report-dossier"
                className="report-dossier-row"
                tabIndex={0}
                onClick={() => navigate({ name: 'dossier', id: d.id })}
                onKeyDown={(e) => e.key === 'Enter' && navigate({ name: 'dossier', id: d.id })}
              >
                <td className="mono">{d.code}</td>
                <td>{d.applicantName}</td>
                <td>{d.procedureName}</td>
                <td className="date">{formatVnDate(d.receivedAt)}</td>
                <td className="date">
                  {formatVnDate(d.dueAt)}
                  {d.legalDue && <LegalDueNote legalDue={d.legalDue} />}
                </td>
                <td>{localized(d.statusLabel)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loading && <ProgressBar />}
      {hasMore && !loading && (
        <ActionButton onActivate={() => void load(items.length)}>{t('reports.more')}</ActionButton>
      )}
    </section>
  );
}
