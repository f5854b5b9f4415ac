/**
 * Search by ID number goes through the search index, which already holds every applicant's ID number as a word
 * (projections/dossier-row.ts, searchTextOf), and the column's own index goes. ID numbers come in no order, so
 * each reception wrote its entry into a random page of that index. An index built whole (the bench's store, a desk
 * after its first pull or a restore) has its pages full, so nearly every reception split one: three or four pages
 * more to write and sync, and about 0.6 ms of the desk's CPU (desk benchmark, 500,000 dossiers: reception p50
 * 3.6–4.3 ms with it, 2.7–2.9 ms without). Through the search index an ID number is found in about a millisecond.
 */
import type { Migration } from '../migrate';

export const idNumberBySearchIndex: Migration = {
  version: 10,
  name: '010-id-number-by-search-index',
  up(db) {
    db.exec('DROP INDEX dossiers_id_number');
  },
};
