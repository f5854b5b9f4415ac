/**
 * The desk's local accounts, for an administrator: who can log in, with which role, who is disabled or locked out
 * after wrong passwords; add an account, rename one, change a role, disable or enable one, and reset a password
 * (which also lifts a lock-out). The desk refuses anything that would leave it without an active administrator.
 */
import { useState, type ReactNode } from 'react';
import type { UserView } from '../../../../shared/api/desk-views';
import { roleLabels, roles, type Role } from '../../../../shared/domain/roles';
import { ActionButton, ErrorBanner, Notice, Select } from '../../components/ui';
import { useDeskAction, useDeskQuery } from '../../components/use-desk-call';
import { useLocalized, useTranslation } from '../../i18n';
import { formatVnDateTime } from '../../format/vn-time';
import { useSession } from '../../store/session';
import { NewUserForm } from './NewUserForm';
import { RenameUserForm } from './RenameUserForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import './users.css';

export function UsersPanel() {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const users = useDeskQuery('users.list', {});
  const update = useDeskAction();
  const [notice, setNotice] = useState<ReactNode>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [renaming, setRenaming] = useState<UserView | null>(null);

  // A closed form hands the cursor back to the row's button that opened it, not to the top of the page. Looked up
  // after the render that removes the form (the list may also have been reloaded by then).
  const refocus = (user: UserView, action: 'rename' | 'reset') =>
    setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="user-${user.username}"] [data-action="${action}"]`)?.focus(), 0);

  // One's own account changed (role, name): the screens and the header follow at once, as the desk's rights do.
  const followOwnAccount = (updated: UserView) => {
    if (!me || updated.id !== me.id) return;
    const { id, username, displayName, role } = updated;
    useSession.getState().setUser(updated.active ? { id, username, displayName, role } : null);
  };

  const change = async (user: UserView, changes: { role?: Role; active?: boolean }) => {
    setNotice(null);
    const result = await update.run('users.update', { id: user.id, ...changes });
    if (result.ok) {
      setNotice(t('users.updated', { name: result.value.displayName }));
      followOwnAccount(result.value);
    }
    // Reloaded either way: a refused role change must show the role the desk kept, not the one picked.
    users.reload();
  };

  return (
    <section className="panel users-panel" aria-labelledby="users-title" data-testid="users-panel">
      <h2 id="users-title">{t('users.title')}</h2>
      <p className="muted">{t('users.intro')}</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <ErrorBanner error={users.error ?? update.error} />
      {users.data && users.data.length === 0 && <p className="muted">{t('users.empty')}</p>}
      {users.data && users.data.length > 0 && (
        <table className="plain">
          <thead>
            <tr>
              <th scope="col">{t('users.displayName')}</th>
              <th scope="col">{t('users.username')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                isMe={u.id === me?.id}
                busy={update.busy}
                onChange={(changes) => void change(u, changes)}
                onReset={() => {
                  setNotice(null);
                  setRenaming(null);
                  setResetting(u);
                }}
                onRename={() => {
                  setNotice(null);
                  setResetting(null);
                  setRenaming(u);
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      {renaming && (
        <RenameUserForm
          key={renaming.id}
          user={renaming}
          onCancel={() => {
            setRenaming(null);
            refocus(renaming, 'rename');
          }}
          onDone={(renamed) => {
            setNotice(t('users.renamed', { username: renamed.username, name: renamed.displayName }));
            setRenaming(null);
            refocus(renamed, 'rename');
            followOwnAccount(renamed);
            users.reload();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordForm
          key={resetting.id}
          user={resetting}
          onCancel={() => {
            setResetting(null);
            refocus(resetting, 'reset');
          }}
          onDone={() => {
            // Only an account the desk listed as locked was unlocked: saying so of any other misleads.
            setNotice(t(resetting.lockedUntil !== null ? 'users.resetDoneUnlocked' : 'users.resetDone', { name: resetting.displayName }));
            setResetting(null);
            refocus(resetting, 'reset');
            users.reload();
          }}
        />
      )}
      <NewUserForm
        onAttempt={() => setNotice(null)}
        onCreated={(user) => {
          setNotice(t('users.created', { username: user.username, name: user.displayName }));
          users.reload();
        }}
      />
    </section>
  );
}

interface UserRowProps {
  user: UserView;
  isMe: boolean;
  busy: boolean;
  onChange: (changes: { role?: Role; active?: boolean }) => void;
  onReset: () => void;
  onRename: () => void;
}

function UserRow({ user, isMe, busy, onChange, onReset, onRename }: UserRowProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <tr data-testid={`user-${user.username}`}>
      <td>
        {user.displayName} {isMe && <span className="muted">{t('users.you')}</span>}
      </td>
      <td className="mono">{user.username}</td>
      <td>
        <Select aria-label={t('users.roleOf', { name: user.displayName })} value={user.role} disabled={busy} onChange={(e) => onChange({ role: e.target.value as Role })}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {localized(roleLabels[r])}
            </option>
          ))}
        </Select>
      </td>
      <td>
        {user.active ? t('users.active') : t('users.disabled')}
        {user.lockedUntil && (
          <>
            <br />
            <span className="field-error">{t('users.lockedUntil', { when: formatVnDateTime(user.lockedUntil) })}</span>
          </>
        )}
      </td>
      <td>
        <ActionButton variant={user.active ? 'danger' : 'secondary'} disabled={busy} onActivate={() => onChange({ active: !user.active })}>
          {user.active ? t('users.disable') : t('users.enable')}
        </ActionButton>
        <ActionButton onActivate={onRename} data-action="rename">
          {t('users.rename')}
        </ActionButton>
        <ActionButton onActivate={onReset} data-action="reset">
          {t('users.resetPassword')}
        </ActionButton>
      </td>
    </tr>
  );
}
