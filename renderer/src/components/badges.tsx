import type { DossierStatus } from '../../../shared/domain/dossier';
import { statusLabel } from '../../../shared/domain/dossier';
import type { LegalDue } from '../../../shared/api/dossier-views';
import { dueState } from '../format/due';
import { formatVnDate } from '../format/vn-time';
import { useLanguage, useTranslation } from '../i18n';

export function StatusBadge({ status }: { status: DossierStatus }) {
  const language = useLanguage();
  return (
    <span className="badge badge-status" data-status={status}>
      {statusLabel(status)[language]}
    </span>
  );
}

/**
 * Beside the status of a dossier two desks acted on at once: the status shown is only the one that stands until a
 * supervisor decides, and no clerk's action is offered meanwhile. Without it, a result listed "ready to hand back"
 * turned out, with the citizen at the counter, to have nothing to do (QA).
 */
export function ConflictBadge({ syncState }: { syncState: string }) {
  const { t } = useTranslation();
  if (syncState !== 'conflict') return null;
  return (
    <>
      {' '}
      <span className="badge badge-status" data-testid="conflict-badge" title={t('detail.conflict')}>
        {t('sync.states.conflict')}
      </span>
    </>
  );
}

export function DueBadge({
  dossier,
  now,
}: {
  dossier: {
    status: number;
    dueAt: string | null;
    overdue?: boolean;
    overdueDays?: number;
    dueSoon?: boolean;
    dueInDays?: number;
    legalDue?: LegalDue;
    resolvedLate?: boolean;
    resolvedLateDays?: number;
  };
  now: Date;
}) {
  const { t } = useTranslation();
  const state = dueState(dossier, now);
  // A re-appointment moved the appointment, not the legal due: open past the first appointment, the reports count
  // the dossier overdue, so the badge says so rather than "Trong hạn" beside the new date (as the detail page does).
  const legal = dossier.legalDue;
  // Its days are working days as the desk counts them, none yet on the weekend after a Friday's first appointment.
  if (legal?.lateness === 'overdue' && state.kind !== 'overdue') {
    const days = legal.overdueDays ?? 0;
    return (
      <span className="badge due-overdue" data-due="overdue" title={t('due.lateAgainstOriginalWhy', { date: formatVnDate(legal.at) })}>
        {days > 0 ? t('due.lateAgainstOriginal', { count: days }) : t('due.lateAgainstOriginalNoWorkingDay')}
      </span>
    );
  }
  // Finished late: the reports count it so, and a supervisor reading the list should not see a plain "Đã xong".
  // Its days are working days, as the overdue badge counted them while it was open; none when it was resolved on
  // the weekend after a Friday due, and then it says only that it finished late, as "Quá hạn" does with no count.
  const lateDays = dossier.resolvedLateDays ?? 0;
  if (state.kind === 'done' && dossier.resolvedLate) {
    return (
      <span className="badge due-done-late" data-due="doneLate">
        {lateDays > 0 ? t('due.doneLate', { count: lateDays }) : t('due.doneLateNoWorkingDay')}
      </span>
    );
  }
  if (state.kind === 'none') return null;
  const text =
    state.kind === 'overdue'
      ? state.days > 0
        ? t('due.overdue', { count: state.days })
        : t('due.overdueHours')
      : state.kind === 'soon'
        ? t('due.soon', { count: state.days })
        : t(`due.${state.kind}`);
  const pausedLate = state.kind === 'overdue' && state.pausedLate;
  return (
    <span className={`badge due-${state.kind}`} data-due={state.kind} {...(pausedLate ? { title: t('due.pausedLateWhy') } : {})}>
      {text}
    </span>
  );
}
