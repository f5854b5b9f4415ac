/**
 * Settings: language, printer and paper, the scan inbox folder, the lookup address printed on receipts
 * (LookupAddressSetting), backups (with a progress bar: they can take a while; BackupsPanel), this desk, the unit's office hours and own days (editable by an administrator, OfficeHoursPanel),
 * and the personal-data access log for supervisors and administrators (AuditPanel).
 */
import { useState } from 'react';
import { ActionButton, ErrorBanner, Field, Notice, Select, TextInput } from '../../components/ui';
import { useDeskAction, useDeskQuery } from '../../components/use-desk-call';
import { changeLanguage, useLanguage, useTranslation, type Language } from '../../i18n';
import { useDeskInfo, unitNameOf } from '../../store/desk-info';
import { useSession } from '../../store/session';
import { fieldErrorsOf } from '../../components/desk-errors';
import { loadPrintPrefs, savePrintPrefs, type PrintPrefs } from '../../store/print-prefs';
import { OfficeHoursPanel } from './OfficeHoursPanel';
import { UsersPanel } from './UsersPanel';
import { ChangePasswordPanel } from './ChangePasswordPanel';
import { BackupsPanel } from './BackupsPanel';
import { AuditPanel } from './AuditPanel';
import { LookupAddressSetting } from './LookupAddressSetting';
import { roleAtLeast } from '../../../../shared/domain/roles';

export function SettingsScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const info = useDeskInfo((s) => s.info);
  const user = useSession((s) => s.user)!;
  const isAdmin = user.role === 'administrator';
  const settings = useDeskQuery('settings.get', {});
  const save = useDeskAction();
  const [inbox, setInbox] = useState<string | null>(null);
  const [print, setPrint] = useState(loadPrintPrefs);
  const [saved, setSaved] = useState(false);

  const saveInbox = async () => {
    setSaved(false);
    const value = (inbox ?? settings.data?.scanInboxDir ?? '').trim();
    const result = await save.run('settings.set', { scanInboxDir: value === '' ? null : value });
    if (result.ok) setSaved(true);
  };
  const savePrint = (next: PrintPrefs) => {
    setPrint(next);
    savePrintPrefs(next);
  };

  return (
    <div>
      <h1>{t('settings.title')}</h1>
      {saved && <Notice tone="success">{t('settings.saved')}</Notice>}
      <div className="grid-2">
        <section className="panel">
          <h2>{t('settings.language')}</h2>
          <Field label={t('settings.language')}>
            {(p) => (
              <Select {...p} value={language} onChange={(e) => void changeLanguage(e.target.value as Language)} data-testid="settings-language">
                <option value="vi">Tiếng Việt</option>
                <option value="en">English</option>
              </Select>
            )}
          </Field>
          <h2>{t('settings.device')}</h2>
          <dl className="facts">
            <dt>{t('settings.unit')}</dt>
            <dd>
              {unitNameOf(info?.unitCode)} <span className="mono muted">{info?.unitCode}</span>
            </dd>
            <dt>{t('settings.deskNumber')}</dt>
            <dd>{info?.deskNumber ?? '—'}</dd>
            <dt>{t('settings.version')}</dt>
            <dd>{info?.version}</dd>
            {/* What the technician's guide and `list-desks` name the desk by, and where its data is. */}
            <dt>{t('settings.deviceId')}</dt>
            <dd className="mono" data-testid="settings-device-id">{info?.deviceId ?? '—'}</dd>
            <dt>{t('settings.dataDir')}</dt>
            <dd className="mono" data-testid="settings-data-dir">{info?.dataDir}</dd>
          </dl>
        </section>
        <section className="panel">
          <h2>{t('settings.printer')}</h2>
          <Field label={t('settings.printer')}>
            {(p) => <TextInput {...p} value={print.printer} onChange={(e) => savePrint({ ...print, printer: e.target.value })} />}
          </Field>
          <Field label={t('settings.paper')}>
            {(p) => (
              <Select {...p} value={print.paper} onChange={(e) => savePrint({ ...print, paper: e.target.value as 'A5' | 'A4' })}>
                <option value="A5">A5</option>
                <option value="A4">A4</option>
              </Select>
            )}
          </Field>
          <h2>{t('settings.scanInbox')}</h2>
          <Field
            label={t('settings.scanInbox')}
            error={fieldErrorsOf(save.error).scanInboxDir ?? null}
            {...(isAdmin ? {} : { hint: t('settings.scanInboxAdminOnly') })}
          >
            {(p) => (
              <TextInput {...p} className="mono" disabled={!isAdmin} value={inbox ?? settings.data?.scanInboxDir ?? ''} onChange={(e) => setInbox(e.target.value)} />
            )}
          </Field>
          <ErrorBanner error={save.error && !fieldErrorsOf(save.error).scanInboxDir ? save.error : null} />
          <ActionButton variant="primary" disabled={!isAdmin} busy={save.busy} onActivate={() => void saveInbox()}>
            {t('app.save')}
          </ActionButton>
          {settings.data && <LookupAddressSetting current={settings.data.publicLookupUrl} district={settings.data.districtLookupUrl} isAdmin={isAdmin} />}
        </section>
        <BackupsPanel isAdmin={isAdmin} />
        <OfficeHoursPanel canEdit={isAdmin} />
        {isAdmin && <UsersPanel />}
        <ChangePasswordPanel />
        {roleAtLeast(user.role, 'supervisor') && <AuditPanel />}
      </div>
    </div>
  );
}
