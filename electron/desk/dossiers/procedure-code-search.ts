/**
 * Search by a procedure's national code, typed whole (`1.001193.000.00.00.H56`) or as its leading part from the short
 * code on (`1.001193`, `1.001193.000.0`): the search box says it searches by procedure, and a code is what a clerk
 * copies from the catalog or the portal. The search text holds the procedure's name, not its code, and its index
 * would take the code for the words "1" and "001193…" anywhere. The dossiers are read through the procedure's own
 * index (`dossiers_procedure_received`, the list's procedure filter) as the range of codes that start with what was
 * typed: about 12,000 `seq` for one procedure of the benchmark's 500,000 dossiers, from the index alone, then the
 * rows newest first until the limit. Measured on that dataset (warm): 2–3 ms for 200 rows, alone or under a status
 * most of them have; about 30 ms under a filter that keeps few of them, whose check reads every row of the procedure.
 */
import { PROCEDURE_CODE_PATTERN } from '../../../shared/domain/procedure';
import type { Db } from '../db/open-database';
import { dossierIndexesSuspended } from '../db/index-suspension';
import { SUMMARY_COLUMNS, type SummaryRow } from './summary';

/** A full code, any one: what was typed is the start of a code when this one's rest completes it into a code. */
const FULL_CODE = '1.001193.000.00.00.H56';
/** The short code (`1.001193`): a shorter start would take the dossiers of dozens of procedures. */
const SHORT_CODE_LENGTH = '9.999999'.length;

/** The start of a procedure code the clerk typed, in capitals; null when the query is not one. */
export function procedureCodeStart(query: string): string | null {
  const typed = query.trim().toUpperCase();
  if (typed.length < SHORT_CODE_LENGTH) return null;
  return PROCEDURE_CODE_PATTERN.test(typed + FULL_CODE.slice(typed.length)) ? typed : null;
}

/**
 * The newest `limit` dossiers whose procedure code starts with `start`, among those the conditions keep. The codes
 * are ASCII, so those starting with `start` are the ones from it up to the same text with its last character the
 * next one. The outer read is by `seq` alone (NOT INDEXED): SQLite keeps the procedure's `seq` in order and reads
 * the rows newest first, stopping at the limit, rather than taking a filter's index (a status holds most of a
 * district's dossiers). The index is not named while a first pull has it dropped.
 */
export function procedureCodeMatches(db: Db, start: string, only: { where: readonly string[]; params: readonly unknown[] }, limit: number): SummaryRow[] {
  const end = start.slice(0, -1) + String.fromCharCode(start.charCodeAt(start.length - 1) + 1);
  const index = dossierIndexesSuspended(db) ? '' : 'INDEXED BY dossiers_procedure_received';
  const where = [`seq IN (SELECT seq FROM dossiers ${index} WHERE procedure_code >= ? AND procedure_code < ?)`, ...only.where];
  return db
    .prepare<unknown[], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM dossiers NOT INDEXED WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`)
    .all(start, end, ...only.params, limit);
}
