/**
 * What a supervisor needs to decide a conflict, on the dossier itself: which deed of which desk was not applied,
 * who did it and when, and why it could not stand beside the other. The sync screen said why; the dossier only
 * said "in conflict", so the one who must decide had to go and look elsewhere.
 */
import type { TimelineEntry } from '../../../../shared/api/dossier-views';
import { statusLabel, type DossierStatus } from '../../../../shared/domain/dossier';
import type { DossierConflict } from '../../../../shared/domain/lifecycle';
import { Notice } from '../../components/ui';
import { formatVnDateTime } from '../../format/vn-time';
import { useLanguage, useLocalized, useTranslation } from '../../i18n';

export function ConflictNotice({
  conflict,
  timeline,
  status,
  canResolve,
}: {
  conflict: DossierConflict;
  timeline: readonly TimelineEntry[];
  status: DossierStatus;
  /** The user may resolve it (a supervisor): the button is there to press. A clerk is told who decides instead. */
  canResolve: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const localized = useLocalized();
  return (
    <Notice tone="warning">
      {t('detail.conflict')}
      <ul data-testid="conflict-events">
        {conflict.events.map((c) => {
          const entry = timeline.find((e) => e.eventId === c.eventId);
          return (
            <li key={c.eventId}>
              {t('detail.conflictNotApplied', {
                action: t(`events.${c.type}`),
                name: entry?.actor.name ?? '—',
                at: entry ? formatVnDateTime(entry.deviceTime) : '—',
              })}{' '}
              {localized(c.reason)}
            </li>
          );
        })}
      </ul>
      {t(canResolve ? 'detail.conflictStands' : 'detail.conflictStandsForSupervisor', { status: statusLabel(status)[language] })}
    </Notice>
  );
}
