/**
 * What a clerk is told when a scan this desk's events name is not on this PC and cannot be brought from the server
 * (attachments/attachment-service.ts readOrDownload, sync/blob-download.ts): what happened and what to do. Nothing
 * is stored as the scan in any of these cases; only an interrupted download keeps what came, aside, to resume.
 */
import { appFailure, type AppFailure, type LocalizedText } from '../../../shared/result';

const NOT_HERE_VI = 'Tệp đính kèm này chưa có trên máy';
const NOT_HERE_EN = 'This attachment is not on this computer yet';

export const scanDownloadFailures = {
  /** No answer from the server (offline, refused, reset). */
  offline: (): AppFailure =>
    appFailure(
      'attachment_offline',
      `${NOT_HERE_VI}; cần kết nối với máy chủ để tải về — thử lại khi có mạng.`,
      `${NOT_HERE_EN}; it must be downloaded from the server — try again when the network is back.`,
    ),
  /** The download took longer than its limit (a very slow line). */
  timeout: (): AppFailure =>
    appFailure(
      'attachment_offline',
      `${NOT_HERE_VI}; đường truyền tới máy chủ quá chậm nên chưa tải về được — thử lại khi mạng tốt hơn.`,
      `${NOT_HERE_EN}; the line to the server is too slow to download it now — try again when the network is better.`,
    ),
  /**
   * The line broke off (or the time limit ran out) after part of the scan came: that part is kept and the next
   * attempt asks only for the rest (attachments/partial-scan.ts).
   */
  interrupted: (received: number, size: number): AppFailure => {
    const percent = Math.min(99, Math.floor((received / Math.max(size, 1)) * 100));
    return appFailure(
      'attachment_download_interrupted',
      `${NOT_HERE_VI}; việc tải về bị gián đoạn khi đã nhận ${percent}%. Phần đã nhận được giữ lại: hãy mở lại tệp khi có mạng để tải tiếp phần còn lại.`,
      `${NOT_HERE_EN}; the download broke off with ${percent}% received. What arrived is kept: open the file again when the network is back to download the rest.`,
    );
  },
  /** 404: the server has no copy this desk may have (not sent yet by the desk that scanned it, or out of scope). */
  notOnServer: (): AppFailure =>
    appFailure(
      'attachment_not_on_server',
      `${NOT_HERE_VI} và máy chủ chưa có tệp này cho quầy của bạn: có thể quầy đã quét tệp chưa gửi lên (hãy nhờ quầy đó đồng bộ rồi thử lại), hoặc quầy này không được xem tệp này.`,
      `${NOT_HERE_EN} and the server has no copy for this desk: the desk that scanned it may not have sent it yet (ask that desk to sync, then try again), or this desk may not see this file.`,
    ),
  /** The bytes that came do not match the scan's hash or size. */
  mismatch: (): AppFailure =>
    appFailure(
      'attachment_download_mismatch',
      'Tệp tải về từ máy chủ không khớp với bản quét đã ghi trong hồ sơ nên không được lưu. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên.',
      'The file downloaded from the server does not match the scan recorded in the dossier, so it was not kept. Try again; if it happens again, tell the administrator.',
    ),
  /** The server refused this device (revoked, or unknown to it). */
  refused: (reason: LocalizedText): AppFailure =>
    appFailure('attachment_download_refused', `${NOT_HERE_VI}; máy chủ từ chối quầy này: ${reason.vi}`, `${NOT_HERE_EN}; the server refused this desk: ${reason.en}`),
  /** The server answered with another error (busy, failing). */
  serverError: (): AppFailure =>
    appFailure(
      'attachment_server_error',
      `${NOT_HERE_VI}; máy chủ chưa gửi được tệp lúc này — thử lại sau ít phút.`,
      `${NOT_HERE_EN}; the server could not send it just now — try again in a few minutes.`,
    ),
  /** The desk does not sync with a server. */
  notConnected: (): AppFailure =>
    appFailure(
      'attachment_not_connected',
      `${NOT_HERE_VI} và quầy này chưa kết nối với máy chủ nên không tải về được. Hãy kết nối quầy với máy chủ (Đồng bộ), hoặc nhập lại tệp từ bản quét.`,
      `${NOT_HERE_EN} and this desk is not connected to a server, so it cannot be downloaded. Connect the desk to the server (Sync), or import the file again from the scan.`,
    ),
};
