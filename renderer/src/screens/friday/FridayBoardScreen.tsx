/** Today's Friday-without-waiting dossiers with the time left before each is due (DESIGN.md §3). */
import { useDeskQuery } from '../../components/use-desk-call';
import { ErrorBanner, Notice } from '../../components/ui';
import { DossierTable } from '../../components/DossierTable';
import { useTranslation } from '../../i18n';
import { splitMinutes, dateKeyToVn } from '../../format/vn-time';
import { useNow } from '../reception/AppointmentPanel';

export function FridayBoardScreen() {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const { data, error } = useDeskQuery('dossiers.fridayQueue', {}, [Math.floor(now.getTime() / 60_000)]);
  return (
    <div>
      <h1>{t('friday.title')}</h1>
      <ErrorBanner error={error} />
      {data && (
        <>
          <p className="muted">{dateKeyToVn(data.date)}</p>
          {!data.isFriday && <Notice>{t('friday.notFriday')}</Notice>}
          {data.items.length === 0 ? (
            <p className="muted">{t('friday.empty')}</p>
          ) : (
            <DossierTable
              rows={data.items}
              extra={{
                title: t('dossiers.due'),
                cell: (row) => {
                  if (!row.dueAt || row.status > 4) return '—';
                  const left = (new Date(row.dueAt).getTime() - now.getTime()) / 60_000;
                  if (left < 0) return <span className="badge due-overdue">{t('friday.late')}</span>;
                  const { hours, minutes } = splitMinutes(left);
                  return <span className={`badge ${left < 60 ? 'due-today' : 'due-ok'}`}>{t('friday.timeLeft', { hours, minutes: String(minutes).padStart(2, '0') })}</span>;
                },
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
