/**
 * The next days off the desk will skip (holidays from the server, the unit's own days), so an administrator sees
 * at a glance that a day just typed, or a holiday the server announced, is in the calendar deadlines use.
 */
import type { CalendarView } from '../../../../shared/api/desk-calendar';
import type { WorkingCalendar } from '../../../../shared/calendar/working-calendar';
import { vnDateKey } from '../../../../shared/calendar/vn-time';
import { useTranslation } from '../../i18n';
import { dateKeyToVn } from '../../format/vn-time';

const SHOWN = 8;

export function upcomingDaysOff(calendar: WorkingCalendar, today: string, count = SHOWN): { date: string; name: string }[] {
  const year = Number(today.slice(0, 4));
  const years = [year, year + 1].filter((y) => y <= 2099);
  return years.flatMap((y) => calendar.daysOff(y)).filter((d) => d.date >= today).slice(0, count);
}

export function UpcomingDaysOff({ calendar, view }: { calendar: WorkingCalendar; view: CalendarView }) {
  const { t } = useTranslation();
  const days = upcomingDaysOff(calendar, vnDateKey(new Date()));
  const local = new Set(view.local.daysOff.map((d) => d.date));
  return (
    <section aria-labelledby="upcoming-days-off" data-testid="upcoming-days-off">
      <h3 id="upcoming-days-off">{t('settings.upcomingDaysOff')}</h3>
      {days.length === 0 ? (
        <p className="muted">{t('settings.noDays')}</p>
      ) : (
        <ul>
          {days.map((d) => (
            <li key={d.date}>
              <span className="mono">{dateKeyToVn(d.date)}</span> {d.name}
              {local.has(d.date) && <span className="muted"> ({t('settings.ofTheUnit')})</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
