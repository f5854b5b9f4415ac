/**
 * The audit log's filters, as "who looked at this dossier last week" needs them: one dossier by its code, one
 * person (for an administrator, who may list the accounts), one kind of action, and a period of whole days in
 * Vietnam time.
 * Applied on "Lọc", so typing a date does not query the desk at every keystroke.
 */
import { useEffect, useRef, useState } from 'react';
import type { UserView } from '../../../../shared/api/desk-views';
import type { LocalizedText } from '../../../../shared/result';
import { ActionButton, Field, Select, TextInput } from '../../components/ui';
import { parseVnDateInput } from '../../format/vn-time';
import { useTranslation } from '../../i18n';

/** What `audit.list` is asked to narrow by: instants with +07:00, `to` exclusive. */
export interface AuditFilter {
  dossierCode?: string;
  userId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** The actions the desk records (electron/desk/audit/audit-trail.ts AuditAction), in the order a person thinks of them. */
export const AUDIT_ACTIONS = [
  'dossier.view',
  'dossier.search',
  'dossier.list',
  'dossier.export',
  'attachment.view',
  'attachment.import',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.change_password',
  'user.create',
  'user.update',
  'user.reset_password',
  'backup.create',
  'backup.restore',
  'settings.set',
  'identity.set',
  'sync.enrol',
  'sync.set_server',
  'sync.set_server_refused',
] as const;

const EMPTY = { dossierCode: '', userId: '', action: '', from: '', to: '' };

/** The day after a `YYYY-MM-DD` key, so "Đến ngày 27/11" includes the whole of the 27th. */
const nextDay = (key: string): string => new Date(Date.parse(`${key}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function AuditFilters({ users, onApply }: { users: UserView[] | null; onApply: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<{ from?: LocalizedText; to?: LocalizedText }>({});
  // A date refused: the focus goes to the field to correct (read out with its error), not left on "Lọc", where a
  // keyboard user would not learn that the list below still shows the previous filter's rows.
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  const text = (key: string): LocalizedText => ({ vi: t(key, { lng: 'vi' }), en: t(key, { lng: 'en' }) });
  const change = (next: Partial<typeof EMPTY>) => setForm({ ...form, ...next });

  const apply = () => {
    const from = form.from.trim() ? parseVnDateInput(form.from) : null;
    const to = form.to.trim() ? parseVnDateInput(form.to) : null;
    const found: typeof errors = {};
    if (form.from.trim() && !from) found.from = text('audit.dateInvalid');
    if (form.to.trim() && !to) found.to = text('audit.dateInvalid');
    if (from && to && to < from) found.to = text('audit.dateOrder');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setRefusals((n) => n + 1);
      return;
    }
    onApply({
      ...(form.dossierCode.trim() ? { dossierCode: form.dossierCode.trim() } : {}),
      ...(form.userId ? { userId: form.userId } : {}),
      ...(form.action ? { action: form.action } : {}),
      ...(from ? { from: `${from}T00:00:00+07:00` } : {}),
      ...(to ? { to: `${nextDay(to)}T00:00:00+07:00` } : {}),
    });
  };

  return (
    <form
      ref={formRef}
      noValidate
      className="audit-filters"
      aria-label={t('audit.filters')}
      data-testid="audit-filters"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <Field label={t('audit.dossierCode')}>
        {(p) => <TextInput {...p} className="mono" value={form.dossierCode} onChange={(e) => change({ dossierCode: e.target.value })} />}
      </Field>
      {users && (
        <Field label={t('audit.user')}>
          {(p) => (
            <Select {...p} value={form.userId} onChange={(e) => change({ userId: e.target.value })}>
              <option value="">{t('audit.anyUser')}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} ({u.username})
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label={t('audit.action')}>
        {(p) => (
          <Select {...p} value={form.action} onChange={(e) => change({ action: e.target.value })}>
            <option value="">{t('audit.anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a.replace(/\./g, '_')}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('audit.from')} hint={t('audit.dateHint')} error={errors.from ?? null}>
        {(p) => <TextInput {...p} inputMode="numeric" value={form.from} onChange={(e) => change({ from: e.target.value })} />}
      </Field>
      <Field label={t('audit.to')} hint={t('audit.dateHint')} error={errors.to ?? null}>
        {(p) => <TextInput {...p} inputMode="numeric" value={form.to} onChange={(e) => change({ to: e.target.value })} />}
      </Field>
      <ActionButton variant="primary" type="submit" data-testid="audit-filter-apply">
        {t('audit.apply')}
      </ActionButton>
      <ActionButton
        variant="ghost"
        onActivate={() => {
          setForm(EMPTY);
          setErrors({});
          onApply({});
        }}
      >
        {t('audit.clear')}
      </ActionButton>
    </form>
  );
}
