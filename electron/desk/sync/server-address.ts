/**
 * The district's server moved (a new IP from the provider, a new name, http to https): the administrator gives the
 * desk the new address. A desk is enrolled once, so before this a move stranded every desk with its unsent
 * dossiers, short of a fresh data folder. The address is kept only once the server there has answered this desk's
 * own credentials (on the small unit list, read anyway), asked only once the address has answered as a MotCua server
 * does: a typo, another district's server or a server that revoked the desk is refused and nothing changes. The answer also lifts a "revoked" left by a wrong address (a
 * server that does not know the desk answers as one that revoked it).
 */
import { appFailure } from '../../../shared/result';
import { serverTimeResponseSchema, unitsResponseSchema, type UnitsResponse } from '../../../shared/sync/messages';
import { parseServerUrl, typedAddressFailure, typedAddressRefusal } from './enrol';
import { SyncHttpError, SyncNetworkError, SyncTransport, type DeviceCredentials, type FetchLike } from './transport';

export interface CheckedServer {
  serverUrl: string;
  units: UnitsResponse;
}

/** Asks the server at `address` for the unit list with this desk's credentials; refuses, in plain words, otherwise. */
export async function checkServerAddress(
  address: string,
  credentials: DeviceCredentials,
  fetch: FetchLike,
  timeoutMs: number,
): Promise<CheckedServer> {
  const serverUrl = parseServerUrl(address);
  const transport = new SyncTransport({ baseUrl: serverUrl, fetch, timeoutMs });
  try {
    // First without the desk's secret: only a MotCua server's answer earns it (a mistyped address on the office
    // network may be any machine, and the secret lets its holder pull the unit's dossiers).
    await transport.request({ method: 'GET', path: 'v1/time', credentials: null, schema: serverTimeResponseSchema });
    const response = await transport.request({ method: 'GET', path: 'v1/units', credentials, schema: unitsResponseSchema });
    return { serverUrl, units: response.body };
  } catch (e) {
    if (e instanceof SyncHttpError && e.status === 401) {
      throw appFailure(
        'server_does_not_know_desk',
        'Máy chủ ở địa chỉ này không nhận quầy này (quầy chưa từng đăng ký ở đó, hoặc đã bị thu hồi). Hãy kiểm tra lại địa chỉ với quản trị viên của huyện. Chưa có gì bị thay đổi.',
        'The server at this address does not accept this desk (it was never enrolled there, or it was revoked). Check the address with the district administrator. Nothing was changed.',
        { field: 'serverUrl' },
      );
    }
    if (e instanceof SyncHttpError) throw typedAddressRefusal(e, serverUrl);
    if (e instanceof SyncNetworkError) throw typedAddressFailure(e);
    throw e;
  }
}
