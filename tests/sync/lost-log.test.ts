/**
 * A desk stopped without closing (a power cut, a killed process) whose write-ahead log is then deleted, or left
 * behind when the folder is copied: the records it held are gone from the desk, though the server has those it had
 * sent. QA found such a desk starting as if nothing happened, giving the next citizen a code already printed on a
 * receipt, and then told it was "a second PC". Now it fetches its own records back before it records anything. And a
 * second desk process on the same folder is refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openDesk } from '../../electron/desk/desk';
import { deskPaths } from '../../electron/desk/paths';
import { COMMUNE_A, DESK_ADMIN, makeSyncDesk, ordinaryProcedure, applicant, syncTestBed, type SyncDesk } from './support/harness';
import { tempFolder } from '../support/temp-folders';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bed = syncTestBed();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const receiveInput = {
  procedureCode: ordinaryProcedure.code,
  channel: 'in_person',
  applicant: applicant(7),
  components: ordinaryProcedure.components.map((c) => ({ componentId: c.id, present: true })),
};

/** An enrolled desk's folder, closed; then a desk process on it receives, syncs `synced`, records `unsent` more, and waits. */
async function deskProcessWorking(synced: number, unsent: number): Promise<{ dir: string; child: ChildProcess; codes: string[] }> {
  const dir = tempFolder('motcua-lost-log-');
  const enrolled = await makeSyncDesk(bed.server, { unitCode: COMMUNE_A, deskNumber: 1, dir });
  await enrolled.client.stop();
  enrolled.desk.close();
  return deskProcessOn(dir, synced, unsent);
}

/** A desk process on `dir` that receives and syncs as `deskProcessWorking` says, or only opens (`noSync`). */
async function deskProcessOn(dir: string, synced: number, unsent: number, noSync = false): Promise<{ dir: string; child: ChildProcess; codes: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests', 'sync', 'support', 'receiving-desk-child.ts'), dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DESK_LOGIN: JSON.stringify({ username: DESK_ADMIN.username, password: DESK_ADMIN.password }),
      RECEIVE: JSON.stringify(receiveInput),
      SYNCED: String(synced),
      UNSENT: String(unsent),
      ...(noSync ? { NO_SYNC: '1' } : {}),
    },
  });
  children.push(child);
  const codes = await new Promise<string[]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /codes (\[.*\])\n/.exec(out);
      if (line && out.includes('ready')) resolve(JSON.parse(line[1]!) as string[]);
    });
    child.once('exit', () => reject(new Error(`the desk process ended before it was ready: ${out}`)));
  });
  return { dir, child, codes };
}

async function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

const openAgain = (dir: string): Promise<SyncDesk> => bed.desk({ unitCode: COMMUNE_A, deskNumber: 1, dir });
const codesHeld = (d: SyncDesk) => d.desk.db.prepare<[], string>('SELECT code FROM dossiers ORDER BY code').pluck().all();

it('a desk whose log was deleted after a crash fetches back what it had sent before it records, and gives no code twice', async () => {
  const { dir, child, codes } = await deskProcessWorking(3, 1);
  await killed(child);
  const file = deskPaths(dir).database;
  // The premise: the day's records are in the log alone.
  expect(existsSync(`${file}-wal`)).toBe(true);
  rmSync(`${file}-wal`);
  rmSync(`${file}-shm`, { force: true });

  const d = await openAgain(dir);
  expect(codesHeld(d)).toEqual([]);
  const status = await d.must('sync.status', {});
  expect(status).toMatchObject({ catchingUpAfterRestore: true, catchUpAfterLostLog: true });
  expect(status.message?.vi).toContain('desk.sqlite-wal');
  expect(status.identityInUseElsewhere).toBeUndefined();

  // Nothing is recorded meanwhile: the next code would be one a citizen already holds.
  const refused = await d.call('dossiers.receive', receiveInput);
  expect(refused).toMatchObject({ ok: false, error: { code: 'restore_catching_up', details: { cause: 'journal_lost' } } });
  if (!refused.ok) {
    expect(refused.error.message.vi).toContain('desk.sqlite-wal');
    expect(refused.error.message.en).toContain('desk.sqlite-wal');
  }

  await d.client.syncNow();
  const after = await d.must('sync.status', {});
  expect(after.catchingUpAfterRestore).toBe(false);
  expect(after.catchUpAfterLostLog).toBeUndefined();
  // What it had sent is back; what it had not sent went with the log.
  expect(codesHeld(d)).toEqual(codes.slice(0, 3));
  // Nor the code of the one never sent, which its citizen holds on a receipt.
  const next = await d.must('dossiers.receive', receiveInput);
  expect(codes).not.toContain(next.code);
  await d.client.syncNow();
  const final = await d.must('sync.status', {});
  expect(final).toMatchObject({ pending: 0, quarantined: 0 });
  expect(final.identityInUseElsewhere).toBeUndefined();
});

it('a second crash with the log deleted again, before the desk could sync, keeps it held: no "second PC", no lost receipt', async () => {
  const { dir, child, codes } = await deskProcessWorking(1, 0);
  await killed(child);
  const file = deskPaths(dir).database;
  const loseLog = () => {
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  };
  loseLog();
  // Started with the server away, then killed again, and the log deleted again.
  const again = await deskProcessOn(dir, 0, 0, true);
  await killed(again.child);
  loseLog();

  const d = await openAgain(dir);
  expect(await d.must('sync.status', {})).toMatchObject({ catchingUpAfterRestore: true, catchUpAfterLostLog: true });
  expect(await d.call('dossiers.receive', receiveInput)).toMatchObject({ ok: false, error: { code: 'restore_catching_up' } });
  await d.client.syncNow();
  const next = await d.must('dossiers.receive', receiveInput);
  expect(codes).not.toContain(next.code);
  await d.client.syncNow();
  const status = await d.must('sync.status', {});
  expect(status).toMatchObject({ pending: 0, quarantined: 0 });
  expect(status.identityInUseElsewhere).toBeUndefined();
});

it('a desk stopped without closing, its log kept, starts as it was: every record there, nothing to fetch back', async () => {
  const { dir, child, codes } = await deskProcessWorking(2, 1);
  await killed(child);
  const d = await openAgain(dir);
  expect(codesHeld(d)).toEqual(codes);
  expect((await d.must('sync.status', {})).catchingUpAfterRestore).toBe(false);
});

it('a crashed desk whose log a tool folded into the database on closing (motcua verify, report) has lost nothing, and is not held', async () => {
  const { dir, child, codes } = await deskProcessWorking(1, 2);
  await killed(child);
  // A last connection closing checkpoints the log into the file and deletes it.
  const file = deskPaths(dir).database;
  const tool = new Database(file);
  expect(tool.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(codes.length);
  tool.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
  const d = await openAgain(dir);
  expect(codesHeld(d)).toEqual(codes);
  expect((await d.must('sync.status', {})).catchingUpAfterRestore).toBe(false);
});

it('a second desk process on a data folder in use is refused in both languages, and the first goes on', async () => {
  const { dir, child, codes } = await deskProcessWorking(1, 0);
  let refusal: unknown;
  try {
    openDesk({ dataDir: dir, autoBackup: false });
  } catch (e) {
    refusal = e;
  }
  expect(refusal).toMatchObject({
    error: {
      code: 'data_folder_in_use',
      message: { vi: expect.stringContaining('đang được một chương trình MotCua Desk khác dùng'), en: expect.stringContaining('in use by another MotCua Desk program') },
    },
  });
  await killed(child);
  const d = await openAgain(dir);
  expect(codesHeld(d)).toEqual(codes);
});
