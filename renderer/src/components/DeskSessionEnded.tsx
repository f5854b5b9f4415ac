/**
 * Said over whatever screen is open, not instead of it: the form the clerk was typing stays on screen to copy from,
 * since the new launch's page cannot read this page's drafts (store/desk-session.ts).
 */
import { useTranslation } from '../i18n';
import { useDeskSession } from '../store/desk-session';

export function DeskSessionEnded() {
  const { t } = useTranslation();
  const ended = useDeskSession((s) => s.ended);
  if (!ended) return null;
  return (
    <div className="banner banner-error desk-session-ended" role="alert" data-testid="desk-session-ended">
      <strong>{t('app.sessionEndedTitle')}</strong> {t('app.sessionEnded')}
    </div>
  );
}
