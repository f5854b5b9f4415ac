/**
 * One desk process per data folder, and what a stop without closing may have lost.
 *
 * A running desk keeps a small file beside its database (`desk.running`): its process id, the last device sequence
 * it recorded and the last dossier code it gave, written after each of the clerk's records is committed (whole: a
 * temporary file renamed over it). At a clean close the desk marks it closed, keeping the last code.
 * - **A second process on the folder is refused.** Two desks on one database file (a `motcua desk` started on the
 *   folder the app also uses) each numbered their work from what they read; and when one restored a backup, the other
 *   went on writing into the file just replaced, and its receptions vanished at the next start (QA).
 * - **A stop without closing is found** (a power cut, a killed process): the file is not marked closed. The records it
 *   names must then be in the database. They are not when the write-ahead log (`desk.sqlite-wal`), which holds what
 *   was recorded since its last checkpoint, was deleted or left behind in a copy: the desk would have given the next
 *   citizen a code already printed on a receipt, and reused sequence numbers the server holds (QA). The caller marks
 *   such a desk to fetch its own records back from the server before it records anything (restore-catch-up.ts).
 * - **No code is given twice.** The day's counter is raised past the last code given at every opening of the store
 *   (after a lost log, and after a restore of an older backup, in the app or from the command line): a reception
 *   never sent, whose receipt a citizen holds, may be on no server to count it from.
 *
 * The sequence is written without a disk sync: a killed process's writes reach the file through the OS, and a power
 * cut, which could lose the file's last write, does not delete a log.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appFailure } from '../../shared/result';
import { databaseInUse } from './backup/backup-files';
import { deskPaths } from './paths';
import { processRunning } from './process-running';

/** What the previous process left when it did not close: the last sequence it recorded. */
export interface UnclosedRun {
  lastSeq: number;
}

interface RunningFile {
  pid: number;
  lastSeq: number;
  lastCode: string | null;
  /** Written at a clean close: the run ended, and only its last code is still of use. */
  closed: boolean;
}

export interface DataFolderClaim {
  /** The previous run's file, when that run did not close; null after a clean close or on a new folder. */
  readonly unclosed: UnclosedRun | null;
  /**
   * The last dossier code this desk gave, in this run or an earlier one (kept across clean closes): the day's counter
   * is never below it, whatever the database went back to (a lost log, a restore of an older backup).
   */
  readonly lastCode: string | null;
  /** After a record is committed: its device sequence, and the dossier code it gave (a reception). */
  recorded(deviceSeq: number, code?: string): void;
  /** The last sequence the database holds now (at each opening of the store, a restore's included). */
  holds(deviceSeq: number): void;
  /** At a clean close. */
  release(): void;
}

export const runningFile = (dataDir: string): string => path.join(dataDir, 'desk.running');

function readRunning(file: string): RunningFile | null {
  if (!existsSync(file)) return null;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunningFile>;
    return {
      pid: Number(value.pid) || 0,
      lastSeq: Number(value.lastSeq) || 0,
      lastCode: typeof value.lastCode === 'string' ? value.lastCode : null,
      closed: value.closed === true,
    };
  } catch {
    // Unreadable (written by another program, or damaged on the disk): a run that did not close, its last record not known.
    return { pid: 0, lastSeq: 0, lastCode: null, closed: false };
  }
}

/** Written whole or not at all (a temporary file renamed over it): a power cut mid-write leaves the previous one. */
function writeRunning(file: string, value: RunningFile): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(value));
  renameSync(temp, file);
}

/** Best effort: the file only strengthens the next start's checks, and must never fail the clerk's work. */
function tryWrite(file: string, value: RunningFile): void {
  try {
    writeRunning(file, value);
  } catch {
    // A full drive, a file held by an antivirus: the file names an earlier record, which only weakens the next check.
  }
}

/**
 * `desk.running.<pid>.tmp` (a write of the file cut short) and `desk.write-check-<pid>` (the start's probe,
 * db/data-folder-check.ts, held by an antivirus when it was to be removed), each left by a process now gone.
 */
const LEFTOVER = /^desk\.(?:running\.(\d+)\.tmp|write-check-(\d+))$/;

/** Removes what earlier processes left in the folder, once this one holds it; a file still held waits for the next. */
function discardLeftovers(dataDir: string): void {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    const pid = Number(m?.[1] ?? m?.[2]);
    if (!m || (pid !== process.pid && processRunning(pid))) continue;
    try {
      rmSync(path.join(dataDir, name), { force: true });
    } catch {
      // Still held (an antivirus scanning it): a few bytes, removed at a later start.
    }
  }
}

/** Refuses the folder when another desk process holds it; called before anything in the folder is touched. */
export function claimDataFolder(dataDir: string, nativeBinding?: string): DataFolderClaim {
  const file = runningFile(dataDir);
  const previous = readRunning(file);
  // Both must agree: a process id outlives a power cut as another program's, and the desk's own workers (a checkpoint
  // still closing) hold the database in this process.
  if (previous && !previous.closed && previous.pid !== process.pid && processRunning(previous.pid) && databaseInUse(deskPaths(dataDir).database, nativeBinding)) {
    throw appFailure(
      'data_folder_in_use',
      `Thư mục dữ liệu ${dataDir} đang được một chương trình MotCua Desk khác dùng (tiến trình ${previous.pid}). Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại; hai chương trình trên cùng một thư mục dữ liệu sẽ làm mất hồ sơ.`,
      `The data folder ${dataDir} is in use by another MotCua Desk program (process ${previous.pid}). Use the window already open, or close it and start again; two programs on one data folder lose dossiers.`,
    );
  }
  const unclosed = previous && !previous.closed && previous.pid !== process.pid ? { lastSeq: previous.lastSeq } : null;
  // Until the store is opened and accounted for, the file keeps naming what the unclosed run recorded: a stop
  // before then (another power cut) must not lose the evidence.
  let lastSeq = unclosed?.lastSeq ?? 0;
  let lastCode = previous?.lastCode ?? null;
  const state = (): RunningFile => ({ pid: process.pid, lastSeq, lastCode, closed: false });
  writeRunning(file, state());
  discardLeftovers(dataDir);
  return {
    unclosed,
    get lastCode() {
      return lastCode;
    },
    recorded(deviceSeq, code) {
      if (deviceSeq <= lastSeq && code === undefined) return;
      lastSeq = Math.max(lastSeq, deviceSeq);
      if (code !== undefined) lastCode = code;
      tryWrite(file, state());
    },
    holds(deviceSeq) {
      lastSeq = deviceSeq;
      tryWrite(file, state());
    },
    release() {
      // Kept, marked closed: a restore from the command line or an older backup must still count codes on from it.
      if (readRunning(file)?.pid === process.pid) tryWrite(file, { ...state(), closed: true });
    },
  };
}
