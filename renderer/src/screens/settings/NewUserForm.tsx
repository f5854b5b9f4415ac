/** An administrator adds a local account: name, username, role and an initial password typed twice. */
import { useState } from 'react';
import type { UserView } from '../../../../shared/api/desk-views';
import { roleLabels, roles, type Role } from '../../../../shared/domain/roles';
import { ActionButton, Field, Select, TextInput } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { useLocalized, useTranslation } from '../../i18n';
import { splitDeskError, useMismatchText } from './user-forms';
import { AccountForm } from './AccountForm';

const FIELDS = ['displayName', 'username', 'role', 'password'] as const;
const EMPTY = { displayName: '', username: '', role: 'clerk' as Role, password: '', repeat: '' };

/**
 * `onAttempt`: called as each attempt starts, before anything is checked, so that the panel takes down what it said
 * about the previous one (a "created" notice must not stand beside this attempt's refusal).
 */
export function NewUserForm({ onCreated, onAttempt }: { onCreated: (user: UserView) => void; onAttempt: () => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const mismatchText = useMismatchText();
  const create = useDeskAction();
  const [form, setForm] = useState(EMPTY);
  const [mismatch, setMismatch] = useState(false);
  const { onField, banner } = splitDeskError(create.error, FIELDS);
  const change = (next: Partial<typeof EMPTY>) => setForm({ ...form, ...next });

  const submit = async () => {
    onAttempt();
    const differ = form.password !== form.repeat;
    setMismatch(differ);
    if (differ) {
      create.setError(null);
      return;
    }
    const result = await create.run('users.create', { displayName: form.displayName, username: form.username, role: form.role, password: form.password });
    if (result.ok) {
      setForm(EMPTY);
      onCreated(result.value);
    }
  };

  return (
    <AccountForm
      name="new-user"
      title={t('users.create')}
      banner={banner}
      onSubmit={() => void submit()}
      after={
        <ActionButton variant="primary" type="submit" busy={create.busy} data-testid="new-user-submit">
          {t('users.createSubmit')}
        </ActionButton>
      }
    >
      <div className="users-form">
        <Field label={t('users.displayName')} error={onField.displayName} required>
          {(p) => <TextInput {...p} name="displayName" value={form.displayName} onChange={(e) => change({ displayName: e.target.value })} />}
        </Field>
        <Field label={t('users.username')} error={onField.username} hint={t('users.usernameHint')} required>
          {(p) => <TextInput {...p} name="username" autoComplete="off" value={form.username} onChange={(e) => change({ username: e.target.value })} />}
        </Field>
        <Field label={t('users.role')} error={onField.role} required>
          {(p) => (
            <Select {...p} name="role" value={form.role} onChange={(e) => change({ role: e.target.value as Role })}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {localized(roleLabels[r])}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('users.initialPassword')} error={onField.password} hint={t('users.passwordHint')} required>
          {(p) => <input {...p} name="password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => change({ password: e.target.value })} />}
        </Field>
        <Field label={t('users.passwordRepeat')} error={mismatch ? mismatchText : null} required>
          {(p) => <input {...p} name="passwordRepeat" type="password" autoComplete="new-password" value={form.repeat} onChange={(e) => change({ repeat: e.target.value })} />}
        </Field>
      </div>
    </AccountForm>
  );
}
