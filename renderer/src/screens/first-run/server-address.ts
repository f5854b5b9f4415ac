/**
 * The address of the unit's server, checked before anything is sent: the same rule the desk applies when it
 * enrols (http or https, no user name or password, no query), so a typing mistake is caught next to the field
 * while the clerk is still on the first step, not after the administrator account has been created.
 */
import type { LocalizedText } from '../../../../shared/result';

export const badServerAddress: LocalizedText = {
  vi: 'Địa chỉ máy chủ không hợp lệ. Hãy nhập dạng http://10.0.0.5:8470 hoặc https://motcua.thanhha.gov.vn.',
  en: 'The server address is not valid. Type it like http://10.0.0.5:8470 or https://motcua.thanhha.gov.vn.',
};

export const missingEnrolmentCode: LocalizedText = {
  vi: 'Hãy nhập mã đăng ký quầy do quản trị hệ thống cấp.',
  en: 'Enter the desk enrolment code your administrator gave you.',
};

/** Null when the text is a usable server address, else what to tell the clerk. */
export function serverAddressProblem(text: string): LocalizedText | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return badServerAddress;
  }
  const usable = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password && !url.search;
  return usable ? null : badServerAddress;
}
