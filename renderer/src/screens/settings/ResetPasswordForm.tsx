/**
 * An administrator sets a new password for someone who forgot theirs or locked themselves out: the desk clears
 * the lock with it, so a clerk does not wait out the 15 minutes.
 */
import { useState } from 'react';
import type { UserView } from '../../../../shared/api/desk-views';
import { Field } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { useTranslation } from '../../i18n';
import { splitDeskError, useMismatchText } from './user-forms';
import { AccountForm, SubmitOrCancel } from './AccountForm';

export function ResetPasswordForm({ user, onDone, onCancel }: { user: UserView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const mismatchText = useMismatchText();
  const reset = useDeskAction();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const { onField, banner } = splitDeskError(reset.error, ['password']);

  const submit = async () => {
    const differ = password !== repeat;
    setMismatch(differ);
    if (differ) {
      reset.setError(null);
      return;
    }
    const result = await reset.run('users.resetPassword', { id: user.id, password });
    if (result.ok) onDone();
  };

  return (
    <AccountForm
      name="reset-password"
      title={t('users.resetTitle', { name: user.displayName })}
      intro={t('users.resetIntro')}
      banner={banner}
      onSubmit={() => void submit()}
    >
      <div className="users-form">
        <Field label={t('users.newPassword')} error={onField.password} hint={t('users.passwordHint')} required>
          {(p) => <input {...p} type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <Field label={t('users.passwordRepeat')} error={mismatch ? mismatchText : null} required>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
        </Field>
        <SubmitOrCancel name="reset-password" label={t('users.resetSubmit')} busy={reset.busy} onCancel={onCancel} />
      </div>
    </AccountForm>
  );
}
