/**
 * First run of a desk: how it connects (the demo set-up on this PC, or the unit's real server with the enrolment
 * code from the administrator), then the first administrator account, then the login screen. Setting the desk's
 * identity needs an administrator, so the choice is applied right after the account is created (which logs it
 * in), and the session is then closed so the clerk logs in for real — proving the password works offline.
 */
import { useState } from 'react';
import { deskApiMethods, type DeskApiMethod, type DeskCall } from '../../../../shared/api/desk-api';
import { SEED_DISTRICT_CODE } from '../../../../shared/catalog/seed-units';
import { ok, type AppError, type LocalizedText, type Result } from '../../../../shared/result';
import { ActionButton, ErrorBanner, Field, TextInput } from '../../components/ui';
import { fieldErrorsOf } from '../../components/desk-errors';
import { useDesk } from '../../desk-context';
import { useTranslation } from '../../i18n';

const MIN_PASSWORD = 8;

export type ConnectChoice = { mode: 'demo' } | { mode: 'real'; serverUrl: string; code: string };

/** Gives the desk its identity: the demo desk is desk 1 of the seed district; a real one enrols with its server. */
export async function applyConnectChoice(call: DeskCall, choice: ConnectChoice): Promise<Result<unknown>> {
  if (choice.mode === 'demo') return call('app.setIdentity', { unitCode: SEED_DISTRICT_CODE, deskNumber: 1 });
  // Enrolment belongs to the sync client; until the desk offers it, say so rather than pretend.
  const method = 'sync.enrol' as DeskApiMethod;
  if (!deskApiMethods.includes(method)) {
    return {
      ok: false,
      error: {
        code: 'not_available',
        message: {
          vi: 'Phần mềm tại quầy chưa hỗ trợ đăng ký với máy chủ thật. Hãy chọn "Dùng thử với dữ liệu mẫu" hoặc cập nhật phần mềm.',
          en: 'This desk cannot enrol with a real server yet. Choose "Try it with demo data" or update the application.',
        },
      },
    };
  }
  const result = await call(method, { serverUrl: choice.serverUrl, code: choice.code } as never);
  return result.ok ? ok(result.value) : result;
}

interface Props {
  needsIdentity: boolean;
  needsAdministrator: boolean;
  onDone: () => void;
}

export function FirstRunScreen({ needsIdentity, needsAdministrator, onDone }: Props) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<ConnectChoice | null>(null);
  const step = needsIdentity && choice === null ? 'connect' : 'admin';
  const total = (needsIdentity ? 1 : 0) + (needsAdministrator ? 1 : 0);
  return (
    <main className="centered" id="main">
      <h1>{t('firstRun.title')}</h1>
      <p className="muted">{t('firstRun.step', { n: step === 'connect' || !needsIdentity ? 1 : 2, total })}</p>
      {step === 'connect' ? (
        <ConnectStep onChoose={setChoice} />
      ) : (
        <AdminStep choice={choice} onBack={needsIdentity ? () => setChoice(null) : undefined} onDone={onDone} />
      )}
    </main>
  );
}

/** The choice alone, or (for a desk whose administrator exists but that lost its identity) applied at once. */
export function ConnectStep({ onChoose, error: outerError, busy }: { onChoose: (choice: ConnectChoice) => void; error?: AppError | null; busy?: boolean }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'demo' | 'real'>('demo');
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<{ serverUrl?: LocalizedText; code?: LocalizedText }>({});

  const next = () => {
    if (mode === 'demo') return onChoose({ mode: 'demo' });
    const found: typeof problem = {};
    try {
      const url = new URL(serverUrl.trim());
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    } catch {
      found.serverUrl = { vi: 'Địa chỉ máy chủ phải có dạng https://…', en: 'The server address must look like https://…' };
    }
    if (code.trim() === '') found.code = { vi: 'Hãy nhập mã đăng ký quầy.', en: 'Enter the desk enrolment code.' };
    setProblem(found);
    if (!found.serverUrl && !found.code) onChoose({ mode: 'real', serverUrl: serverUrl.trim(), code: code.trim() });
  };
  const deskErrors = fieldErrorsOf(outerError);

  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        next();
      }}
    >
      <p>{t('firstRun.intro')}</p>
      <div className="choice-grid" role="group" aria-label={t('firstRun.title')}>
        <button type="button" className="choice" aria-pressed={mode === 'demo'} onClick={() => setMode('demo')} data-testid="choose-demo" data-autofocus>
          <strong>{t('firstRun.demo')}</strong>
          <span className="muted" style={{ display: 'block' }}>
            {t('firstRun.demoHint')}
          </span>
        </button>
        <button type="button" className="choice" aria-pressed={mode === 'real'} onClick={() => setMode('real')} data-testid="choose-real">
          <strong>{t('firstRun.real')}</strong>
          <span className="muted" style={{ display: 'block' }}>
            {t('firstRun.realHint')}
          </span>
        </button>
      </div>
      {mode === 'real' && (
        <div className="grid-2 spaced">
          <Field label={t('firstRun.serverUrl')} error={problem.serverUrl ?? deskErrors.serverUrl} required>
            {(p) => <TextInput {...p} type="url" placeholder="https://motcua.example.gov.vn" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />}
          </Field>
          <Field label={t('firstRun.enrolmentCode')} error={problem.code ?? deskErrors.code} required>
            {(p) => <TextInput {...p} className="mono" value={code} onChange={(e) => setCode(e.target.value)} />}
          </Field>
        </div>
      )}
      <ErrorBanner error={outerError && Object.keys(deskErrors).length === 0 ? outerError : null} />
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="first-run-continue">
        {mode === 'demo' ? t('firstRun.continue') : t('firstRun.connect')}
      </button>
    </form>
  );
}

function AdminStep({ choice, onBack, onDone }: { choice: ConnectChoice | null; onBack: (() => void) | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const { call } = useDesk();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const both = (key: string, options: Record<string, unknown> = {}): LocalizedText => ({ vi: t(key, { ...options, lng: 'vi' }), en: t(key, { ...options, lng: 'en' }) });
  const passwordError = submitted && password.length < MIN_PASSWORD ? both('firstRun.passwordShort', { n: MIN_PASSWORD }) : null;
  const repeatError = submitted && repeat !== password ? both('firstRun.passwordMismatch') : null;
  const deskErrors = fieldErrorsOf(error);

  const create = async () => {
    setSubmitted(true);
    if (password.length < MIN_PASSWORD || repeat !== password) return;
    setBusy(true);
    setError(null);
    try {
      const created = await call('auth.createAdmin', { username, displayName, password });
      if (!created.ok) return setError(created.error);
      if (choice) {
        const applied = await applyConnectChoice(call, choice);
        if (!applied.ok) return setError(applied.error);
      }
      await call('auth.logout', {});
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h2>{t('firstRun.adminTitle')}</h2>
      <p className="muted">{t('firstRun.adminIntro')}</p>
      <Field label={t('login.displayName')} error={deskErrors.displayName} required>
        {(p) => <TextInput {...p} name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-autofocus autoFocus />}
      </Field>
      <Field label={t('login.username')} error={deskErrors.username} required>
        {(p) => <TextInput {...p} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />}
      </Field>
      <Field label={t('login.password')} error={passwordError ?? deskErrors.password} required>
        {(p) => <input {...p} name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Field label={t('firstRun.passwordRepeat')} error={repeatError} required>
        {(p) => <input {...p} name="passwordRepeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
      </Field>
      <ErrorBanner error={error && Object.keys(deskErrors).length === 0 ? error : null} />
      <div className="row">
        <ActionButton variant="primary" busy={busy} type="submit" data-testid="create-admin">
          {t('firstRun.createAdmin')}
        </ActionButton>
        {onBack && <ActionButton onActivate={onBack}>{t('app.back')}</ActionButton>}
      </div>
    </form>
  );
}
