/**
 * Reading dossiers: the filtered, sorted list (every filter has an index), search over folded text with a
 * shortcut for an exact dossier code, the detail with its timeline, and today's Friday queue.
 * Views of personal data are written to the audit trail.
 */
import { appFailure } from '../../../shared/result';
import { allowedEventTypes } from '../../../shared/domain/lifecycle';
import { normalisePhone } from '../../../shared/domain/phone';
// A CCCD typed whole is searched as a whole word of the text, and named apart in the audit trail.
import { CCCD_PATTERN as CCCD, PASSPORT_PATTERN } from '../../../shared/domain/applicant';
import { isDossierCodePiece, parseDossierCode } from '../../../shared/domain/dossier-code';
import { DossierStatus, dossierStatuses } from '../../../shared/domain/dossier';
import { foldText } from '../../../shared/text/fold';
import { fromVnLocal, vnEpochDay, vnParts } from '../../../shared/calendar/vn-time';
import type { DossierDetail, DossierPage, DossierSummary, SyncProblemsView, TimelineEntry } from '../../../shared/api/dossier-views';
import { searchFilterAuditNames, type GetDossierInput, type ListInput, type SearchInput } from '../../../shared/api/dossier-inputs';
import type { Desk, DeskStore } from '../desk';
import { CLOCK_RESTARTED_AT_SQL, clockStartedAt, dueSoonUntilMs, PAUSED_LATE_SQL, RUNNING_STATUSES, SUMMARY_COLUMNS, summaryOf, type SummaryRow } from './summary';
import { ON_HOLD_STATUSES } from '../../../shared/domain/lifecycle';
import { searchAmong, searchUnindexed, searchWords, type SearchTerms } from './unindexed-search';
import { procedureCodeMatches, procedureCodeStart } from './procedure-code-search';
import { SPELLED_WINDOW, spelledAmong, spelledTerms } from './spelled-first';
import { conflictChoices, deedsAdopted } from './conflict-choices';
import { deedsNotApplied } from './deeds-not-applied';
import { SYNC_PROBLEMS_TARGET } from '../audit/audit-trail';
import { readSyncProblems } from './sync-problems';
import { dossierIndexesSuspended } from '../db/index-suspension';
import { searchIndexedTo } from '../db/search-index-mark';

/**
 * Overdue (among the statuses OVERDUE_STATUSES, which are the caller's): a running dossier past the appointment the
 * citizen holds, or, once re-appointed (form 04), past the day of its first appointment; or one paused only after
 * its due, as the reports count them ("Đang giải quyết quá hạn").
 * Parameters: now, then the start of today (Vietnam); a day passed means its date is before today's. The second
 * branch reads the few re-appointed rows still running through their partial index (migration 016), not the whole
 * table.
 */
const FIRST_APPOINTMENT_MS_SQL = "unixepoch(json_extract(state, '$.originalDueAt')) * 1000";
/** A running re-appointed dossier whose first appointment's day has passed (parameter: the start of today). */
const PAST_FIRST_APPOINTMENT_SQL = `seq IN (SELECT seq FROM dossiers WHERE reappointed = 1 AND status IN (${RUNNING_STATUSES.join(', ')})
  AND ${FIRST_APPOINTMENT_MS_SQL} < ?)`;
/**
 * A dossier whose supplement or fees were asked for after its legal due instant: few rows, read from their partial
 * index (migration 019; a first pull's suspension keeps partial indexes). Named: on a desk's statistics SQLite took
 * the status index instead and parsed every paused row's state, in each branch of a list.
 */
const PAUSED_LATE_ROWS_SQL = `seq IN (SELECT seq FROM dossiers INDEXED BY dossiers_paused_late WHERE status IN (${ON_HOLD_STATUSES.join(', ')}) AND ${PAUSED_LATE_SQL})`;
const OVERDUE_SQL = `(status IN (${RUNNING_STATUSES.join(', ')}) AND due_ms < ? OR ${PAST_FIRST_APPOINTMENT_SQL} OR ${PAUSED_LATE_ROWS_SQL})`;
/** The statuses a due filter keeps: overdue also keeps the paused ones whose pause came too late to stop the clock. */
const OVERDUE_STATUSES: readonly number[] = [...RUNNING_STATUSES, ...ON_HOLD_STATUSES];
const dueStatuses = (due: NonNullable<ListInput['due']>): readonly number[] => (due === 'overdue' ? OVERDUE_STATUSES : RUNNING_STATUSES);
const narrowedToDue = (chosen: readonly number[] | undefined, due: NonNullable<ListInput['due']>): number[] =>
  (chosen ?? dueStatuses(due)).filter((s) => dueStatuses(due).includes(s));

const SORTS: Record<ListInput['sort'], string> = {
  received_desc: 'received_ms DESC, seq DESC',
  received_asc: 'received_ms ASC, seq ASC',
  // Only with a due filter, whose rows all have a due date; without one, "nearest deadline first" is dueFirstPage.
  due_asc: 'due_ms ASC, seq ASC',
  due_desc: 'due_ms DESC, seq DESC',
};

/**
 * "Nearest deadline first" reads in three groups: the dossiers whose deadline is running (overdue at the top), then
 * the others by their due date (paused, finished), then those that never had one (refused, not yet received). The
 * clerk who picks it wants what is due next, not the dossiers whose deadline passed long after they were returned;
 * and each group reads its index in order (`due_ms IS NULL` in one ORDER BY made SQLite sort every row: 150 ms at
 * 500,000 dossiers).
 */
const DUE_FIRST_GROUPS = [
  { running: true, condition: 'due_ms IS NOT NULL', order: 'due_ms ASC, seq ASC' },
  { running: false, condition: 'due_ms IS NOT NULL', order: 'due_ms ASC, seq ASC' },
  { running: null, condition: 'due_ms IS NULL', order: 'seq ASC' },
] as const;

/** Dossiers that leave the Friday board: refused at the counter, withdrawn or stopped; nothing is left to return. */
const OFF_FRIDAY_BOARD: readonly number[] = [DossierStatus.NotReceived, DossierStatus.Withdrawn, DossierStatus.Stopped];
/** The others, named one by one so that a query reads the (status, due_ms) index for each. */
const ON_FRIDAY_BOARD = dossierStatuses.filter((s) => !OFF_FRIDAY_BOARD.includes(s));


/**
 * A phone number in any of the forms reception accepts ("+84 987 654 321", "0987.654.321", "(024) 3825 1234") as it
 * is stored (the national form), and a CCCD typed in groups ("001 090 012345", "001-090-012345") as its 12 digits; any
 * other query as typed.
 */
function numberAsStored(query: string): string {
  // A passport's number typed as printed ("C 123 4567", "b12-345-678"): as the reception stored it. One or two
  // letters: digits alone are a code's end, a phone or a CCCD in groups (below), and more letters a name and a number
  // ("nguyen 123456"), two words.
  const compact = query.replace(/[\s-]/g, '').toUpperCase();
  const letters = (compact.match(/[A-Z]/g) ?? []).length;
  // Not a piece of a dossier code ("H56-261127-100"), searched as one.
  if (compact !== query && letters >= 1 && letters <= 2 && PASSPORT_PATTERN.test(compact) && !isDossierCodePiece(query)) return compact;
  if (!/^[+(\d][\d\s.\-()]*$/.test(query)) return query;
  // A phone first: "84 24 3825 1234" has twelve digits, like a CCCD, and is a landline.
  const phone = normalisePhone(query);
  if (phone !== null) return phone;
  const digits = query.replace(/[\s.-]/g, '');
  return CCCD.test(digits) ? digits : query;
}

/** Start of a Vietnam day (`YYYY-MM-DD`), in ms. */
const dayStartMs = (date: string): number => fromVnLocal(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))).getTime();
const DAY_MS = 86_400_000;
/** Re-reads of a dossier by the same person within this time are one view in the audit trail. */
const VIEW_WINDOW_MS = 10 * 60_000;

export interface DueCounts {
  overdue: number;
  dueToday: number;
  dueSoon: number;
}

/**
 * A row's sync state as conditions, with the precedence of summary.ts (conflict, then quarantined, then pending);
 * every state but `synced` has a partial index (desk migrations 008 and 009).
 */
const SYNC_STATE = {
  conflict: ['in_conflict = 1'],
  quarantined: ['in_conflict = 0', 'quarantined_events > 0'],
  pending: ['in_conflict = 0', 'quarantined_events = 0', 'pending_events > 0'],
  synced: ['in_conflict = 0', 'quarantined_events = 0', 'pending_events = 0'],
} as const;
const NOT_SYNCED = ['conflict', 'quarantined', 'pending'] as const;

/**
 * A list without a status filter sorted by due date, last first, which no index of its own gives: the desk keeps no
 * index on the due date alone (migration 013); it is read one `(status, due_ms)` branch per status, merged.
 * Filters with an index of their own (the procedure's, the channel's, the partial indexes of the sync states) are
 * read from it.
 */
function readByStatus(input: ListInput): boolean {
  if (input.procedureCode || input.channel || input.inConflict === true || (input.syncState && input.syncState !== 'synced')) return false;
  return input.sort === 'due_desc';
}

/** Conditions on a dossier row and their parameters, in order. */
interface Conditions {
  where: string[];
  params: unknown[];
}

/**
 * A search's filters as conditions (DossierQueries.searchFilters), with the ways an index can read what they keep:
 * by the indexed filters together, or by a status that is otherwise only checked (it takes no parameters).
 */
interface SearchConditions extends Conditions {
  indexed: Conditions | null;
  status: Conditions | null;
}

/** The list's filters that are plain conditions on a row: what the list and the search both apply. */
type NarrowingFilters = Pick<ListInput, 'procedureCode' | 'field' | 'channel' | 'inConflict' | 'syncState' | 'receivedFrom' | 'receivedTo'>;

/**
 * Adds the narrowing filters' conditions. `synced` is left to the caller: the list counts it apart (see list), the
 * search adds its conditions itself.
 */
function narrowBy(input: NarrowingFilters, where: string[], params: unknown[]): void {
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (input.procedureCode) add('procedure_code = ?', input.procedureCode);
  if (input.field) add('field = ?', input.field);
  if (input.channel) add('channel = ?', input.channel);
  if (input.inConflict !== undefined) add('in_conflict = ?', input.inConflict ? 1 : 0);
  if (input.syncState && input.syncState !== 'synced') where.push(...SYNC_STATE[input.syncState]);
  if (input.receivedFrom) add('received_ms >= ?', dayStartMs(input.receivedFrom));
  if (input.receivedTo) add('received_ms < ?', dayStartMs(input.receivedTo) + DAY_MS);
}

/**
 * How a search under the list's filters reads, by how many dossiers the filters keep (DossierQueries.
 * filteredMatches). Measured on the desk benchmark's 500,000 dossiers (a procedure keeps about 12,000, a status
 * from 300 to 458,000):
 * - up to FEW_FILTERED, their rows are read and checked for the words: 1,700 rows took 18 ms, but a procedure's
 *   12,000 took 57–70 ms, each row a page of the file;
 * - up to MANY_FILTERED, the search index's matches are kept when their `seq` is among those the filters' own index
 *   gives (only the kept matches' rows are read, and only for a condition that index did not cover): 21–23 ms at
 *   p95 for a name under a status or a procedure of about 10,000 dossiers;
 * - beyond, the index's matches are read newest first with their rows, each checked against the filters: a filter
 *   that keeps one dossier in ten reads about ten rows a result, where a list of its `seq` would be 50,000 long.
 *   Under a status of 4,900 dossiers this way read one row after another for a common name (up to 100 ms).
 */
export const FEW_FILTERED = 2_000;
export const MANY_FILTERED = 50_000;

/**
 * The search index's matches under a search's filters, newest first: the query and its parameters after the words,
 * before the limit.
 * - By a `seq` list (`reader`: the conditions an index reads, FEW_FILTERED): a match is kept when its `seq` is among
 *   those the reader gives (`+rowid`: a check on each match; as a constraint, the index would be searched once per
 *   `seq`), and the other conditions are checked on the rows of those matches alone.
 * - Without (`reader` null): each match's row is read and checked. CROSS JOIN keeps the matches the outer loop; the
 *   other way round, SQLite would ask the index about every row the filters keep.
 */
function filteredIndexQuery(filters: Conditions, reader: Conditions | null): { sql: string; params: unknown[] } {
  const joined = 'SELECT dossier_search.rowid FROM dossier_search CROSS JOIN dossiers ON dossiers.seq = dossier_search.rowid WHERE dossier_search MATCH ?';
  const order = 'ORDER BY dossier_search.rowid DESC LIMIT ?';
  const all = filters.where.join(' AND ');
  if (!reader) return { sql: `${joined} AND ${all} ${order}`, params: filters.params };
  const list = `+dossier_search.rowid IN (SELECT seq FROM dossiers WHERE ${reader.where.join(' AND ')})`;
  // The reader is every condition: no row needs reading.
  if (reader.where.length === filters.where.length) return { sql: `SELECT dossier_search.rowid FROM dossier_search WHERE dossier_search MATCH ? AND ${list} ${order}`, params: reader.params };
  return { sql: `${joined} AND ${list} AND ${all} ${order}`, params: [...reader.params, ...filters.params] };
}

export class DossierQueries {
  constructor(
    private readonly store: DeskStore,
    private readonly desk: Desk,
  ) {}

  /** FEW_FILTERED and MANY_FILTERED; the tests lower them to take each way with a few dozen dossiers. */
  fewFiltered = FEW_FILTERED;
  manyFiltered = MANY_FILTERED;

  /** Per session (its user object), when each dossier's view was last recorded (see viewedRecently). */
  private readonly lastViews = new WeakMap<object, Map<string, number>>();

  private get nowMs(): number {
    return this.desk.clock.now().getTime();
  }

  /** The instant "due soon" reaches: the configured number of working hours from now. */
  /** List rows as the renderer shows them, "due soon" by one horizon for the page. */
  private summaries(rows: readonly SummaryRow[], nowMs: number): DossierSummary[] {
    const soonUntil = this.soonHorizonMs();
    const calendar = this.store.calendar.working();
    return rows.map((r) => summaryOf(r, nowMs, calendar, soonUntil));
  }

  private soonHorizonMs(): number {
    return dueSoonUntilMs(this.store, this.desk.clock.now());
  }

  /** A due filter's range; its statuses (the running ones) are the caller's. */
  private dueClause(due: NonNullable<ListInput['due']>, where: string[], params: unknown[]): void {
    const now = this.nowMs;
    if (due === 'overdue') {
      where.push(OVERDUE_SQL);
      params.push(now, dayStartMs(this.desk.clock.today()));
    } else if (due === 'today') {
      const start = dayStartMs(this.desk.clock.today());
      where.push('due_ms >= ?', 'due_ms < ?');
      params.push(start, start + DAY_MS);
    } else {
      where.push('due_ms >= ?', 'due_ms <= ?');
      params.push(now, this.soonHorizonMs());
    }
  }

  list(input: ListInput): DossierPage {
    // The statuses asked for: those chosen, narrowed by a due filter to those its deadline runs in (dueStatuses).
    const statuses = input.due ? narrowedToDue(input.status, input.due) : input.status;
    if (statuses?.length === 0) return { items: [], total: 0, nextCursor: null };
    const branches = statuses ?? (readByStatus(input) ? dossierStatuses : undefined);
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.due) this.dueClause(input.due, where, params);
    narrowBy(input, where, params);
    const inStatus = statuses ? `status IN (${statuses.join(', ')})` : null;
    // Counted beside a procedure or an unsynced state, a status that keeps more than they do is only checked. SQLite's
    // sampled statistics took one status for as narrow as a procedure, and counted a procedure under "Đã trả kết quả"
    // (most of a district's dossiers) by reading that whole status: 1.0–1.1 s at 500,000 dossiers, 45–75 ms by the
    // procedure's index. Which keeps more is counted from each one's index, the status no further than the other
    // (a few ms); a rare status is still read by its own index (1 ms). Beside dates or a field the status has its
    // composite indexes, and a channel is no narrower than a status.
    const unsynced = input.syncState !== undefined && input.syncState !== 'synced';
    const others = inStatus && !input.due && (input.procedureCode !== undefined || unsynced) ? this.keptAtMost(where, params, MANY_FILTERED) : null;
    const checkedOnly = inStatus !== null && others !== null && this.keptAtMost([inStatus], [], others) > others;
    const counted = (conditions: string[]) => (inStatus ? [`${checkedOnly ? '+' : ''}${inStatus}`, ...conditions] : conditions);
    const count = (conditions: string[]) => this.countOf(counted(conditions), params);
    // Synced rows are counted as all the rows less the three other states, each in a small partial index: counting
    // them directly reads nearly every row of a synced desk (0.7 s at 500,000 dossiers).
    const syncedTotal =
      input.syncState === 'synced'
        ? count(where) - NOT_SYNCED.reduce((n, state) => n + count([...where, ...SYNC_STATE[state]]), 0)
        : null;
    if (input.syncState === 'synced') where.push(...SYNC_STATE.synced);
    const offset = input.cursor ? Number(input.cursor) : 0;
    // Past the last synced row there is nothing to read; on a desk that never synced, looking for the first synced
    // row in date order would walk every row (about 1 s at 500,000 dossiers).
    const rows = syncedTotal !== null && offset >= syncedTotal ? [] : this.page(input, branches, where, params, offset);
    const total = syncedTotal ?? count(where);
    const now = this.nowMs;
    const next = offset + rows.length;
    return { items: this.summaries(rows, now), total, nextCursor: next < total && rows.length > 0 ? String(next) : null };
  }

  /** One page: the statuses one branch each, merged in the list's order; or, when another filter's index serves it, one read. */
  private page(input: ListInput, branches: readonly number[] | undefined, where: string[], params: unknown[], offset: number): SummaryRow[] {
    // A due filter keeps dossiers whose deadline runs (or ran out before a late pause) only: one order by due date.
    if (input.sort === 'due_asc' && !input.due) return this.dueFirstPage(branches ?? dossierStatuses, where, params, offset, input.limit);
    if (!branches) return this.rows(where, params, SORTS[input.sort], offset, input.limit);
    return this.byStatus(branches, where, params, SORTS[input.sort], offset, input.limit);
  }

  private rows(where: string[], params: unknown[], order: string, offset: number, limit: number): SummaryRow[] {
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.store.db
      .prepare<unknown[], SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS}, seq, received_ms FROM dossiers ${this.statusDateIndex(where, order)} ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset);
  }

  /**
   * One status, in date order, filtered by nothing but dates ("Đã trả kết quả" in 2025): read in its `(status,
   * received_ms)` index, from the page's end, 50 rows. With the statistics a real desk gathers (nine dossiers in ten
   * returned), SQLite preferred a skip-scan of the field index and sorted every match of the year: 22 ms instead
   * of 1 ms at 500,000 dossiers (bench: "list first page"). Not while a first pull has the index dropped.
   */
  private statusDateIndex(where: readonly string[], order: string): string {
    const onlyStatusAndDates = where[0] === 'status = ?' && where.slice(1).every((c) => c.startsWith('received_ms '));
    if (!order.startsWith('received_ms') || !onlyStatusAndDates) return '';
    // While suspended (and while they come back one by one) the index may be missing: naming it would be an error.
    return dossierIndexesSuspended(this.store.db) ? '' : 'INDEXED BY dossiers_status_received';
  }

  /**
   * Several statuses: each read in its `(status, …)` index up to the page's end, one branch per status, and merged;
   * SQLite would otherwise gather every matching row and sort them all for 50. The branches read only the sort keys
   * (`seq` is the rowid, the date is in the index), so a deep page does not read the rows it skips; the page's own
   * rows are read last.
   */
  private byStatus(statuses: readonly number[], rest: string[], restParams: unknown[], order: string, offset: number, limit: number): SummaryRow[] {
    if (statuses.length === 1) return this.rows(['status = ?', ...rest], [statuses[0], ...restParams], order, offset, limit);
    const keys = order.startsWith('received_ms') ? 'seq, received_ms' : 'seq, due_ms';
    const conditions = ['status = ?', ...rest];
    const branch = `SELECT * FROM (SELECT ${keys} FROM dossiers ${this.statusDateIndex(conditions, order)} WHERE ${conditions.join(' AND ')} ORDER BY ${order} LIMIT ?)`;
    const page = `SELECT seq FROM (${statuses.map(() => branch).join(' UNION ALL ')}) ORDER BY ${order} LIMIT ? OFFSET ?`;
    const sql = `SELECT ${SUMMARY_COLUMNS}, seq, received_ms FROM dossiers WHERE seq IN (${page}) ORDER BY ${order}`;
    const branchParams = statuses.flatMap((status) => [status, ...restParams, offset + limit]);
    return this.store.db.prepare<unknown[], SummaryRow>(sql).all(...branchParams, limit, offset);
  }

  /**
   * A page of "nearest deadline first" (DUE_FIRST_GROUPS): the groups one after the other. A group is counted only
   * when the page starts past it, so the first page reads no more than its rows.
   */
  private dueFirstPage(chosen: readonly number[], rest: string[], restParams: unknown[], offset: number, limit: number): SummaryRow[] {
    const out: SummaryRow[] = [];
    let skip = offset;
    for (const group of DUE_FIRST_GROUPS) {
      const statuses = group.running === null ? chosen : chosen.filter((s) => RUNNING_STATUSES.includes(s) === group.running);
      if (statuses.length === 0) continue;
      const conditions = [group.condition, ...rest];
      // Rows without a due date are few (refused, not yet received): one read over the chosen statuses.
      const rows =
        group.running === null
          ? this.rows([`status IN (${statuses.join(', ')})`, ...conditions], restParams, group.order, skip, limit - out.length)
          : this.byStatus(statuses, conditions, restParams, group.order, skip, limit - out.length);
      if (rows.length === 0 && skip > 0) skip = Math.max(0, skip - this.countOf([`status IN (${statuses.join(', ')})`, ...conditions], restParams));
      else skip = 0;
      out.push(...rows);
      if (out.length === limit) break;
    }
    return out;
  }

  /** How many dossiers the conditions keep, counted no further than one more than `atMost`. */
  private keptAtMost(where: string[], params: unknown[], atMost: number): number {
    return this.store.db
      .prepare<unknown[], number>(`SELECT count(*) FROM (SELECT 1 FROM dossiers WHERE ${where.join(' AND ')} LIMIT ?)`)
      .pluck()
      .get(...params, atMost + 1)!;
  }

  private countOf(where: string[], params: unknown[]): number {
    return this.store.db
      .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM dossiers ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`)
      .get(...params)!.n;
  }

  /**
   * Search as the clerk types. A whole dossier code goes straight to its index, and a procedure's code, whole or its
   * start, to the procedure's (procedure-code-search.ts); anything else, a 12-digit ID number included, is folded (no
   * diacritics, đ → d), and the words typed must be whole words of the dossier's text, except the last, which may be
   * the start of one (not for a whole ID number: that one is matched exactly, as the column index did). An ID number
   * is one word of that text: the search index finds it as fast as a column index would, and receptions do not pay
   * for a second index (migration 010). Newest first; typed with diacritics, the dossiers whose names are so spelled
   * before the others ("Đạt" before "đất", spelled-first.ts). A due filter keeps the dossiers the list keeps for it, before
   * the limit: "Nguyễn Văn A" due today is found among a thousand other Nguyễn Văn A's.
   */
  search(input: SearchInput): DossierSummary[] {
    const db = this.store.db;
    const now = this.nowMs;
    const query = numberAsStored(input.query.trim());
    const code = parseDossierCode(query.toUpperCase());
    const filters = this.searchFilters(input);
    const procedureCode = procedureCodeStart(input.query);
    let rows: SummaryRow[];
    let kind: 'code' | 'code_part' | 'id_number' | 'procedure_code' | 'text';
    if (procedureCode !== null) {
      kind = 'procedure_code';
      rows = filters ? procedureCodeMatches(db, procedureCode, filters, input.limit) : [];
    } else if (code.ok) {
      kind = 'code';
      const where = ['code = ?', ...(filters?.where ?? [])];
      rows = filters
        ? db
            .prepare<unknown[], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM dossiers WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`)
            .all(query.toUpperCase(), ...filters.params, input.limit)
        : [];
      if (filters && rows.length === 0) rows = this.byVoidedCode(query.toUpperCase(), filters);
    } else {
      // A piece of a code is found through the words of the code in the search text, but the clerk searched by
      // code, and the audit line says so.
      kind = CCCD.test(query) ? 'id_number' : isDossierCodePiece(query) ? 'code_part' : 'text';
      // Only letters and digits reach FTS5: its query syntax never sees the clerk's quotes or operators. The words
      // typed are whole words except the last, which the clerk may still be typing (a prefix on every word makes a
      // common name ten times slower over 500,000 dossiers); a whole ID number is typed out, and matched exactly.
      const words = searchWords(foldText(query)).slice(0, 12);
      if (words.length === 0) return [];
      const terms = { words, lastIsPrefix: kind !== 'id_number' };
      // Typed with its marks, the spelled matches come first (spelled-first.ts): more are read to find them.
      const spelled = spelledTerms(query, terms.lastIsPrefix);
      const read = spelled ? Math.max(input.limit, SPELLED_WINDOW) : input.limit;
      let seqs: number[] = [];
      if (filters?.where.length === 0) seqs = this.textMatches(terms, read);
      else if (filters && input.due) seqs = this.dueMatches(terms, filters, read);
      else if (filters) seqs = this.filteredMatches(terms, filters, read);
      const first = spelled ? spelledAmong(db, seqs, spelled) : [];
      if (first.length > 0) {
        const firstSet = new Set(first);
        seqs = [...first, ...seqs.filter((seq) => !firstSet.has(seq))];
      }
      const shown = JSON.stringify(seqs.slice(0, input.limit));
      // In the order found: newest first, or the spelled ones first (each in its order) and then the rest.
      rows = db
        .prepare<[string], SummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM (SELECT key AS place, value AS place_seq FROM json_each(?)) AS shown
           CROSS JOIN dossiers ON dossiers.seq = shown.place_seq ORDER BY shown.place`,
        )
        .all(shown);
    }
    // Which list filters the search ran under, by name; never the text typed, nor the values chosen.
    const named = Object.values(searchFilterAuditNames)
      .filter(({ inputs }) => inputs.some((key) => input[key] !== undefined))
      .map(({ words }) => words);
    this.audit(
      'dossier.search',
      undefined,
      `${kind} query, ${rows.length} result(s)${input.due ? `; due ${input.due}` : ''}${named.length > 0 ? `; filters ${named.join(', ')}` : ''}`,
    );
    return this.summaries(rows, now);
  }

  /**
   * The dossier a receipt that does not stand was printed for (a second reception of one online dossier,
   * DossierState.voidedReceipts): the citizen brings the code on that receipt. The code's words are in the dossier's
   * search text, so the index finds the few candidates, and the state says which of them that receipt was for.
   */
  private byVoidedCode(code: string, filters: Pick<SearchConditions, 'where' | 'params'> = { where: [], params: [] }): SummaryRow[] {
    const seqs = this.textMatches({ words: searchWords(foldText(code)), lastIsPrefix: false }, 50);
    if (seqs.length === 0) return [];
    const where = [
      'seq IN (SELECT value FROM json_each(?))',
      "EXISTS (SELECT 1 FROM json_each(state, '$.voidedReceipts') WHERE json_extract(value, '$.code') = ?)",
      ...filters.where,
    ];
    return this.store.db
      .prepare<unknown[], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM dossiers WHERE ${where.join(' AND ')} ORDER BY seq DESC`)
      .all(JSON.stringify(seqs), code, ...filters.params);
  }

  /**
   * The list's filters as conditions on a row, for a search: the statuses chosen (narrowed by a due filter to those
   * its deadline runs in, as the list does), the due range, and the rest; and those of them an index reads, which is what
   * filteredMatches counts. Null when they keep nothing at all.
   *
   * A status chosen together with another filter is only checked (`+status`): one status holds most of a district's
   * dossiers ("Đã trả kết quả"), and the statistics SQLite samples cannot tell which, so it read the whole status
   * to check the procedure (1.0–5.8 s at 500,000 dossiers for a procedure under "Đã trả kết quả"; 47 ms when the
   * procedure's index is read and each row's status checked). Under a due filter the status is read with the due
   * date in its own index (dueMatches). The synced state has no index.
   */
  private searchFilters(input: SearchInput): SearchConditions | null {
    const statuses = input.due ? narrowedToDue(input.status, input.due) : input.status;
    if (statuses?.length === 0) return null;
    const due: string[] = [];
    const params: unknown[] = [];
    if (input.due) this.dueClause(input.due, due, params);
    const narrowing: string[] = [];
    narrowBy(input, narrowing, params);
    const checkedOnly = !input.due && narrowing.length > 0;
    const inStatus = statuses ? `status IN (${statuses.join(', ')})` : null;
    const status = inStatus ? [`${checkedOnly ? '+' : ''}${inStatus}`] : [];
    const synced = input.syncState === 'synced' ? SYNC_STATE.synced : [];
    const indexed = [...(checkedOnly ? [] : status), ...due, ...narrowing];
    return {
      where: [...status, ...due, ...narrowing, ...synced],
      params,
      indexed: indexed.length > 0 ? { where: indexed, params } : null,
      status: checkedOnly && inStatus ? { where: [inStatus], params: [] } : null,
    };
  }

  /**
   * The `seq` of the newest `limit` dossiers whose text matches the terms, from the search index and the rows it
   * lacks; only those the filters keep, when given, checked as `filteredMatches` chose.
   */
  private textMatches(terms: SearchTerms, limit: number, filters?: { conditions: Conditions; reader: Conditions | null }): number[] {
    const db = this.store.db;
    const { words } = terms;
    // Rows above the index's mark are not in it yet (written since the desk was last idle: migration 011), and
    // while a first pull suspends the index none of its rows are trusted: those are read directly. Their `seq` is
    // above every indexed one, so they come first, newest first.
    const suspended = dossierIndexesSuspended(db);
    const indexedTo = suspended ? 0 : searchIndexedTo(db);
    const seqs = searchUnindexed(db, terms, limit, indexedTo, filters?.conditions);
    if (!suspended && seqs.length < limit) {
      const match = words.map((w, i) => (i === words.length - 1 && terms.lastIsPrefix ? `"${w}"*` : `"${w}"`)).join(' ');
      const { sql, params } = filters
        ? filteredIndexQuery(filters.conditions, filters.reader)
        : { sql: 'SELECT rowid FROM dossier_search WHERE dossier_search MATCH ? ORDER BY rowid DESC LIMIT ?', params: [] };
      const indexed = db
        .prepare<unknown[], number>(sql)
        .pluck()
        .all(match, ...params, limit - seqs.length);
      seqs.push(...indexed);
    }
    return seqs;
  }

  /**
   * The newest `limit` of a due filter's dossiers whose text matches the terms. Running dossiers are few (about
   * 5,400 of the bench's 500,000): their `seq` are read from the `(status, due_ms)` index and their rows checked for
   * the words, indexed or not, newest first until the limit (under 1 ms for "today" and "soon"; about 20 ms at worst
   * for "overdue", whose range the re-appointed branch keeps from narrowing). The search index's matches of a common
   * name would be read by the hundred thousand to find the few due today. The index is not named while a first pull
   * has it dropped. The other filters only narrow what is read.
   */
  private dueMatches(terms: SearchTerms, filters: Conditions, limit: number): number[] {
    const index = dossierIndexesSuspended(this.store.db) ? '' : 'INDEXED BY dossiers_status_due';
    return searchAmong(this.store.db, terms, limit, { sql: `SELECT seq FROM dossiers ${index} WHERE ${filters.where.join(' AND ')}`, params: filters.params });
  }

  /**
   * The newest `limit` dossiers the list's filters keep (no due filter) whose text matches the terms: "Nguyễn Văn
   * An" among one procedure's dossiers is not lost behind the newest Nguyễn Văn An's of every other procedure. What
   * is read first is the smaller of what the indexed filters keep and what a status only checked keeps (each counted
   * from its index, no further than MANY_FILTERED); the way depends on its size: see FEW_FILTERED.
   */
  private filteredMatches(terms: SearchTerms, filters: SearchConditions, limit: number): number[] {
    const db = this.store.db;
    const keptBy = (reader: Conditions, atMost: number) => ({ reader, kept: this.keptAtMost(reader.where, reader.params, atMost) });
    let smallest = filters.indexed ? keptBy(filters.indexed, this.manyFiltered) : null;
    // The status is counted only as far as it could be the smaller (most of a desk's dossiers share one status).
    if (filters.status) {
      const byStatus = keptBy(filters.status, Math.min(smallest?.kept ?? this.manyFiltered, this.manyFiltered));
      if (!smallest || byStatus.kept < smallest.kept) smallest = byStatus;
    }
    if (!smallest || smallest.kept > this.manyFiltered) return this.textMatches(terms, limit, { conditions: filters, reader: null });
    if (smallest.kept > this.fewFiltered) return this.textMatches(terms, limit, { conditions: filters, reader: smallest.reader });
    // Few: the reader's rows, each checked against every filter (NOT INDEXED: read by their `seq`, not by a filter's
    // index), then for the words.
    const { reader } = smallest;
    return searchAmong(db, terms, limit, {
      sql: `SELECT seq FROM dossiers NOT INDEXED WHERE seq IN (SELECT seq FROM dossiers WHERE ${reader.where.join(' AND ')}) AND ${filters.where.join(' AND ')}`,
      params: [...reader.params, ...filters.params],
    });
  }

  /**
   * A view already in the trail for this session and dossier within VIEW_WINDOW_MS is the same look: the detail is
   * read again after every sync round and every action while it stays open, and each re-read used to add a
   * "viewed" line, burying who looked at what under repeats. The first read of each window is always recorded, and
   * so is the first read of a new session (a login makes a new session user, see Desk.login).
   */
  private viewedRecently(session: object, dossierId: string): boolean {
    // `dossierId`: a dossier's id, or the key of a look at several (syncProblems).
    const now = this.nowMs;
    let views = this.lastViews.get(session);
    if (!views) this.lastViews.set(session, (views = new Map()));
    const last = views.get(dossierId);
    if (last !== undefined && now >= last && now - last < VIEW_WINDOW_MS) return true;
    if (views.size >= 1000) {
      for (const [id, at] of views) if (!(now >= at && now - at < VIEW_WINDOW_MS)) views.delete(id);
    }
    views.set(dossierId, now);
    return false;
  }

  private audit(action: 'dossier.search' | 'dossier.view', targetId: string | undefined, detail?: string): void {
    const user = this.desk.user;
    if (action === 'dossier.view' && targetId && user && this.viewedRecently(user, targetId)) return;
    this.store.audit.record({
      user: user ? { id: user.id, displayName: user.displayName } : null,
      action,
      targetKind: 'dossier',
      ...(targetId ? { targetId } : {}),
      ...(detail ? { detail } : {}),
    });
  }

  private rowById(id: string): SummaryRow | undefined {
    return this.store.db.prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM dossiers WHERE id = ?`).get(id);
  }

  summary(id: string): DossierSummary | undefined {
    const row = this.rowById(id);
    return row ? summaryOf(row, this.nowMs, this.store.calendar.working(), this.soonHorizonMs()) : undefined;
  }

  /** The dossier with its full timeline (quarantined events included, marked) and the actions now allowed. */
  get(input: GetDossierInput): DossierDetail {
    const db = this.store.db;
    const id =
      'dossierId' in input
        ? input.dossierId
        : (db.prepare<[string], { id: string }>('SELECT id FROM dossiers WHERE code = ?').get(input.code.toUpperCase())?.id ??
          this.byVoidedCode(input.code.toUpperCase())[0]?.id);
    const row = id ? this.rowById(id) : undefined;
    if (!id || !row) {
      throw appFailure('not_found', 'Không tìm thấy hồ sơ.', 'The dossier was not found.', { field: 'dossierId' in input ? 'dossierId' : 'code' });
    }
    const state = this.store.projector.current(id)!;
    const events = this.store.events.forDossier(id, { includeQuarantined: true });
    const folded = events.filter((e) => e.syncState !== 'quarantined');
    const timeline: TimelineEntry[] = events.map((e) => ({
      eventId: e.id,
      type: e.type,
      actor: e.actor,
      deviceId: e.deviceId,
      deviceTime: e.deviceTime,
      serverTime: e.serverTime ?? null,
      syncState: e.syncState,
      syncReason: e.syncReason,
      payload: e.payload,
    }));
    this.audit('dossier.view', id);
    const user = this.desk.user;
    return {
      summary: summaryOf(row, this.nowMs, this.store.calendar.working(), this.soonHorizonMs()),
      state,
      procedure: state.procedureCode ? (this.store.catalog.find(state.procedureCode) ?? null) : null,
      timeline,
      allowedActions: user ? allowedEventTypes(state, user.role) : [],
      ...(state.conflict ? { conflictChoices: conflictChoices(folded) } : {}),
      notApplied: deedsNotApplied(folded, state),
      adopted: deedsAdopted(folded),
    };
  }

  /**
   * The sync page's dossiers (sync-problems.ts), with ONE audit line for the look, as a search writes one line for
   * its results: how many of each kind were shown and which, by code (never the applicants' names). The page reads
   * them again after every sync round while it stays open: the same dossiers shown again to the same session
   * within VIEW_WINDOW_MS are the same look, as with a dossier's detail. Nothing shown, nothing to record.
   */
  syncProblems(): SyncProblemsView {
    const problems = readSyncProblems(this.store, (input) => this.list(input));
    // A refused reception without a dossier shows its applicant too: it is a look like the others.
    const alone = problems.refusedAlone.map((r) => ({ id: r.dossierId, code: r.code }));
    const shown = [...problems.refused.map((p) => p.summary), ...alone, ...problems.conflicts.map((p) => p.summary)];
    if (shown.length === 0) return problems;
    const user = this.desk.user;
    if (user && this.viewedRecently(user, `sync-problems:${shown.map((s) => s.id).join(',')}`)) return problems;
    const codes = shown.flatMap((s) => (s.code ? [s.code] : []));
    const uncoded = shown.length - codes.length;
    const which = [...codes, ...(uncoded > 0 ? [`${uncoded} without code`] : [])].join(', ');
    this.store.audit.record({
      user: user ? { id: user.id, displayName: user.displayName } : null,
      action: 'dossier.list',
      // A target id, so the audit filter by dossier code finds this look through `audit_log_target` (audit-trail.ts).
      targetKind: 'sync',
      targetId: SYNC_PROBLEMS_TARGET,
      detail: `sync problems, ${problems.refused.length + alone.length} refused, ${problems.conflicts.length} in conflict; dossiers ${which}`,
    });
    return problems;
  }

  /**
   * Today's dossiers of Friday-without-waiting procedures, in the order they came, with whether today is Friday: those
   * received today, and those whose supplement was completed today, which restarts the deadline as if the complete
   * dossier had been received then (on a Friday, the rule's appointment: today's closing or 09:00 the next working
   * day). A dossier received on an earlier day and completed today is found among the listed ones still due today or
   * later (the (status, due_ms) index), since its new deadline counts from today; a few thousand rows at most. A
   * supplement asked for once the dossier was late restarted nothing when it came (CLOCK_RESTARTED_AT_SQL skips it):
   * a re-appointed dossier still due later is not today's for it.
   */
  fridayQueue(): { date: string; isFriday: boolean; items: DossierSummary[] } {
    const today = this.desk.clock.today();
    const start = dayStartMs(today);
    const board = `friday_no_wait = 1 AND status IN (${ON_FRIDAY_BOARD.join(', ')})`;
    const receivedToday = this.store.db
      .prepare<[number, number], SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM dossiers WHERE received_ms >= ? AND received_ms < ? AND ${board} ORDER BY received_ms, seq`,
      )
      .all(start, start + DAY_MS);
    const restarted = this.store.db
      .prepare<[number, number], SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM dossiers WHERE ${board} AND due_ms >= ? AND +received_ms < ?
         AND (${CLOCK_RESTARTED_AT_SQL}) IS NOT NULL`,
      )
      .all(start, start);
    const startedToday = (row: SummaryRow): number | null => {
      const at = clockStartedAt(row);
      const ms = at === null ? null : Date.parse(at);
      return ms !== null && ms >= start && ms < start + DAY_MS ? ms : null;
    };
    const rows = [...receivedToday, ...restarted]
      .map((row) => ({ row, at: startedToday(row) }))
      .filter((r): r is { row: SummaryRow; at: number } => r.at !== null)
      .sort((a, b) => a.at - b.at)
      .map((r) => r.row);
    const now = this.nowMs;
    return { date: today, isFriday: vnParts(this.desk.clock.now()).weekday === 5, items: this.summaries(rows, now) };
  }

  /**
   * The counts the home screen shows, and the dossiers due soonest: every overdue one first (as the overdue count
   * next to it says, re-appointed ones past their first appointment included), most overdue first, then those due
   * within the "due soon" horizon by their appointment.
   */
  dueSoon(limit: number): DueCounts & { items: DossierSummary[] } {
    const db = this.store.db;
    const now = this.nowMs;
    const start = dayStartMs(this.desk.clock.today());
    const running = `status IN (${RUNNING_STATUSES.join(', ')})`;
    const count = (sql: string, ...p: number[]) => db.prepare<number[], { n: number }>(`SELECT count(*) AS n FROM dossiers WHERE ${running} AND ${sql}`).get(...p)!.n;
    const horizon = this.soonHorizonMs();
    const overdue = this.overdueFirst(now, start, limit);
    const shown = new Set(overdue.map((r) => r.id));
    // Rows already shown as overdue (a re-appointed one may also be due soon by its new appointment) are read again
    // here, so the page reads that many more and drops them.
    const soon = this.byStatus(RUNNING_STATUSES, ['due_ms >= ?', 'due_ms <= ?'], [now, horizon], 'due_ms ASC, seq ASC', 0, limit)
      .filter((r) => !shown.has(r.id))
      .slice(0, limit - overdue.length);
    return {
      overdue: db.prepare<number[], { n: number }>(`SELECT count(*) AS n FROM dossiers WHERE status IN (${OVERDUE_STATUSES.join(', ')}) AND ${OVERDUE_SQL}`).get(now, start)!.n,
      dueToday: count('due_ms >= ? AND due_ms < ?', start, start + DAY_MS),
      dueSoon: count('due_ms >= ? AND due_ms <= ?', now, horizon),
      items: this.summaries([...overdue, ...soon], now),
    };
  }

  /**
   * The running dossiers whose appointment (the one the citizen holds) falls, from today on, on a day the current
   * calendar does not work: a day off the unit declared, or one the server's calendar brought, after the dossier was
   * received. The desk never moves an appointment (shared/calendar/deadline.ts: a printed appointment is a promise);
   * it names them, so the clerk can call the citizens and re-appoint (form 04) where needed. `count` is all of them,
   * `items` the first `limit` by appointment.
   * Only the `(status, due_ms)` indexes are read for the search (a few thousand running dossiers at 500,000), each
   * appointment's day judged once by the calendar; then the rows shown.
   */
  appointmentsOnDaysOff(limit: number): { count: number; items: DossierSummary[] } {
    const db = this.store.db;
    const calendar = this.store.calendar.working();
    const start = dayStartMs(this.desk.clock.today());
    const ahead = db.prepare<[number, number], { seq: number; due_ms: number }>('SELECT seq, due_ms FROM dossiers WHERE status = ? AND due_ms >= ?');
    const working = new Map<number, boolean>();
    const worksOn = (day: number): boolean => {
      let works = working.get(day);
      if (works === undefined) {
        works = calendar.isWorkingEpochDay(day);
        working.set(day, works);
      }
      return works;
    };
    const onDaysOff = RUNNING_STATUSES.flatMap((status) => ahead.all(status, start)).filter((r) => !worksOn(vnEpochDay(new Date(r.due_ms))));
    onDaysOff.sort((a, b) => a.due_ms - b.due_ms || a.seq - b.seq);
    const shown = onDaysOff.slice(0, limit).map((r) => r.seq);
    const rows =
      shown.length === 0
        ? []
        : db
            .prepare<number[], SummaryRow>(`SELECT ${SUMMARY_COLUMNS}, seq FROM dossiers WHERE seq IN (${shown.map(() => '?').join(', ')}) ORDER BY due_ms, seq`)
            .all(...shown);
    return { count: onDaysOff.length, items: this.summaries(rows, this.nowMs) };
  }

  /**
   * The dossiers OVERDUE_SQL counts, at most `limit`, by the instant each became overdue: its appointment, or the
   * first appointment of a re-appointed one whose new appointment is still ahead. Those past their appointment come
   * from the `(status, due_ms)` indexes; the re-appointed ones from their partial index, and those paused late from
   * their statuses (both few).
   */
  private overdueFirst(now: number, todayStart: number, limit: number): SummaryRow[] {
    const pastAppointment = this.byStatus(RUNNING_STATUSES, ['due_ms < ?'], [now], 'due_ms ASC, seq ASC', 0, limit);
    const pastFirstAppointment = this.store.db
      .prepare<[number, number, number], SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM dossiers WHERE ${PAST_FIRST_APPOINTMENT_SQL} AND due_ms >= ?
         ORDER BY ${FIRST_APPOINTMENT_MS_SQL}, seq LIMIT ?`,
      )
      .all(todayStart, now, limit);
    const pausedLate = this.store.db
      .prepare<[number], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM dossiers WHERE ${PAUSED_LATE_ROWS_SQL} ORDER BY due_ms, seq LIMIT ?`)
      .all(limit);
    const overdueSince = (r: SummaryRow) => (r.due_ms !== null && r.due_ms < now ? r.due_ms : Date.parse(r.legal_due_at ?? '') || 0);
    // A stable sort: each part is in its own order already.
    return [...pastAppointment, ...pastFirstAppointment, ...pausedLate].sort((a, b) => overdueSince(a) - overdueSince(b)).slice(0, limit);
  }
}
