/**
 * A full disk and a data folder that cannot be written, in the words a clerk or a technician reads wherever they meet
 * them: the desk API (login, reception…), the sync status, the desk's start in the app and in `motcua desk`, and every
 * other `motcua` command (cli/plain-errors.ts). One copy, so that a full disk is called the same everywhere.
 *
 * A desk's words name its data folder (the clerk finds it again under Cài đặt › Thông tin quầy) and say that nothing
 * was recorded: SQLite rolls back the transaction that could not be written. They also say not to free space inside
 * the data folder: the largest file there is often the write-ahead log (desk.sqlite-wal), which holds the latest
 * records until the desk folds it into desk.sqlite.
 */
import type { LocalizedText } from './result';

const keepDataFolder = {
  vi: 'Đừng xoá tệp nào trong thư mục dữ liệu của quầy.',
  en: "Do not delete anything inside the desk's data folder.",
};

export const storageMessages = {
  /** Any `motcua` command, which knows no data folder to name. */
  diskFullForCommand: {
    vi: 'Ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại lệnh.',
    en: 'The disk is full; free some space and run the command again.',
  },

  /** A write the desk could not make while working: a login, a reception, a sync. */
  diskFullAtWork: (dataDir: string): LocalizedText => ({
    vi: `Ổ đĩa đã đầy: ổ chứa thư mục dữ liệu của quầy (${dataDir}) không còn chỗ trống, nên chưa ghi được gì. Hãy giải phóng chỗ trống trên ổ đĩa đó (thư mục dữ liệu ghi ở Cài đặt › Thông tin quầy) rồi thử lại. ${keepDataFolder.vi}`,
    en: `The disk is full: the drive holding the desk's data folder (${dataDir}) has no free space left, so nothing was recorded. Free some space on that drive (Settings › This desk names the data folder), then try again. ${keepDataFolder.en}`,
  }),

  /** The desk could not open its data for want of space. */
  diskFullAtStart: (dataDir: string): LocalizedText => ({
    vi: `Ổ đĩa đã đầy: ổ chứa thư mục dữ liệu của quầy (${dataDir}) không còn chỗ trống, nên quầy chưa mở được; dữ liệu không bị thay đổi. Hãy giải phóng chỗ trống trên ổ đĩa đó (xoá hoặc chuyển bớt tệp không cần đến) rồi mở lại quầy. ${keepDataFolder.vi}`,
    en: `The disk is full: the drive holding the desk's data folder (${dataDir}) has no free space left, so the desk did not open; its data is unchanged. Free some space on that drive (delete or move files not needed), then start the desk again. ${keepDataFolder.en}`,
  }),

  /** `where`: the data folder, or the file in it that cannot be written. */
  readOnlyAtStart: (where: string): LocalizedText => ({
    vi: `Thư mục dữ liệu của quầy không ghi được: ${where} chỉ đọc (hoặc tài khoản đang chạy quầy không có quyền ghi vào đó), nên quầy không mở; dữ liệu không bị thay đổi. Hãy cho tài khoản này quyền ghi vào thư mục dữ liệu và mọi tệp trong đó (nếu thư mục nằm trên ổ chỉ đọc, hãy chuyển nó sang ổ ghi được), rồi mở lại quầy.`,
    en: `The desk's data folder cannot be written: ${where} is read-only (or the account running the desk may not write there), so the desk did not open; its data is unchanged. Give this account write permission on the data folder and every file in it (if the folder is on a read-only drive, move it to a writable one), then start the desk again.`,
  }),

  /** The data folder became read-only while the desk was running. */
  readOnlyAtWork: (dataDir: string): LocalizedText => ({
    vi: `Không ghi được vào thư mục dữ liệu của quầy (${dataDir}): thư mục hoặc tệp dữ liệu đang ở chế độ chỉ đọc, nên chưa ghi được gì. Hãy báo quản trị viên cho tài khoản đang chạy quầy quyền ghi vào thư mục đó, rồi khởi động lại quầy.`,
    en: `The desk's data folder (${dataDir}) cannot be written: the folder or its data file is read-only, so nothing was recorded. Ask the administrator to give the account running the desk write permission on that folder, then restart the desk.`,
  }),
} as const;
