/**
 * `motcua verify --data-dir DIR`: checks a desk's database integrity and every device's hash chain without
 * changing anything. Exit 0 when sound; 1 with the first broken link (event id and device) when not. Everything it
 * prints is said in Vietnamese, then in English.
 */
import { existsSync, statSync } from 'node:fs';
import { verifyDataDir } from '../../electron/desk/verify';
import { isEncryptedBackup } from '../../electron/desk/backup/backup-crypto';
import { deskPaths } from '../../electron/desk/paths';
import type { BrokenLink } from '../../electron/desk/events/verify-chains';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { DATA_DIR_NEEDED, parseOptions } from '../options';
import { say } from '../run-command';


/** Why a link of the chain is broken, in the technician's words. */
const brokenLinkWords: Record<BrokenLink['problem'], string> = {
  hash_mismatch: 'nội dung sự kiện đã bị sửa sau khi ghi',
  prev_hash_mismatch: 'sự kiện không nối với sự kiện trước nó: có sự kiện bị sửa, thêm hoặc xoá',
  sequence_gap: 'thiếu sự kiện: có sự kiện đã bị xoá',
  unreadable: 'không đọc được sự kiện: dữ liệu bị sửa hoặc hỏng',
};

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: "Check a desk's database and the hash chain of every device's events",
  usage: 'motcua verify --data-dir DIR',
  async run(argv, io) {
    const dataDir = parseOptions(argv, { 'data-dir': { type: 'string' } })['data-dir'];
    if (!dataDir) throw new UsageError(DATA_DIR_NEEDED);
    // An encrypted backup (from a USB stick) given as the folder, or put in place of a database: it is not read
    // here, where no passphrase is asked; restoring it into a folder decrypts it, and that folder can be verified.
    const encrypted = [dataDir, deskPaths(dataDir).database].find((f) => existsSync(f) && statSync(f).isFile() && isEncryptedBackup(f));
    if (encrypted) {
      say(io.err, {
        vi: `${encrypted} là bản sao lưu đã mã hoá: không kiểm tra trực tiếp được. Hãy khôi phục nó vào một thư mục dữ liệu (motcua backup restore --data-dir THƯ_MỤC --from TỆP, lệnh sẽ hỏi mật khẩu) rồi chạy motcua verify trên thư mục đó.`,
        en: `${encrypted} is an encrypted backup and cannot be checked as it is. Restore it into a data folder (motcua backup restore --data-dir DIR --from FILE, which asks for the passphrase), then run motcua verify on that folder.`,
      });
      return 1;
    }
    const report = verifyDataDir(dataDir);
    // What to do next, for a file SQLite cannot read or finds damaged: the backups keep every dossier up to theirs.
    const restoreHint = {
      vi: `Hãy khôi phục bản sao lưu gần nhất: motcua backup list --data-dir ${dataDir}, rồi motcua backup restore --data-dir ${dataDir} --from TỆP`,
      en: `Restore the latest backup: motcua backup list --data-dir ${dataDir}, then motcua backup restore --data-dir ${dataDir} --from FILE`,
    };
    if (report.unreadable) {
      const present = existsSync(report.file);
      say(io.err, {
        // SQLite's reason is English: it stays on the English line, and the Vietnamese says what it means here.
        vi: present
          ? `Không đọc được ${report.file}: tệp bị hỏng hoặc không phải cơ sở dữ liệu của quầy.`
          : `Thư mục ${dataDir} không có cơ sở dữ liệu của quầy (${report.file}); hãy kiểm tra --data-dir.`,
        en: `Cannot read ${report.file}: ${report.unreadable}`,
      });
      if (present) say(io.err, restoreHint);
      return 1;
    }
    if (report.integrityProblems.length > 0) {
      say(io.err, { vi: `Kiểm tra toàn vẹn dữ liệu không đạt: ${report.file} bị hỏng. SQLite báo:`, en: `Database integrity check FAILED for ${report.file}:` });
      for (const p of report.integrityProblems.slice(0, 10)) io.err(`  ${p}`);
      say(io.err, restoreHint);
      return 1;
    }
    const chains = report.chains!;
    for (const d of chains.devices) {
      say(io.out, { vi: `Thiết bị ${d.deviceId}: ${d.events} sự kiện, chuỗi nguyên vẹn`, en: `device ${d.deviceId}: ${d.events} event(s), chain sound` });
    }
    if (chains.brokenLink) {
      const b = chains.brokenLink;
      say(io.err, {
        vi: `Chuỗi sự kiện bị hỏng: thiết bị ${b.deviceId}, số thứ tự ${b.deviceSeq}, sự kiện ${b.eventId} (${brokenLinkWords[b.problem]}).`,
        en: `BROKEN hash chain: device ${b.deviceId}, sequence ${b.deviceSeq}, event ${b.eventId} (${b.problem.replace(/_/g, ' ')})`,
      });
      // The record was changed or cut after it was written: a backup from before keeps it whole, and a desk that
      // syncs takes back from the server what it sent after that backup.
      say(io.err, restoreHint);
      return 1;
    }
    say(io.out, {
      vi: `Dữ liệu nguyên vẹn; đã kiểm tra chuỗi sự kiện của ${chains.devices.length} thiết bị.`,
      en: `OK: database integrity sound; ${chains.devices.length} device chain(s) verified.`,
    });
    return 0;
  },
};
