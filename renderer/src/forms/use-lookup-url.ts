/**
 * The public lookup address form 01 prints: the desk's own setting, else the one the district server hands down;
 * null prints none. Never the sync server's address: that may be a LAN or VPN address citizens cannot reach.
 */
import { useDeskQuery } from '../components/use-desk-call';

export function usePublicLookupUrl(): string | null {
  const settings = useDeskQuery('settings.get', {});
  return settings.data?.publicLookupUrl ?? settings.data?.districtLookupUrl ?? null;
}
