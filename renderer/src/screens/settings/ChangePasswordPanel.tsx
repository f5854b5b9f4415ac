/**
 * Any logged-in user changes their own password: the current one, then the new one typed twice. Laid out like the
 * other account forms (the fields on one row, the button beside them, the outcome under the intro), and after a
 * refusal the cursor goes to the field to correct, so the clerk need not find it.
 */
import { useRef, useState } from 'react';
import type { LocalizedText } from '../../../../shared/result';
import { ActionButton, ErrorBanner, Field, Notice } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { useTranslation } from '../../i18n';
import { useSession } from '../../store/session';
import { splitDeskError, useMismatchText } from './user-forms';
import './users.css';

const EMPTY = { currentPassword: '', newPassword: '', repeat: '' };

export function ChangePasswordPanel() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const mismatchText = useMismatchText();
  const save = useDeskAction();
  const [form, setForm] = useState(EMPTY);
  const [mismatch, setMismatch] = useState(false);
  const [changed, setChanged] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);
  const { onField, banner } = splitDeskError(save.error, ['currentPassword', 'newPassword']);
  // The desk answers a wrong current password as it answers a wrong login; here it can only be that field.
  const wrongCurrent: LocalizedText | null =
    save.error?.code === 'invalid_credentials' ? { vi: t('users.currentPasswordWrong', { lng: 'vi' }), en: t('users.currentPasswordWrong', { lng: 'en' }) } : null;
  const change = (next: Partial<typeof EMPTY>) => {
    setChanged(false);
    setForm({ ...form, ...next });
  };

  const submit = async () => {
    setChanged(false);
    const differ = form.newPassword !== form.repeat;
    setMismatch(differ);
    if (differ) {
      save.setError(null);
      repeatRef.current?.focus();
      return;
    }
    const result = await save.run('auth.changePassword', { currentPassword: form.currentPassword, newPassword: form.newPassword });
    if (result.ok) {
      setForm(EMPTY);
      setChanged(true);
    } else if (result.error.code === 'invalid_credentials') {
      // Typed again from scratch: a wrong password is not worth editing character by character.
      setForm((f) => ({ ...f, currentPassword: '' }));
      currentRef.current?.focus();
    }
  };

  return (
    <section className="panel change-password" aria-labelledby="change-password-title" data-testid="change-password">
      <h2 id="change-password-title">{t('users.changePassword')}</h2>
      <p className="muted">{t('users.changePasswordIntro', { username: user?.username ?? '' })}</p>
      {changed && <Notice tone="success">{t('users.changed')}</Notice>}
      <ErrorBanner error={wrongCurrent ? null : banner} />
      <form
        className="users-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label={t('users.currentPassword')} error={wrongCurrent ?? onField.currentPassword} required>
          {(p) => <input {...p} ref={currentRef} type="password" autoComplete="current-password" value={form.currentPassword} onChange={(e) => change({ currentPassword: e.target.value })} />}
        </Field>
        <Field label={t('users.newPassword')} error={onField.newPassword} hint={t('users.passwordHint')} required>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={form.newPassword} onChange={(e) => change({ newPassword: e.target.value })} />}
        </Field>
        <Field label={t('users.passwordRepeat')} error={mismatch ? mismatchText : null} required>
          {(p) => <input {...p} ref={repeatRef} type="password" autoComplete="new-password" value={form.repeat} onChange={(e) => change({ repeat: e.target.value })} />}
        </Field>
        <ActionButton variant="primary" type="submit" busy={save.busy} data-testid="change-password-submit">
          {t('users.changeSubmit')}
        </ActionButton>
      </form>
    </section>
  );
}
