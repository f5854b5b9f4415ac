/**
 * A full disk and a read-only data folder, as the district technician met them (QA): every place a clerk or a
 * technician meets them names the problem, the data folder and what to do, instead of "something unexpected" or
 * "disk I/O error", and nothing is recorded.
 *
 * While the desk works, a full disk is SQLite's own SQLITE_FULL, made with `max_page_count` on the desk's connection,
 * and a read-only folder SQLite's own SQLITE_READONLY, made with `query_only`. At the start the real thing is used: a
 * folder the desk's account may not write (tests run as root in CI, where a mode does not stop root, so the desk is
 * then started as `nobody`), and a 16 MB tmpfs filled to the last byte (where mounting one is allowed).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  ADMIN,
  allPresent,
  applicant,
  makeTestDesk,
  ordinaryProcedure,
  receiveDossier,
  rowCounts,
  tempDir,
  type TestDesk,
} from './helpers';
import { storageFailureAtWork } from '../../electron/desk/db/storage-failure';
import { deskCommand } from '../../cli/commands/desk';
import { motcua } from '../support/cli';
import { startAppOn, type AppStart } from './fixtures/start-app';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.join(here, '..', '..');

const DISK_FULL_VI = 'Ổ đĩa đã đầy: ổ chứa thư mục dữ liệu của quầy';
const DISK_FULL_EN = "The disk is full: the drive holding the desk's data folder";
const READ_ONLY_START_VI = 'Thư mục dữ liệu của quầy không ghi được';
const READ_ONLY_START_EN = "The desk's data folder cannot be written";

let t: TestDesk | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  t?.cleanup();
  t = undefined;
});

/** The desk's log lines (its failure lines go to console.error) while `run` runs. */
async function logged<T>(run: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const spy = vi
    .spyOn(console, 'error')
    .mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  try {
    return { value: await run(), lines };
  } finally {
    spy.mockRestore();
  }
}

const CITIZEN = { name: 'Lê Thị Hoa', idNumber: '001203009999' };
const PERSONAL = /Lê Thị Hoa|001203009999|0912345678|Thôn Đông/;

const receive = (desk: TestDesk) => {
  const p = ordinaryProcedure();
  return desk.call('dossiers.receive', {
    procedureCode: p.code,
    applicant: applicant(CITIZEN.name, CITIZEN.idNumber),
    components: allPresent(p),
  });
};
const login = (desk: TestDesk, username = ADMIN.username) =>
  desk.call('auth.login', { username, password: ADMIN.password });

/** From now on the database may not grow by a single page: the next write that needs one fails with SQLITE_FULL. */
function capDatabase(desk: TestDesk): void {
  desk.desk.db.exec('VACUUM');
  desk.desk.db.pragma(`max_page_count = ${String(desk.desk.db.pragma('page_count', { simple: true }))}`);
}

/**
 * Repeats `attempt` while the pages still have room (each success fills them a little), until it is refused: returns
 * the refusal, the rows before it and what the desk logged for it.
 */
async function untilRefused(desk: TestDesk, attempt: () => Promise<{ ok: boolean }>) {
  for (let i = 0; i < 300; i++) {
    const before = rowCounts(desk.desk);
    const { value, lines } = await logged(attempt);
    if (!value.ok)
      return {
        result: value as { ok: false; error: { code: string; message: { vi: string; en: string } } },
        before,
        lines,
      };
  }
  throw new Error('the capped database never filled up');
}

function expectDiskFullAtWork(message: { vi: string; en: string }, dataDir: string): void {
  expect(message.vi).toContain(`${DISK_FULL_VI} (${dataDir}) không còn chỗ trống, nên chưa ghi được gì.`);
  expect(message.vi).toContain('Cài đặt › Thông tin quầy');
  expect(message.vi).toContain('Đừng xoá tệp nào trong thư mục dữ liệu của quầy.');
  expect(message.en).toContain(
    `${DISK_FULL_EN} (${dataDir}) has no free space left, so nothing was recorded.`,
  );
  expect(message.en).toContain('Settings › This desk');
}

describe('a full disk while the desk works', () => {
  it('a reception that does not fit says the disk is full, names the data folder, and records nothing', async () => {
    t = await makeTestDesk();
    await receiveDossier(t);
    capDatabase(t);
    const { result, before, lines } = await untilRefused(t, () => receive(t!));
    expect(result.error.code).toBe('disk_full');
    expectDiskFullAtWork(result.error.message, t.dir);
    expect(rowCounts(t.desk)).toEqual(before);
    // The log says what failed and where, never who the citizen was.
    expect(lines.join('\n')).toMatch(/dossiers\.receive failed: SqliteError SQLITE_FULL/);
    expect(lines.join('\n')).not.toMatch(PERSONAL);
  });

  it('a login on a full disk says so and records nothing', async () => {
    t = await makeTestDesk();
    capDatabase(t);
    // Each login writes its line in the audit trail, until one no longer fits.
    const users = () => t!.desk.db.prepare('SELECT * FROM users').all();
    let usersBefore = users();
    const { result, before, lines } = await untilRefused(t, async () => {
      usersBefore = users();
      return login(t!);
    });
    expect(result.error.code).toBe('disk_full');
    expectDiskFullAtWork(result.error.message, t.dir);
    expect(rowCounts(t.desk)).toEqual(before);
    expect(users()).toEqual(usersBefore);
    expect(lines.join('\n')).toMatch(/auth\.login failed: SqliteError SQLITE_FULL/);
  });

  it('a logout on a full disk still logs the clerk out, and says the disk is full', async () => {
    t = await makeTestDesk();
    capDatabase(t);
    // Logins fill the pages until one is refused; the last that succeeded leaves a clerk logged in.
    await untilRefused(t, () => login(t!));
    expect(await t.call('auth.me', {})).toMatchObject({ ok: true, value: { username: ADMIN.username } });
    const out = await logged(() => t!.call('auth.logout', {}));
    expect(out.value).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    expect(await t.call('auth.me', {})).toMatchObject({ ok: true, value: null });
    expect(await receive(t)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('a data folder that turns read-only while the desk works', () => {
  it('login and reception say the folder cannot be written and record nothing', async () => {
    t = await makeTestDesk();
    await receiveDossier(t);
    t.desk.db.pragma('query_only = ON');
    const before = rowCounts(t.desk);
    const reception = await logged(() => receive(t!));
    expect(reception.value).toMatchObject({ ok: false, error: { code: 'data_folder_read_only' } });
    if (reception.value.ok) return;
    expect(reception.value.error.message.vi).toBe(
      `Không ghi được vào thư mục dữ liệu của quầy (${t.dir}): thư mục hoặc tệp dữ liệu đang ở chế độ chỉ đọc, nên chưa ghi được gì. Hãy báo quản trị viên cho tài khoản đang chạy quầy quyền ghi vào thư mục đó, rồi khởi động lại quầy.`,
    );
    expect(reception.value.error.message.en).toContain(`The desk's data folder (${t.dir}) cannot be written`);
    expect(reception.lines.join('\n')).toMatch(/SQLITE_READONLY/);
    expect(reception.lines.join('\n')).not.toMatch(PERSONAL);

    const again = await logged(() => login(t!));
    expect(again.value).toMatchObject({ ok: false, error: { code: 'data_folder_read_only' } });
    expect(rowCounts(t.desk)).toEqual(before);
  });

  it('a file error outside the data folder (a scan inbox, a USB stick) is not called a full or read-only data folder', () => {
    const dataDir = path.join(path.sep, 'srv', 'desk-data');
    const elsewhere = Object.assign(new Error('no space'), {
      code: 'ENOSPC',
      path: path.join(path.sep, 'media', 'usb', 'scan.pdf'),
    });
    expect(storageFailureAtWork(elsewhere, dataDir)).toBeNull();
    const inside = Object.assign(new Error('denied'), {
      code: 'EACCES',
      path: path.join(dataDir, 'blobs', 'ab'),
    });
    expect(storageFailureAtWork(inside, dataDir)?.error.code).toBe('data_folder_read_only');
  });
});

/** Every file under `dir` with its size and time of change: what a refused start must leave as it was. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(path.join(dir, name));
    out[name] = `${s.size} ${s.mtimeMs}`;
  }
  return out;
}

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/**
 * Root writes through any mode, so as root the desk is started as `nobody` (a clerk's account); possible only where
 * `nobody` may read this checkout and run Node.
 */
const nobodyCanRunTheDesk =
  !asRoot ||
  spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(path.join(repoRoot, 'node_modules', 'better-sqlite3'))})`],
    {
      uid: NOBODY,
      gid: NOBODY,
    },
  ).status === 0;

function chownTree(dir: string, id: number): void {
  chownSync(dir, id, id);
  for (const name of readdirSync(dir, { recursive: true }) as string[])
    chownSync(path.join(dir, name), id, id);
}

/** Runs `node args…` as the clerk's account; its exit code and what it printed. */
function runAsClerk(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: NOBODY, gid: NOBODY, env: { ...process.env, HOME: path.sep } } : {}),
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    // A desk that started after all would serve until stopped.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** `motcua desk --data-dir DIR` as the clerk's account, as a technician would restart it. */
const motcuaDeskAsClerk = (dataDir: string) =>
  runAsClerk([path.join(repoRoot, 'bin', 'motcua.mjs'), 'desk', '--data-dir', dataDir, '--port', '0']);

describe.skipIf(!nobodyCanRunTheDesk)('a read-only data folder at the start', () => {
  /** A desk set up and closed in `userData/desk-data`, then handed to the clerk's account. */
  async function closedDesk(): Promise<{ userData: string; dataDir: string }> {
    const userData = tempDir('motcua-readonly-');
    const dataDir = path.join(userData, 'desk-data');
    const desk = await makeTestDesk({ dir: dataDir });
    await receiveDossier(desk);
    desk.desk.close();
    if (asRoot) {
      chmodSync(userData, 0o755);
      chownTree(userData, NOBODY);
    }
    return { userData, dataDir };
  }

  it('`motcua desk` and the app refuse to start, naming the folder, and write nothing there', async () => {
    const { userData, dataDir } = await closedDesk();
    // Owner-only and read-only: the desk does not loosen a folder it finds tighter than its own 0700.
    chmodSync(dataDir, 0o500);
    try {
      const before = snapshot(dataDir);
      const cli = await motcuaDeskAsClerk(dataDir);
      expect(cli.code).toBe(1);
      expect(cli.err).toContain(`motcua desk: ${READ_ONLY_START_VI}: ${dataDir} chỉ đọc`);
      expect(cli.err).toContain(`motcua desk: ${READ_ONLY_START_EN}: ${dataDir} is read-only`);
      expect(cli.err).not.toMatch(/lỗi ngoài dự kiến|unexpected error/);

      const app = await runAsClerk([
        '--import',
        'tsx',
        path.join(here, 'fixtures', 'start-app-child.ts'),
        userData,
      ]);
      const shown = JSON.parse(app.out.trim().split('\n').pop()!) as AppStart;
      expect(shown.windows).toBe(0);
      expect(shown.errorBoxes).toHaveLength(1);
      expect(shown.errorBoxes[0]).toContain(`${READ_ONLY_START_VI}: ${dataDir} chỉ đọc`);
      expect(shown.errorBoxes[0]).toContain('quầy không mở; dữ liệu không bị thay đổi');
      expect(shown.errorBoxes[0]).not.toContain('Hãy khởi động lại máy');

      expect(snapshot(dataDir)).toEqual(before);
    } finally {
      chmodSync(dataDir, 0o700);
    }
  }, 120_000);

  it('a read-only database file in a writable folder is named, and the folder is left as it was', async () => {
    const { dataDir } = await closedDesk();
    const database = path.join(dataDir, 'desk.sqlite');
    chmodSync(database, 0o400);
    const before = snapshot(dataDir);
    const cli = await motcuaDeskAsClerk(dataDir);
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`motcua desk: ${READ_ONLY_START_VI}: ${database} chỉ đọc`);
    expect(snapshot(dataDir)).toEqual(before);
  }, 120_000);
});

/** A 16 MB tmpfs at `dir`, as QA had; false where this account may not mount one (not root, or a container). */
function mountSmallDisk(dir: string): boolean {
  if (!asRoot || process.platform !== 'linux') return false;
  return (
    spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir], { stdio: 'ignore' }).status === 0
  );
}

/** Fills the drive holding `dir` to its last byte; returns the filler, whose removal frees it again. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler');
  const { bavail, bsize } = statfsSync(dir);
  try {
    writeFileSync(filler, Buffer.alloc(Number(bavail) * Number(bsize)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  return filler;
}

describe('a full disk at the start', () => {
  const mountPoint = tempDir('motcua-small-disk-');
  const mounted = mountSmallDisk(mountPoint);
  afterAll(() => {
    if (mounted) spawnSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
  });

  // Skipped where no tmpfs can be mounted (a non-root account, a container without the right): the desk's own words at
  // work are checked above with SQLite's SQLITE_FULL, and this needs a real disk that is really full.
  it.skipIf(!mounted)(
    'work, restart in `motcua desk` and in the app all say the disk is full; nothing is lost',
    async () => {
      const dataDir = path.join(mountPoint, 'desk-data');
      mkdirSync(dataDir);
      t = await makeTestDesk({ dir: dataDir });
      await receiveDossier(t);
      const received = rowCounts(t.desk);
      const filler = fillDisk(mountPoint);

      const { value: reception } = await logged(() => receive(t!));
      expect(reception).toMatchObject({ ok: false, error: { code: 'disk_full' } });
      if (!reception.ok) expectDiskFullAtWork(reception.error.message, dataDir);
      const { value: again } = await logged(() => login(t!));
      expect(again).toMatchObject({ ok: false, error: { code: 'disk_full' } });
      t.desk.close();

      const cli = await motcua(deskCommand, '--data-dir', dataDir, '--port', '0');
      expect(cli.code).toBe(1);
      expect(cli.err).toContain(
        `motcua desk: ${DISK_FULL_VI} (${dataDir}) không còn chỗ trống, nên quầy chưa mở được; dữ liệu không bị thay đổi.`,
      );
      expect(cli.err).toContain(
        `motcua desk: ${DISK_FULL_EN} (${dataDir}) has no free space left, so the desk did not open`,
      );
      expect(cli.err).not.toMatch(/disk I\/O error|lỗi ngoài dự kiến/);

      const app = await startAppOn(mountPoint);
      expect(app.windows).toBe(0);
      expect(app.errorBoxes).toHaveLength(1);
      expect(app.errorBoxes[0]).toContain(`${DISK_FULL_VI} (${dataDir})`);
      expect(app.errorBoxes[0]).toContain('Đừng xoá tệp nào trong thư mục dữ liệu của quầy.');

      // Space freed: the desk opens with everything it had.
      rmSync(filler);
      t.reopen();
      expect(rowCounts(t.desk)).toEqual(received);
      t.cleanup();
      t = undefined;
    },
    120_000,
  );
});
