/**
 * `motcua verify --data-dir DIR`: checks a desk's database integrity and every device's hash chain without
 * changing anything. Exit 0 when sound; 1 with the first broken link (event id and device) when not.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyDataDir } from '../../electron/desk/verify';
import { isEncryptedBackup } from '../../electron/desk/backup/backup-crypto';
import { deskPaths } from '../../electron/desk/paths';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: "Check a desk's database and the hash chain of every device's events",
  usage: 'motcua verify --data-dir DIR',
  async run(argv, io) {
    let dataDir: string | undefined;
    try {
      dataDir = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: true, allowPositionals: false }).values['data-dir'];
    } catch (e) {
      throw new UsageError((e as Error).message.split('. ')[0]!);
    }
    if (!dataDir) throw new UsageError('--data-dir DIR is required.');
    // An encrypted backup (from a USB stick) given as the folder, or put in place of a database: it is not read
    // here, where no passphrase is asked; restoring it into a folder decrypts it, and that folder can be verified.
    const encrypted = [dataDir, deskPaths(dataDir).database].find((f) => existsSync(f) && statSync(f).isFile() && isEncryptedBackup(f));
    if (encrypted) {
      io.err(`${encrypted} là bản sao lưu đã mã hoá: không kiểm tra trực tiếp được. Hãy khôi phục nó vào một thư mục dữ liệu (motcua backup restore --data-dir THƯ_MỤC --from TỆP, lệnh sẽ hỏi mật khẩu) rồi chạy motcua verify trên thư mục đó.`);
      io.err(`${encrypted} is an encrypted backup and cannot be checked as it is. Restore it into a data folder (motcua backup restore --data-dir DIR --from FILE, which asks for the passphrase), then run motcua verify on that folder.`);
      return 1;
    }
    const report = verifyDataDir(dataDir);
    // What to do next, for a file SQLite cannot read or finds damaged: the backups keep every dossier up to theirs.
    const restoreHint = `Restore the latest backup: motcua backup list --data-dir ${dataDir}, then motcua backup restore --data-dir ${dataDir} --from FILE`;
    if (report.unreadable) {
      io.err(`Cannot read ${report.file}: ${report.unreadable}`);
      if (existsSync(report.file)) io.err(restoreHint);
      return 1;
    }
    if (report.integrityProblems.length > 0) {
      io.err(`Database integrity check FAILED for ${report.file}:`);
      for (const p of report.integrityProblems.slice(0, 10)) io.err(`  ${p}`);
      io.err(restoreHint);
      return 1;
    }
    const chains = report.chains!;
    for (const d of chains.devices) io.out(`device ${d.deviceId}: ${d.events} event(s), chain sound`);
    if (chains.brokenLink) {
      const b = chains.brokenLink;
      io.err(`BROKEN hash chain: device ${b.deviceId}, sequence ${b.deviceSeq}, event ${b.eventId} (${b.problem.replace(/_/g, ' ')})`);
      // The record was changed or cut after it was written: a backup from before keeps it whole, and a desk that
      // syncs takes back from the server what it sent after that backup.
      io.err(restoreHint);
      return 1;
    }
    io.out(`OK: database integrity sound; ${chains.devices.length} device chain(s) verified.`);
    return 0;
  },
};
