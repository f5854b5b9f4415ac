/** Today's Friday-without-waiting dossiers with the office time left before each is due (DESIGN.md §3). */
import { useDeskQuery } from '../../components/use-desk-call';
import { ErrorBanner, Notice } from '../../components/ui';
import { DossierTable } from '../../components/DossierTable';
import { useTranslation } from '../../i18n';
import { dateKeyToVn } from '../../format/vn-time';
import { useWorkingCalendar } from '../../store/working-calendar';
import { useNow } from '../reception/AppointmentPanel';
import { workingTimeLeft } from './time-left';

export function FridayBoardScreen() {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const { data, error } = useDeskQuery('dossiers.fridayQueue', {}, [Math.floor(now.getTime() / 60_000)]);
  const { calendar, error: calendarError } = useWorkingCalendar();
  return (
    <div>
      <h1>{t('friday.title')}</h1>
      <ErrorBanner error={error} />
      <ErrorBanner error={calendarError} />
      {data && (
        <>
          <p className="muted">{dateKeyToVn(data.date)}</p>
          {!data.isFriday && <Notice>{t('friday.notFriday')}</Notice>}
          {data.items.length === 0 ? (
            <p className="muted">{t('friday.empty')}</p>
          ) : (
            <>
              <p className="muted" data-testid="friday-listed">
                {t('friday.listed')}
              </p>
              <DossierTable
                rows={data.items}
                extra={{
                  title: t('friday.workingTimeLeft'),
                  cell: (row) => {
                    // The appointment itself is in the column before; until the calendar is known, no count.
                    if (!row.dueAt || row.status > 4 || !calendar) return '—';
                    const left = workingTimeLeft(calendar, now, new Date(row.dueAt));
                    if (left.late) return <span className="badge due-overdue">{t('friday.late')}</span>;
                    const minutes = String(left.minutes).padStart(2, '0');
                    return (
                      <span className={`badge ${left.workingMinutes < 60 ? 'due-today' : 'due-ok'}`} data-testid="friday-time-left">
                        {left.days === 0
                          ? t('friday.timeLeft', { hours: left.hours, minutes })
                          : left.hours === 0
                            ? t('friday.timeLeftWholeDays', { days: left.days })
                            : t('friday.timeLeftDays', { days: left.days, hours: left.hours })}
                      </span>
                    );
                  },
                }}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
