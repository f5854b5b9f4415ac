/** Start-up: fonts and styles, the transport (Electron bridge or loopback host), the language, then the app. */
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles/app.css';
import './styles/print.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickTransport } from './bridge';
import { DeskProvider } from './desk-context';
import { initI18n } from './i18n';
import { App } from './App';
import { useDeskSession } from './store/desk-session';
import { DeskSessionEnded } from './components/DeskSessionEnded';
import { endingSessionWhenDeskDoes } from './bridge/session-guard';
import { useSession } from './store/session';

initI18n();
const transport = endingSessionWhenDeskDoes(
  pickTransport(window, { onSessionEnded: () => useDeskSession.getState().end() }),
  () => useSession.getState().setUser(null),
);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <DeskProvider transport={transport}>
        <DeskSessionEnded />
        <App />
      </DeskProvider>
    </StrictMode>,
  );
}
