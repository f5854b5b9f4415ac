/**
 * The desk's own layer of the working calendar (the unit's office hours and its own days off and make-up days),
 * kept apart from `calendar_config` so a newer document from the server replaces the server's layer only.
 */
import type { Migration } from '../migrate';

export const localCalendar: Migration = {
  version: 6,
  name: '006-local-calendar',
  up(db) {
    db.exec(`
      CREATE TABLE calendar_local (
        singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
        data            TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        updated_by_id   TEXT NOT NULL,
        updated_by_name TEXT NOT NULL
      );
    `);
  },
};
