/** Login against the desk's local accounts: works offline; a wrong password says so without saying which part. */
import { useState } from 'react';
import { ActionButton, ErrorBanner, Field, TextInput } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { useTranslation } from '../../i18n';
import type { SessionUser } from '../../store/session';

export function LoginScreen({ onLoggedIn }: { onLoggedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const { run, busy, error } = useDeskAction();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = async () => {
    const result = await run('auth.login', { username, password });
    if (result.ok) onLoggedIn(result.value);
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
        <Field label={t('login.username')}>
          {(p) => <TextInput {...p} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />}
        </Field>
        <Field label={t('login.password')}>
          {(p) => <input {...p} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <ErrorBanner error={error} />
        <ActionButton variant="primary" type="submit" busy={busy} data-testid="login-submit">
          {t('login.submit')}
        </ActionButton>
        <p className="muted">{t('login.offlineNote')}</p>
      </form>
    </main>
  );
}
