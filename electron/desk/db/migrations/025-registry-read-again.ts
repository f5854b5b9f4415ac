/**
 * The unit registry read once more after the upgrade that brought the district's lookup address with it
 * (GET /v1/units `lookupAddress`, sync/units.ts). A desk of the release before read the registry and dropped the
 * address it did not know; holding the server's version, it would not read it again until some unit changed, and
 * print no lookup address meanwhile. Forgetting the version held makes the next round read it: a few hundred bytes.
 * A desk that never enrolled has no row to forget.
 */
import type { Migration } from '../migrate';

export const registryReadAgain: Migration = {
  version: 25,
  name: '025-registry-read-again',
  up(db) {
    db.exec(`DELETE FROM sync_meta WHERE key = 'unitsVersion'`);
  },
};
