/**
 * The appointment the receipt would print if the clerk saved now, refreshed every half minute, computed with the
 * desk's own working calendar (the server's document with the unit's office hours and days), which is reloaded
 * when an administrator changes it or the server sends a new one.
 */
import { useEffect, useState } from 'react';
import type { Procedure } from '../../../../shared/domain/procedure';
import type { WorkingCalendar } from '../../../../shared/calendar/working-calendar';
import { ErrorBanner } from '../../components/ui';
import { formatVnDateTime } from '../../format/vn-time';
import { useTranslation } from '../../i18n';
import { useWorkingCalendar } from '../../store/working-calendar';
import { previewAppointment } from './model';

export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function AppointmentPanel({ procedure }: { procedure: Procedure | null }) {
  const { calendar, error } = useWorkingCalendar();
  if (!calendar) return <ErrorBanner error={error} />;
  return <Appointment procedure={procedure} calendar={calendar} />;
}

function Appointment({ procedure, calendar }: { procedure: Procedure | null; calendar: WorkingCalendar }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!procedure) {
    return (
      <section aria-labelledby="appointment-title">
        <h2 id="appointment-title">{t('reception.appointment')}</h2>
        <p className="muted">{t('reception.appointmentPick')}</p>
      </section>
    );
  }
  const preview = previewAppointment(procedure, now, calendar);
  return (
    <section aria-labelledby="appointment-title" aria-live="polite">
      <h2 id="appointment-title">{t('reception.appointment')}</h2>
      <p className="appointment" data-testid="appointment-preview">
        {formatVnDateTime(preview.dueAt)}
      </p>
      <p className="muted">{t('reception.appointmentPreview', { when: formatVnDateTime(preview.dueAt) })}</p>
      {preview.friday && (
        <p>
          <span className="badge badge-friday" data-testid="friday-badge">
            {t('reception.fridayBadge')}
          </span>{' '}
          {preview.friday === 'friday_before_cutoff' && t('reception.fridayToday', { cutoff: preview.fridayCutoff })}
          {preview.friday === 'friday_after_cutoff' && t('reception.fridayLate', { cutoff: preview.fridayCutoff, next: preview.fridayNextDue })}
        </p>
      )}
      {preview.sameDay && (
        <p data-testid="same-day-cutoff">
          <strong>{t('reception.sameDay')}.</strong>{' '}
          {preview.sameDay.dayOff
            ? t('reception.sameDayDayOff')
            : preview.sameDay.passed
              ? t('reception.sameDayLate', { cutoff: preview.sameDay.cutoff })
              : t('reception.sameDayCutoff', { cutoff: preview.sameDay.cutoff })}
        </p>
      )}
    </section>
  );
}
