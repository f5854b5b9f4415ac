/**
 * The system's usual refusals, in the words a district technician reads: a missing folder, a file where a folder
 * was meant, no permission, a PostgreSQL server that does not answer or a database that is not there, a file that
 * is not a database. One place for every `motcua` command (cli/run-command.ts), so that none of them prints a stack
 * trace for a mistyped path or URL.
 */
import { DatabaseTooNew, DatabaseUpgradeNeeded } from '../server/storage/upgrade-needed';
import { storageMessages } from '../shared/storage-messages';

export interface PlainWords {
  en: string;
  vi: string;
}

interface SystemError {
  code?: unknown;
  path?: unknown;
  dest?: unknown;
  syscall?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  errors?: unknown;
  message?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Node reports a failed connection to several addresses (IPv6 and IPv4 of `localhost`) as one AggregateError. */
function firstCause(e: SystemError): SystemError {
  if (text(e.code) === undefined && Array.isArray(e.errors) && e.errors.length > 0) return e.errors[0] as SystemError;
  return e;
}

/** A system or database error in plain words, or null when it is none of the usual ones (a bug: say so plainly). */
export function plainWords(error: unknown): PlainWords | null {
  if (error instanceof DatabaseUpgradeNeeded || error instanceof DatabaseTooNew) return { en: error.en, vi: error.vi };
  if (typeof error !== 'object' || error === null) return null;
  const e = firstCause(error as SystemError);
  // SQLite's extended codes (SQLITE_READONLY_DIRECTORY, SQLITE_CANTOPEN_ISDIR…) say the same as their primary code.
  // node-postgres gives up on a host that never answers with a plain Error and no code (server/storage/pg-driver.ts).
  const pgTimeout = /timeout exceeded when trying to connect|due to connection timeout/i.test(text(e.message) ?? '');
  const code = pgTimeout ? 'ETIMEDOUT' : text(e.code)?.replace(/^(SQLITE_[A-Z]+)_[A-Z_]+$/, '$1');
  const where = text(e.path) ?? text(e.dest);
  const at = where ? ` ${where}` : '';
  switch (code) {
    case 'ENOENT':
      return {
        en: `Not found:${at}. Check the path (the folder must already exist).`,
        vi: `Không tìm thấy${at}. Hãy kiểm tra lại đường dẫn (thư mục phải có sẵn).`,
      };
    case 'ENOTDIR':
      return {
        en: `${where ?? 'The path'}: part of this path is a file, not a folder. Check the path.`,
        vi: `${where ?? 'Đường dẫn'}: một phần của đường dẫn là tệp, không phải thư mục. Hãy kiểm tra lại đường dẫn.`,
      };
    case 'EISDIR':
      return where
        ? { en: `${where} is a folder; give a file.`, vi: `${where} là một thư mục; hãy chỉ ra một tệp.` }
        : {
            en: 'A path given on the command line is a folder where a file is needed; give the file itself.',
            vi: 'Một đường dẫn trong lệnh là thư mục, trong khi cần một tệp; hãy chỉ ra chính tệp đó.',
          };
    case 'EEXIST':
      return text(e.syscall) === 'mkdir'
        ? { en: `${where} is a file, not a folder; give a folder.`, vi: `${where} là tệp, không phải thư mục; hãy chỉ ra một thư mục.` }
        : { en: `${where ?? 'The file'} already exists; give another name.`, vi: `${where ?? 'Tệp'} đã có; hãy đặt tên khác.` };
    case 'EACCES':
    case 'EPERM':
      return {
        en: `This user may not open${at || ' the file or folder'} (permission denied). Run as a user who may, or choose another place.`,
        vi: `Người dùng này không có quyền mở${at || ' tệp hoặc thư mục'}. Hãy chạy bằng người dùng có quyền, hoặc chọn chỗ khác.`,
      };
    case 'EROFS':
      return {
        en: `${where ?? 'The place given'} is on a read-only disk; choose another place.`,
        vi: `${where ?? 'Chỗ đã chọn'} nằm trên ổ chỉ đọc; hãy chọn chỗ khác.`,
      };
    case 'ENOSPC':
    case 'EDQUOT':
    case 'SQLITE_FULL':
      return storageMessages.diskFullForCommand;
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': {
      const server = text(e.address) ? `${text(e.address)}${e.port ? `:${String(e.port)}` : ''}` : 'the address in --pg';
      return {
        en: `No PostgreSQL server answers at ${server}: check the host and port in --pg, and that PostgreSQL is running.`,
        vi: `Không có máy chủ PostgreSQL trả lời tại ${server}: hãy kiểm tra máy và cổng trong --pg, và PostgreSQL đã chạy chưa.`,
      };
    }
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        en: `The host name ${text(e.hostname) ?? 'in --pg'} is not known: check the host in --pg.`,
        vi: `Không tìm thấy máy có tên ${text(e.hostname) ?? 'trong --pg'}: hãy kiểm tra tên máy trong --pg.`,
      };
    // PostgreSQL's SQLSTATE codes.
    case '3D000':
      return {
        en: `${text(e.message) ?? 'The database does not exist'} on that PostgreSQL server: check the database name at the end of --pg (create it with createdb first).`,
        vi: `Máy chủ PostgreSQL không có cơ sở dữ liệu này: hãy kiểm tra tên cơ sở dữ liệu ở cuối --pg (tạo trước bằng createdb).`,
      };
    case '28P01':
    case '28000':
      return {
        en: 'PostgreSQL refused the user or password in --pg: check them.',
        vi: 'PostgreSQL từ chối tên người dùng hoặc mật khẩu trong --pg: hãy kiểm tra lại.',
      };
    case '42501':
      return {
        en: 'The PostgreSQL user in --pg may not use this database (permission denied).',
        vi: 'Người dùng PostgreSQL trong --pg không có quyền dùng cơ sở dữ liệu này.',
      };
    // SQLite (better-sqlite3 names the code, not the file: the command's own checks name it where they can).
    case 'SQLITE_NOTADB':
      return {
        en: 'The file given is not a database (or it is damaged). Check the path.',
        vi: 'Tệp đã chỉ ra không phải cơ sở dữ liệu (hoặc đã hỏng). Hãy kiểm tra lại đường dẫn.',
      };
    case 'SQLITE_CORRUPT':
      return {
        en: 'The database file is damaged; restore it from a backup.',
        vi: 'Tệp cơ sở dữ liệu đã hỏng; hãy khôi phục từ bản sao lưu.',
      };
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return {
        en: 'The database file cannot be opened or written: check that its folder exists and that this user may write in it.',
        vi: 'Không mở hoặc ghi được tệp cơ sở dữ liệu: hãy kiểm tra thư mục của nó có tồn tại và người dùng này có quyền ghi vào đó.',
      };
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return {
        en: 'The database is busy (another program is writing to it); try again in a moment.',
        vi: 'Cơ sở dữ liệu đang bận (chương trình khác đang ghi); hãy thử lại sau ít phút.',
      };
    default:
      return null;
  }
}
