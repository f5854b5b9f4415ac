/**
 * An administrator corrects or changes the name an account is shown with (a typo at creation, a married name):
 * the username, the role and the password stay as they are. The audit trail keeps the name of the time.
 */
import { useState } from 'react';
import type { UserView } from '../../../../shared/api/desk-views';
import { Field, TextInput } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { useTranslation } from '../../i18n';
import { splitDeskError } from './user-forms';
import { AccountForm, SubmitOrCancel } from './AccountForm';

export function RenameUserForm({ user, onDone, onCancel }: { user: UserView; onDone: (renamed: UserView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const rename = useDeskAction();
  const [displayName, setDisplayName] = useState(user.displayName);
  const { onField, banner } = splitDeskError(rename.error, ['displayName']);

  const submit = async () => {
    const result = await rename.run('users.update', { id: user.id, displayName });
    if (result.ok) onDone(result.value);
  };

  return (
    <AccountForm name="rename-user" title={t('users.renameTitle', { username: user.username })} banner={banner} onSubmit={() => void submit()}>
      <div className="users-form">
        <Field label={t('users.displayName')} error={onField.displayName} required>
          {(p) => <TextInput {...p} name="displayName" autoFocus value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
        </Field>
        <SubmitOrCancel name="rename-user" label={t('users.renameSubmit')} busy={rename.busy} onCancel={onCancel} />
      </div>
    </AccountForm>
  );
}
