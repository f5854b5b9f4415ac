/**
 * Enrolment: the administrator types the server's address and the one-time code read out from
 * `motcua server create-desk`; the server answers with this device's id and secret, which become the desk's
 * identity and credentials. The secret is stored in the desk database and never logged or shown.
 */
import { appFailure, type AppFailure } from '../../../shared/result';
import type { DeskApiParsedInput } from '../../../shared/api/desk-api';
import { enrolResponseSchema } from '../../../shared/sync/messages';
import type { Desk } from '../desk';
import type { DeskIdentity } from '../identity/device-identity';
import type { SyncMeta } from './sync-meta';
import { SyncHttpError, SyncNetworkError, SyncTransport, type FetchLike } from './transport';
import { syncMessages } from './sync-messages';
import { fetchUnits } from './units';
import { takeCalendar, takeCatalog } from './documents';
import { replaceServerUnits } from '../units/desk-units';

/** Validated by the desk API's schema for `sync.enrol` (shared/api/desk-api.ts). */
export type EnrolInput = DeskApiParsedInput<'sync.enrol'>;

/** The server's base address: http(s) only, no user name or password in it, no query. */
export function parseServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    url = new URL('invalid:');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search) {
    throw appFailure(
      'invalid_server_url',
      'Địa chỉ máy chủ không hợp lệ. Hãy nhập dạng http://10.0.0.5:8470 hoặc https://motcua.thanhha.gov.vn.',
      'The server address is not valid. Type it like http://10.0.0.5:8470 or https://motcua.thanhha.gov.vn.',
      { field: 'serverUrl' },
    );
  }
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}

/**
 * A request to an address the administrator just typed (enrolment, a new server address) that got no usable answer,
 * said at the address field. Not the sync status's words ("the desk will retry, nothing is lost"): nothing retries
 * a typed address, and nothing was changed.
 */
export function typedAddressFailure(e: SyncNetworkError): AppFailure {
  // Its own code: the first-run screen puts its own words on "cannot reach" (what to check before the desk has
  // ever connected), and those would hide that something did answer (a router's page: the address is wrong).
  if (e.kind === 'bad_response') {
    return appFailure(
      'not_motcua_server',
      'Ở địa chỉ này có một máy trả lời, nhưng không phải máy chủ MotCua. Hãy kiểm tra lại địa chỉ. Chưa có gì bị thay đổi.',
      'Something answers at this address, but not a MotCua server. Check the address. Nothing was changed.',
      { field: 'serverUrl' },
    );
  }
  if (e.kind === 'timeout') {
    return appFailure(
      'server_unreachable',
      'Máy chủ ở địa chỉ này không trả lời kịp (mạng chậm hoặc chập chờn). Hãy thử lại sau ít phút. Chưa có gì bị thay đổi.',
      'The server at this address did not answer in time (slow or unstable connection). Try again in a few minutes. Nothing was changed.',
      { field: 'serverUrl' },
    );
  }
  return appFailure(
    'server_unreachable',
    'Không kết nối được máy chủ ở địa chỉ này. Hãy kiểm tra địa chỉ (cả số cổng) và đường mạng, rồi thử lại. Chưa có gì bị thay đổi.',
    'Cannot reach a server at this address. Check the address (with its port) and the network, then try again. Nothing was changed.',
    { field: 'serverUrl' },
  );
}

/**
 * A MotCua server's own refusal at a typed address, said at the address field. A "no such address" (404) is what a
 * page's address pasted for the server's (`http://SERVER:8470/tra-cuu`, the citizens' lookup) gets: said as that,
 * with the address to type instead (QA: only the server's "Không có địa chỉ này trên máy chủ." came back).
 */
export function typedAddressRefusal(e: SyncHttpError, serverUrl: string): AppFailure {
  const { origin: root, pathname: path } = new URL(serverUrl);
  if (e.status === 404 && path !== '/') {
    return appFailure(
      'server_url_path',
      `Máy chủ không có dịch vụ đồng bộ ở địa chỉ này: địa chỉ có thêm phần đường dẫn (${path}). Hãy nhập địa chỉ gốc của máy chủ, ví dụ ${root}. Chưa có gì bị thay đổi.`,
      `The server has no sync service at this address: it has a path after the server (${path}). Type the server's own address, such as ${root}. Nothing was changed.`,
      { field: 'serverUrl' },
    );
  }
  // A server of an earlier release: said as that, and whom to tell, as the Sync screen says it (review).
  if (e.code === 'protocol_unsupported') {
    return appFailure(e.code, syncMessages.serverTooOldAtAddress.vi, syncMessages.serverTooOldAtAddress.en, { field: 'serverUrl' });
  }
  return appFailure(e.code, e.text.vi, e.text.en, { field: e.code.startsWith('enrolment') ? 'code' : 'serverUrl' });
}

function eventsOf(desk: Desk, deviceId: string): number {
  return desk.db
    .prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE device_id = ?')
    .get(deviceId)!.n;
}

export async function enrolDesk(
  desk: Desk,
  meta: SyncMeta,
  fetch: FetchLike,
  timeoutMs: number,
  input: EnrolInput,
): Promise<DeskIdentity> {
  const serverUrl = parseServerUrl(input.serverUrl);
  const current = desk.identity();
  if (current?.source === 'enrolled' && meta.secret) {
    throw appFailure(
      'already_enrolled',
      'Quầy đã được đăng ký với máy chủ.',
      'This desk is already enrolled with the server.',
    );
  }
  // Checked before the code is spent: the server would give a new device id, and recorded events keep theirs.
  if (current && eventsOf(desk, current.deviceId) > 0) {
    throw appFailure(
      'identity_in_use',
      'Quầy đã ghi hồ sơ dưới mã định danh hiện tại nên không thể đăng ký thành quầy khác. Hãy dùng một thư mục dữ liệu mới để đăng ký.',
      'This desk has already recorded dossiers under its current identity and cannot be enrolled as another device. Use a fresh data folder to enrol.',
    );
  }
  const transport = new SyncTransport({ baseUrl: serverUrl, fetch, timeoutMs });
  let response;
  try {
    response = await transport.request({
      method: 'POST',
      path: 'v1/enrol',
      credentials: null,
      json: { code: input.code, ...(input.deviceName ? { deviceName: input.deviceName } : {}) },
      schema: enrolResponseSchema,
    });
  } catch (e) {
    if (e instanceof SyncHttpError) throw typedAddressRefusal(e, serverUrl);
    if (e instanceof SyncNetworkError) throw typedAddressFailure(e);
    throw e;
  }
  const enrolled = response.body;
  const enrolledIdentity = desk.db.transaction(() => {
    const identity = desk.setEnrolledIdentity({
      deviceId: enrolled.deviceId,
      unitCode: enrolled.unitCode,
      deskNumber: enrolled.deskNumber,
    });
    meta.serverUrl = serverUrl;
    meta.secret = enrolled.secret;
    meta.epoch = enrolled.epoch;
    meta.cursor = 0;
    meta.resendFrom = null;
    meta.revoked = null;
    // Another server's registry (an earlier enrolment) is not this one's: read at once below, or at the next round.
    replaceServerUnits(desk.db, []);
    meta.unitsVersion = null;
    return identity;
  })();
  // The unit names the first receipt prints come from the district at once, and so do the procedures and holidays
  // its appointment is reckoned with (the first round's pull may take long): side by side, so a link that dies
  // now keeps the administrator waiting one request's limit, not three. A failure here does not undo the
  // enrolment (the code is spent): what is missing is read at the next round, and the seeds serve meanwhile.
  const credentials = { deviceId: enrolled.deviceId, secret: enrolled.secret };
  await Promise.allSettled([
    fetchUnits(desk, meta, transport, credentials),
    takeCatalog({ desk, meta, transport, credentials }),
    takeCalendar({ desk, meta, transport, credentials }),
  ]);
  return enrolledIdentity;
}
