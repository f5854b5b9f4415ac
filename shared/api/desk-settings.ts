/** The desk's settings as the renderer reads and writes them; the desk stores one row per key. */
import { z } from 'zod';

/** Why a lookup address is refused, in both languages (api-messages turns the keys back into these). */
export const deskSettingsMessages = {
  'lookup_url.format': {
    vi: 'Địa chỉ tra cứu phải là địa chỉ web đầy đủ, không có dấu cách, bắt đầu bằng http:// hoặc https://, ví dụ https://dichvucong.haiduong.gov.vn/tra-cuu.',
    en: 'The lookup address must be a full web address without spaces, starting with http:// or https://, such as https://dichvucong.haiduong.gov.vn/tra-cuu.',
  },
  'lookup_url.credentials': {
    vi: 'Địa chỉ tra cứu được in cho công dân nên không được chứa tên đăng nhập hay mật khẩu.',
    en: 'The lookup address is printed for citizens, so it must not contain a user name or password.',
  },
} as const;

/**
 * The public status-lookup address printed on receipts. It is printed for anyone to read, so a user name or
 * password in it (https://user:pass@host/…) is refused rather than handed out on paper.
 */
export const publicLookupUrlSchema = z
  .string()
  .trim()
  .max(300)
  .pipe(z.url({ protocol: /^https?$/, error: 'lookup_url.format' }))
  .refine(typeableAddress, { error: 'lookup_url.format' })
  .refine(withoutCredentials, { error: 'lookup_url.credentials' });

/**
 * An address a citizen can type from the paper: no spaces (QA: "https://dịchvụcông.vn/tra cứu" was printed as
 * typed), and a host with a dot or an IPv6 address ("http://a" names no site on the citizen's phone).
 */
function typeableAddress(address: string): boolean {
  if (/\s/.test(address)) return false;
  try {
    const { hostname } = new URL(address);
    return hostname.includes('.') || hostname.startsWith('[');
  } catch {
    return false;
  }
}

function withoutCredentials(address: string): boolean {
  // Only reached with an address z.url accepted; the catch keeps a refusal a refusal should zod run it anyway.
  try {
    const url = new URL(address);
    return url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export const deskSettingsSchema = z.object({
  /** The folder the scanner saves into; the desk lists new files there for the clerk to attach. */
  scanInboxDir: z.string().trim().min(1).max(1000).nullable(),
  /** Take the automatic daily backup (kept 14 days). */
  dailyBackup: z.boolean(),
  /** "Due soon" means due within this many working hours. */
  dueSoonWorkingHours: z.number().int().min(1).max(80),
  /**
   * The public status-lookup address printed on receipts; null prints none. Set by an administrator, never taken
   * from the sync address, which may be a LAN or VPN address citizens cannot reach.
   */
  publicLookupUrl: publicLookupUrlSchema.nullable(),
  language: z.enum(['vi', 'en']),
});
export type DeskSettings = z.infer<typeof deskSettingsSchema>;

/** The settings as the desk shows them: its own, and what the district server hands down beside them. */
export interface DeskSettingsView extends DeskSettings {
  /**
   * The lookup address the district server hands down with its unit registry (`motcua server lookup-address`),
   * null when it hands none down; receipts print it while the desk's own `publicLookupUrl` is empty.
   */
  districtLookupUrl: string | null;
}

export const defaultDeskSettings: DeskSettings = {
  scanInboxDir: null,
  dailyBackup: true,
  dueSoonWorkingHours: 8,
  publicLookupUrl: null,
  language: 'vi',
};
