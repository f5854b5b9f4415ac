/**
 * The district's unit registry as the server holds it (GET /v1/units), kept on the desk so the names it prints on
 * receipts and the units its reports offer come from the district, offline too. Empty on a desk that never
 * enrolled: that one keeps the seed tree (units/desk-units.ts). Replaced whole each time the server’s version moves.
 * IF NOT EXISTS: the upgrade tests replay later migrations on stores that already have them.
 */
import type { Migration } from '../migrate';

export const serverUnits: Migration = {
  version: 15,
  name: '015-server-units',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS server_units (
        code        TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        level       TEXT NOT NULL,
        parent_code TEXT
      );
    `);
  },
};
