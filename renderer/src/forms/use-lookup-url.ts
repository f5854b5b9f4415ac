/**
 * The public lookup address form 01 prints, from the desk setting an administrator sets; null prints none. Not the
 * sync server's address: that may be a LAN or VPN address citizens cannot reach.
 */
import { useDeskQuery } from '../components/use-desk-call';

export function usePublicLookupUrl(): string | null {
  const settings = useDeskQuery('settings.get', {});
  return settings.data?.publicLookupUrl ?? null;
}
