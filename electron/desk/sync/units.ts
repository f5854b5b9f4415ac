/**
 * The district's unit registry comes down from the server, read-only on the desk (units/desk-units.ts). Every pull
 * page and /v1/time state the registry's version, as they do the catalog's, so a desk on 2G learns of a unit added
 * or renamed for a few bytes a round and fetches the (small) list only then; at enrolment it is fetched at once.
 * The district's public lookup address, which its desks print on receipts, comes with it (its change moves the
 * same version on).
 */
import { unitsResponseSchema, type UnitsResponse } from '../../../shared/sync/messages';
import type { Desk } from '../desk';
import { replaceServerUnits } from '../units/desk-units';
import type { SyncMeta } from './sync-meta';
import type { DeviceCredentials, SyncTransport } from './transport';

/**
 * Whether the registry must be read: never read yet, or the server states another version than the one held
 * (another, not a higher one: a server restored from a backup may state a lower one).
 */
export function unitsOutdated(meta: SyncMeta, serverVersion: number | undefined): boolean {
  const held = meta.unitsVersion;
  return held === null || (serverVersion !== undefined && serverVersion !== held);
}

/** Reads the registry and stores it with its version in one transaction. */
export async function fetchUnits(
  desk: Desk,
  meta: SyncMeta,
  transport: SyncTransport,
  credentials: DeviceCredentials,
): Promise<void> {
  const response = await transport.request({ method: 'GET', path: 'v1/units', credentials, schema: unitsResponseSchema });
  holdRegistry(desk, meta, response.body);
}

/**
 * Stores a registry read from the server (units, lookup address, version) in one transaction, and tells the
 * screens. `alongside` runs in the same transaction (a change of server address).
 */
export function holdRegistry(desk: Desk, meta: SyncMeta, registry: UnitsResponse, alongside?: () => void): void {
  desk.db.transaction(() => {
    alongside?.();
    replaceServerUnits(desk.db, registry.units);
    desk.settings.setDistrictLookupUrl(registry.lookupAddress ?? null);
    meta.unitsVersion = registry.version ?? 0;
  })();
  desk.notifications.emit({ type: 'units.changed', data: { source: 'server' } });
}
