/**
 * `motcua server`: run and administer the upstream ("district") server.
 *   motcua server [--db FILE | --pg URL] [--port P] [--host H] [--trust-proxy ADDR]  run it
 *   motcua server add-unit --code C --name N --level L [--parent P]     add a unit; with only --code and --name,
 *                                                                       rename one (its level and parent are kept;
 *                                                                       changing them needs --move)
 *   motcua server lookup-address [--url ADDRESS | --clear]             the lookup address desks print on receipts
 *   motcua server create-desk --unit CODE --desk N [--name NAME]        prints the one-time enrolment code
 *   motcua server list-desks                                            every desk: device id, unit, number, state
 *   motcua server revoke-desk --device ID                               stops a device from syncing
 *   motcua server reinstate-desk --device ID                            undoes a revocation made by mistake
 *   motcua server second-pc-handled --device ID                         the PC told that it worked as this desk is
 *                                                                       a new desk now: list-desks stops warning
 *   motcua server backup --to BACKUP                                    online copy, a SQLite server file (also of
 *                                                                       a PostgreSQL server: pg-files.ts)
 *   motcua server restore --from BACKUP                                 put a backup in place, new epoch; keeps the
 *                                                                       replaced database and the desks, revocations
 *                                                                       and units made since the backup
 *   motcua server restore --pg URL                                      new epoch after a pg_restore done by hand
 * Every sub-command takes --db FILE (default .motcua/server.db) or --pg URL. Only `motcua server` itself makes a new
 * database (once the port is known to be free); the others refuse a --db that is not an existing server database,
 * and change nothing. Restore is the one exception: where no database is yet, in a folder that exists, it makes one
 * from the backup (a server moving to a new machine, docs/operator.md) and says so plainly.
 * The administrator token and the portal token live in files beside the database (mode 0600), made on first run; a
 * run that has to make them for a database already in use says that the earlier ones no longer work (sayNewTokens).
 * Every command line printed for the technician to run next repeats the --db or --pg given (nextCommand).
 * The device id is what list-desks prints after "device" and create-desk prints when it makes the desk; the HTTP
 * API calls the same id `id` in GET /v1/admin/desks (kept for its clients) and also `deviceId`.
 * Instants a person reads are printed dd/mm/yyyy HH:mm in Vietnam time (cli/shown-time).
 * Everything printed for the technician is said in Vietnamese, then in English (say; refusals through sayRefusal);
 * the lines a script reads keep their English shape (list-desks' `device … unit … desk …`, "listening on URL").
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { createDesk, desksShown, handleSecondPc, reinstateDesk, reinstateObstacle, type HandledSecondPc } from '../../server/admin/desks';
import { saveUnit, unitPlace as place, type MoveTerms } from '../../server/admin/units';
import { checkLookupAddress } from '../../server/admin/lookup-address';
import type { DeviceFork, DeviceRecord } from '../../server/storage/contract';
import { deskNumberSchema, MAX_DESK_NUMBER, MIN_DESK_NUMBER, unitCodeSchema } from '../../shared/domain/units';
import { adminUnitSchema, createDeskSchema } from '../../server/admin/schemas';
import { createServer } from '../../server/app';
import { HttpProblem } from '../../server/http-problem';
import { newSecret } from '../../server/secrets';
import type { ServerStorage } from '../../server/storage/contract';
import { openStorage, type StorageLocation } from '../../server/storage/open';
import type { UpgradeOptions } from '../../server/storage/upgrade-needed';
import { openReportingStorage } from '../../server/reports/open-reporting';
import { backupSqlite, isServerDatabase, RestoreNotDoneError, restoreSqlite, type RestoreOutcome } from '../../server/storage/sqlite-files';
import { backupPostgres, DatabaseInUseError, ReleaseMismatchError, RestoreOutcomeUnknownError, restorePostgres } from '../../server/storage/pg-files';
import type { CarriedRegistry } from '../../server/storage/registry-carry';
import { databaseInUse } from '../../electron/desk/backup/backup-files';
import { toVnIso } from '../../shared/calendar/vn-time';
import { parseOptions, portOption, postgresUrl, waitForStopSignal } from '../options';
import { shownVnDateTime } from '../shown-time';
import type { CliCommand, CliIo } from '../command';
import { EXIT_USAGE, UsageError } from '../command';
import { say, sayRefusal } from '../run-command';
import type { PlainWords } from '../plain-errors';
import { badUnitCode, UNIT_CODE_NEEDED, unitRefusals } from '../unit-refusals';
import ipaddr from 'ipaddr.js';

const DEFAULT_DB = path.join('.motcua', 'server.db');

/** A refusal of `motcua server`: "motcua server: <vi>", then "motcua server: <en>" (cli/run-command.ts). */
function refuse(io: CliIo, words: PlainWords): 1 {
  sayRefusal('server', io, words);
  return 1;
}

type Options = ReturnType<typeof options>;

function options(argv: string[]) {
  return parseOptions(argv, {
    db: { type: 'string' },
    pg: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'trust-proxy': { type: 'string' },
    unit: { type: 'string' },
    desk: { type: 'string' },
    name: { type: 'string' },
    code: { type: 'string' },
    level: { type: 'string' },
    parent: { type: 'string' },
    move: { type: 'boolean' },
    device: { type: 'string' },
    to: { type: 'string' },
    from: { type: 'string' },
    url: { type: 'string' },
    clear: { type: 'boolean' },
  });
}

function location(o: Options): StorageLocation {
  if (o.db && o.pg) throw new UsageError({ vi: 'chỉ dùng một trong hai: --db TỆP hoặc --pg URL.', en: 'give either --db FILE or --pg URL, not both.' });
  if (o.pg) return { kind: 'postgres', url: postgresUrl(o.pg) };
  return { kind: 'sqlite', file: path.resolve(o.db ?? DEFAULT_DB) };
}

/** A word as a POSIX shell reads it back: bare when it holds nothing the shell would read otherwise, else quoted. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * A `motcua server` command line for the technician to run next, on the database this one was given: without the
 * --db or --pg, a line copied as printed would act on the default .motcua/server.db. Given only when one was given.
 */
function nextCommand(o: Options, action: string, args = ''): string {
  const database = o.pg !== undefined ? ` --pg ${shellWord(withoutPassword(o.pg))}` : o.db !== undefined ? ` --db ${shellWord(o.db)}` : '';
  return `motcua server ${action}${database}${args ? ` ${args}` : ''}`;
}

/**
 * A PostgreSQL URL as it may be printed: its password becomes PASSWORD, since what is printed ends up in terminal
 * scroll-back, journald and scripts' logs. The technician types it back (or keeps it in ~/.pgpass).
 */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = 'PASSWORD';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The create-desk line that puts a (new) device at a desk, with the --name given to this command, if any. */
function createDeskLine(o: Options, unitCode: string, deskNumber: number): string {
  return nextCommand(o, 'create-desk', `--unit ${unitCode} --desk ${deskNumber}${o.name ? ` --name ${shellWord(o.name)}` : ''}`);
}

/** Where the tokens live: beside the SQLite file, or in .motcua/ for PostgreSQL. */
function tokenFile(loc: StorageLocation, which: 'admin' | 'portal'): string {
  const base = loc.kind === 'sqlite' ? loc.file : path.resolve('.motcua', 'server-pg');
  return `${base}.${which}-token`;
}

/**
 * Whether the database served before: units or desks in it. Its earlier tokens are then held by the portal and the
 * technician's scripts, and tokens made now replace them for this run.
 */
async function usedBefore(storage: ServerStorage): Promise<boolean> {
  if ((await storage.listUnits()).length > 0) return true;
  return (await storage.listDevices()).some((d) => d.kind === 'desk');
}

/**
 * Tokens made for a database that served before: without a word the portal's next request gets 401 and the
 * technician reads "Administrator token: …" as on a first run. With --pg the tokens are in .motcua/ of the folder
 * the server is started from, so a start from another folder is the usual cause; with --db, a database moved or
 * restored without the files beside it.
 */
function sayNewTokens(loc: StorageLocation, madeTokens: string[], io: CliIo): void {
  const folder = path.dirname(madeTokens[0]!);
  const names = madeTokens.map((file) => path.basename(file));
  const en = names.join(' and ');
  const vi = names.join(' và ');
  const refused = {
    en: 'are no longer accepted by this run: the portal and scripts using them get 401.',
    vi: 'không còn được lần chạy này chấp nhận: cổng dịch vụ công và các script dùng chúng bị từ chối (401).',
  };
  // A warning, not a refusal: the server runs on.
  if (loc.kind === 'postgres') {
    say(io.err, {
      vi: `Đây là mã truy cập mới: vừa tạo ${vi} trong ${folder}, cho một cơ sở dữ liệu PostgreSQL đã dùng trước đây (đã có đơn vị hoặc quầy). Mã của các lần chạy trước (trong .motcua/ của thư mục đã khởi động máy chủ trước đây) ${refused.vi} Hãy dừng máy chủ này và khởi động từ thư mục thường dùng, hoặc chép ${vi} từ .motcua/ của thư mục đó vào ${folder}.`,
      en: `These are new tokens: ${en} made now in ${folder}, for a PostgreSQL database used before (it holds units or desks). The tokens of its earlier runs (in .motcua/ of the folder it was started from before) ${refused.en} Stop this server and start it from its usual folder, or copy ${en} from that folder's .motcua/ into ${folder}.`,
    });
    return;
  }
  say(io.err, {
    vi: `Đây là mã truy cập mới: vừa tạo ${vi} bên cạnh ${loc.file}, cho một cơ sở dữ liệu đã dùng trước đây (đã có đơn vị hoặc quầy). Mã của các lần chạy trước ${refused.vi} Nếu cơ sở dữ liệu được chuyển hoặc khôi phục về đây, hãy dừng máy chủ này và chép các tệp ${vi} trước đây vào bên cạnh nó.`,
    en: `These are new tokens: ${en} made now beside ${loc.file}, for a database used before (it holds units or desks). The tokens of its earlier runs ${refused.en} If the database was moved or restored here, stop this server and copy its earlier ${en} beside it.`,
  });
}

const isFolder = (folder: string): boolean => existsSync(folder) && statSync(folder).isDirectory();

function readOrMakeToken(file: string, made: string[]): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  made.push(file);
  const token = newSecret();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/**
 * The administration commands that read or change desks work on an existing server: a mistyped --db must not
 * leave a new empty database behind and answer "no desks yet" (or "unknown unit") as if it were the real one.
 */
function mustBeServerDatabase(loc: StorageLocation, io: CliIo): boolean {
  if (loc.kind !== 'sqlite') return true;
  if (!existsSync(loc.file)) {
    refuse(io, {
      vi: `Không có cơ sở dữ liệu máy chủ tại ${loc.file}; hãy kiểm tra --db. Chưa tạo gì (máy chủ mới có cơ sở dữ liệu khi chạy motcua server lần đầu).`,
      en: `No server database at ${loc.file}; check --db. Nothing was created (a new server gets its database the first time motcua server runs).`,
    });
    return false;
  }
  if (statSync(loc.file).isDirectory()) {
    refuse(io, {
      vi: `${loc.file} là một thư mục; --db là tệp cơ sở dữ liệu của máy chủ (ví dụ ${path.join(loc.file, 'server.db')}). Chưa thay đổi gì.`,
      en: `${loc.file} is a folder; --db is the server's database file (such as ${path.join(loc.file, 'server.db')}). Nothing was changed.`,
    });
    return false;
  }
  if (!isServerDatabase(loc.file)) {
    refuse(io, {
      vi: `${loc.file} không phải cơ sở dữ liệu máy chủ MotCua; chưa thay đổi gì.`,
      en: `${loc.file} is not a MotCua server database; nothing was changed.`,
    });
    return false;
  }
  return true;
}

/** Opens the database for an administration command: an older release's database is refused (upgrade-needed.ts). */
async function withStorage<T>(
  loc: StorageLocation,
  work: (storage: ServerStorage) => Promise<T>,
  options: UpgradeOptions = { upgrade: false },
): Promise<T> {
  const storage = await openStorage(loc, options);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

/** `--trust-proxy`: IP addresses or CIDR ranges, comma-separated (or `loopback`), checked before anything starts. */
function proxyAddresses(text: string): string {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const valid = (p: string) => p === 'loopback' || ipaddr.isValid(p) || (p.includes('/') && ipaddr.isValidCIDR(p));
  const bad = parts.filter((p) => !valid(p));
  if (parts.length === 0 || bad.length > 0) {
    throw new UsageError({
      vi: `--trust-proxy nhận địa chỉ IP hoặc dải CIDR của máy proxy, cách nhau bằng dấu phẩy (ví dụ 127.0.0.1 hoặc 10.0.0.0/24); ${bad.length > 0 ? `không phải ${bad.join(', ')}` : 'không được để trống'}.`,
      en: `--trust-proxy takes the proxy's IP addresses or CIDR ranges, comma-separated (such as 127.0.0.1 or 10.0.0.0/24); not ${bad.join(', ') || 'nothing'}.`,
    });
  }
  return parts.join(',');
}

/** Why the server could not listen where asked, in the cases a technician causes; anything else is thrown. */
type ListenProblem = 'EADDRINUSE' | 'EACCES' | 'EADDRNOTAVAIL' | 'ENOTFOUND';
const isListenProblem = (code: string | undefined): code is ListenProblem =>
  code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND';

/** Why the port cannot be listened on (in use, not this user's to open, an address not here), or null when it can. */
function portTaken(port: number, host: string): Promise<ListenProblem | null> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      if (isListenProblem(e.code)) resolve(e.code);
      else reject(e);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(null)));
  });
}

function sayPortTaken(port: number, host: string, code: ListenProblem, io: CliIo): number {
  // The usual cases: a second copy of the server on the port, or an address typed that this machine does not have.
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    const whyVi = code === 'ENOTFOUND' ? `không tìm thấy máy có tên ${host}` : `${host} không phải địa chỉ của máy này`;
    const why = code === 'ENOTFOUND' ? `no machine is named ${host}` : `${host} is not an address of this machine`;
    return refuse(io, {
      vi: `--host: ${whyVi}. Hãy dùng một địa chỉ IP của máy này (lệnh ip addr liệt kê), hoặc 0.0.0.0 để nhận kết nối trên mọi địa chỉ của máy. Máy chủ chưa chạy.`,
      en: `--host: ${why}. Use one of this machine's IP addresses (ip addr lists them), or 0.0.0.0 to take connections on all of them. The server did not start.`,
    });
  }
  const why = code === 'EADDRINUSE' ? 'is already in use (is the server already running?)' : 'may not be opened by this user';
  const whyVi = code === 'EADDRINUSE' ? 'đang được chương trình khác dùng (máy chủ đã chạy rồi?)' : 'không được mở bởi người dùng này';
  return refuse(io, {
    vi: `Cổng ${port} trên ${host} ${whyVi}; hãy chọn cổng khác bằng --port. Máy chủ chưa chạy.`,
    en: `Port ${port} on ${host} ${why}; choose another with --port. The server did not start.`,
  });
}

/**
 * Where the desks reach a server listening on every address (0.0.0.0 or ::): the machine's own network addresses.
 * Fastify names 127.0.0.1 for it, the one address no commune PC can use (QA).
 */
function addressesForDesks(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && a.family === 'IPv4')
    .map((a) => (port === 80 ? `http://${a.address}/` : `http://${a.address}:${port}/`));
}

/**
 * Runs the server. The port is checked first, and whatever this run made (the database, its folder, the token
 * files) is removed again if it cannot listen after all: a server that did not start leaves nothing a later
 * command would take for a server. An existing file that is not a server database (a desk's, a mistyped name) is
 * refused before it is opened, so it is not turned into one.
 */
async function serve(o: Options, io: CliIo): Promise<number> {
  const loc = location(o);
  const port = portOption('--port', o.port, 8470);
  const host = o.host ?? '127.0.0.1';
  const trustProxy = o['trust-proxy'] === undefined ? undefined : proxyAddresses(o['trust-proxy']);
  if (loc.kind === 'sqlite' && existsSync(loc.file) && statSync(loc.file).size > 0 && !mustBeServerDatabase(loc, io)) return 1;
  // A --db in a folder that is not there is a typing mistake far more often than a new server (QA: a typo in a
  // service unit gave an empty server that refused every desk, and said nothing). The default folder is made.
  if (loc.kind === 'sqlite' && o.db !== undefined && !isFolder(path.dirname(loc.file))) {
    const folder = path.dirname(loc.file);
    return refuse(io, {
      vi: `Không có thư mục ${folder}; hãy kiểm tra --db. Với máy chủ mới, hãy tạo thư mục đó trước (mkdir -p ${shellWord(folder)}). Chưa tạo gì.`,
      en: `The folder ${folder} does not exist; check --db. For a new server, create that folder first (mkdir -p ${shellWord(folder)}). Nothing was created.`,
    });
  }
  // A second server on one file would answer beside the first, each with its own rate limits and feed pages, and a
  // technician who stops "the" server would leave the other one writing; on another port nothing else would tell.
  if (loc.kind === 'sqlite' && databaseInUse(loc.file)) {
    return refuse(io, {
      vi: `${loc.file} đang được chương trình khác mở (máy chủ đã chạy trên tệp này rồi?). Chưa khởi động gì.`,
      en: `${loc.file} is already open in another program (is a server already running on it?). Nothing was started.`,
    });
  }
  if (port !== 0) {
    const taken = await portTaken(port, host);
    if (taken) return sayPortTaken(port, host, taken, io);
  }
  const made: string[] = [];
  let madeFolder: string | undefined;
  if (loc.kind === 'sqlite') {
    if (!existsSync(loc.file)) made.push(loc.file, `${loc.file}-wal`, `${loc.file}-shm`);
    madeFolder = mkdirSync(path.dirname(loc.file), { recursive: true });
  }
  const removeMade = () => {
    for (const file of made) rmSync(file, { force: true });
    if (madeFolder) rmSync(madeFolder, { recursive: true, force: true });
  };
  let opened;
  let upgradeStarted: number | null = null;
  try {
    opened = await openReportingStorage(loc, {
      onUpgrade: (what, from, to) => {
        upgradeStarted ??= Date.now();
        // An upgrade may read every stored scan once (docs/operator.md): say why the start waits, and that it is safe.
        say(io.out, {
          vi: `Đang nâng cấp ${what === 'storage' ? 'cơ sở dữ liệu' : 'các bảng báo cáo'} từ phiên bản ${from} lên ${to}; với cơ sở dữ liệu lớn có thể mất vài phút. Dừng lúc này vẫn an toàn (lần sau sẽ làm lại từ đầu).`,
          en: `Upgrading the ${what === 'storage' ? 'database' : 'report tables'} from version ${from} to ${to}; this can take minutes on a large database. Stopping now is safe (it starts over next time).`,
        });
      },
    });
  } catch (e) {
    removeMade();
    throw e;
  }
  if (upgradeStarted !== null) {
    const seconds = ((Date.now() - upgradeStarted) / 1000).toFixed(1);
    say(io.out, { vi: `Đã nâng cấp xong sau ${seconds.replace('.', ',')} giây.`, en: `Upgrade done in ${seconds} s.` });
  }
  const { storage, driver } = opened;
  const adminTokenFile = tokenFile(loc, 'admin');
  const portalTokenFile = tokenFile(loc, 'portal');
  const tokensFound = existsSync(adminTokenFile) && existsSync(portalTokenFile);
  let replacesTokens = false;
  let inUse = false;
  let app;
  let url: string;
  try {
    inUse = await usedBefore(storage);
    replacesTokens = !tokensFound && inUse;
    app = await createServer({
      storage,
      adminToken: readOrMakeToken(adminTokenFile, made),
      portalToken: readOrMakeToken(portalTokenFile, made),
      reportingDriver: driver,
      ...(trustProxy ? { trustProxy } : {}),
    });
  } catch (e) {
    await storage.close();
    removeMade();
    throw e;
  }
  try {
    url = await app.listen({ port, host });
  } catch (e) {
    await app.close();
    await storage.close();
    removeMade();
    const code = (e as NodeJS.ErrnoException).code;
    if (isListenProblem(code)) return sayPortTaken(port, host, code, io);
    throw e;
  }
  const where = loc.kind === 'sqlite' ? loc.file : 'PostgreSQL';
  const epoch = await storage.epoch();
  // Scripts and tests wait for "listening on URL" and "Portal token:": the English lines keep that shape.
  say(io.out, { vi: `Máy chủ MotCua đang chạy tại ${url} (${where}, epoch ${epoch})`, en: `MotCua server listening on ${url} (${where}, epoch ${epoch})` });
  // The port it listens on, from the socket: a URL drops port 80 as the default.
  const forDesks = addressesForDesks(host, (app.server.address() as { port: number }).port);
  if (forDesks.length > 0) say(io.out, { vi: `Các quầy kết nối tới: ${forDesks.join(', ')}`, en: `Desks connect to: ${forDesks.join(', ')}` });
  say(io.out, { vi: `Mã truy cập quản trị: ${adminTokenFile}`, en: `Administrator token: ${adminTokenFile}` });
  say(io.out, { vi: `Mã truy cập của cổng dịch vụ công: ${portalTokenFile}`, en: `Portal token: ${portalTokenFile}` });
  // Said on every run until it holds any: a wrong --db or --pg otherwise looks like the real server, refusing desks.
  if (!inUse) {
    say(io.out, {
      vi: `Cơ sở dữ liệu máy chủ này chưa có đơn vị hay quầy nào: hãy thêm đơn vị (add-unit) và quầy (create-desk). Nếu máy chủ đã có dữ liệu, hãy dừng lại và kiểm tra ${loc.kind === 'sqlite' ? '--db' : '--pg'}.`,
      en: `This server database holds no units or desks yet: add units (add-unit) and desks (create-desk). If the server had data, stop it and check ${loc.kind === 'sqlite' ? '--db' : '--pg'}.`,
    });
  }
  if (replacesTokens) sayNewTokens(loc, made.filter((file) => file === adminTokenFile || file === portalTokenFile), io);
  await waitForStopSignal();
  await app.close();
  await storage.close();
  say(io.out, { vi: 'Máy chủ MotCua đã dừng.', en: 'MotCua server stopped.' });
  return 0;
}


/** add-unit's terms for the refusal of a move not asked for (server/admin/units.ts `saveUnit`). */
const MOVE_TERMS: MoveTerms = {
  askedVi: 'lệnh này',
  how: {
    vi: 'Để đổi tên, chỉ cần --code và --name; để chuyển đơn vị, thêm --move.',
    en: 'To rename it, give only --code and --name; to move it, add --move.',
  },
};

/**
 * Adds a unit, or renames one. A rename keeps what is not given: re-running the command that added a commune, with
 * a new --name and a copied --level or --parent that differ, must not quietly move it (its desks' dossier codes and
 * the reports read the tree), so a change of level or parent needs --move, and the command says what changed.
 */
async function addUnit(o: Options, io: CliIo): Promise<number> {
  // A mistake in the options, as a usage mistake (exit 2), but said in both languages and in the options' terms.
  const refuseOptions = (reasons: PlainWords[]) => {
    sayRefusal('server', io, {
      vi: `${reasons.map((r) => r.vi).join(' ')} Chưa thay đổi gì.`,
      en: `${reasons.map((r) => r.en).join(' ')} Nothing was changed.`,
    });
    return EXIT_USAGE;
  };
  if (o.code === undefined) return refuseOptions([UNIT_CODE_NEEDED]);
  const code = unitCodeSchema.safeParse(o.code);
  if (!code.success) return refuseOptions([badUnitCode('--code', o.code)]);
  const loc = location(o);
  if (!mustBeServerDatabase(loc, io)) return 1;
  return withStorage(loc, async (s) => {
    const current = await s.unit(code.data);
    const level = o.level ?? current?.level;
    const levelChanged = current !== undefined && level !== current.level;
    // A province has no parent: moving a unit up to province drops the one it had.
    const parentCode = o.parent ?? (current && !(levelChanged && level === 'province') ? current.parentCode : null);
    const wanted = { name: o.name ?? current?.name, level, parentCode };
    const parsed = adminUnitSchema.safeParse({ code: code.data, ...wanted });
    if (!parsed.success) return refuseOptions(unitRefusals(parsed.error.issues, wanted));
    // The server's rule: a change of level or parent only with --move (refused as an HttpProblem, said below).
    const { unit, before } = await saveUnit(s, parsed.data, { move: o.move === true, terms: MOVE_TERMS });
    if (!before) {
      say(io.out, {
        vi: `Đã thêm đơn vị ${unit.code} (${unit.name}): ${place(unit).vi}.`,
        en: `Unit ${unit.code} (${unit.name}) added: ${place(unit).en}.`,
      });
      return 0;
    }
    const changes: PlainWords[] = [];
    if (unit.name !== before.name) changes.push({ vi: `tên '${before.name}' → '${unit.name}'`, en: `name '${before.name}' → '${unit.name}'` });
    if (unit.level !== before.level || unit.parentCode !== before.parentCode)
      changes.push({ vi: `${place(before).vi} → ${place(unit).vi}`, en: `${place(before).en} → ${place(unit).en}` });
    say(
      io.out,
      changes.length > 0
        ? {
            vi: `Đã lưu đơn vị ${unit.code}: ${changes.map((c) => c.vi).join('; ')}.`,
            en: `Unit ${unit.code} saved: ${changes.map((c) => c.en).join('; ')}.`,
          }
        : {
            vi: `Đơn vị ${unit.code} (${unit.name}) đã đúng như vậy: không có gì thay đổi.`,
            en: `Unit ${unit.code} (${unit.name}) is already so: nothing changed.`,
          },
    );
    return 0;
  });
}

/**
 * `lookup-address`: shows the public lookup address the district's desks print on receipts; `--url` sets it,
 * `--clear` stops handing one down. Desks take it in their next sync round (their own setting, if any, wins).
 */
async function lookupAddressCommand(o: Options, io: CliIo): Promise<number> {
  if (o.url !== undefined && o.clear) {
    throw new UsageError({ vi: 'chỉ dùng một trong hai: --url ĐỊA_CHỈ hoặc --clear.', en: 'give either --url ADDRESS or --clear, not both.' });
  }
  // An empty --url (a variable not set in a script) must not clear what every desk prints: clearing is --clear.
  if (o.url !== undefined && o.url.trim() === '') {
    throw new UsageError({
      vi: '--url cần có địa chỉ; muốn thôi cấp địa chỉ, hãy dùng --clear.',
      en: '--url needs the address; to stop handing one down, use --clear.',
    });
  }
  const loc = location(o);
  if (!mustBeServerDatabase(loc, io)) return 1;
  return withStorage(loc, async (s) => {
    if (o.url === undefined && !o.clear) {
      const address = await s.lookupAddress();
      say(
        io.out,
        address
          ? { vi: `Địa chỉ tra cứu in trên phiếu hẹn: ${address}`, en: `Lookup address printed on receipts: ${address}` }
          : {
              vi: 'Chưa đặt địa chỉ tra cứu: các quầy không in địa chỉ nào, trừ khi đã đặt trong Cài đặt của quầy.',
              en: 'No lookup address is set: desks print none unless set in their own Settings.',
            },
      );
      return 0;
    }
    const address = o.clear ? null : checkLookupAddress(o.url);
    await s.setLookupAddress(address);
    say(
      io.out,
      address
        ? {
            vi: `Đã đặt địa chỉ tra cứu: ${address}. Các quầy in địa chỉ này trên phiếu hẹn sau lần đồng bộ tới (địa chỉ quầy tự đặt, nếu có, được ưu tiên).`,
            en: `Lookup address set: ${address}. Desks print it on receipts after their next sync (a desk's own setting wins).`,
          }
        : {
            vi: 'Đã bỏ địa chỉ tra cứu: các quầy không in địa chỉ nào, trừ khi đã đặt trong Cài đặt của quầy.',
            en: 'Lookup address cleared: desks print none unless set in their own Settings.',
          },
    );
    return 0;
  });
}

/**
 * Which of create-desk's options is wrong, and why: one missing, or the value given, named (a technician who typed
 * both --unit and --desk is not helped by being told that both are needed).
 */
function createDeskMistake(o: Options): PlainWords {
  if (o.unit === undefined && o.desk === undefined)
    return {
      vi: 'create-desk cần có --unit MÃ (ví dụ 000.01.06.H56) và --desk N (1–9).',
      en: 'create-desk needs --unit CODE (e.g. 000.01.06.H56) and --desk N (1–9).',
    };
  const reasons: PlainWords[] = [];
  if (o.unit === undefined)
    reasons.push({ vi: 'create-desk cần có --unit MÃ: mã đơn vị của quầy, ví dụ 000.01.06.H56.', en: "create-desk needs --unit CODE: the desk's unit, such as 000.01.06.H56." });
  else if (!unitCodeSchema.safeParse(o.unit).success) reasons.push(badUnitCode('--unit', o.unit));
  if (o.desk === undefined)
    reasons.push({ vi: 'create-desk cần có --desk N: số quầy trong đơn vị, từ 1 đến 9.', en: "create-desk needs --desk N: the desk's number within its unit, 1 to 9." });
  else if (!deskNumberSchema.safeParse(Number(o.desk)).success)
    reasons.push({
      vi: `--desk phải là số nguyên từ ${MIN_DESK_NUMBER} đến ${MAX_DESK_NUMBER}, không phải '${o.desk}': mỗi quầy cấp số hồ sơ trong ngày theo số quầy (quầy 1: 1001–1999, …, quầy 9: 9001–9999).`,
      en: `--desk must be a whole number from ${MIN_DESK_NUMBER} to ${MAX_DESK_NUMBER}, not '${o.desk}': each desk numbers a day's dossiers by its desk number (desk 1: 1001–1999, …, desk 9: 9001–9999).`,
    });
  if (o.name !== undefined && (o.name.trim() === '' || o.name.trim().length > 100))
    reasons.push({ vi: '--name là tên quầy, từ 1 đến 100 ký tự, ví dụ "Quầy 3".', en: '--name is the desk\'s name, 1 to 100 characters, such as "Quầy 3".' });
  // A rule of the schema this does not know yet: said as before rather than not at all.
  if (reasons.length === 0)
    reasons.push({
      vi: 'create-desk cần có --unit MÃ (ví dụ 000.01.06.H56) và --desk N (1–9).',
      en: 'create-desk needs --unit CODE (e.g. 000.01.06.H56) and --desk N (1–9).',
    });
  return { vi: reasons.map((r) => r.vi).join(' '), en: reasons.map((r) => r.en).join(' ') };
}

async function createDeskCommand(o: Options, io: CliIo): Promise<number> {
  const parsed = createDeskSchema.safeParse({
    unitCode: o.unit,
    deskNumber: Number(o.desk),
    ...(o.name ? { name: o.name } : {}),
  });
  if (!parsed.success) throw new UsageError(createDeskMistake(o));
  const loc = location(o);
  if (!mustBeServerDatabase(loc, io)) return 1;
  let desk;
  try {
    desk = await withStorage(loc, (s) => createDesk(s, parsed.data, new Date()));
  } catch (e) {
    if (!(e instanceof HttpProblem) || e.code !== 'desk_taken') throw e;
    // The one case a technician meets when a commune's PC is replaced: name the device and the command to run.
    const holder = (e.details as { deviceId: string }).deviceId;
    const unit = parsed.data.unitCode;
    const n = parsed.data.deskNumber;
    const held = await withStorage(loc, (s) => s.device(holder));
    const revoke = nextCommand(o, 'revoke-desk', `--device ${holder}`);
    const createAgain = createDeskLine(o, unit, n);
    if (held && !held.enrolledAt) {
      // A code not used in time (the commune never got to it): a new code needs the unused device revoked first.
      const code = enrolmentCodeState(held, new Date());
      const en = code.expired ? `: its code expired on ${code.at}.` : ` (its code is valid until ${code.at}).`;
      const vi = code.expired ? `: mã đã hết hạn lúc ${code.at}.` : ` (mã dùng được đến ${code.at}).`;
      return refuse(io, {
        vi: `Quầy số ${n} của đơn vị ${unit} đã có thiết bị ${held.id}, chưa đăng ký${vi} Để lấy mã mới: chạy ${revoke} rồi ${createAgain}. Chưa thay đổi gì.`,
        en: `Desk ${n} of unit ${unit} already has device ${held.id}, never enrolled${en} For a new code: ${revoke}, then ${createAgain}. Nothing was changed.`,
      });
    }
    // Not for a desk moved to a new PC: restored from its backup, the new PC is that same device (docs/operator.md).
    return refuse(io, {
      vi: `Quầy số ${n} của đơn vị ${unit} đang thuộc thiết bị ${holder}. Nếu máy đó bị mất, hãy chạy ${revoke} rồi ${createAgain}. Nếu chỉ chuyển quầy sang máy mới, hãy phục hồi bản sao lưu của quầy trên máy mới: quầy giữ nguyên thiết bị. Chưa thay đổi gì.`,
      en: `Desk ${n} of unit ${unit} is held by device ${holder}. If that PC was lost or stolen, run ${revoke}, then ${createAgain}. If the desk only moved to a new PC, restore its backup there instead: it keeps its device. Nothing was changed.`,
    });
  }
  const until = shownVnDateTime(desk.expiresAt);
  say(io.out, {
    vi: `Quầy số ${desk.deskNumber} của đơn vị ${desk.unitCode}: thiết bị ${desk.deviceId}`,
    en: `Desk ${desk.deskNumber} of unit ${desk.unitCode}: device ${desk.deviceId}`,
  });
  say(io.out, {
    vi: `Mã đăng ký dùng một lần: ${desk.enrolmentCode} (dùng được đến ${until}, giờ Việt Nam)`,
    en: `One-time enrolment code: ${desk.enrolmentCode} (valid until ${until}, Vietnam time)`,
  });
  return 0;
}

/**
 * An unused enrolment code as a person reads it: until when it serves, or since when it no longer does (POST
 * /v1/enrol refuses it once its instant has passed, as here).
 */
function enrolmentCodeState(device: Pick<DeviceRecord, 'enrolExpiresAt'>, now: Date): { expired: boolean; at: string } {
  if (!device.enrolExpiresAt) return { expired: false, at: '?' };
  return { expired: Date.parse(device.enrolExpiresAt) < now.getTime(), at: shownVnDateTime(device.enrolExpiresAt) };
}

/**
 * The desks, one line each, with the device id that revoke-desk takes: an administrator should not need the HTTP API.
 * A desk whose code ran out unused is followed by the two commands that give it a new one: create-desk refuses a
 * desk number a live device holds, used or not, so the unused device is revoked first.
 */
/**
 * Under a desk another PC has sent records for: what it means, where the guide says what to do, and the command
 * that says it is done.
 */
function secondPcLine(o: Options, deviceId: string, fork: DeviceFork): string {
  const handled = nextCommand(o, 'second-pc-handled', `--device ${deviceId}`);
  const at = shownVnDateTime(fork.at);
  // A PC copied again forks further on: the latest is what the technician is being called about now.
  const again =
    fork.latestSeq !== undefined && fork.latestSeq !== fork.deviceSeq && fork.latestAt
      ? { vi: ` Lần gần nhất lúc ${shownVnDateTime(fork.latestAt)}, số thứ tự ${fork.latestSeq}.`, en: ` The latest at ${shownVnDateTime(fork.latestAt)}, sequence number ${fork.latestSeq}.` }
      : { vi: '', en: '' };
  return [
    `  ⚠ Hai máy tính đang làm quầy này: lúc ${at} một máy gửi bản ghi mang số thứ tự ${fork.deviceSeq} mà máy kia đã dùng.${again.vi} Máy gửi sau đã ngừng ghi; đăng ký lại nó thành quầy mới (docs/operator.md, "Two PCs working as one desk"), rồi chạy ${handled}.`,
    `  ⚠ Two PCs work as this desk: at ${at} one sent records under sequence number ${fork.deviceSeq}, which the other had used.${again.en} The later one has stopped recording; enrol it again as a new desk (docs/operator.md, "Two PCs working as one desk"), then run ${handled}.`,
  ].join('\n');
}

async function listDesks(o: Options, io: CliIo): Promise<number> {
  const loc = location(o);
  if (!mustBeServerDatabase(loc, io)) return 1;
  const devices = await withStorage(loc, (s) => desksShown(s));
  const desks = devices.filter((d) => d.kind === 'desk');
  if (desks.length === 0) {
    const create = nextCommand(o, 'create-desk', '--unit CODE --desk N');
    say(io.out, { vi: `Chưa có quầy nào: tạo quầy bằng ${create}.`, en: `No desks yet: create one with ${create}.` });
  }
  const now = new Date();
  const needNewCode: PlainWords[] = [];
  for (const d of desks.sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.deskNumber - b.deskNumber)) {
    const state = deskState(d, now);
    // One line per desk, as --help promises: a script's `grep "device ID"` still gets the whole state, and the
    // English words stay last on the line, where earlier scripts looked for them.
    io.out(`device ${d.id}  unit ${d.unitCode}  desk ${d.deskNumber}  ${d.name}  ${state.vi} / ${state.en}`);
    if (d.secondPcSeen && !d.revokedAt) io.out(secondPcLine(o, d.id, d.secondPcSeen));
    if (!d.revokedAt && !d.enrolledAt && enrolmentCodeState(d, now).expired) {
      const revoke = nextCommand(o, 'revoke-desk', `--device ${d.id}`);
      const create = createDeskLine(o, d.unitCode, d.deskNumber);
      needNewCode.push({
        vi: `Quầy số ${d.deskNumber} của đơn vị ${d.unitCode} cần mã mới: chạy ${revoke} rồi ${create}.`,
        en: `Desk ${d.deskNumber} of unit ${d.unitCode} needs a new code: ${revoke}, then ${create}.`,
      });
    }
  }
  for (const words of needNewCode) say(io.out, words);
  return 0;
}

/** Where a desk stands, with the instant it got there: revoked, enrolled, or waiting for (or past) its code. */
function deskState(d: Pick<DeviceRecord, 'revokedAt' | 'enrolledAt' | 'enrolExpiresAt'>, now: Date): PlainWords {
  if (d.revokedAt) {
    const at = shownVnDateTime(d.revokedAt);
    return { vi: `đã thu hồi lúc ${at}`, en: `revoked ${at}` };
  }
  if (d.enrolledAt) {
    const at = shownVnDateTime(d.enrolledAt);
    return { vi: `đã đăng ký lúc ${at}`, en: `enrolled ${at}` };
  }
  const code = enrolmentCodeState(d, now);
  return code.expired
    ? { vi: `mã đăng ký đã hết hạn lúc ${code.at}, chưa đăng ký`, en: `enrolment code expired ${code.at}, never enrolled` }
    : { vi: `chờ đăng ký, mã dùng được đến ${code.at}`, en: `waiting for enrolment until ${code.at}` };
}

async function revokeDesk(o: Options, io: CliIo): Promise<number> {
  const device = o.device;
  if (!device)
    throw new UsageError({
      vi: `revoke-desk cần có --device MÃ: mã đứng sau chữ "device" trong kết quả của ${nextCommand(o, 'list-desks')} (API HTTP gọi là id).`,
      en: `revoke-desk needs --device ID: the id after "device" in ${nextCommand(o, 'list-desks')} (the HTTP API calls it id).`,
    });
  const loc = location(o);
  if (!mustBeServerDatabase(loc, io)) return 1;
  let revoked: { unitCode: string; deskNumber: number } | undefined;
  const outcome = await withStorage(loc, async (s) => {
    const known = await s.device(device);
    if (!known) return 'unknown' as const;
    if (known.revokedAt) return shownVnDateTime(known.revokedAt);
    if (!(await s.revokeDevice(device, toVnIso(new Date())))) return 'unknown' as const;
    revoked = known;
    return 'revoked' as const;
  });
  if (outcome === 'unknown') {
    return refuse(io, {
      vi: `Máy chủ không có thiết bị ${device}; lệnh ${nextCommand(o, 'list-desks')} liệt kê mã thiết bị. Chưa thay đổi gì.`,
      en: `No device ${device} on this server; ${nextCommand(o, 'list-desks')} shows the device ids. Nothing was changed.`,
    });
  }
  if (outcome !== 'revoked') {
    return refuse(io, {
      vi: `Thiết bị ${device} đã bị thu hồi lúc ${outcome}. Chưa thay đổi gì.`,
      en: `Device ${device} was already revoked on ${outcome}. Nothing was changed.`,
    });
  }
  const { unitCode, deskNumber } = revoked!;
  const create = createDeskLine(o, unitCode, deskNumber);
  say(io.out, {
    vi: `Đã thu hồi thiết bị ${device} (quầy số ${deskNumber} của đơn vị ${unitCode}): thiết bị này không đồng bộ được nữa.`,
    en: `Device ${device} (desk ${deskNumber} of unit ${unitCode}) revoked: it can no longer sync.`,
  });
  say(io.out, {
    vi: `Để đặt máy mới vào quầy đó: chạy ${create}, rồi nhập mã nhận được trên máy mới.`,
    en: `To put a new PC at that desk: ${create}, then enter its code on the new PC.`,
  });
  return 0;
}

/** A desk revoked by mistake gets its place back, with the unsent work only it can send (server/admin/desks.ts). */
async function reinstateDeskCommand(o: Options, io: CliIo): Promise<number> {
  const device = o.device;
  if (!device)
    throw new UsageError({
      vi: `reinstate-desk cần có --device MÃ: mã đứng sau chữ "device" trong kết quả của ${nextCommand(o, 'list-desks')}.`,
      en: `reinstate-desk needs --device ID: the id after "device" in ${nextCommand(o, 'list-desks')}.`,
    });
  const loc = location(o);
  if (!mustBeServerDatabase(loc, io)) return 1;
  const outcome = await withStorage(loc, async (s) => {
    const refusal = reinstateRefusal(o, device, await s.device(device));
    return refusal ? ({ refused: true, refusal } as const) : ({ refused: false, desk: await reinstateDesk(s, device) } as const);
  });
  if (outcome.refused) return refuse(io, outcome.refusal);
  const { desk } = outcome;
  say(io.out, {
    vi: `Đã cho thiết bị ${desk.deviceId} (quầy số ${desk.deskNumber} của đơn vị ${desk.unitCode}) đồng bộ trở lại.`,
    en: `Device ${desk.deviceId} (desk ${desk.deskNumber} of unit ${desk.unitCode}) reinstated: it may sync again.`,
  });
  say(io.out, {
    vi: 'Trên quầy, quản trị viên mở Đồng bộ › Đổi địa chỉ máy chủ… và lưu lại địa chỉ đang có: quầy sẽ gửi những gì còn chờ.',
    en: 'On the desk, an administrator opens Đồng bộ › Đổi địa chỉ máy chủ… and saves the address already there: the desk then sends what waited.',
  });
  return 0;
}

/**
 * Why a device cannot be reinstated, said for its case in the command line's words (the HTTP API says the same cases
 * in its own): unknown, not a desk, not revoked, or revoked before it ever enrolled (nothing to send: a new code from
 * create-desk is the way, docs/operator.md). Null when reinstateDesk may go ahead.
 */
function reinstateRefusal(o: Options, device: string, known: DeviceRecord | undefined): PlainWords | null {
  const listDesks = nextCommand(o, 'list-desks');
  // The cases are the server's (server/admin/desks.ts reinstateObstacle); the words name the commands to run.
  const obstacle = reinstateObstacle(known);
  if (obstacle === null) return null;
  if (obstacle === 'unknown' || !known) {
    return {
      vi: `Máy chủ không có thiết bị ${device}; lệnh ${listDesks} liệt kê mã thiết bị. Chưa thay đổi gì.`,
      en: `No device ${device} on this server; ${listDesks} shows the device ids. Nothing was changed.`,
    };
  }
  if (obstacle === 'not_a_desk') {
    return {
      vi: `Thiết bị ${device} không phải máy quầy (đó là tài khoản của cổng dịch vụ công): chỉ khôi phục được máy quầy. Chưa thay đổi gì.`,
      en: `Device ${device} is not a desk (it is the public service portal's account): only a desk can be reinstated. Nothing was changed.`,
    };
  }
  const which = { vi: `quầy số ${known.deskNumber} của đơn vị ${known.unitCode}`, en: `desk ${known.deskNumber} of unit ${known.unitCode}` };
  if (obstacle === 'not_revoked') {
    const state = deskState(known, new Date());
    return {
      vi: `Thiết bị ${device} (${which.vi}) chưa bị thu hồi (${state.vi}): không có gì để khôi phục. Chưa thay đổi gì.`,
      en: `Device ${device} (${which.en}) is not revoked (${state.en}): there is nothing to reinstate. Nothing was changed.`,
    };
  }
  const at = shownVnDateTime(known.revokedAt!);
  const create = createDeskLine(o, known.unitCode, known.deskNumber);
  return {
    vi: `Thiết bị ${device} (${which.vi}) bị thu hồi lúc ${at} khi chưa đăng ký lần nào: không có gì để gửi lên, nên không cần khôi phục. Để đặt máy vào quầy đó, hãy chạy ${create} rồi nhập mã mới trên máy. Chưa thay đổi gì.`,
    en: `Device ${device} (${which.en}) was revoked on ${at} before it ever enrolled: it has nothing to send, so there is nothing to reinstate. To put a PC at that desk, run ${create}, then enter the new code on that PC. Nothing was changed.`,
  };
}

/**
 * The PC told that it worked as this desk has been made a new desk: list-desks stops warning about it, until another
 * PC works as the desk again (server/admin/desks.ts).
 */
async function secondPcHandledCommand(o: Options, io: CliIo): Promise<number> {
  const device = o.device;
  const listDesks = nextCommand(o, 'list-desks');
  if (!device)
    throw new UsageError({
      vi: `second-pc-handled cần có --device MÃ: mã đứng sau chữ "device" trên dòng của quầy có cảnh báo ⚠ trong kết quả của ${listDesks}.`,
      en: `second-pc-handled needs --device ID: the id after "device" on the line of the desk with the ⚠ warning in ${listDesks}.`,
    });
  const loc = location(o);
  if (!mustBeServerDatabase(loc, io)) return 1;
  let handled: HandledSecondPc;
  try {
    handled = await withStorage(loc, (s) => handleSecondPc(s, device, new Date()));
  } catch (e) {
    if (!(e instanceof HttpProblem && e.code === 'not_found')) throw e;
    return refuse(io, {
      vi: `Máy chủ không có quầy nào với mã thiết bị ${device}; lệnh ${listDesks} liệt kê mã thiết bị. Chưa thay đổi gì.`,
      en: `No desk with device id ${device} on this server; ${listDesks} shows the device ids. Nothing was changed.`,
    });
  }
  say(io.out, {
    vi: `Đã ghi nhận: máy tính thứ hai của thiết bị ${handled.deviceId} (quầy số ${handled.deskNumber} của đơn vị ${handled.unitCode}) đã được xử lý; ${listDesks} không còn cảnh báo về nó.`,
    en: `Noted: the second PC of device ${handled.deviceId} (desk ${handled.deskNumber} of unit ${handled.unitCode}) is handled; ${listDesks} no longer warns about it.`,
  });
  say(io.out, {
    vi: 'Nếu sau này lại có máy tính khác làm quầy này, list-desks sẽ cảnh báo lại.',
    en: 'Should another PC work as this desk later, list-desks warns again.',
  });
  return 0;
}

async function backup(o: Options, io: CliIo): Promise<number> {
  const loc = location(o);
  if (!o.to) throw new UsageError({ vi: 'backup cần có --to TỆP_SAO_LƯU.', en: 'backup needs --to BACKUP.' });
  if (!mustBeServerDatabase(loc, io)) return 1;
  const to = path.resolve(o.to);
  // SQLite's backup API overwrites whatever is at --to: a slip of the finger must not replace an earlier backup,
  // another server's database or this one.
  if (existsSync(to)) {
    return refuse(io, {
      vi: `Tệp ${to} đã có; hãy đặt tên tệp sao lưu mới. Chưa ghi gì.`,
      en: `${to} already exists; give the backup a new file name. Nothing was written.`,
    });
  }
  const folder = path.dirname(to);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return refuse(io, {
      vi: `Không có thư mục ${folder}; hãy tạo thư mục (hoặc cắm ổ đĩa) rồi sao lưu lại. Chưa ghi gì.`,
      en: `The folder ${folder} does not exist; create it (or plug in the drive) and back up again. Nothing was written.`,
    });
  }
  if (loc.kind === 'postgres') {
    // The backup is a SQLite server file, as for a SQLite server: one restore path keeps what was done since it.
    try {
      await backupPostgres(loc.url, to);
    } catch (e) {
      if (!(e instanceof ReleaseMismatchError)) throw e;
      return refuse(io, {
        vi: `Bản này không sao lưu được cơ sở dữ liệu đó (phiên bản khác): hãy sao lưu bằng bản MotCua đang chạy máy chủ trên nó. Chưa ghi gì.`,
        en: `This release cannot back up that database (${e.message}): back it up with the release whose server runs on it. Nothing was written.`,
      });
    }
    sayBackupWritten(to, io);
    return 0;
  }
  try {
    await backupSqlite(loc.file, to);
  } catch (e) {
    // A half-written copy would look like a backup on the drive.
    rmSync(to, { force: true });
    throw e;
  }
  sayBackupWritten(to, io);
  return 0;
}

function sayBackupWritten(to: string, io: CliIo): void {
  say(io.out, { vi: `Đã ghi bản sao lưu: ${to}`, en: `Backup written: ${to}` });
}

/** What the restore took over from the replaced database, in one line an administrator can check against list-desks. */
function carriedSummary(c: CarriedRegistry): PlainWords {
  return {
    vi:
      `Giữ lại từ cơ sở dữ liệu bị thay thế (tạo sau bản sao lưu): ${c.desksAdded} quầy mới, ${c.revocations} lần thu hồi, ` +
      `${c.unitsChanged} thay đổi đơn vị, ${c.documentsAdded} phiên bản danh mục/lịch làm việc, ${c.usersChanged} người dùng máy chủ được thêm hoặc sửa, ` +
      `${c.portalSubmissions} hồ sơ nộp trực tuyến từ cổng dịch vụ công, ${c.importedDossiers} hồ sơ nhập từ hệ thống cũ (motcua import), ${c.revokedDeskEvents} thay đổi do các quầy đã bị thu hồi sau đó thực hiện (các quầy đó không gửi lại được); việc đăng ký quầy và khoá bí mật của quầy giữ như hiện nay.`,
    en:
      `Kept from the replaced database (made since the backup): ${c.desksAdded} new desk(s), ${c.revocations} revocation(s), ` +
      `${c.unitsChanged} unit change(s), ${c.documentsAdded} catalog/calendar version(s), ${c.usersChanged} server user(s) added or changed, ` +
      `${c.portalSubmissions} online submission(s) from the portal, ${c.importedDossiers} dossier(s) imported from the old system (motcua import), ${c.revokedDeskEvents} change(s) made by desks revoked since (they cannot send them again); enrolments and desk secrets are today's.`,
  };
}

async function restore(o: Options, io: CliIo): Promise<number> {
  const loc = location(o);
  if (loc.kind === 'postgres' && !o.from) {
    // After a pg_restore done by hand: only the new epoch. Restoring is done with the server stopped, and an older
    // dump is upgraded here as the server would.
    // The portal's submissions since the dump are gone from the database but held by desks: its next ones go under
    // a new device, never at a sequence a desk already holds (contract.ts renewPortalDevice).
    const epoch = await withStorage(
      loc,
      async (s) => {
        await s.renewPortalDevice();
        return s.renewEpoch();
      },
      { upgrade: true },
    );
    const listDesks = nextCommand(o, 'list-desks');
    const lookupAddress = nextCommand(o, 'lookup-address');
    say(io.out, newEpochWords(epoch));
    say(io.out, {
      vi:
        `Không giữ lại gì từ cơ sở dữ liệu bị pg_restore thay thế: hãy xem ${listDesks} và thu hồi lại các quầy đã thu hồi sau bản dump, xem lại ${lookupAddress}. ` +
        'Hồ sơ nộp trực tuyến từ cổng sau bản dump không có trong đó. Lần sau hãy khôi phục bằng --from với bản sao lưu của motcua để giữ lại tất cả (docs/operator.md).',
      en:
        `Nothing was kept from the database pg_restore replaced: check ${listDesks} and revoke again any desk revoked since the dump, and ${lookupAddress}. ` +
        'Online submissions the portal made since the dump are not in it. Next time restore with --from a motcua backup, which keeps all of these (docs/operator.md).',
    });
    return 0;
  }
  if (!o.from) throw new UsageError({ vi: 'restore cần có --from TỆP_SAO_LƯU.', en: 'restore needs --from BACKUP.' });
  const from = path.resolve(o.from);
  if (!existsSync(from)) {
    return refuse(io, {
      vi: `Không tìm thấy tệp sao lưu ${from}; hãy kiểm tra --from. Chưa thay đổi gì.`,
      en: `The backup file ${from} was not found; check --from. Nothing was changed.`,
    });
  }
  if (statSync(from).isDirectory()) {
    return refuse(io, {
      vi: `${from} là một thư mục; --from là chính tệp sao lưu (ví dụ ${path.join(from, 'server-2026-11-28.db')}). Chưa thay đổi gì.`,
      en: `${from} is a folder; --from is the backup file itself (such as ${path.join(from, 'server-2026-11-28.db')}). Nothing was changed.`,
    });
  }
  if (!isServerDatabase(from)) {
    return refuse(io, {
      vi: `${from} không phải bản sao lưu cơ sở dữ liệu máy chủ MotCua; chưa thay đổi gì.`,
      en: `${from} is not a MotCua server database backup; nothing was changed.`,
    });
  }
  if (loc.kind === 'postgres') return restorePostgresFrom(o, loc.url, from, io);
  if (!restoreTargetUsable(loc.file, io)) return 1;
  // The file is replaced by a rename: a server still running would keep the old one open, answer from it and lose
  // every write made after the restore. SQLite tells an open file by its lock.
  if (databaseInUse(loc.file)) {
    return refuse(io, {
      vi: `Máy chủ đang chạy trên ${loc.file}: hãy dừng máy chủ rồi khôi phục. Chưa thay đổi gì.`,
      en: `A server is running on ${loc.file}: stop it first, then restore. Nothing was changed.`,
    });
  }
  const newDatabase = !existsSync(loc.file);
  let outcome;
  try {
    outcome = await restoreSqlite(loc.file, from);
  } catch (e) {
    if (!(e instanceof RestoreNotDoneError)) throw e;
    sayRefusal('server', io, e);
    return 1;
  }
  say(io.out, {
    vi: `Đã khôi phục ${loc.file} từ ${from}. ${newEpochWords(outcome.epoch).vi}`,
    en: `Restored ${loc.file} from ${from}. ${newEpochWords(outcome.epoch).en}`,
  });
  if (newDatabase) sayMadeFromBackup(loc, io);
  sayKept(o, outcome, io);
  return 0;
}

function newEpochWords(epoch: string): PlainWords {
  return {
    vi: `Epoch mới ${epoch}: các quầy sẽ gửi lại các sự kiện của mình và tải lại dữ liệu.`,
    en: `New epoch ${epoch}: desks will re-send their events and re-pull.`,
  };
}

/**
 * Where a SQLite restore may write. Restoring where no database is yet is how a server moves to another machine
 * (docs/operator.md), so it is allowed, and said plainly (sayMadeFromBackup); but only into a folder that exists: a
 * mistyped folder is refused rather than made, as backup --to refuses one.
 */
function restoreTargetUsable(file: string, io: CliIo): boolean {
  const folder = path.dirname(file);
  if (!isFolder(folder)) {
    refuse(io, {
      vi: `Không có thư mục ${folder}; hãy kiểm tra --db (cơ sở dữ liệu đang dùng của máy chủ). Nếu đang chuyển máy chủ sang máy mới, hãy tạo thư mục đó trước rồi khôi phục lại. Chưa ghi gì.`,
      en: `The folder ${folder} does not exist; check --db (the server's database in use). If you are moving the server to a new machine, create that folder first, then restore again. Nothing was written.`,
    });
    return false;
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    refuse(io, {
      vi: `${file} là một thư mục; --db là tệp cơ sở dữ liệu của máy chủ (ví dụ ${path.join(file, 'server.db')}). Chưa thay đổi gì.`,
      en: `${file} is a folder; --db is the server's database file (such as ${path.join(file, 'server.db')}). Nothing was changed.`,
    });
    return false;
  }
  return true;
}

/**
 * A restore that found no database at --db: right when the server moves to a new machine, wrong after a typo, when
 * the database in use is still as it was. Either way the technician is told, and where the tokens are to come from.
 */
function sayMadeFromBackup(loc: StorageLocation, io: CliIo): void {
  if (loc.kind === 'sqlite') {
    say(io.out, {
      vi: `Trước đó không có cơ sở dữ liệu nào tại ${loc.file}: đã tạo cơ sở dữ liệu mới từ bản sao lưu. Nếu định khôi phục cơ sở dữ liệu đang dùng của máy chủ, hãy kiểm tra lại --db: cơ sở dữ liệu đó chưa thay đổi gì.`,
      en: `There was no database at ${loc.file} before: a new one was made from the backup. If you meant to restore the server's database in use, check --db: that one was not changed.`,
    });
  } else {
    say(io.out, {
      vi: 'Cơ sở dữ liệu PostgreSQL này trước đó chưa có máy chủ nào (không có đơn vị, quầy, người dùng, danh mục, lịch hay hồ sơ): đã nạp bản sao lưu vào, không có gì bị thay thế. Nếu định khôi phục cơ sở dữ liệu đang dùng của máy chủ, hãy kiểm tra lại --pg.',
      en: 'This PostgreSQL database held no server before (no unit, desk, user, catalog, calendar or dossier): the backup was loaded into it and nothing was replaced. If you meant to restore the server\'s database in use, check --pg.',
    });
  }
  // No database replaced, so no sequence to carry forward (registry-carry.ts): the feed's numbers start again from
  // the backup's, below what a portal may have read from the server this one replaces.
  say(io.out, {
    vi: 'Nếu máy chủ chuyển từ máy khác mà cổng đã đọc nguồn công bố kết quả (/publication/feed) ở máy đó sau thời điểm của bản sao lưu, hãy cho cổng đọc lại từ đầu (after=0): số thứ tự của nguồn được đánh lại từ bản sao lưu.',
    en: "If the server moved from another machine and a portal read the publication feed (/publication/feed) there after this backup was made, have the portal read it again from the start (after=0): its numbers start again from the backup's.",
  });
  const missing = (['admin', 'portal'] as const).map((which) => tokenFile(loc, which)).filter((file) => !existsSync(file));
  if (missing.length === 0) return;
  const names = missing.map((file) => path.basename(file));
  if (loc.kind === 'postgres') {
    // With --pg the tokens are read from .motcua/ of the folder the server starts from, under other names than a
    // SQLite server's, which are beside its database: a district moving from SQLite copies and renames them.
    const folder = path.dirname(missing[0]!);
    say(io.out, {
      vi: `Bản sao lưu không chứa mã truy cập: hãy chép mã của máy chủ cũ vào ${folder} (thư mục .motcua/ của nơi sẽ khởi động máy chủ) với tên ${names.join(' và ')}. Từ máy chủ SQLite, đó là các tệp server.db.admin-token và server.db.portal-token cạnh cơ sở dữ liệu của nó. Nếu không, lần chạy đầu sẽ tạo mã mới và cổng dịch vụ công cùng các script dùng mã cũ bị từ chối (401).`,
      en: `Access tokens are not in the backup: copy the old server's tokens into ${folder} (.motcua/ of the folder the server will be started from) as ${names.join(' and ')}. From a SQLite server, they are server.db.admin-token and server.db.portal-token beside its database. Otherwise its first run makes new ones, and the portal and scripts using the old ones get 401.`,
    });
    return;
  }
  say(io.out, {
    vi: `Bản sao lưu không chứa mã truy cập: nếu chuyển từ máy khác, hãy chép ${names.join(' và ')} từ máy đó vào cạnh ${loc.file} trước khi chạy máy chủ; nếu không, lần chạy đầu sẽ tạo mã mới và cổng dịch vụ công cùng các script dùng mã cũ bị từ chối (401).`,
    en: `Access tokens are not in the backup: if the server moved from another machine, copy ${names.join(' and ')} from there beside ${loc.file} before starting the server; otherwise its first run makes new ones, and the portal and scripts using the old ones get 401.`,
  });
}

/** A PostgreSQL restore from a motcua backup file: the replaced database is written out beside the backup. */
async function restorePostgresFrom(o: Options, url: string, from: string, io: CliIo): Promise<number> {
  let outcome;
  try {
    outcome = await restorePostgres(url, from);
  } catch (e) {
    if (e instanceof DatabaseInUseError) {
      sayRefusal('server', io, {
        vi: 'Máy chủ (hoặc một lệnh motcua khác) đang kết nối tới cơ sở dữ liệu đó: hãy dừng lại rồi khôi phục. Chưa thay đổi gì.',
        en: 'A server (or another motcua command) is connected to that database: stop it first, then restore. Nothing was changed.',
      });
      return 1;
    }
    if (!(e instanceof RestoreNotDoneError) && !(e instanceof RestoreOutcomeUnknownError)) throw e;
    sayRefusal('server', io, e);
    return 1;
  }
  say(io.out, {
    vi: `Đã khôi phục cơ sở dữ liệu PostgreSQL từ ${from}. ${newEpochWords(outcome.epoch).vi}`,
    en: `Restored the PostgreSQL database from ${from}. ${newEpochWords(outcome.epoch).en}`,
  });
  // Nothing replaced (restorePostgres keeps a copy of any database that held a server): a new database, as a move.
  if (outcome.keptAs === null) sayMadeFromBackup({ kind: 'postgres', url }, io);
  sayKept(o, outcome, io);
  return 0;
}

function sayKept(o: Options, outcome: RestoreOutcome, io: CliIo): void {
  if (outcome.keptAs)
    say(io.out, {
      vi: `Cơ sở dữ liệu bị thay thế được giữ lại tại ${outcome.keptAs}; hãy xoá tệp này khi các quầy đã đồng bộ lại.`,
      en: `The database it replaced is kept as ${outcome.keptAs}; delete it once the desks have synced again.`,
    });
  if (outcome.carried) say(io.out, carriedSummary(outcome.carried));
  if (outcome.carryFailed) {
    // A warning: the restore is done.
    const listDesks = nextCommand(o, 'list-desks');
    say(io.err, {
      vi: `Không lấy lại được các quầy, lần thu hồi, đơn vị, phiên bản danh mục và hồ sơ nộp trực tuyến từ cổng tạo sau bản sao lưu (${outcome.carryFailed.vi}): hãy xem ${listDesks} và thu hồi lại các quầy đã thu hồi sau bản sao lưu. Các cổng đọc nguồn công bố kết quả (/publication/feed) cần đọc lại từ đầu (after=0): số thứ tự của nguồn được đánh lại từ bản sao lưu.`,
      en: `Desks, revocations, units, catalog versions and online submissions from the portal made since the backup could not be taken over (${outcome.carryFailed.en}): check ${listDesks} and revoke again any desk revoked since the backup. Portals reading the publication feed (/publication/feed) must read it again from the start (after=0): its numbers start again from the backup's.`,
    });
  }
}

export const serverCommand: CliCommand = {
  name: 'server',
  summary: 'Run or administer the upstream server',
  usage: [
    'motcua server [--db FILE | --pg URL] [--port P] [--host H] [--trust-proxy ADDR]  run the server (ADDR: the TLS proxy in front)',
    '       motcua server add-unit --code C --name N --level province|district|commune [--parent CODE]',
    '       motcua server add-unit --code C --name NEW_NAME       renames; keeps its level and parent',
    '         (a different --level or --parent is refused unless --move is given: it moves the unit in the tree)',
    '       motcua server lookup-address [--url ADDRESS | --clear]         the public lookup address desks print on receipts',
    '       motcua server create-desk --unit CODE --desk N [--name NAME]   prints the device id and its enrolment code',
    '       motcua server list-desks                                       one line per desk: device ID, unit, desk, state',
    '       motcua server revoke-desk --device ID                          ID: the id after "device" in list-desks',
    '       motcua server reinstate-desk --device ID                       undoes a revocation made by mistake',
    '       motcua server second-pc-handled --device ID                    after a desk\'s ⚠ second PC is made a new desk:',
    '                                                                      list-desks stops warning (until another PC)',
    '       motcua server backup --to NEW_FILE                             a SQLite file, for --db and --pg alike',
    '       motcua server restore --from BACKUP (server stopped)           |  restore --pg URL (after a pg_restore by hand)',
    '         (keeps the replaced database beside it — with --pg, beside the backup — and the desks, revocations',
    '          and units made since the backup)',
    'Every action takes --db FILE (default .motcua/server.db) or --pg URL. Times are Vietnam time, dd/mm/yyyy HH:mm.',
    'Only motcua server (run) makes a new database; the actions refuse a --db that is not an existing server database',
    '(restore excepted: into a folder that exists, it makes one from the backup, as when a server moves, and says so).',
    'The HTTP API (GET /v1/admin/desks) names the same device id `id` (and `deviceId`).',
  ].join('\n'),
  async run(argv, io) {
    const [first, ...rest] = argv;
    const action = first && !first.startsWith('--') ? first : 'serve';
    const o = options(action === 'serve' ? argv : rest);
    try {
      switch (action) {
        case 'serve':
          return await serve(o, io);
        case 'add-unit':
          return await addUnit(o, io);
        case 'lookup-address':
          return await lookupAddressCommand(o, io);
        case 'create-desk':
          return await createDeskCommand(o, io);
        case 'list-desks':
          return await listDesks(o, io);
        case 'revoke-desk':
          return await revokeDesk(o, io);
        case 'reinstate-desk':
          return await reinstateDeskCommand(o, io);
        case 'second-pc-handled':
          return await secondPcHandledCommand(o, io);
        case 'backup':
          return await backup(o, io);
        case 'restore':
          return await restore(o, io);
        default:
          throw new UsageError({
            vi: `không có thao tác '${action}'. Hãy dùng add-unit, lookup-address, create-desk, list-desks, revoke-desk, reinstate-desk, second-pc-handled, backup hoặc restore, hoặc không ghi thao tác nào để chạy máy chủ.`,
            en: `unknown action '${action}'. Use add-unit, lookup-address, create-desk, list-desks, revoke-desk, reinstate-desk, second-pc-handled, backup or restore, or no action to run the server.`,
          });
      }
    } catch (e) {
      if (e instanceof HttpProblem) {
        sayRefusal('server', io, e);
        return 1;
      }
      throw e;
    }
  },
};
