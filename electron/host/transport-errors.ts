/**
 * Answers of the loopback host when a request never reaches the desk. Every body is a Result, the same shape the
 * desk answers with, so the UI reads every response the same way; the HTTP status says what went wrong for curl.
 */
import type { Result } from '../../shared/result';
import { fail } from '../../shared/result';

export interface TransportFailure {
  status: number;
  body: Result<never>;
}

const failure = (status: number, code: string, vi: string, en: string): TransportFailure => ({
  status,
  body: fail(code, vi, en),
});

export const transportFailures = {
  noSecret: failure(
    401,
    'unauthorized',
    'Thiếu mã phiên hoặc mã phiên không đúng. Hãy mở đúng địa chỉ mà lệnh "motcua desk" đã in ra.',
    'The session secret is missing or wrong. Open the exact address printed by "motcua desk".',
  ),
  wrongHost: failure(
    403,
    'forbidden_host',
    'Yêu cầu không gửi tới địa chỉ của MotCua Desk tại quầy (127.0.0.1) nên bị từ chối.',
    'The request was not addressed to the desk (127.0.0.1), so it was refused.',
  ),
  wrongOrigin: failure(
    403,
    'forbidden_origin',
    'Yêu cầu đến từ một trang khác, không phải giao diện của MotCua Desk, nên bị từ chối.',
    'The request came from another page, not the desk’s own UI, so it was refused.',
  ),
  notFound: failure(404, 'not_found', 'Không có địa chỉ này.', 'There is nothing at this address.'),
  methodNotAllowed: failure(
    405,
    'method_not_allowed',
    'Chức năng của MotCua Desk chỉ được gọi bằng POST.',
    'Desk functions are called with POST only.',
  ),
  malformedJson: failure(
    400,
    'malformed_json',
    'Dữ liệu gửi lên không phải JSON hợp lệ. Không có gì được ghi.',
    'The data sent is not valid JSON. Nothing was written.',
  ),
  emptyJson: failure(
    400,
    'malformed_json',
    'Yêu cầu khai báo JSON nhưng không có dữ liệu. Hãy gửi {} nếu chức năng không cần dữ liệu.',
    'The request declares JSON but has no body. Send {} when the function needs no data.',
  ),
  bodyTooLarge: failure(
    413,
    'body_too_large',
    'Dữ liệu gửi lên quá lớn. Không có gì được ghi.',
    'The data sent is too large. Nothing was written.',
  ),
  unsupportedMediaType: failure(
    415,
    'unsupported_media_type',
    'Dữ liệu phải được gửi dưới dạng JSON (Content-Type: application/json).',
    'Data must be sent as JSON (Content-Type: application/json).',
  ),
  internal: failure(
    500,
    'internal',
    'Đã có lỗi bên trong phần mềm. Thao tác chưa được thực hiện; hãy thử lại.',
    'Something went wrong inside the desk. Nothing was done; try again.',
  ),
} as const;

/** Maps Fastify's own errors (body parsing, limits) to our answers. */
export function failureForFastifyError(
  code: string | undefined,
  statusCode: number | undefined,
): TransportFailure {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return transportFailures.bodyTooLarge;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return transportFailures.unsupportedMediaType;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return transportFailures.emptyJson;
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return transportFailures.malformedJson;
    default:
      // Other 4xx from the body parser (a forbidden __proto__ key, a bad charset) are still the caller's input.
      return statusCode !== undefined && statusCode >= 400 && statusCode < 500
        ? transportFailures.malformedJson
        : transportFailures.internal;
  }
}
