/**
 * First run of a desk: how it connects (the demo set-up on this PC, or the unit's real server with the enrolment
 * code from the administrator), then the first administrator account, then the login screen. Setting the desk's
 * identity (and enrolling) needs an administrator, so the choice is applied right after the account is created
 * (which logs it in), and the session is then closed so the clerk logs in for real — proving the password works
 * offline. When enrolment fails (server unreachable, wrong or expired code) the clerk is taken back to the connect
 * step with the desk's words next to the field concerned; the account already exists, so the next try enrols at once.
 */
import { useState } from 'react';
import type { DeskCall } from '../../../../shared/api/desk-api';
import { SEED_DISTRICT_CODE } from '../../../../shared/catalog/seed-units';
import type { AppError, LocalizedText, Result } from '../../../../shared/result';
import { ActionButton, ErrorBanner, Field, ProgressBar, TextInput } from '../../components/ui';
import { fieldErrorsOf } from '../../components/desk-errors';
import { useSlowFlag } from '../../components/use-desk-call';
import { useDesk } from '../../desk-context';
import { useTranslation } from '../../i18n';
import { missingEnrolmentCode, serverAddressProblem } from './server-address';
import { adminFormProblems, type AdminForm } from './admin-form';

/** Fields of the connect step a desk error can point at. */
const CONNECT_FIELDS = ['serverUrl', 'code'];

export type ConnectChoice = { mode: 'demo' } | { mode: 'real'; serverUrl: string; code: string };

/** Gives the desk its identity: the demo desk is desk 1 of the seed district; a real one enrols with its server. */
export async function applyConnectChoice(call: DeskCall, choice: ConnectChoice): Promise<Result<unknown>> {
  if (choice.mode === 'demo') return call('app.setIdentity', { unitCode: SEED_DISTRICT_CODE, deskNumber: 1 });
  return call('sync.enrol', { serverUrl: choice.serverUrl, code: choice.code });
}

interface Props {
  needsIdentity: boolean;
  needsAdministrator: boolean;
  /** Set-up is over; `createdUsername` is the administrator just created (absent when only the connection was set). */
  onDone: (createdUsername?: string) => void;
}

export function FirstRunScreen({ needsIdentity, needsAdministrator, onDone }: Props) {
  const { t } = useTranslation();
  const { call } = useDesk();
  const [choice, setChoice] = useState<ConnectChoice | null>(null);
  // Set once the administrator exists but connecting failed: from then on the connect step applies at once.
  const [retry, setRetry] = useState<{ error: AppError } | null>(null);
  const [busy, setBusy] = useState(false);
  const step = needsIdentity && (choice === null || retry !== null) ? 'connect' : 'admin';
  const total = (needsIdentity ? 1 : 0) + (needsAdministrator ? 1 : 0);

  const connectNow = async (next: ConnectChoice) => {
    setChoice(next);
    setBusy(true);
    try {
      const applied = await applyConnectChoice(call, next);
      if (!applied.ok) return setRetry({ error: applied.error });
      await call('auth.logout', {});
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="centered" id="main">
      <h1>{t('firstRun.title')}</h1>
      <p className="muted">{t('firstRun.step', { n: step === 'connect' || !needsIdentity ? 1 : 2, total })}</p>
      {step === 'connect' ? (
        <>
          {retry && <p data-testid="admin-created-note">{t('firstRun.adminCreatedConnect')}</p>}
          <ConnectStep
            initial={choice}
            error={retry?.error ?? null}
            busy={busy}
            onChoose={retry ? (next) => void connectNow(next) : setChoice}
          />
        </>
      ) : (
        <AdminStep choice={choice} onBack={needsIdentity ? () => setChoice(null) : undefined} onDone={onDone} onConnectFailed={(error) => setRetry({ error })} />
      )}
    </main>
  );
}

/**
 * The sync client's "cannot reach the server" speaks of data waiting to be sent, which is true at work but not
 * before the desk has ever connected: here the clerk needs to know what to check. An address where something else
 * answers (`not_motcua_server`, a router's page) keeps the desk's own words: the address is wrong, not the cable.
 */
function forConnectStep(error: AppError | null | undefined): AppError | null {
  if (!error || error.code !== 'server_unreachable') return error ?? null;
  return { ...error, field: 'serverUrl', message: unreachableAtEnrolment };
}

const unreachableAtEnrolment: LocalizedText = {
  vi: 'Không kết nối được máy chủ ở địa chỉ này. Hãy kiểm tra địa chỉ (cả số cổng), dây mạng hoặc wifi, rồi thử lại; nếu vẫn không được, hãy báo quản trị hệ thống.',
  en: 'Cannot reach a server at this address. Check the address (including the port number) and the network cable or wifi, then try again; if it still fails, tell the system administrator.',
};

interface ConnectStepProps {
  onChoose: (choice: ConnectChoice) => void;
  /** What the desk answered the last attempt (shown next to the field it concerns). */
  error?: AppError | null;
  busy?: boolean;
  /** What the clerk chose and typed before, kept when the step is shown again. */
  initial?: ConnectChoice | null;
}

/** The choice alone, or (for a desk whose administrator exists but that has no identity yet) applied at once. */
export function ConnectStep({ onChoose, error: deskError, busy, initial }: ConnectStepProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'demo' | 'real'>(initial?.mode ?? 'demo');
  const [serverUrl, setServerUrl] = useState(initial?.mode === 'real' ? initial.serverUrl : '');
  const [code, setCode] = useState(initial?.mode === 'real' ? initial.code : '');
  const [problem, setProblem] = useState<{ serverUrl?: LocalizedText; code?: LocalizedText }>({});
  // A desk error stays next to its field until the clerk changes what it is about.
  const [editedSinceError, setEditedSinceError] = useState<{ serverUrl?: boolean; code?: boolean }>({});
  const [shownError, setShownError] = useState(deskError);
  if (deskError !== shownError) {
    setShownError(deskError);
    setEditedSinceError({});
  }
  const slow = useSlowFlag(!!busy);

  const next = () => {
    if (mode === 'demo') return onChoose({ mode: 'demo' });
    const found: typeof problem = {};
    const addressProblem = serverAddressProblem(serverUrl);
    if (addressProblem) found.serverUrl = addressProblem;
    if (code.trim() === '') found.code = missingEnrolmentCode;
    setProblem(found);
    if (!found.serverUrl && !found.code) onChoose({ mode: 'real', serverUrl: serverUrl.trim(), code: code.trim() });
  };
  const deskErrors = mode === 'real' ? fieldErrorsOf(forConnectStep(deskError)) : {};
  const onAField = Object.keys(deskErrors).some((f) => CONNECT_FIELDS.includes(f));
  const fieldError = (field: 'serverUrl' | 'code') => problem[field] ?? (editedSinceError[field] ? undefined : deskErrors[field]);

  return (
    <form
      className="panel"
      // The browser's own URL check would answer in its language, above our words; ours is next to the field.
      noValidate
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
          <Field label={t('firstRun.serverUrl')} error={fieldError('serverUrl')} hint={t('firstRun.serverUrlHint')} required>
            {(p) => (
              <TextInput
                {...p}
                type="url"
                inputMode="url"
                placeholder="https://motcua.thanhha.gov.vn"
                value={serverUrl}
                onChange={(e) => {
                  setServerUrl(e.target.value);
                  setProblem((x) => ({ ...x, serverUrl: undefined }));
                  setEditedSinceError((x) => ({ ...x, serverUrl: true }));
                }}
                data-testid="server-url"
              />
            )}
          </Field>
          <Field label={t('firstRun.enrolmentCode')} error={fieldError('code')} hint={t('firstRun.enrolmentCodeHint')} required>
            {(p) => (
              <TextInput
                {...p}
                className="mono"
                autoCapitalize="characters"
                spellCheck={false}
                value={code}
                onChange={(e) => {
                  setCode(e.target.value);
                  setProblem((x) => ({ ...x, code: undefined }));
                  setEditedSinceError((x) => ({ ...x, code: true }));
                }}
                data-testid="enrolment-code"
              />
            )}
          </Field>
        </div>
      )}
      <ErrorBanner error={deskError && !onAField ? deskError : null} />
      {busy && slow && <ProgressBar label={t('firstRun.connecting')} />}
      <ActionButton variant="primary" type="submit" busy={busy} data-testid="first-run-continue">
        {busy ? t('firstRun.connecting') : mode === 'demo' ? t('firstRun.continue') : t('firstRun.connect')}
      </ActionButton>
    </form>
  );
}

interface AdminStepProps {
  choice: ConnectChoice | null;
  onBack: (() => void) | undefined;
  onDone: (createdUsername: string) => void;
  /** The account exists (and is logged in) but the desk could not connect: back to the connect step. */
  onConnectFailed: (error: AppError) => void;
}

function AdminStep({ choice, onBack, onDone, onConnectFailed }: AdminStepProps) {
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
  const problems = adminFormProblems({ displayName, username, password, repeat });
  const problemOf = (field: keyof AdminForm): LocalizedText | null => {
    const problem = submitted ? problems[field] : undefined;
    return problem ? both(problem.key, problem.options) : null;
  };
  const deskErrors = fieldErrorsOf(error);

  const create = async () => {
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const created = await call('auth.createAdmin', { username, displayName, password });
      if (!created.ok) return setError(created.error);
      if (choice) {
        const applied = await applyConnectChoice(call, choice);
        if (!applied.ok) return onConnectFailed(applied.error);
      }
      await call('auth.logout', {});
      onDone(username);
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
      <Field label={t('login.displayName')} error={problemOf('displayName') ?? deskErrors.displayName} required>
        {(p) => <TextInput {...p} name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-autofocus autoFocus />}
      </Field>
      <Field label={t('login.username')} error={problemOf('username') ?? deskErrors.username} required>
        {(p) => <TextInput {...p} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />}
      </Field>
      <Field label={t('login.password')} error={problemOf('password') ?? deskErrors.password} required>
        {(p) => <input {...p} name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Field label={t('firstRun.passwordRepeat')} error={problemOf('repeat')} required>
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
