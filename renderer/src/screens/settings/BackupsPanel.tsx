/**
 * Backups in Settings: back up now, back up to another folder (a USB stick, typed as a path because the desk's UI
 * also runs in a browser, where no folder picker reaches the desk's disk), the list, and — for an administrator —
 * restoring one, only after a confirmation that says what will happen.
 */
import { useState } from 'react';
import type { BackupView } from '../../../../shared/api/desk-views';
import type { DeskApiOutput } from '../../../../shared/api/desk-api';
import { ActionButton, ErrorBanner, Field, Notice, ProgressBar, TextInput } from '../../components/ui';
import { useDeskAction, useDeskQuery } from '../../components/use-desk-call';
import { fieldErrorsOf } from '../../components/desk-errors';
import { formatVnDateTime } from '../../format/vn-time';
import { useLanguage, useTranslation } from '../../i18n';
import './settings.css';

/** What each kind of backup is called on screen (the desk's names for them are English words). */
const BACKUP_KIND_LABEL = {
  daily: 'settings.backupDaily',
  manual: 'settings.backupManual',
  'pre-restore': 'settings.backupPreRestore',
} as const;

/** A backup's size in megabytes, written as the UI's language writes decimals ("1,9 MB" in Vietnamese). */
const megabytes = (bytes: number, language: string) =>
  `${new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;

/** After a restore the desk has ended the session: reloading the UI brings back the login with the restored accounts. */
const reloadDesk = () => window.location.reload();

export function BackupsPanel({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const backups = useDeskQuery('backups.list', {});
  const backup = useDeskAction();
  const toFolder = useDeskAction();
  const restore = useDeskAction();
  const [folder, setFolder] = useState('');
  const [written, setWritten] = useState<string | null>(null);
  const [takenNow, setTakenNow] = useState<BackupView | null>(null);
  const [confirming, setConfirming] = useState<BackupView | null>(null);
  const [restored, setRestored] = useState<DeskApiOutput<'backups.restore'> | null>(null);
  const folderError = fieldErrorsOf(toFolder.error).toDir ?? null;

  const backUpToFolder = async () => {
    setWritten(null);
    const result = await toFolder.run('backups.create', { toDir: folder.trim() });
    if (result.ok) {
      setWritten(result.value.file);
      backups.reload();
    }
  };
  const restoreConfirmed = async (chosen: BackupView) => {
    // What was said about earlier backups is about data the restore replaces: only its own outcome stays.
    setTakenNow(null);
    setWritten(null);
    const result = await restore.run('backups.restore', { file: chosen.file });
    setConfirming(null);
    if (result.ok) setRestored(result.value);
  };

  return (
    <section className="panel">
      <h2>{t('settings.backups')}</h2>
      {/* Said before the first disabled button, so a clerk knows why none of them works. */}
      {!isAdmin && <p className="muted">{t('backupAdmin.adminOnly')}</p>}
      <ActionButton
        variant="primary"
        busy={backup.busy}
        disabled={!isAdmin || restored !== null}
        onActivate={async () => {
          setTakenNow(null);
          const r = await backup.run('backups.create', {});
          if (r.ok) {
            setTakenNow(r.value);
            backups.reload();
          }
        }}
      >
        {t('settings.backupNow')}
      </ActionButton>
      {backup.slow && <ProgressBar label={t('settings.backupNow')} />}
      {takenNow && <Notice tone="success">{t('backupAdmin.takenNow', { when: formatVnDateTime(takenNow.takenAt) })}</Notice>}
      <ErrorBanner error={backup.error ?? backups.error} />

      <h3>{t('backupAdmin.toFolderTitle')}</h3>
      <Field label={t('backupAdmin.folder')} hint={t('backupAdmin.folderHint')} error={folderError}>
        {(p) => <TextInput {...p} className="mono" disabled={!isAdmin || restored !== null} value={folder} onChange={(e) => setFolder(e.target.value)} />}
      </Field>
      <ErrorBanner error={toFolder.error && !folderError ? toFolder.error : null} />
      <ActionButton busy={toFolder.busy} disabled={!isAdmin || restored !== null} onActivate={() => void backUpToFolder()}>
        {t('backupAdmin.toFolderButton')}
      </ActionButton>
      {toFolder.slow && <ProgressBar label={t('backupAdmin.toFolderButton')} />}
      {written && (
        <Notice tone="success">
          <span className="file-path">{t('backupAdmin.writtenTo', { file: written })}</span>
        </Notice>
      )}

      <h3>{t('settings.backupList')}</h3>
      {restored && <RestoreOutcome result={restored} />}
      <ErrorBanner error={restore.error} />
      {confirming && (
        <div className="banner banner-warning" role="alertdialog" aria-labelledby="restore-confirm-title">
          <p id="restore-confirm-title">
            <strong>{t('backupAdmin.confirmTitle', { when: formatVnDateTime(confirming.takenAt) })}</strong>
          </p>
          <p>{t('backupAdmin.confirmBody')}</p>
          <p className="mono file-path">{confirming.file}</p>
          <ActionButton variant="danger" busy={restore.busy} onActivate={() => void restoreConfirmed(confirming)}>
            {t('backupAdmin.confirm')}
          </ActionButton>{' '}
          <ActionButton variant="ghost" disabled={restore.busy} onActivate={() => setConfirming(null)}>
            {t('backupAdmin.cancel')}
          </ActionButton>
          {restore.slow && <ProgressBar label={t('backupAdmin.restoring')} />}
        </div>
      )}
      <ul>
        {(backups.data ?? []).slice(0, 14).map((b) => (
          <li key={b.file}>
            <span>
              {formatVnDateTime(b.takenAt)} · {t(BACKUP_KIND_LABEL[b.kind])} · {megabytes(b.size, language)}
            </span>
            {isAdmin && (
              <>
                {' '}
                <ActionButton
                  variant="ghost"
                  aria-label={t('backupAdmin.restoreOf', { when: formatVnDateTime(b.takenAt) })}
                  disabled={restored !== null || restore.busy}
                  onActivate={() => {
                    restore.setError(null);
                    setConfirming(b);
                  }}
                >
                  {t('backupAdmin.restore')}
                </ActionButton>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the restore did: from which file, where the data it replaced was kept, and whether the event chains check out. */
function RestoreOutcome({ result }: { result: DeskApiOutput<'backups.restore'> }) {
  const { t } = useTranslation();
  return (
    <Notice tone={result.chainsSound ? 'success' : 'warning'}>
      <strong>{t('backupAdmin.restored')}</strong>
      <br />
      <span className="file-path">{t('backupAdmin.restoredFrom', { file: result.restoredFrom })}</span>
      <br />
      <span className="file-path">{t('backupAdmin.safetyCopy', { file: result.preRestoreBackup })}</span>
      <br />
      {t(result.chainsSound ? 'backupAdmin.chainsSound' : 'backupAdmin.chainsBroken')}
      <br />
      <ActionButton variant="primary" onActivate={reloadDesk}>
        {t('backupAdmin.loginAgain')}
      </ActionButton>
    </Notice>
  );
}
