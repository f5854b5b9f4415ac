/**
 * A recording stand-in for the 'electron' module: the Electron binary cannot be downloaded on these machines, so
 * the main process runs under Node against this. It records what the shell asked of Electron and lets a test play
 * Electron's part (fire 'ready', send an IPC message from some frame, navigate a window).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  printCalls: unknown[] = [];
  pdfCalls: unknown[] = [];
  mainFrame = { url: 'app://desk/index.html', parent: null };
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  print(options: unknown, callback: (success: boolean, reason: string) => void) {
    this.printCalls.push(options);
    callback(true, '');
  }
  async printToPDF(options: unknown) {
    this.pdfCalls.push(options);
    return Buffer.from('%PDF-1.7 fake');
  }
}

export function createFakeElectron() {
  const calls: string[] = [];
  let readyResolve!: () => void;
  const readyPromise = new Promise<void>((r) => (readyResolve = r));

  class FakeBrowserWindow extends EventEmitter {
    static instances: FakeBrowserWindow[] = [];
    static getFocusedWindow = (): FakeBrowserWindow | null => null;
    webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
      calls.push('BrowserWindow');
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
    show() {
      this.shown = true;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      calls.push('focus');
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    hasLock: true,
    userData: mkdtempSync(path.join(os.tmpdir(), 'motcua-electron-userdata-')),
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => {
      calls.push('requestSingleInstanceLock');
      return app.hasLock;
    },
    quit: () => calls.push('quit'),
    whenReady: () => readyPromise,
    getAppPath: () => '/opt/motcua-desk',
    getPath: (name: string) => (name === 'userData' ? app.userData : path.join(os.tmpdir(), name)),
    getVersion: () => '0.1.0',
  });

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };

  const privileged: unknown[] = [];
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      calls.push('registerSchemesAsPrivileged');
      privileged.push(...schemes);
    },
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) =>
      protocolHandlers.set(scheme, handler),
    unhandle: (scheme: string) => protocolHandlers.delete(scheme),
  };

  const sessionHooks = {
    permissionRequest: null as
      null | ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void),
    permissionCheck: null as null | ((wc: unknown, permission: string) => boolean),
    devicePermission: null as null | ((details: unknown) => boolean),
    headersReceived: null as
      | null
      | ((
          details: { responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof sessionHooks.permissionRequest) =>
        (sessionHooks.permissionRequest = h),
      setPermissionCheckHandler: (h: typeof sessionHooks.permissionCheck) =>
        (sessionHooks.permissionCheck = h),
      setDevicePermissionHandler: (h: typeof sessionHooks.devicePermission) =>
        (sessionHooks.devicePermission = h),
      webRequest: {
        onHeadersReceived: (h: typeof sessionHooks.headersReceived) => (sessionHooks.headersReceived = h),
      },
    },
  };

  const opened: string[] = [];
  const shell = { openExternal: async (url: string) => void opened.push(url) };

  const menu = { template: null as unknown };
  const Menu = {
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (built: unknown) => (menu.template = built),
  };

  const errorBoxes: string[] = [];
  const dialog = {
    showErrorBox: (_title: string, text: string) => errorBoxes.push(text),
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    showMessageBox: async () => ({ response: 0 }),
  };

  return {
    module: { app, BrowserWindow: FakeBrowserWindow, ipcMain, protocol, session, shell, Menu, dialog },
    /** Plays Electron's 'ready' and waits for the shell's start-up to finish. */
    fireReady: () => {
      calls.push('ready');
      readyResolve();
    },
    calls,
    app,
    windows: FakeBrowserWindow.instances,
    ipcHandlers: handlers,
    privileged,
    protocolHandlers,
    sessionHooks,
    opened,
    menu,
    errorBoxes,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
