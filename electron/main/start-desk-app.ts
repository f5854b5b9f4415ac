/**
 * The Electron app's life: scheme privileges and the single-instance lock before `ready`; then the desk, the
 * session's security (permissions, CSP), the app:// protocol, the IPC router, the window and the menu; on quit the
 * desk is closed. Electron is passed in (the real module in index.ts, a recording stand-in in the tests).
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type * as ElectronModule from 'electron';
import type { BrowserWindow } from 'electron';
import { AppFailure } from '../../shared/result';
import { storageFailureAtStart } from '../desk/db/data-folder-check';
import { registerAppScheme, handleAppProtocol } from './app-protocol';
import { guardWebContents } from './navigation-guards';
import { openExternalSafely } from './external-links';
import { denyAllPermissions } from './permissions';
import { enforceSecurityHeaders } from './security-headers';
import { registerDeskIpc } from './ipc-router';
import { openMainWindow } from './window';
import { forwardDeskEvents } from './desk-events';
import { applicationMenuTemplate } from './menu';
import { printPage, savePageAsPdf } from './printing';
import { sqliteNativeBinding } from './native-binding';
import type { DeskBackend, OpenDeskBackend } from './desk-backend';

export type ShellElectron = Pick<
  typeof ElectronModule,
  'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'shell' | 'Menu' | 'dialog'
>;

export interface ShellOptions {
  openBackend: OpenDeskBackend;
  /** Defaults follow the packaged layout: <app>/out/{renderer,preload}. */
  rendererDir?: string;
  preloadPath?: string;
}

export interface DeskApp {
  /** Settles when start-up has finished (or was abandoned with an error box). */
  ready: Promise<void>;
  window(): BrowserWindow | null;
}

const PUBLIC_SERVICE_PORTAL = 'https://dichvucong.gov.vn/';

export function startDeskApp(electron: ShellElectron, options: ShellOptions): DeskApp {
  const { app, BrowserWindow, ipcMain, protocol, session, shell, Menu, dialog } = electron;
  // Chromium reads scheme privileges once, before ready; sandboxing every renderer is also a before-ready switch.
  registerAppScheme(protocol);
  app.enableSandbox();

  let mainWindow: BrowserWindow | null = null;
  if (!app.requestSingleInstanceLock()) {
    // A second copy on the same PC would open the same database: hand over to the first one and leave.
    app.quit();
    return { ready: Promise.resolve(), window: () => null };
  }

  const openExternal = (url: string) => shell.openExternal(url);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every web contents, not only our window's: whatever Chromium creates gets the same guards.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));
  app.on('window-all-closed', () => app.quit());

  let backend: DeskBackend | null = null;
  let stopIpc: (() => void) | null = null;
  app.on('will-quit', () => {
    stopIpc?.();
    backend?.close();
    backend = null;
  });

  const appPath = app.getAppPath();
  const rendererDir = options.rendererDir ?? path.join(appPath, 'out', 'renderer');
  const preloadPath = options.preloadPath ?? path.join(appPath, 'out', 'preload', 'index.cjs');

  const failStart = (vi: string, en: string): void => {
    dialog.showErrorBox('MotCua Desk', `${vi}\n\n${en}`);
    app.quit();
  };

  const ready = app.whenReady().then(() => {
    const nativeBinding = sqliteNativeBinding({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath,
      platform: process.platform,
      arch: process.arch,
      fileExists: existsSync,
    });
    if (app.isPackaged && nativeBinding === undefined) {
      return failStart(
        'Bộ cài thiếu thành phần cơ sở dữ liệu (better_sqlite3.node). Hãy cài lại phần mềm từ bộ cài chính thức.',
        'The installation is missing its database component (better_sqlite3.node). Reinstall from the official installer.',
      );
    }
    const dataDir = path.join(app.getPath('userData'), 'desk-data');
    try {
      backend = options.openBackend({ dataDir, ...(nativeBinding ? { nativeBinding } : {}) });
    } catch (error) {
      // A damaged file, a second desk on the folder, a full disk, a read-only folder: each says what to do.
      const refusal = error instanceof AppFailure ? error : storageFailureAtStart(error, dataDir);
      if (refusal) return failStart(refusal.error.message.vi, refusal.error.message.en);
      return failStart(
        `Không mở được dữ liệu của quầy (${dataDir}). Hãy khởi động lại máy; nếu vẫn lỗi, báo cho bộ phận CNTT.`,
        `Could not open the desk’s data (${dataDir}). Restart the PC; if it still fails, tell IT.`,
      );
    }

    const defaultSession = session.defaultSession;
    denyAllPermissions(defaultSession);
    enforceSecurityHeaders(defaultSession);
    handleAppProtocol(protocol, rendererDir);
    stopIpc = registerDeskIpc(ipcMain, backend.dispatch, {
      onRefused: (method, reason) => console.warn(`[ipc] refused ${method}: ${reason}`),
    });

    const window = openMainWindow(BrowserWindow, preloadPath, { devTools: !app.isPackaged });
    mainWindow = window;
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    forwardDeskEvents(backend.events, window.webContents);

    const target = () => BrowserWindow.getFocusedWindow() ?? mainWindow;
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate(
          {
            print: () => {
              const w = target();
              if (w) void printPage(w.webContents);
            },
            saveAsPdf: () => {
              const w = target();
              if (!w) return;
              void savePageAsPdf(w.webContents, {
                askSavePath: async (defaultName) => {
                  const answer = await dialog.showSaveDialog(w, {
                    title: 'Lưu thành PDF',
                    defaultPath: path.join(app.getPath('documents'), defaultName),
                    filters: [{ name: 'PDF', extensions: ['pdf'] }],
                  });
                  return answer.canceled || !answer.filePath ? null : answer.filePath;
                },
                writeFile: (file, data) => writeFile(file, data),
                now: () => new Date(),
              });
            },
            openPublicServicePortal: () => void openExternalSafely(PUBLIC_SERVICE_PORTAL, openExternal),
            showAbout: () =>
              void dialog.showMessageBox({
                type: 'info',
                title: 'Giới thiệu MotCua Desk',
                message: `MotCua Desk ${app.getVersion()}`,
                detail:
                  'Phần mềm tiếp nhận và trả kết quả hồ sơ tại bộ phận một cửa.\nOne-stop desk reception and results.',
              }),
          },
          { platform: process.platform, devTools: !app.isPackaged },
        ),
      ),
    );
  });

  return { ready, window: () => mainWindow };
}
