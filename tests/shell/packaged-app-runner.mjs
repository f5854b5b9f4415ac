// Runs the main process of a packaged app (the files electron-builder put in app.asar, extracted) under plain Node,
// the way the packaged app starts: isPackaged, the SQLite binding from resources/native, the app folder as
// app.getAppPath(). 'electron' is answered by a stub the test writes into the extracted node_modules, which reads
// the stand-in below. Then it does what touches files at run time and prints what happened as one JSON line.
// Plain JavaScript run by plain Node on purpose: no TypeScript loader may help the bundle find anything.
// Usage: node packaged-app-runner.mjs <appDir> <resourcesDir> <userDataDir>
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const [appDir, resourcesDir, userDataDir] = process.argv.slice(2);
const ipcHandlers = new Map();
const protocolHandlers = new Map();
const errorBoxes = [];
let fireReady = () => undefined;
const ready = new Promise((resolve) => (fireReady = resolve));

class BrowserWindow extends EventEmitter {
  static getFocusedWindow = () => null;
  webContents = Object.assign(new EventEmitter(), {
    send: () => undefined,
    isDestroyed: () => false,
    setWindowOpenHandler: () => undefined,
  });
  async loadURL() {}
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  enableSandbox: () => undefined,
  requestSingleInstanceLock: () => true,
  quit: () => undefined,
  whenReady: () => ready,
  getAppPath: () => appDir,
  getPath: (name) => path.join(userDataDir, name),
  getVersion: () => 'from package.json',
});

globalThis.__motcuaPackagedElectron = {
  app,
  BrowserWindow,
  ipcMain: {
    handle: (channel, handler) => ipcHandlers.set(channel, handler),
    removeHandler: (channel) => ipcHandlers.delete(channel),
  },
  protocol: {
    registerSchemesAsPrivileged: () => undefined,
    handle: (scheme, handler) => protocolHandlers.set(scheme, handler),
    unhandle: (scheme) => protocolHandlers.delete(scheme),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      setDevicePermissionHandler: () => undefined,
      webRequest: { onHeadersReceived: () => undefined },
    },
  },
  shell: { openExternal: async () => undefined },
  Menu: { buildFromTemplate: (template) => template, setApplicationMenu: () => undefined },
  dialog: {
    showErrorBox: (_title, text) => errorBoxes.push(text),
    showSaveDialog: async () => ({ canceled: true }),
    showMessageBox: async () => ({ response: 0 }),
  },
};
// Electron sets this; the shell looks for the SQLite binding under it.
process.resourcesPath = resourcesDir;

const report = { errorBoxes };
const { deskApp } = await import(pathToFileURL(path.join(appDir, 'out', 'main', 'index.js')).href);
fireReady();
await deskApp.ready;

const fromOurPage = { senderFrame: { url: 'app://desk/index.html', parent: null } };
const call = (method, input) => ipcHandlers.get(`motcua:desk:${method}`)(fromOurPage, input);
const head = (result, bytes) =>
  result.ok ? Buffer.from(result.value.dataBase64, 'base64').subarray(0, bytes).toString('latin1') : result;

report.admin = (
  await call('auth.createAdmin', { username: 'admin', displayName: 'Quản Trị', password: 'mat-khau-123' })
).ok;
await call('auth.login', { username: 'admin', password: 'mat-khau-123' });
report.info = await call('app.info', {});
const year = { from: '2026-01-01', to: '2026-12-31' };
report.pdf = head(await call('reports.export', { ...year, format: 'pdf' }), 5);
report.xlsx = head(await call('reports.export', { ...year, format: 'xlsx' }), 2);
report.backup = await call('backups.create', {});

const page = await protocolHandlers.get('app')({ url: 'app://desk/index.html' });
report.page = { status: page.status, body: await page.text() };

// The integrity check of a large desk, started as the desk starts it: the file beside index.js, the binding passed in.
report.integrityWorker = await new Promise((resolve) => {
  const worker = new Worker(
    new URL('./integrity-worker.mjs', pathToFileURL(path.join(appDir, 'out', 'main', 'index.js'))),
    {
      workerData: {
        file: report.backup.ok ? report.backup.value.file : '',
        mode: 'quick',
        nativeBinding: path.join(resourcesDir, 'native', 'better_sqlite3.node'),
      },
    },
  );
  worker.once('message', (message) => {
    resolve(message);
    void worker.terminate();
  });
  worker.once('error', (error) => resolve({ error: String(error) }));
});

app.emit('will-quit');
console.log(JSON.stringify(report));
process.exit(0);
