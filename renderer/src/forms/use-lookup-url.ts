/**
 * The public lookup address form 01 prints: the desk's own setting, else the one the district server hands down;
 * null prints none. Never the sync server's address: that may be a LAN or VPN address citizens cannot reach.
 *
 * Read again whenever the desk reads a new unit registry, which brings the district's address (sync/units.ts): a
 * clerk stays on the reception screen all day, and an address the district changes at noon (its old page retired)
 * must be on the afternoon's receipts, not only after the clerk next leaves the screen.
 */
import { useEffect } from 'react';
import { useDesk } from '../desk-context';
import { useDeskQuery } from '../components/use-desk-call';

export function usePublicLookupUrl(): string | null {
  const { onDeskEvent } = useDesk();
  const settings = useDeskQuery('settings.get', {});
  const { reload } = settings;
  useEffect(() => onDeskEvent((event) => void (event.type === 'units.changed' && reload())), [onDeskEvent, reload]);
  return settings.data?.publicLookupUrl ?? settings.data?.districtLookupUrl ?? null;
}
