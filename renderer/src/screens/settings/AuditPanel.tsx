/**
 * The personal-data access log ("audit.list"), a page at a time, newest first. For supervisors and administrators,
 * as the desk allows (electron/desk/api/handlers.ts: needs('supervisor')). It shows only what the desk returns: who,
 * when, the action and its target, never more of a citizen's data than the trail itself holds.
 */
import { useState } from 'react';
import type { AuditEntryView } from '../../../../shared/api/desk-views';
import { ActionButton, ErrorBanner } from '../../components/ui';
import { useDeskQuery } from '../../components/use-desk-call';
import { formatVnDateTime } from '../../format/vn-time';
import { useTranslation } from '../../i18n';

export const AUDIT_PAGE_SIZE = 20;


export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const page = useDeskQuery('audit.list', { limit: AUDIT_PAGE_SIZE, offset }, [offset]);
  const entries = page.data?.entries ?? [];
  const total = page.data?.total ?? 0;
  // Actions the renderer does not know yet (a newer desk) are shown as the desk names them.
  const actionLabel = (action: string) => {
    const key = `audit.actions.${action.replace(/\./g, '_')}`;
    return i18n.exists(key) ? t(key) : action;
  };
  // The kind of record in words ("Hồ sơ", "Tài khoản"); a kind the renderer does not know is shown as named.
  const kindLabel = (kind: string | null) => (kind && i18n.exists(`audit.kinds.${kind}`) ? t(`audit.kinds.${kind}`) : kind);
  const target = (e: AuditEntryView) => [kindLabel(e.targetKind), e.targetId].filter(Boolean).join(' ') + (e.detail ? ` (${e.detail})` : '');

  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p className="muted">{t('audit.intro')}</p>
      <ErrorBanner error={page.error} />
      {page.data && entries.length === 0 && <p>{t('audit.empty')}</p>}
      {entries.length > 0 && (
        <table className="plain" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.user')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.target')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="mono">{formatVnDateTime(e.at)}</td>
                <td>{e.userName ?? t('audit.noUser')}</td>
                <td>{actionLabel(e.action)}</td>
                <td className="mono">{target(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > 0 && (
        <p className="muted" role="status">
          {t('audit.range', { from: offset + 1, to: offset + entries.length, total })}
        </p>
      )}
      <ActionButton disabled={offset === 0 || page.loading} onActivate={() => setOffset(Math.max(0, offset - AUDIT_PAGE_SIZE))}>
        {t('audit.previous')}
      </ActionButton>{' '}
      <ActionButton disabled={offset + AUDIT_PAGE_SIZE >= total || page.loading} onActivate={() => setOffset(offset + AUDIT_PAGE_SIZE)}>
        {t('audit.next')}
      </ActionButton>
    </section>
  );
}
