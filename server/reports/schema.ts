/**
 * The server's report projection tables, beside (not inside) the sync tables: one row per dossier with the
 * report facts (shared/reports/facts.ts), the few public fields the feed and the status lookup show, and the
 * folded state the next event is applied to. Everything here can be dropped and rebuilt from the event log.
 * Same SQL on SQLite and PostgreSQL; versions are kept in `report_meta`.
 */
import { overdueTableOf } from '../../shared/reports/aggregation-sql';
import type { SqlDriver, SqlExecutor } from '../storage/sql-driver';
import { refuseUpgrade, type UpgradeOptions } from '../storage/upgrade-needed';

export const FACTS_TABLE = 'report_dossiers';

/** The facts' overdue spans (shared/reports/aggregation-sql.ts overdueTableOf). */
export const OVERDUE_TABLE = overdueTableOf(FACTS_TABLE);

/**
 * The receipts that do not stand (shared/domain/lifecycle.ts voidedReceipts): an online dossier received at two desks
 * offline. The code on such a receipt, with that receipt's PIN, still finds the dossier in the public lookup.
 */
export const VOIDED_RECEIPTS_TABLE = 'report_voided_receipts';

/** A statement that reads the sync tables, run only where they exist (the report tables can live alone in tests). */
interface BesideSyncTables {
  /** The same on both databases, or written for each (one that reads inside an event's JSON body). */
  sql: string | ((dialect: SqlDriver['dialect']) => string);
  ifTable: string;
}

/** The dossiers with a supervisor's decision in their log (report schema 3, and again 6). */
const DECIDED_REFOLD = {
  sql: "INSERT INTO report_refold (dossier_id) SELECT DISTINCT dossier_id FROM events WHERE type = 'dossier.conflict_resolved' AND dossier_id IN (SELECT dossier_id FROM report_states) AND dossier_id NOT IN (SELECT dossier_id FROM report_refold)",
  ifTable: 'events',
};

/** The dossiers whose conflict is still open (report schema 3, and again 6). */
const OPEN_CONFLICT_REFOLD = `INSERT INTO report_refold (dossier_id) SELECT dossier_id FROM report_states WHERE state NOT LIKE '%"conflict":null%' AND dossier_id NOT IN (SELECT dossier_id FROM report_refold)`;

/**
 * Whether the event of body `request` was made after the due that the payload of the event of body `due` gives, on
 * each database (an event's body is its JSON text; its instants carry their offset).
 */
const madeAfterDue = (dialect: SqlDriver['dialect'], request: string, due: string): string =>
  dialect === 'postgres'
    ? `(${request}::json->>'deviceTime')::timestamptz > (${due}::json->'payload'->>'dueAt')::timestamptz`
    : `unixepoch(json_extract(${request}, '$.deviceTime'), 'subsec') > unixepoch(json_extract(${due}, '$.payload.dueAt'), 'subsec')`;

/**
 * The dossiers whose log holds a supplement completion and a request made after a due the dossier had (the
 * reception's, a restart's or a payment's: the legal due at the request was one of them, so none late is missed), as
 * desk migration 026 finds them.
 */
const LATE_SUPPLEMENT_REFOLD: BesideSyncTables = {
  sql: (dialect) => `INSERT INTO report_refold (dossier_id) SELECT DISTINCT q.dossier_id FROM events q
    WHERE q.type = 'dossier.supplement_requested'
      AND q.dossier_id IN (SELECT dossier_id FROM report_states) AND q.dossier_id NOT IN (SELECT dossier_id FROM report_refold)
      AND EXISTS (SELECT 1 FROM events c WHERE c.dossier_id = q.dossier_id AND c.type = 'dossier.supplement_received')
      AND EXISTS (SELECT 1 FROM events d WHERE d.dossier_id = q.dossier_id
        AND d.type IN ('dossier.received', 'dossier.supplement_received', 'dossier.fees_paid') AND ${madeAfterDue(dialect, 'q.body', 'd.body')})`,
  ifTable: 'events',
};

interface ReportMigration {
  version: number;
  statements: (string | BesideSyncTables)[];
}

const migrations: ReportMigration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE report_dossiers (
        dossier_id TEXT PRIMARY KEY,
        code TEXT,
        unit_code TEXT,
        procedure_code TEXT,
        channel TEXT,
        status INTEGER NOT NULL,
        received_day INTEGER,
        received_friday INTEGER NOT NULL,
        legal_due_day INTEGER,
        resolved_day INTEGER,
        returned_day INTEGER,
        withdrawn_day INTEGER,
        stopped_day INTEGER,
        refused_day INTEGER,
        finished_day INTEGER,
        paused_day INTEGER,
        span_start INTEGER,
        span_end INTEGER,
        components_digitised INTEGER NOT NULL,
        result_digitised INTEGER NOT NULL,
        pin TEXT,
        received_at TEXT,
        due_at TEXT,
        resolved_at TEXT,
        returned_at TEXT,
        feed_seq BIGINT NOT NULL
      )`,
      // The folded state the next event is applied to, apart from the narrow rows a report scans.
      'CREATE TABLE report_states (dossier_id TEXT PRIMARY KEY, state TEXT NOT NULL)',
      // Every column the aggregation reads, in its GROUP BY order: an index-only scan, already grouped. (A separate
      // index on the span columns made SQLite pick a range scan with a table lookup per row.)
      'CREATE INDEX report_dossiers_groups ON report_dossiers (unit_code, procedure_code, channel, span_start, span_end, received_day, received_friday, legal_due_day, resolved_day, returned_day, withdrawn_day, stopped_day, refused_day, finished_day, paused_day, components_digitised, result_digitised)',
      'CREATE INDEX report_dossiers_code ON report_dossiers (code)',
      'CREATE INDEX report_dossiers_feed ON report_dossiers (feed_seq)',
      'CREATE TABLE report_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
      "INSERT INTO report_meta (key, value) VALUES ('cursor', '0')",
      // The publication connector's position per endpoint.
      'CREATE TABLE publication_cursors (endpoint TEXT PRIMARY KEY, cursor BIGINT NOT NULL, updated_at TEXT NOT NULL)',
    ],
  },
  {
    // The report rules mended in session 16 (desk migration 017): each dossier's overdue spans, judged day by day by
    // the clock of the day, in a table beside the rows; "digitised at receipt" folded anew. Every dossier is marked to
    // be folded again from its own events (projection.ts refoldMarked), each row replaced once, whole: the public
    // lookup and the feed go on reading rows that are right in everything they show meanwhile.
    version: 2,
    statements: [
      `CREATE TABLE ${OVERDUE_TABLE} (dossier_id TEXT NOT NULL, from_day INTEGER NOT NULL, until_day INTEGER, PRIMARY KEY (dossier_id, from_day))`,
      'CREATE TABLE report_refold (dossier_id TEXT PRIMARY KEY)',
      'INSERT INTO report_refold (dossier_id) SELECT dossier_id FROM report_states',
      // The aggregation's covering index ends with the id, which the overdue test looks up (aggregation-sql.ts).
      'DROP INDEX report_dossiers_groups',
      'CREATE INDEX report_dossiers_groups ON report_dossiers (unit_code, procedure_code, channel, span_start, span_end, received_day, received_friday, legal_due_day, resolved_day, returned_day, withdrawn_day, stopped_day, refused_day, finished_day, paused_day, components_digitised, result_digitised, dossier_id)',
    ],
  },
  {
    // A supervisor's conflict decision that ends a dossier closes it when the deed that led there says, and one judged
    // "Không được tiếp nhận" is not counted as received (session 18, desk migration 019): the dossiers with a decision
    // in their log, and those in a conflict still open, are folded again (few), the same way as version 2's; those
    // version 2 still has marked stay marked once.
    version: 3,
    statements: [
      DECIDED_REFOLD,
      // And those in a conflict still open: the server folds each new event onto the state it stored, whose conflict
      // lacks the deeds' times, so the decision to come would close them at its own time where the desks take the deed's.
      OPEN_CONFLICT_REFOLD,
    ],
  },
  {
    // A second, different decision on a conflict already settled (two supervisors offline) is a new conflict rather
    // than a silent undo of the first (session 24, desk migration 022): the few dossiers with more than one decision
    // in their log are folded again.
    version: 4,
    statements: [
      {
        sql: "INSERT INTO report_refold (dossier_id) SELECT dossier_id FROM events WHERE type = 'dossier.conflict_resolved' AND dossier_id IN (SELECT dossier_id FROM report_states) AND dossier_id NOT IN (SELECT dossier_id FROM report_refold) GROUP BY dossier_id HAVING count(*) > 1",
        ifTable: 'events',
      },
    ],
  },
  {
    // The receipts that do not stand, for the public lookup (session 25, desk migration 023): the few dossiers
    // received more than once are folded again, which writes them. (IF NOT EXISTS: an upgrade replayed from an older
    // version, as the upgrade tests do, finds the table there.)
    version: 5,
    statements: [
      `CREATE TABLE IF NOT EXISTS ${VOIDED_RECEIPTS_TABLE} (code TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, pin TEXT NOT NULL)`,
      {
        sql: "INSERT INTO report_refold (dossier_id) SELECT dossier_id FROM events WHERE type = 'dossier.received' AND dossier_id IN (SELECT dossier_id FROM report_states) AND dossier_id NOT IN (SELECT dossier_id FROM report_refold) GROUP BY dossier_id HAVING count(*) > 1",
        ifTable: 'events',
      },
    ],
  },
  {
    // Two changes of the fold (desk migration 026). A supplement asked for once the dossier was late restarts nothing
    // when it comes: the dossier keeps its due, where the old fold took the restart of the completion's event. A
    // supervisor's decision takes all that the competing deed recorded, not only its time: the dossiers decided, and
    // those in a conflict still open (the server folds the decision to come onto the stored state, whose conflict
    // lacks what each deed recorded), are folded again.
    version: 6,
    statements: [LATE_SUPPLEMENT_REFOLD, DECIDED_REFOLD, OPEN_CONFLICT_REFOLD],
  },
];

export const REPORT_SCHEMA_VERSION = migrations.at(-1)!.version;

/** Creates or upgrades the report tables. Safe to call on every start. */
export async function ensureReportSchema(driver: SqlDriver, options: UpgradeOptions = {}): Promise<void> {
  await driver.transaction(
    async (db: SqlExecutor) => {
      const hasTable = async (name: string) =>
        (await db.get(
          driver.dialect === 'postgres'
            ? 'SELECT 1 AS x FROM information_schema.tables WHERE table_name = ? AND table_schema = current_schema()'
            : "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?",
          [name],
        )) !== undefined;
      const exists = await hasTable('report_meta');
      const current = exists ? Number((await db.get<{ value: string }>("SELECT value FROM report_meta WHERE key = 'schema_version'"))?.value ?? 1) : 0;
      refuseUpgrade(options, current, REPORT_SCHEMA_VERSION, { en: "server's report tables", vi: 'Các bảng báo cáo của máy chủ' });
      if (current > 0 && current < REPORT_SCHEMA_VERSION) options.onUpgrade?.('reports', current, REPORT_SCHEMA_VERSION);
      for (const m of migrations.filter((m) => m.version > current)) {
        for (const statement of m.statements) {
          if (typeof statement === 'string') await db.run(statement);
          else if (await hasTable(statement.ifTable)) {
            await db.run(typeof statement.sql === 'string' ? statement.sql : statement.sql(driver.dialect));
          }
        }
        await db.run(
          "INSERT INTO report_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          [String(m.version)],
        );
      }
    },
    { exclusive: true },
  );
}
