/**
 * `motcua backup`: backups of a desk's data folder from the command line (also when the desk will not open).
 *   motcua backup create --data-dir DIR [--to FOLDER]
 *   motcua backup list --data-dir DIR
 *   motcua backup restore --data-dir DIR --from FILE
 */
import { AppFailure } from '../../shared/result';
import { openDesk } from '../../electron/desk/desk';
import { backupFileName, checkBackupFile, copyDatabaseFiles, databaseInUse, listBackups, replaceDatabaseFile } from '../../electron/desk/backup/backup-files';
import { toVnIso } from '../../shared/calendar/vn-time';
import { deskPaths } from '../../electron/desk/paths';
import { verifyDataDir } from '../../electron/desk/verify';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseOptions } from '../options';
import { shownVnDateTime } from '../shown-time';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';

function options(argv: string[]) {
  return parseOptions(argv, { 'data-dir': { type: 'string' }, to: { type: 'string' }, from: { type: 'string' } });
}

async function create(dataDir: string, to: string | undefined, io: CliIo): Promise<number> {
  const desk = openDesk({ dataDir, autoBackup: false });
  try {
    const b = await desk.backups.create(to ? { toDir: to } : {});
    io.out(`Backup written: ${b.file} (${b.size} bytes${to ? `, ${b.blobsCopied} scan(s) copied` : ''})`);
    return 0;
  } finally {
    desk.close();
  }
}

function list(dataDir: string, io: CliIo): number {
  const backups = listBackups(deskPaths(dataDir).backups);
  if (backups.length === 0) io.out('No backups in this data folder.');
  for (const b of backups) io.out(`${shownVnDateTime(b.takenAt)}  ${b.kind.padEnd(11)}  ${String(b.size).padStart(12)}  ${b.file}`);
  return 0;
}

/** Restores without opening the desk first, so a corrupt database can be replaced. */
function restore(dataDir: string, from: string, io: CliIo): number {
  checkBackupFile(from);
  const paths = deskPaths(dataDir);
  const database = paths.database;
  if (databaseInUse(database)) {
    io.err(`A desk is running on ${dataDir}: close it first (or restore from its Settings screen). Nothing was changed.`);
    return 1;
  }
  if (existsSync(database)) {
    // What is replaced is kept, as the desk's own restore does: the backup chosen may be the wrong one.
    mkdirSync(paths.backups, { recursive: true });
    const safety = path.join(paths.backups, backupFileName('pre-restore', toVnIso(new Date())));
    copyDatabaseFiles(database, safety);
    io.out(`Replacing ${database} (kept as ${safety})`);
  }
  // Restoring onto a new PC: its data folder does not exist yet.
  else mkdirSync(path.dirname(database), { recursive: true });
  const { catchingUp } = replaceDatabaseFile(database, from);
  const report = verifyDataDir(dataDir);
  if (!report.sound) {
    io.err('The restored database did not verify; run motcua verify for details.');
    return 1;
  }
  io.out(`Restored from ${from}; integrity and hash chains verified.`);
  if (catchingUp) {
    io.out(
      'This desk syncs with a server: when it next opens with a network link, it first fetches back what it sent after this backup, and records nothing new until it has.',
    );
  }
  return 0;
}

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: "Create, list or restore backups of a desk's data",
  usage: 'motcua backup create|list|restore --data-dir DIR [--to FOLDER] [--from FILE]',
  async run(argv, io) {
    const [action, ...rest] = argv;
    const o = options(rest);
    const dataDir = o['data-dir'];
    if (!dataDir) throw new UsageError('--data-dir DIR is required.');
    try {
      switch (action) {
        case 'create':
          return await create(dataDir, o.to, io);
        case 'list':
          return list(dataDir, io);
        case 'restore':
          if (!o.from) throw new UsageError('restore needs --from FILE.');
          return restore(dataDir, o.from, io);
        default:
          throw new UsageError(`unknown action '${action ?? ''}': use create, list or restore.`);
      }
    } catch (e) {
      if (e instanceof AppFailure) {
        io.err(e.error.message.en);
        return 1;
      }
      throw e;
    }
  },
};
