/**
 * One desk process per data folder, and what a stop without closing may have lost.
 *
 * A running desk keeps a small file beside its database (`desk.running`): its process id, the last device sequence
 * it recorded and the last dossier code it gave, written after each of the clerk's records is committed. The desk removes it when it closes.
 * - **A second process on the folder is refused.** Two desks on one database file (a `motcua desk` started on the
 *   folder the app also uses) each numbered their work from what they read; and when one restored a backup, the other
 *   went on writing into the file just replaced, and its receptions vanished at the next start (QA).
 * - **A stop without closing is found** (a power cut, a killed process): the file is still there. The records it
 *   names must then be in the database. They are not when the write-ahead log (`desk.sqlite-wal`), which holds what
 *   was recorded since its last checkpoint, was deleted or left behind in a copy: the desk would have given the next
 *   citizen a code already printed on a receipt, and reused sequence numbers the server holds (QA). The caller marks
 *   such a desk to fetch its own records back from the server before it records anything (restore-catch-up.ts), and
 *   counts the day's codes on from the last one given, which a reception never sent may alone have held.
 *
 * The sequence is written without a disk sync: a killed process's writes reach the file through the OS, and a power
 * cut, which could lose the file's last write, does not delete a log.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appFailure } from '../../shared/result';
import { databaseInUse } from './backup/backup-files';
import { deskPaths } from './paths';

/** What the previous process left when it did not close: the last sequence it recorded, and the last dossier code it gave. */
export interface UnclosedRun {
  lastSeq: number;
  lastCode: string | null;
}

interface RunningFile {
  pid: number;
  lastSeq: number;
  lastCode: string | null;
}

export interface DataFolderClaim {
  /** The previous run's file, when that run did not close; null after a clean close or on a new folder. */
  readonly unclosed: UnclosedRun | null;
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
    return { pid: Number(value.pid) || 0, lastSeq: Number(value.lastSeq) || 0, lastCode: typeof value.lastCode === 'string' ? value.lastCode : null };
  } catch {
    // Cut short while written: a run that did not close, whose last record is not known.
    return { pid: 0, lastSeq: 0, lastCode: null };
  }
}

function alive(pid: number): boolean {
  if (pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: a process of another account has that id; it is running.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function claimDataFolder(dataDir: string, nativeBinding?: string): DataFolderClaim {
  const file = runningFile(dataDir);
  const previous = readRunning(file);
  // Both must agree: a process id outlives a power cut as another program's, and the desk's own workers (a checkpoint
  // still closing) hold the database in this process.
  if (previous && alive(previous.pid) && databaseInUse(deskPaths(dataDir).database, nativeBinding)) {
    throw appFailure(
      'data_folder_in_use',
      `Thư mục dữ liệu ${dataDir} đang được một chương trình MotCua Desk khác dùng (tiến trình ${previous.pid}). Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại; hai chương trình trên cùng một thư mục dữ liệu sẽ làm mất hồ sơ.`,
      `The data folder ${dataDir} is in use by another MotCua Desk program (process ${previous.pid}). Use the window already open, or close it and start again; two programs on one data folder lose dossiers.`,
    );
  }
  const unclosed = previous && previous.pid !== process.pid ? { lastSeq: previous.lastSeq, lastCode: previous.lastCode } : null;
  let lastSeq = 0;
  // Kept across runs: the counter it raises lives in the database, and could be lost with a log again.
  let lastCode = previous?.lastCode ?? null;
  const write = () => writeFileSync(file, JSON.stringify({ pid: process.pid, lastSeq, lastCode }));
  write();
  return {
    unclosed,
    recorded(deviceSeq, code) {
      if (deviceSeq <= lastSeq && code === undefined) return;
      lastSeq = Math.max(lastSeq, deviceSeq);
      if (code !== undefined) lastCode = code;
      try {
        write();
      } catch {
        // The record is committed: a drive that filled up since must not make it look failed to the clerk. The
        // file then names an earlier record, which only makes the next start's check weaker.
      }
    },
    holds(deviceSeq) {
      lastSeq = deviceSeq;
      write();
    },
    release() {
      if (readRunning(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
