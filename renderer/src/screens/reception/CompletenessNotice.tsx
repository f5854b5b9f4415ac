/**
 * Whether the chosen procedure's mandatory papers are all there, beside the appointment: complete, the dossier can be
 * received; else the papers missing are listed, as the supplement request (form 02) and the refusal (form 03) list them.
 */
import { Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import type { DocumentComponent } from '../../../../shared/domain/procedure';

export function CompletenessNotice({ missing }: { missing: readonly DocumentComponent[] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="completeness">
      {missing.length === 0 ? (
        <Notice tone="success">{t('reception.complete')}</Notice>
      ) : (
        <Notice tone="warning">
          <strong>{t('reception.incomplete', { count: missing.length })}</strong>
          <ul>
            {missing.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
          <span>{t('reception.incompleteHint')}</span>
        </Notice>
      )}
    </div>
  );
}
