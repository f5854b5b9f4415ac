/**
 * The running dossiers whose appointment falls on a day the current calendar does not work: a day off the unit
 * declared, or the server's calendar brought, after they were received (docs/decisions.md, "Appointments on a day
 * declared off later"). The desk keeps every printed appointment; the clerk calls the citizens and re-appoints them
 * (form 04) where needed, from the dossier each row opens. Nothing is shown while there are none.
 */
import { useDeskQuery } from '../../components/use-desk-call';
import { useDossiersChanged } from '../../components/use-dossiers-changed';
import { DossierTable } from '../../components/DossierTable';
import { Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { useNow } from '../reception/AppointmentPanel';

/** Rows listed: the earliest appointments, which are the most urgent calls; the count says how many in all. */
export const APPOINTMENTS_ON_DAYS_OFF_SHOWN = 20;

export function AppointmentsOnDaysOffNotice() {
  const { t } = useTranslation();
  const now = useNow(60_000);
  // A failed read shows nothing here: the warning is an aid beside the list, whose own errors are shown.
  const { data, reload } = useDeskQuery('dossiers.appointmentsOnDaysOff', { limit: APPOINTMENTS_ON_DAYS_OFF_SHOWN });
  // A new calendar, a re-appointment, a dossier resolved at another desk, and the day turning all change the list.
  useDossiersChanged(reload, now);
  if (!data || data.count === 0) return null;
  return (
    <section className="appointments-on-days-off" data-testid="appointments-on-days-off">
      <Notice tone="warning">
        {t('dossiers.appointmentsOnDaysOff', { count: data.count })}
        {data.count > data.items.length && <> {t('dossiers.appointmentsOnDaysOffFirst', { shown: data.items.length })}</>}
      </Notice>
      <DossierTable rows={data.items} />
    </section>
  );
}
