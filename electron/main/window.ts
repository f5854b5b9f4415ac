/**
 * The clerk's window. Every web preference that matters for security is spelled out, even where it is Electron's
 * default, so a future default change or a careless edit shows up in review and in the test.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-origin';

export function mainWindowOptions(
  preloadPath: string,
  options: { devTools: boolean },
): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 600,
    title: 'MotCua Desk',
    backgroundColor: '#ffffff',
    // Shown on 'ready-to-show', so the clerk never sees a white flash on an old PC.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function openMainWindow(
  Window: WindowConstructor,
  preloadPath: string,
  options: { devTools: boolean },
): BrowserWindow {
  const window = new Window(mainWindowOptions(preloadPath, options));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
