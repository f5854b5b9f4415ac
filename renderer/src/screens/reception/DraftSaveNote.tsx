/**
 * Under the form, whether its typing is on disk (use-reception-draft): "Đã tự lưu" with the time of the last write,
 * or an alarm while the last write failed, so the clerk is never told it is saved when a reload would lose it.
 */
import { formatVnDateTime } from '../../format/vn-time';
import { useTranslation } from '../../i18n';

interface Props {
  /** The form's last write failed. */
  unsaved: boolean;
  /** When the form's draft was last written; null while a write has failed or nothing is written yet. */
  savedAt: string | null;
}

export function DraftSaveNote({ unsaved, savedAt }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {unsaved && (
        <p className="banner banner-warning" role="alert" data-testid="draft-not-saved">
          {t('reception.draftNotSaved')}
        </p>
      )}
      {savedAt && (
        <p className="muted" aria-live="polite" data-testid="draft-saved" data-saved-at={savedAt}>
          {t('reception.draftSaved')} · {formatVnDateTime(savedAt)}
        </p>
      )}
    </>
  );
}
