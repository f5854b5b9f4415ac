/**
 * Backups in Settings: back up now, back up to another folder (a USB stick, typed as a path because the desk's UI
 * also runs in a browser, where no folder picker reaches the desk's disk), the list, and — for an administrator —
 * restoring one, or a backup file named by its path (on a USB stick, on a new PC whose list is empty), only after a
 * confirmation that says what will happen. A backup to another folder is encrypted with a passphrase typed twice;
 * restoring one asks for it in the confirmation once the desk says the file is encrypted. Passphrases live in this
 * panel's state only (never a draft), and are cleared once used.
 */
import { useEffect, useRef, useState } from 'react';
import i18next from 'i18next';
import type { BackupView } from '../../../../shared/api/desk-views';
import type { DeskApiOutput } from '../../../../shared/api/desk-api';
import type { AppError } from '../../../../shared/result';
import { ActionButton, ErrorBanner, Field, Notice, ProgressBar, TextInput, type FieldControlProps } from '../../components/ui';
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

/** The desk's rule for a backup passphrase (backup-crypto.ts), said before sending. */
const MIN_BACKUP_PASSPHRASE_LENGTH = 10;
/** The desk's answers that mean "give (another) passphrase": the confirmation stays open and asks for it. */
const PASSPHRASE_ANSWERS = new Set(['backup_passphrase_required', 'backup_passphrase_wrong']);

/** A refusal made here, before asking the desk, worded as the desk words its own (both languages, one field). */
const localRefusal = (field: string, key: string): AppError => ({
  code: 'validation',
  field,
  message: { vi: i18next.getFixedT('vi')(key), en: i18next.getFixedT('en')(key) },
});

/** After a restore the desk has ended the session: reloading the UI brings back the login with the restored accounts. */
const reloadDesk = () => window.location.reload();

/**
 * Where the keyboard's focus goes once a backup or restore step has run: the button pressed, the field to correct,
 * or (the confirmation being removed) the next step; a browser would otherwise drop it to <body> and a keyboard user
 * would Tab from the top of the app again. A counter with the target, so the same target twice moves it again.
 */
function useFocusAfterStep() {
  const panel = useRef<HTMLElement>(null);
  const [request, setRequest] = useState<{ target: Target; n: number } | null>(null);
  useEffect(() => {
    if (!request) return;
    const active = document.activeElement;
    // Only when the focus is lost, or still on the step's own button (busy buttons keep it, components/ui.tsx):
    // never take it from where the user moved it.
    const onStep =
      !!active && !!panel.current?.contains(active) && active.matches('[data-backup-step], [data-restore-file], [data-restore-answer="confirm"]');
    const lost = !active || active === document.body || !active.isConnected || !!(active as HTMLButtonElement).disabled || onStep;
    if (lost && panel.current) request.target(panel.current)?.focus();
  }, [request]);
  const focusOn = (target: Target) => setRequest((r) => ({ target, n: (r?.n ?? 0) + 1 }));
  return { panel, focusOn };
}

/** Finds, in the panel, what should take the focus. */
type Target = (panel: HTMLElement) => HTMLElement | null;
const first =
  (selector: string): Target =>
  (panel) =>
    panel.querySelector<HTMLElement>(selector);
/** The restore button of one backup in the list (matched by its file, whose path may hold any character). */
const restoreButtonOf =
  (b: BackupView): Target =>
  (panel) =>
    [...panel.querySelectorAll<HTMLElement>('[data-restore-file]')].find((el) => el.dataset.restoreFile === b.file) ?? null;

/** A backup to restore: one of the list, or a file typed by its path (its time is then not known here). */
type RestoreChoice = { file: string; takenAt: string | null; listed: BackupView | null };

export function BackupsPanel({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const backups = useDeskQuery('backups.list', {});
  const backup = useDeskAction();
  const toFolder = useDeskAction();
  const restore = useDeskAction();
  const [folder, setFolder] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [passphraseAgain, setPassphraseAgain] = useState('');
  // Shown in the confirmation once the desk said the chosen file is encrypted (or the passphrase did not open it).
  const [askingPassphrase, setAskingPassphrase] = useState(false);
  const [restorePassphrase, setRestorePassphrase] = useState('');
  const [written, setWritten] = useState<string | null>(null);
  const [takenNow, setTakenNow] = useState<BackupView | null>(null);
  const [confirming, setConfirming] = useState<RestoreChoice | null>(null);
  const [otherFile, setOtherFile] = useState('');
  const [restored, setRestored] = useState<DeskApiOutput<'backups.restore'> | null>(null);
  // Whether the last restore asked for was a typed file (its refusal then shows at the field).
  const restoreFromFile = useRef(false);
  const folderErrors = fieldErrorsOf(toFolder.error);
  const folderError = folderErrors.toDir ?? null;
  const passphraseError = folderErrors.passphrase ?? null;
  const passphraseAgainError = folderErrors.passphraseAgain ?? null;
  const toFolderErrorOnField = !!(folderError || passphraseError || passphraseAgainError);
  const restorePassphraseError = askingPassphrase ? (fieldErrorsOf(restore.error).passphrase ?? null) : null;
  // A refusal of a typed file (not found, not a backup) belongs to its field; one of a listed backup to the banner.
  const fileError = confirming === null && restoreFromFile.current ? (fieldErrorsOf(restore.error).file ?? null) : null;
  const { panel, focusOn } = useFocusAfterStep();
  // The confirmation opens above the list: the focus goes into it (on the harmless answer), or a keyboard user
  // pressing Tab would move on down the list, away from the question.
  useEffect(() => {
    if (confirming) panel.current?.querySelector<HTMLElement>('[data-restore-answer="cancel"]')?.focus();
  }, [confirming, panel]);

  const backUpToFolder = async () => {
    setWritten(null);
    // Said here before the desk is asked: the desk checks the length again, and never sees the second copy.
    const refusal =
      [...passphrase].length < MIN_BACKUP_PASSPHRASE_LENGTH
        ? localRefusal('passphrase', 'backupAdmin.passphraseTooShort')
        : passphrase !== passphraseAgain
          ? localRefusal('passphraseAgain', 'backupAdmin.passphraseMismatch')
          : null;
    if (refusal) {
      toFolder.setError(refusal);
      focusOn(first('[aria-invalid="true"]'));
      return;
    }
    const result = await toFolder.run('backups.create', { toDir: folder.trim(), passphrase });
    if (result.ok) {
      setWritten(result.value.file);
      setPassphrase('');
      setPassphraseAgain('');
      backups.reload();
    }
    focusOn(first(result.ok ? '[data-backup-step="to-folder"]' : '[aria-invalid="true"], [data-backup-step="to-folder"]'));
  };
  const restoreConfirmed = async (chosen: RestoreChoice) => {
    // What was said about earlier backups is about data the restore replaces: only its own outcome stays.
    setTakenNow(null);
    setWritten(null);
    const result = await restore.run('backups.restore', askingPassphrase ? { file: chosen.file, passphrase: restorePassphrase } : { file: chosen.file });
    setRestorePassphrase('');
    if (!result.ok && PASSPHRASE_ANSWERS.has(result.error.code)) {
      // An encrypted backup: the same question, now with the passphrase to type (again, when it did not open it).
      setAskingPassphrase(true);
      focusOn(first('[data-restore-passphrase]'));
      return;
    }
    setAskingPassphrase(false);
    setConfirming(null);
    if (result.ok) setRestored(result.value);
    // After a restore the one thing left to do is to log in again; after a failure, back to the backup chosen.
    focusOn(
      result.ok
        ? first('[data-restore-answer="login-again"]')
        : chosen.listed
          ? restoreButtonOf(chosen.listed)
          : first('[aria-invalid="true"], [data-backup-step="from-file"]'),
    );
  };

  // The two fields of a new passphrase: hidden, never offered by the browser's password store.
  const newPassphraseInput = (value: string, set: (v: string) => void) =>
    function PassphraseInput(p: FieldControlProps) {
      return (
        <TextInput {...p} type="password" autoComplete="new-password" disabled={!isAdmin || restored !== null} value={value} onChange={(e) => set(e.target.value)} />
      );
    };

  return (
    <section className="panel" ref={panel}>
      <h2>{t('settings.backups')}</h2>
      {/* Said before the first disabled button, so a clerk knows why none of them works. */}
      {!isAdmin && <p className="muted">{t('backupAdmin.adminOnly')}</p>}
      <ActionButton
        variant="primary"
        data-backup-step="now"
        busy={backup.busy}
        disabled={!isAdmin || restored !== null}
        onActivate={async () => {
          setTakenNow(null);
          const r = await backup.run('backups.create', {});
          if (r.ok) {
            setTakenNow(r.value);
            backups.reload();
          }
          focusOn(first('[data-backup-step="now"]'));
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
      <Field label={t('backupAdmin.passphrase')} hint={`${t('backupAdmin.passphraseHint')} ${t('backupAdmin.passphraseTyping')}`} error={passphraseError}>
        {newPassphraseInput(passphrase, setPassphrase)}
      </Field>
      <Field label={t('backupAdmin.passphraseAgain')} error={passphraseAgainError}>
        {newPassphraseInput(passphraseAgain, setPassphraseAgain)}
      </Field>
      {/* Static text, not a live region: it is read with the fields, not announced. */}
      <p className="banner banner-warning">{t('backupAdmin.passphraseWarning')}</p>
      <ErrorBanner error={toFolder.error && !toFolderErrorOnField ? toFolder.error : null} />
      <ActionButton data-backup-step="to-folder" busy={toFolder.busy} disabled={!isAdmin || restored !== null} onActivate={() => void backUpToFolder()}>
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
      <ErrorBanner error={restore.error && !fileError && !restorePassphraseError ? restore.error : null} />
      {confirming && (
        <div className="banner banner-warning" role="alertdialog" aria-labelledby="restore-confirm-title" aria-describedby="restore-confirm-body">
          <p id="restore-confirm-title">
            <strong>
              {confirming.takenAt
                ? t('backupAdmin.confirmTitle', { when: formatVnDateTime(confirming.takenAt) })
                : t('backupAdmin.confirmTitleFile')}
            </strong>
          </p>
          <p id="restore-confirm-body">{t('backupAdmin.confirmBody')}</p>
          <p className="mono file-path">{confirming.file}</p>
          {askingPassphrase && (
            <Field label={t('backupAdmin.restorePassphrase')} hint={t('backupAdmin.restorePassphraseHint')} error={restorePassphraseError}>
              {(p) => (
                <TextInput
                  {...p}
                  type="password"
                  autoComplete="off"
                  data-restore-passphrase=""
                  value={restorePassphrase}
                  onChange={(e) => setRestorePassphrase(e.target.value)}
                />
              )}
            </Field>
          )}
          <ActionButton
            variant="danger"
            data-restore-answer="confirm"
            busy={restore.busy}
            disabled={askingPassphrase && restorePassphrase === ''}
            onActivate={() => void restoreConfirmed(confirming)}
          >
            {t('backupAdmin.confirm')}
          </ActionButton>{' '}
          <ActionButton
            variant="ghost"
            data-restore-answer="cancel"
            disabled={restore.busy}
            onActivate={() => {
              focusOn(confirming.listed ? restoreButtonOf(confirming.listed) : first('[data-backup-step="from-file"]'));
              setConfirming(null);
              setAskingPassphrase(false);
              setRestorePassphrase('');
              restore.setError(null);
            }}
          >
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
                  data-restore-file={b.file}
                  aria-label={t('backupAdmin.restoreOf', { when: formatVnDateTime(b.takenAt) })}
                  disabled={restored !== null || restore.busy}
                  onActivate={() => {
                    restore.setError(null);
                    restoreFromFile.current = false;
                    setAskingPassphrase(false);
                    setConfirming({ file: b.file, takenAt: b.takenAt, listed: b });
                  }}
                >
                  {t('backupAdmin.restore')}
                </ActionButton>
              </>
            )}
          </li>
        ))}
      </ul>

      {isAdmin && (
        <>
          <h3>{t('backupAdmin.fromFileTitle')}</h3>
          <Field label={t('backupAdmin.fromFile')} hint={t('backupAdmin.fromFileHint')} error={fileError}>
            {(p) => (
              <TextInput
                {...p}
                className="mono"
                disabled={restored !== null}
                value={otherFile}
                onChange={(e) => setOtherFile(e.target.value)}
              />
            )}
          </Field>
          <ActionButton
            data-backup-step="from-file"
            disabled={restored !== null || restore.busy || otherFile.trim() === ''}
            onActivate={() => {
              restore.setError(null);
              restoreFromFile.current = true;
              setAskingPassphrase(false);
              setConfirming({ file: otherFile.trim(), takenAt: null, listed: null });
            }}
          >
            {t('backupAdmin.fromFileButton')}
          </ActionButton>
        </>
      )}
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
      {result.scansRestored > 0 && (
        <>
          {t('backupAdmin.scansRestored', { count: result.scansRestored })}
          <br />
        </>
      )}
      {result.scansMissing > 0 && (
        <>
          <span data-testid="restore-scans-missing">{t('backupAdmin.scansMissing', { count: result.scansMissing })}</span>
          <br />
        </>
      )}
      {result.catchingUp && (
        <>
          <span data-testid="restore-catching-up">{t('backupAdmin.catchingUp')}</span>
          <br />
        </>
      )}
      <ActionButton variant="primary" data-restore-answer="login-again" onActivate={reloadDesk}>
        {t('backupAdmin.loginAgain')}
      </ActionButton>
    </Notice>
  );
}
