/**
 * The desk's claim on its data folder (electron/desk/data-folder-claim.ts), as a clerk would notice it: no dossier code
 * given twice after a restore of an older backup, in the app or from the command line; a desk that starts after a
 * power cut although its file names a process id another program now has, or was left unreadable; and a restore whose
 * reopening cannot write the file still leaves a working desk (review).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupCommand } from '../../cli/commands/backup';
import { runningFile } from '../../electron/desk/data-folder-claim';
import { ADMIN, allPresent, applicant, makeTestDesk, ordinaryProcedure, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const receive = async (desk: TestDesk, name: string) => {
  const p = ordinaryProcedure();
  return (await desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(name, '001203004567'), components: allPresent(p) })).code;
};
const silent = { out: () => undefined, err: () => undefined };
/** A restore or a new start ends the session: the clerk logs in again. */
const logIn = (desk: TestDesk) => desk.must('auth.login', { username: ADMIN.username, password: ADMIN.password });

describe('no dossier code twice', () => {
  it('after the Settings restore of an older backup: the next citizen gets a code after every one given', async () => {
    t = await makeTestDesk();
    const first = await receive(t, 'Nguyễn Văn A');
    const backup = await t.must('backups.create', {});
    const second = await receive(t, 'Nguyễn Văn B');
    await t.must('backups.restore', { file: backup.file });
    await logIn(t);
    const next = await receive(t, 'Nguyễn Văn C');
    expect([first, second]).not.toContain(next);
  });

  it('after `motcua backup restore` of an older backup, the desk closed meanwhile', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const backup = await t.must('backups.create', {});
    const second = await receive(t, 'Nguyễn Văn B');
    t.desk.close();
    expect(await backupCommand.run(['restore', '--data-dir', t.dir, '--from', backup.file], silent)).toBe(0);
    t.reopen();
    await logIn(t);
    expect(await receive(t, 'Nguyễn Văn C')).not.toBe(second);
  });
});

describe('a desk starting after a stop without closing', () => {
  it('starts although the file names a process id another program has now (a reboot reuses ids)', async () => {
    t = await makeTestDesk();
    const code = await receive(t, 'Nguyễn Văn A');
    const other = spawn('sleep', ['30']);
    try {
      t.desk.close();
      writeFileSync(runningFile(t.dir), JSON.stringify({ pid: other.pid, lastSeq: 1, lastCode: code }));
      t.reopen();
      await logIn(t);
      expect(await receive(t, 'Nguyễn Văn B')).not.toBe(code);
    } finally {
      other.kill();
    }
  });

  it('starts with a file left unreadable, and gives no code twice', async () => {
    t = await makeTestDesk();
    const code = await receive(t, 'Nguyễn Văn A');
    t.desk.close();
    writeFileSync(runningFile(t.dir), '{"pid": 12');
    t.reopen();
    await logIn(t);
    expect(await receive(t, 'Nguyễn Văn B')).not.toBe(code);
  });
});

it('a restore whose reopening cannot write the file still leaves a working desk', async () => {
  t = await makeTestDesk();
  await receive(t, 'Nguyễn Văn A');
  const backup = await t.must('backups.create', {});
  // What an antivirus holding it, or a full drive, makes of the write: here, a folder in its place.
  rmSync(runningFile(t.dir), { force: true });
  mkdirSync(runningFile(t.dir));
  await t.must('backups.restore', { file: backup.file });
  await logIn(t);
  expect(await receive(t, 'Nguyễn Văn B')).toMatch(/-\d{4}$/);
});

it("a start removes the files stopped processes left in the data folder, and not a running process's", async () => {
  t = await makeTestDesk();
  await receive(t, 'Nguyễn Văn A');
  t.desk.close();
  const other = spawn('sleep', ['30']);
  try {
    // A gone process: its write of desk.running cut short, its probe held by an antivirus when it was to go.
    const gone = 2 ** 22 + 17;
    const left = [`desk.running.${gone}.tmp`, `desk.write-check-${gone}`].map((n) => path.join(t!.dir, n));
    const held = path.join(t.dir, `desk.running.${other.pid}.tmp`);
    for (const f of [...left, held]) writeFileSync(f, 'x');
    t.reopen();
    await logIn(t);
    expect(left.filter((f) => existsSync(f))).toEqual([]);
    expect(existsSync(held)).toBe(true);
  } finally {
    other.kill();
  }
});
