/**
 * The app: first-run set-up, then login, then the desk's screens under one top bar that always shows the sync
 * state. The session lives in the desk, so a renderer reload keeps the clerk logged in.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useDesk } from './desk-context';
import { changeLanguage, useLanguage, useTranslation, type Language } from './i18n';
import { followHashChanges, resetRoute, useRoute, type RouteName } from './store/route';
import { useSession, type SessionUser } from './store/session';
import { useDeskInfoKeptCurrent } from './store/desk-info';
import { useCatalogKeptCurrent } from './store/catalog';
import { SyncIndicator, useSyncFeed } from './components/SyncIndicator';
import { useShortcut } from './components/shortcuts';
import { ErrorBanner } from './components/ui';
import { useBarcodeScanner } from './scanner/use-barcode-scanner';
import { useScannedIdCard } from './store/scanned-id-card';
import { openDraftStore, type DraftStore } from './drafts/draft-store';
import { roleLabels } from '../../shared/domain/roles';
import type { AppError } from '../../shared/result';
import { applyConnectChoice, ConnectStep, FirstRunScreen } from './screens/first-run/FirstRunScreen';
import { LoginScreen } from './screens/login/LoginScreen';
import { ReceptionScreen } from './screens/reception/ReceptionScreen';
import { DossierListScreen } from './screens/dossiers/DossierListScreen';
import { DossierDetailScreen } from './screens/detail/DossierDetailScreen';
import { ResultsScreen } from './screens/results/ResultsScreen';
import { FridayBoardScreen } from './screens/friday/FridayBoardScreen';
import { SyncScreen } from './screens/sync/SyncScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';

type Phase = { name: 'loading' } | { name: 'first-run'; needsIdentity: boolean; needsAdministrator: boolean } | { name: 'login'; createdUsername?: string } | { name: 'identity' } | { name: 'ready' } | { name: 'error'; error: AppError };

const NAV: { route: RouteName; shortcut: string }[] = [
  { route: 'reception', shortcut: 'Alt+1' },
  { route: 'dossiers', shortcut: 'Alt+2' },
  { route: 'results', shortcut: 'Alt+3' },
  { route: 'friday', shortcut: 'Alt+4' },
  { route: 'sync', shortcut: 'Alt+5' },
  { route: 'reports', shortcut: 'Alt+6' },
  { route: 'settings', shortcut: 'Alt+7' },
];

export function App({ drafts: injectedDrafts }: { drafts?: DraftStore }) {
  const { call } = useDesk();
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const setUser = useSession((s) => s.setUser);
  // Cleared when the desk says no one is logged in any more (a restore ended every session: bridge/session-guard.ts).
  const user = useSession((s) => s.user);
  const drafts = useMemo(() => injectedDrafts ?? openDraftStore(), [injectedDrafts]);

  const decide = useCallback(async () => {
    const [me, firstRun] = await Promise.all([call('auth.me', {}), call('auth.firstRun', {})]);
    if (!firstRun.ok) {
      setPhase({ name: 'error', error: firstRun.error });
      return;
    }
    if (me.ok && me.value) {
      setUser(me.value);
      setPhase(firstRun.value.needsIdentity ? { name: 'identity' } : { name: 'ready' });
      return;
    }
    setPhase(firstRun.value.needsAdministrator ? { name: 'first-run', ...firstRun.value } : { name: 'login' });
  }, [call, setUser]);

  useEffect(() => {
    void decide();
  }, [decide]);

  if (phase.name === 'loading') return <p className="centered">{t('app.loading')}</p>;
  if (phase.name === 'error')
    return (
      <main className="centered">
        <ErrorBanner error={phase.error} />
        <button type="button" className="btn" onClick={() => void decide()}>
          {t('app.retry')}
        </button>
      </main>
    );
  if (phase.name === 'first-run')
    return <FirstRunScreen needsIdentity={phase.needsIdentity} needsAdministrator={phase.needsAdministrator} onDone={(createdUsername) => setPhase({ name: 'login', ...(createdUsername ? { createdUsername } : {}) })} />;
  if (phase.name === 'login' || (phase.name === 'ready' && user === null))
    return (
      <LoginScreen
        {...(phase.name === 'login' ? { createdUsername: phase.createdUsername } : {})}
        onLoggedIn={(user: SessionUser) => {
          resetRoute();
          setUser(user);
          void decide();
        }}
      />
    );
  if (phase.name === 'identity') return <IdentityScreen onDone={() => void decide()} />;
  return (
    <Shell
      drafts={drafts}
      onLogout={() => {
        setUser(null);
        setPhase({ name: 'login' });
      }}
    />
  );
}

function Shell({ drafts, onLogout }: { drafts: DraftStore; onLogout: () => void }) {
  const { call } = useDesk();
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useSession((s) => s.user)!;
  const { route, navigate } = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  // What a scanned code did not find, named, until the clerk moves to another screen (then it no longer applies).
  const [scanMiss, setScanMiss] = useState<{ code: string; error: AppError } | null>(null);
  useEffect(() => setScanMiss(null), [route]);

  useSyncFeed();
  useEffect(() => followHashChanges(), []);
  useDeskInfoKeptCurrent();
  useCatalogKeptCurrent();
  // A new screen: the focus goes to its first field (reception: the procedure search), else to its heading, so
  // keyboard and screen-reader users start at the top of it.
  useEffect(() => {
    const timer = setTimeout(() => {
      const main = mainRef.current;
      const target = main?.querySelector<HTMLElement>('[data-autofocus]') ?? main?.querySelector<HTMLElement>('h1');
      if (target && target.tagName === 'H1') target.tabIndex = -1;
      target?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [route]);

  useShortcut('Alt+N', () => navigate({ name: 'reception' }), route.name !== 'reception');
  useShortcut('Ctrl+K', () => {
    navigate({ name: 'dossiers' });
    setTimeout(() => document.querySelector<HTMLInputElement>('[data-testid="dossier-search"]')?.focus(), 0);
  });

  useBarcodeScanner(async (reading) => {
    // A căn cước card is for the reception form, which takes it from there (screens/reception/IdCardFill.tsx).
    if (reading.kind === 'idCard') {
      useScannedIdCard.getState().put(reading.card);
      if (route.name !== 'reception') navigate({ name: 'reception' });
      return;
    }
    const { code } = reading;
    const result = await call('dossiers.get', { code });
    if (result.ok) {
      setScanMiss(null);
      navigate({ name: 'dossier', id: result.value.summary.id });
    } else setScanMiss({ code, error: result.error });
  });

  const logout = async () => {
    // A card scanned but not yet taken is not left for the next clerk's form.
    useScannedIdCard.getState().take();
    await call('auth.logout', {});
    onLogout();
  };

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header>
        <div className="topbar">
          <span className="brand">
            {t('app.name')}
            <small title={t('app.tagline')}>{t('app.tagline')}</small>
          </span>
          <SyncIndicator />
          <span className="spacer" />
          <span className="user" data-testid="current-user" title={`${user.displayName} · ${roleLabels[user.role][language]}`}>
            {user.displayName} · {roleLabels[user.role][language]}
          </span>
          <label className="visually-hidden" htmlFor="language-select">
            {t('nav.language')}
          </label>
          <select id="language-select" value={language} onChange={(e) => void changeLanguage(e.target.value as Language)} data-testid="language-select">
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
          <button type="button" className="btn btn-ghost" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
        <nav className="nav" aria-label={t('nav.mainMenu')}>
          {NAV.map((item) => (
            <NavButton key={item.route} route={item.route} shortcut={item.shortcut} current={route.name === item.route || (item.route === 'dossiers' && route.name === 'dossier')} />
          ))}
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {scanMiss &&
          (scanMiss.error.code === 'not_found' ? (
            <div className="banner banner-error" role="alert" data-error-code="not_found">
              {t('app.scanNotFound', { code: scanMiss.code })}
            </div>
          ) : (
            <ErrorBanner error={scanMiss.error} />
          ))}
        {route.name === 'reception' && <ReceptionScreen drafts={drafts} />}
        {route.name === 'dossiers' && <DossierListScreen />}
        {route.name === 'dossier' && <DossierDetailScreen dossierId={route.id} />}
        {route.name === 'results' && <ResultsScreen />}
        {route.name === 'friday' && <FridayBoardScreen />}
        {route.name === 'sync' && <SyncScreen />}
        {route.name === 'reports' && <ReportsScreen />}
        {route.name === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}

/** A desk with accounts but no identity (enrolment revoked, data restored): an administrator reconnects it. */
function IdentityScreen({ onDone }: { onDone: () => void }) {
  const { call } = useDesk();
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="centered" id="main">
      <h1>{t('firstRun.title')}</h1>
      <ConnectStep
        busy={busy}
        error={error}
        onChoose={async (choice) => {
          setBusy(true);
          const result = await applyConnectChoice(call, choice);
          setBusy(false);
          if (result.ok) onDone();
          else setError(result.error);
        }}
      />
    </main>
  );
}

function NavButton({ route, shortcut, current }: { route: RouteName; shortcut: string; current: boolean }) {
  const { t } = useTranslation();
  const navigate = useRoute((s) => s.navigate);
  const go = () => navigate(route === 'dossier' ? { name: 'dossiers' } : ({ name: route } as never));
  useShortcut(shortcut, go);
  return (
    <button type="button" aria-current={current ? 'page' : undefined} aria-keyshortcuts={shortcut} title={shortcut} onClick={go} data-nav={route}>
      {t(`nav.${route}`)}
      <kbd>{shortcut}</kbd>
    </button>
  );
}
