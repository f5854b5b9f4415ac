/**
 * The desk's report facts, derived inside SQLite from the `dossiers` projection's folded state, so the table
 * follows every write the projector makes (insert, refold, rebuild) without the projector knowing about reports.
 * The expressions mirror `reportFactOf` (shared/reports/facts.ts); tests/reports/desk-facts.test.ts holds them
 * equal on random dossiers. Instants in the state are written with +07:00, so their first ten characters are
 * the Vietnam date.
 */
import { reportFactColumns } from '../../../shared/reports/facts';

export const DESK_FACTS_TABLE = 'report_facts';

const day = (instant: string) => `CAST(replace(substr(${instant}, 1, 10), '-', '') AS INTEGER)`;
const field = (source: string, path: string) => `json_extract(${source}.state, '$.${path}')`;

/** `SELECT <fact columns>` for the trigger's `new` row, or for every row of the table `source` (a backfill). */
export function factSelectSql(source: string): string {
  const raw = `SELECT ${source}.id AS id, ${source}.code AS code, ${source}.unit_code AS unit_code,
      ${source}.procedure_code AS procedure_code, ${source}.channel AS channel, ${source}.status AS status,
      ${field(source, 'receivedAt')} AS received_at,
      coalesce(${field(source, 'originalDueAt')}, ${field(source, 'dueAt')}) AS due_at,
      ${field(source, 'resolvedAt')} AS resolved_at,
      ${field(source, 'returnedAt')} AS returned_at,
      coalesce(${field(source, 'closedAt')}, ${field(source, 'lastEventAt')}) AS closed_at,
      coalesce(${field(source, 'refusedAt')}, ${field(source, 'closedAt')}) AS refused_at,
      ${field(source, 'pausedAt')} AS paused_at,
      CASE WHEN ${field(source, 'componentsDigitised')} THEN 1 ELSE 0 END AS components_digitised,
      CASE WHEN ${field(source, 'resultDigitised')} THEN 1 ELSE 0 END AS result_digitised
    ${source === 'new' ? '' : `FROM ${source}`}`;
  const days = `SELECT r.*, ${day('received_at')} AS received_day, ${day('due_at')} AS legal_due_day,
      ${day('resolved_at')} AS resolved_day, ${day('returned_at')} AS returned_day,
      CASE WHEN status = 7 THEN ${day('closed_at')} END AS withdrawn_day,
      CASE WHEN status = 8 THEN ${day('closed_at')} END AS stopped_day,
      CASE WHEN status = 3 THEN ${day('refused_at')} END AS refused_day,
      ${day('paused_at')} AS paused_day
    FROM (${raw}) AS r`;
  const finished = 'coalesce(d.resolved_day, d.withdrawn_day, d.stopped_day)';
  return `SELECT d.id, d.code, d.unit_code, d.procedure_code, d.channel, d.status,
      d.received_day,
      CASE WHEN d.received_day IS NOT NULL AND strftime('%w', substr(d.received_at, 1, 10)) = '5' THEN 1 ELSE 0 END,
      d.legal_due_day, d.resolved_day, d.returned_day, d.withdrawn_day, d.stopped_day, d.refused_day,
      ${finished},
      d.paused_day,
      CASE WHEN d.received_day IS NOT NULL THEN d.received_day ELSE d.refused_day END,
      CASE WHEN d.received_day IS NOT NULL THEN
             CASE WHEN ${finished} IS NULL THEN 99991231 ELSE max(${finished}, coalesce(d.returned_day, 0)) END
           ELSE d.refused_day END,
      d.components_digitised, d.result_digitised
    FROM (${days}) AS d`;
}

export const factInsertSql = (source: string): string =>
  `INSERT OR REPLACE INTO ${DESK_FACTS_TABLE} (${reportFactColumns.join(', ')}) ${factSelectSql(source)}`;
