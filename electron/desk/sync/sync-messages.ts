/** What the clerk reads about sync, in Vietnamese and English: what happened and what to do. */
import type { LocalizedText } from '../../../shared/result';

export const syncMessages = {
  notEnrolled: {
    vi: 'Quầy chưa kết nối với máy chủ của đơn vị; dữ liệu chỉ lưu trên máy này. Quản trị viên cần đăng ký quầy bằng mã do máy chủ cấp.',
    en: "This desk is not connected to the unit's server; data stays on this PC only. An administrator must enrol the desk with a code from the server.",
  },
  unreachable: {
    vi: 'Không kết nối được máy chủ. Dữ liệu vẫn được lưu an toàn trên máy này và sẽ tự gửi khi có mạng trở lại.',
    en: 'Cannot reach the server. Data is kept safely on this PC and will be sent automatically when the connection returns.',
  },
  timeout: {
    vi: 'Máy chủ không trả lời kịp (mạng chậm hoặc chập chờn). Máy sẽ tự thử lại; dữ liệu không bị mất.',
    en: 'The server did not answer in time (slow or unstable connection). The desk will retry; nothing is lost.',
  },
  badResponse: {
    vi: 'Nhận được câu trả lời không đọc được từ mạng (có thể do mạng hoặc máy chủ trung gian). Máy sẽ tự thử lại.',
    en: 'An unreadable answer came back over the network (perhaps a network device in between). The desk will retry.',
  },
  waitingForServer: (count: number): LocalizedText => ({
    vi: `${count} thay đổi đang chờ máy chủ nhận (máy chủ còn thiếu một bản ghi trước đó, thường do quầy khác chưa gửi lên). Máy sẽ tự thử lại.`,
    en: `${count} ${count === 1 ? 'change is' : 'changes are'} waiting for the server to take them (it still lacks an earlier record, usually from another desk that has not sent it yet). The desk will retry.`,
  }),
  // `count`: dossiers, as the Sync screen heads and lists them (EventLog.refusedDossierCount).
  quarantined: (count: number): LocalizedText => ({
    vi: `${count} hồ sơ có thay đổi bị máy chủ từ chối, được giữ lại để kiểm tra; xem lý do ở màn hình Đồng bộ. Các thay đổi khác vẫn được đồng bộ.`,
    en: `${count} ${count === 1 ? 'dossier has a change' : 'dossiers have changes'} the server refused, kept for review; see the reasons on the Sync screen. Other changes still sync.`,
  }),
  conflicts: (count: number): LocalizedText => ({
    vi: `${count} hồ sơ có xung đột giữa các quầy, cần lãnh đạo bộ phận giải quyết.`,
    en: `${count} ${count === 1 ? 'dossier is in conflict between desks and needs a supervisor to resolve it' : 'dossiers are in conflict between desks and need a supervisor to resolve them'}.`,
  }),
  scansMissing: (codes: readonly string[]): LocalizedText => ({
    vi: `Không gửi được bản quét của hồ sơ ${codes.join(', ')}: tệp không còn trên máy này (thường do chuyển dữ liệu sang máy mới mà không chép thư mục blobs của bản sao lưu). Hãy chép thư mục đó vào thư mục dữ liệu của quầy, hoặc đính kèm lại bản quét. Các thay đổi khác vẫn được đồng bộ.`,
    en: `The scans of dossier${codes.length === 1 ? '' : 's'} ${codes.join(', ')} cannot be sent: their files are no longer on this PC (usually after moving the data to a new PC without the backup's blobs folder). Copy that folder into the desk's data folder, or attach the scans again. Other changes still sync.`,
  }),
  scansDamaged: (codes: readonly string[]): LocalizedText => ({
    vi: `Không gửi được bản quét của hồ sơ ${codes.join(', ')}: tệp trên máy này đã bị hỏng (không còn đúng bản quét đã đính kèm). Hãy đính kèm lại bản quét (quét lại giấy tờ, hoặc lấy từ thư mục blobs của bản sao lưu). Các thay đổi khác vẫn được đồng bộ.`,
    en: `The scans of dossier${codes.length === 1 ? '' : 's'} ${codes.join(', ')} cannot be sent: their files on this PC are damaged (no longer the scans that were attached). Attach the scans again (scan the papers again, or take them from the backup's blobs folder). Other changes still sync.`,
  }),
  restoreCatchUp: {
    vi: 'Quầy vừa khôi phục dữ liệu từ bản sao lưu và đang lấy lại từ máy chủ những thay đổi đã gửi sau bản sao lưu đó. Chưa ghi được hồ sơ mới cho đến khi đồng bộ xong; hãy kết nối mạng.',
    en: 'This desk was restored from a backup and is fetching from the server the changes it sent after that backup. New records wait until that sync is done; connect to the network.',
  },
  lostLogCatchUp: {
    vi: 'Lần trước quầy dừng đột ngột và tệp nhật ký dữ liệu (desk.sqlite-wal) đã mất, cùng những hồ sơ ghi gần nhất; quầy đang lấy lại từ máy chủ những gì đã gửi. Chưa ghi được hồ sơ mới cho đến khi đồng bộ xong; hãy kết nối mạng.',
    en: 'The desk stopped without closing last time and its data log (desk.sqlite-wal) was lost, with the latest records; it is fetching back from the server what it had sent. New records wait until that sync is done; connect to the network.',
  },
  // While catching up (a restore, a lost log), "nothing is lost" is not so of what was recorded after the backup or
  // in the log: only what waits is said (QA).
  unreachableCatchingUp: {
    vi: 'Không kết nối được máy chủ. Quầy sẽ lấy lại từ máy chủ những gì đã gửi khi có mạng trở lại.',
    en: 'The server cannot be reached. The desk will fetch back from the server what it had sent once the network is back.',
  },
  serverTooOld: {
    vi: 'Máy chủ huyện đang dùng phiên bản phần mềm cũ hơn quầy này nên chưa nhận dữ liệu của quầy. Hãy báo quản trị viên cập nhật máy chủ. Quầy vẫn làm việc bình thường; mọi thay đổi được giữ lại và tự gửi khi máy chủ đã được cập nhật.',
    en: "The district server runs an older release than this desk, so it does not take this desk's data yet. Ask the administrator to upgrade the server. The desk works as usual; every change is kept and sent once the server is upgraded.",
  },
  // Where an address is typed (the enrolment, a new server address).
  serverTooOldAtAddress: {
    vi: 'Máy chủ ở địa chỉ này dùng phiên bản phần mềm cũ hơn quầy này nên quầy chưa kết nối được. Hãy báo quản trị viên cập nhật máy chủ rồi thử lại. Chưa có gì bị thay đổi.',
    en: 'The server at this address runs an older release than this desk, so the desk cannot connect to it yet. Ask the administrator to upgrade the server, then try again. Nothing was changed.',
  },
  serverRestored: {
    vi: 'Máy chủ đã được khôi phục từ bản sao lưu; quầy đang gửi lại và tải lại dữ liệu. Không có dữ liệu nào bị mất.',
    en: 'The server was restored from a backup; this desk is resending and reloading its data. Nothing is lost.',
  },
  localFailure: {
    vi: 'Không ghi được dữ liệu đồng bộ vào máy này. Máy sẽ thử lại; nếu lỗi lặp lại, hãy báo quản trị viên.',
    en: 'Synced data could not be written on this PC. The desk will retry; if this keeps happening, tell the administrator.',
  },
  stopped: {
    vi: 'Đồng bộ đã dừng.',
    en: 'Sync is stopped.',
  },
} as const;
