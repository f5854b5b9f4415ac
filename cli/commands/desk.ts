/**
 * `motcua desk --data-dir DIR [--port P] [--ui DIR]`: opens a desk's data folder and serves it, with the clerk's UI,
 * on the loopback host (127.0.0.1 only), for a browser where Electron is not available and for the end-to-end
 * tests. Prints the launch address, which carries this run's secret; Ctrl+C or SIGTERM closes the host and the
 * desk cleanly.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callDesk, createDeskHandlers, openDesk } from '../../electron/desk';
import type { Desk } from '../../electron/desk';
import { startLoopbackHost } from '../../electron/host';
import { SyncClient, syncLogFile } from '../../electron/desk/sync';
import type { LoopbackHost } from '../../electron/host';
import { AppFailure } from '../../shared/result';
import { storageFailureAtStart } from '../../electron/desk/db/data-folder-check';
import { sayRefusal } from '../run-command';
import { parseOptions, portOption, waitForStopSignal } from '../options';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';
import { toVnIso } from '../../shared/calendar/vn-time';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_UI_DIR = path.join(repoRoot, 'out', 'renderer');

function options(argv: string[]) {
  return parseOptions(argv, { 'data-dir': { type: 'string' }, port: { type: 'string' }, ui: { type: 'string' } });
}

/** The desk on `dataDir`, or null once its refusal is said (in use, damaged, a full disk…) by `command`. */
export function openDeskOrSay(dataDir: string, io: CliIo, command = 'desk'): Desk | null {
  try {
    return openDesk({ dataDir });
  } catch (e) {
    const refusal = e instanceof AppFailure ? e : storageFailureAtStart(e, dataDir);
    if (refusal) {
      sayRefusal(command, io, refusal.error.message);
      return null;
    }
    throw e;
  }
}

/** Whether 127.0.0.1:port is taken (a port of 0 never is: the system picks a free one). */
function portInUse(port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? resolve(true) : reject(e)));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

function sayPortInUse(port: number, io: CliIo): number {
  io.err(`motcua desk: cổng ${port} đang được chương trình khác dùng; hãy chọn cổng khác (--port) hoặc bỏ --port.`);
  io.err(`motcua desk: port ${port} is already in use; choose another (--port) or leave --port out.`);
  return 1;
}

/**
 * Serves the desk. The port is checked and --data-dir is known to be a folder (or nothing yet) before the desk opens
 * it: a desk that did not start leaves no new data folder behind, which a later run would take for a set-up desk.
 */
async function run(argv: string[], io: CliIo): Promise<number> {
  const o = options(argv);
  if (!o['data-dir'])
    throw new UsageError({
      vi: 'cần có --data-dir THƯ_MỤC: thư mục chứa (hoặc sẽ chứa) dữ liệu của quầy này.',
      en: '--data-dir DIR is required: the folder that holds (or will hold) this desk’s data.',
    });
  const port = portOption('--port', o.port, 0);
  const dataDir = path.resolve(o['data-dir']);
  const staticDir = path.resolve(o.ui ?? DEFAULT_UI_DIR);

  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    io.err(`motcua desk: ${dataDir} là một tệp; --data-dir là thư mục dữ liệu của quầy (có sẵn, hoặc chưa có để tạo mới).`);
    io.err(`motcua desk: ${dataDir} is a file; --data-dir is the desk's data folder (an existing one, or a new one to create).`);
    return 1;
  }
  if (await portInUse(port)) return sayPortInUse(port, io);
  const newFolder = !existsSync(dataDir);
  const desk = openDeskOrSay(dataDir, io);
  if (!desk) {
    if (newFolder) rmSync(dataDir, { recursive: true, force: true });
    return 1;
  }
  // Syncs with the server the desk is enrolled with (enrolment itself is done from the UI's first run). Its lines go
  // to standard error and to the data folder's logs/sync.log, stamped in Vietnam time: when the Sync screen says
  // "báo quản trị viên", they are what the technician reads (codes and causes, never a citizen). Once thrown away (QA).
  const keep = syncLogFile(dataDir);
  const sync = new SyncClient(desk, {
    log: (line) => {
      keep(line);
      io.err(`${toVnIso(new Date())} ${line}`);
    },
  });
  sync.start();
  const handlers = createDeskHandlers(desk, { sync });
  let host: LoopbackHost;
  try {
    host = await startLoopbackHost({
      dispatch: (method, input) => callDesk(handlers, method, input),
      events: desk.notifications,
      port,
      staticDir,
    });
  } catch (e) {
    await sync.stop();
    desk.close();
    if (newFolder) rmSync(dataDir, { recursive: true, force: true });
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') return sayPortInUse(port, io);
    throw e;
  }

  io.out(`MotCua Desk: ${dataDir}`);
  io.out('Mở địa chỉ này trong trình duyệt / Open this address in a browser:');
  io.out(`  ${host.url}`);
  io.out('Chỉ máy này mở được; địa chỉ đổi sau mỗi lần khởi động. Nhấn Ctrl+C để dừng.');
  io.out('Only this PC can open it; the address changes at every start. Press Ctrl+C to stop.');

  await waitForStopSignal();
  await host.close();
  await sync.stop();
  desk.close();
  io.out('MotCua Desk đã dừng / stopped.');
  return 0;
}

export const deskCommand: CliCommand = {
  name: 'desk',
  summary: 'serve a desk and its UI on 127.0.0.1 for a browser',
  usage: 'motcua desk --data-dir DIR [--port P] [--ui DIR]',
  run,
};
