/**
 * FTS5 merges its index segments inside the writing transaction by default ('automerge'): every 64 leaf pages
 * written, the reception that crosses the line merges 64 × (number of levels) pages of old segments, and when a
 * merge reaches a prefix term such as "n" (hundreds of thousands of dossiers) it writes that term's whole list at
 * once. At 500,000 dossiers that put 60–600 ms into one reception in every few dozen. Merging is moved to the
 * desk's idle time (projections/search-index-upkeep); a reception only adds its own small segment. The
 * 'crisismerge' safety net (16 segments on one level) stays, so a desk that is never idle still merges, cheaply,
 * at the smallest levels.
 */
import type { Migration } from '../migrate';

export const searchMergeWhenIdle: Migration = {
  version: 4,
  name: '004-search-merge-when-idle',
  up(db) {
    db.exec("INSERT INTO dossier_search (dossier_search, rank) VALUES ('automerge', 0)");
  },
};
