/**
 * The personal-data access log ("audit.list"), a page at a time, newest first, narrowed by person, action and
 * period (AuditFilters). For supervisors and administrators, as the desk allows (electron/desk/api/handlers.ts:
 * needs('supervisor')); only an administrator may list the accounts, so only they get the person filter. It shows
 * only what the desk returns: who, when, the action, its target and detail in words (audit-detail.ts), never more
 * of a citizen's data than the trail itself holds.
 */
import { useState } from 'react';
import { ActionButton, ErrorBanner } from '../../components/ui';
import { useDeskQuery } from '../../components/use-desk-call';
import { formatVnDateTime } from '../../format/vn-time';
import { useLocalized, useTranslation } from '../../i18n';
import { useSession } from '../../store/session';
import { useDeskWrites } from '../../store/desk-writes';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { auditDetail, auditTarget } from './audit-detail';
import './audit.css';

export const AUDIT_PAGE_SIZE = 20;

export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const isAdmin = useSession((s) => s.user?.role === 'administrator');
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState<AuditFilter>({});
  const users = useDeskQuery('users.list', isAdmin ? {} : null, [isAdmin]);
  // Read again after each action on this screen (a user created, a backup made): the trail it just added shows.
  const writes = useDeskWrites((s) => s.count);
  const page = useDeskQuery('audit.list', { ...filter, limit: AUDIT_PAGE_SIZE, offset }, [offset, filter, writes]);
  const entries = page.data?.entries ?? [];
  const total = page.data?.total ?? 0;
  const filtered = Object.keys(filter).length > 0;
  // Actions the renderer does not know yet (a newer desk) are shown as the desk names them.
  const actionLabel = (action: string) => {
    const key = `audit.actions.${action.replace(/\./g, '_')}`;
    return i18n.exists(key) ? t(key) : action;
  };
  const exists = (key: string) => i18n.exists(key);

  return (
    <section className="panel audit-panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p className="muted">{t('audit.intro')}</p>
      <AuditFilters
        users={isAdmin ? (users.data ?? []) : null}
        onApply={(next) => {
          setFilter(next);
          setOffset(0);
        }}
      />
      <ErrorBanner error={page.error} />
      {page.data && entries.length === 0 && <p>{filtered ? t('audit.emptyFiltered') : t('audit.empty')}</p>}
      {entries.length > 0 && (
        <table className="plain" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.user')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatVnDateTime(e.at)}</td>
                <td>{e.userName ?? t('audit.noUser')}</td>
                <td>{actionLabel(e.action)}</td>
                <td>{auditTarget(e, t, exists)}</td>
                <td>{auditDetail(e, t, localized)}</td>
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
