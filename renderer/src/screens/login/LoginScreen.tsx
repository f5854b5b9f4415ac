/** Login against the desk's local accounts: works offline; a wrong password says so without saying which part. */
import { useRef, useState } from 'react';
import { ActionButton, ErrorBanner, Field, Notice, TextInput } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { errorIsOnField, fieldErrorsOf } from '../../components/desk-errors';
import { useTranslation } from '../../i18n';
import type { SessionUser } from '../../store/session';

/**
 * `createdUsername`: the first administrator was just created on this desk; the form says so and has the name
 * filled in, so the next step is the password they just chose.
 */
export function LoginScreen({ onLoggedIn, createdUsername }: { onLoggedIn: (user: SessionUser) => void; createdUsername?: string }) {
  const { t } = useTranslation();
  const { run, busy, error } = useDeskAction();
  const [username, setUsername] = useState(createdUsername ?? '');
  const [password, setPassword] = useState('');
  const usernameField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  // A field left empty is named under it and gets the keyboard; a banner saying "this field" named none of them.
  const onField = fieldErrorsOf(error);
  const submit = async () => {
    const result = await run('auth.login', { username, password });
    if (result.ok) return onLoggedIn(result.value);
    const problems = fieldErrorsOf(result.error);
    (problems.username ? usernameField : problems.password ? passwordField : null)?.current?.focus();
  };
  return (
    <main className="centered" id="main">
      <h1>{t('app.name')}</h1>
      <form
        className="panel"
        aria-label={t('login.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{t('login.title')}</h2>
        {createdUsername && <Notice tone="success">{t('login.adminCreated', { username: createdUsername })}</Notice>}
        <Field label={t('login.username')} error={onField.username ?? null}>
          {(p) => (
            <TextInput {...p} ref={usernameField} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus={!createdUsername} />
          )}
        </Field>
        <Field label={t('login.password')} error={onField.password ?? null}>
          {(p) => (
            <input
              {...p}
              ref={passwordField}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoFocus={Boolean(createdUsername)}
            />
          )}
        </Field>
        <ErrorBanner error={errorIsOnField(error, ['username', 'password']) ? null : error} />
        <ActionButton variant="primary" type="submit" busy={busy} data-testid="login-submit">
          {t('login.submit')}
        </ActionButton>
        <p className="muted">{t('login.offlineNote')}</p>
      </form>
    </main>
  );
}
