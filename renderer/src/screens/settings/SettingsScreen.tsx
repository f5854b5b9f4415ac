/**
 * Settings: language, printer and paper, the scan inbox folder, backups (with a progress bar: they can take a
 * while), this desk, and the unit's office hours and own days (editable by an administrator, OfficeHoursPanel).
 */
import { useState } from 'react';
import { ActionButton, ErrorBanner, Field, Notice, ProgressBar, Select, TextInput } from '../../components/ui';
import { useDeskAction, useDeskQuery } from '../../components/use-desk-call';
import { changeLanguage, useLanguage, useTranslation, type Language } from '../../i18n';
import { useDeskInfo, unitNameOf } from '../../store/desk-info';
import { useSession } from '../../store/session';
import { formatVnDateTime } from '../../format/vn-time';
import { fieldErrorsOf } from '../../components/desk-errors';
import { loadPrintPrefs, savePrintPrefs, type PrintPrefs } from '../../store/print-prefs';
import { OfficeHoursPanel } from './OfficeHoursPanel';

/** What each kind of backup is called on screen (the desk's names for them are English words). */
const BACKUP_KIND_LABEL = {
  daily: 'settings.backupDaily',
  manual: 'settings.backupManual',
  'pre-restore': 'settings.backupPreRestore',
} as const;

export function SettingsScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const info = useDeskInfo((s) => s.info);
  const user = useSession((s) => s.user)!;
  const isAdmin = user.role === 'administrator';
  const settings = useDeskQuery('settings.get', {});
  const backups = useDeskQuery('backups.list', {});
  const save = useDeskAction();
  const backup = useDeskAction();
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
          <Field label={t('settings.scanInbox')} error={fieldErrorsOf(save.error).scanInboxDir ?? null}>
            {(p) => (
              <TextInput {...p} className="mono" disabled={!isAdmin} value={inbox ?? settings.data?.scanInboxDir ?? ''} onChange={(e) => setInbox(e.target.value)} />
            )}
          </Field>
          <ErrorBanner error={save.error && !fieldErrorsOf(save.error).scanInboxDir ? save.error : null} />
          <ActionButton variant="primary" disabled={!isAdmin} busy={save.busy} onActivate={() => void saveInbox()}>
            {t('app.save')}
          </ActionButton>
        </section>
        <section className="panel">
          <h2>{t('settings.backups')}</h2>
          <ActionButton
            variant="primary"
            busy={backup.busy}
            disabled={!isAdmin}
            onActivate={async () => {
              const r = await backup.run('backups.create', {});
              if (r.ok) backups.reload();
            }}
          >
            {t('settings.backupNow')}
          </ActionButton>
          {backup.slow && <ProgressBar label={t('settings.backupNow')} />}
          <ErrorBanner error={backup.error ?? backups.error} />
          <h3>{t('settings.backupList')}</h3>
          <ul>
            {(backups.data ?? []).slice(0, 14).map((b) => (
              <li key={b.file}>
                {formatVnDateTime(b.takenAt)} · {t(BACKUP_KIND_LABEL[b.kind])} · {(b.size / 1024 / 1024).toFixed(1)} MB
              </li>
            ))}
          </ul>
        </section>
        <OfficeHoursPanel canEdit={isAdmin} />
      </div>
    </div>
  );
}
