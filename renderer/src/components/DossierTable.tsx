/** A short table of dossiers (a board or a queue: at most a few hundred rows, so not virtualised). */
import type { DossierSummary } from '../../../shared/api/dossier-views';
import { useTranslation } from '../i18n';
import { useRoute } from '../store/route';
import { formatVnDate, formatVnDateTime } from '../format/vn-time';
import { ConflictBadge, DueBadge, StatusBadge } from './badges';
import { useNow } from '../screens/reception/AppointmentPanel';
import type { ReactNode } from 'react';

export function DossierTable({ rows, total, extra }: { rows: DossierSummary[]; total?: number; extra?: { title: string; cell: (row: DossierSummary) => ReactNode } }) {
  const { t } = useTranslation();
  const navigate = useRoute((s) => s.navigate);
  const now = useNow();
  /**
   * An online dossier not yet received has no code: its link was a bare "—", a few pixels wide, read out as "dash"
   * alike on every such row. It says "no code yet" and whose dossier it is, and is at least 24px high to hit.
   */
  const noCodeLink = (applicant: string | null) => ({
    ...(applicant ? { 'aria-label': t('detail.noCodeOf', { applicant }) } : {}),
    style: { display: 'inline-block', minHeight: '24px' },
  });
  return (
    <>
      {total !== undefined && <p>{t('dossiers.total', { count: total })}</p>}
      <table className="plain panel" data-testid="dossier-table">
        <thead>
          <tr>
            <th scope="col">{t('dossiers.code')}</th>
            <th scope="col">{t('dossiers.status')}</th>
            <th scope="col">{t('dossiers.applicant')}</th>
            <th scope="col">{t('dossiers.procedure')}</th>
            <th scope="col">{t('dossiers.receivedAt')}</th>
            <th scope="col">{t('dossiers.dueAt')}</th>
            {extra && <th scope="col">{extra.title}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="dossier-table-row">
              <td>
                <a
                  href={`#/dossier/${row.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate({ name: 'dossier', id: row.id });
                  }}
                  {...(row.code ? { className: 'mono' } : noCodeLink(row.applicantName))}
                >
                  {row.code ?? t('detail.noCode')}
                </a>
              </td>
              <td>
                <StatusBadge status={row.status} />
                <ConflictBadge syncState={row.syncState} />
              </td>
              <td>{row.applicantName}</td>
              <td>{row.procedureName}</td>
              <td>{formatVnDate(row.receivedAt)}</td>
              <td>
                {formatVnDateTime(row.dueAt)} <DueBadge dossier={row} now={now} />
              </td>
              {extra && <td>{extra.cell(row)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
