import type { DossierStatus } from '../../../shared/domain/dossier';
import { statusLabel } from '../../../shared/domain/dossier';
import { dueState } from '../format/due';
import { useLanguage, useTranslation } from '../i18n';

export function StatusBadge({ status }: { status: DossierStatus }) {
  const language = useLanguage();
  return (
    <span className="badge badge-status" data-status={status}>
      {statusLabel(status)[language]}
    </span>
  );
}

export function DueBadge({ dossier, now }: { dossier: { status: number; dueAt: string | null; overdue?: boolean }; now: Date }) {
  const { t } = useTranslation();
  const state = dueState(dossier, now);
  const text =
    state.kind === 'overdue'
      ? state.days > 0
        ? t('due.overdue', { days: state.days })
        : t('due.overdueHours')
      : state.kind === 'soon'
        ? t('due.soon', { days: state.days })
        : t(`due.${state.kind}`);
  return (
    <span className={`badge due-${state.kind}`} data-due={state.kind}>
      {text}
    </span>
  );
}
