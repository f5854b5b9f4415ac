/**
 * Keeps `report_dossiers` equal to the fold of the server's event log. It follows the log by server sequence
 * (the order every replica folds in, DESIGN.md §5) from a cursor of its own, so it never slows down or fails a
 * push: the sync path only nudges it, and a report catches it up before reading. A rebuild is the same walk
 * from zero.
 */
import { evolve, type DossierState } from '../../shared/domain/lifecycle';
import type { DossierEvent } from '../../shared/domain/events';
import type { SqlDriver, SqlExecutor } from '../storage/sql-driver';
import { publicSignature, reportRowValues, upsertReportRows } from './report-rows';
import { ensureReportSchema, OVERDUE_TABLE, VOIDED_RECEIPTS_TABLE } from './schema';

export interface CatchUpResult {
  events: number;
  dossiers: number;
  cursor: number;
}

const BATCH = 2000;
/** Dossiers folded again per transaction (each reads its own events). */
const REFOLD_BATCH = 500;
const IN_CHUNK = 500;

async function loadStates(db: SqlExecutor, ids: string[]): Promise<Map<string, { state: DossierState; feedSeq: number }>> {
  const out = new Map<string, { state: DossierState; feedSeq: number }>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids.slice(i, i + IN_CHUNK);
    const rows = await db.all<{ dossier_id: string; state: string; feed_seq: number }>(
      `SELECT s.dossier_id, s.state, d.feed_seq FROM report_states s JOIN report_dossiers d ON d.dossier_id = s.dossier_id
       WHERE s.dossier_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const r of rows) out.set(r.dossier_id, { state: JSON.parse(r.state) as DossierState, feedSeq: Number(r.feed_seq) });
  }
  return out;
}

type EventRow = { server_seq: number; server_time: string; body: string };

const projectionCursor = async (db: SqlExecutor): Promise<number> =>
  Number((await db.get<{ value: string }>("SELECT value FROM report_meta WHERE key = 'cursor'"))!.value);

const eventOfRow = (r: EventRow): DossierEvent =>
  ({ ...(JSON.parse(r.body) as DossierEvent), serverSeq: Number(r.server_seq), serverTime: r.server_time }) as DossierEvent;

/**
 * One event folded into a dossier's report state; its feed position moves to the event when what the public sees
 * changed (or the dossier is new). The catch-up and the refold both fold through here, so they give the same rows.
 */
function foldForReport(before: { state: DossierState; feedSeq: number } | undefined, event: DossierEvent): { state: DossierState; feedSeq: number } {
  const state = evolve(before?.state, event);
  const moved = before === undefined || publicSignature(before.state) !== publicSignature(state);
  return { state, feedSeq: moved ? (event.serverSeq as number) : before.feedSeq };
}

/** Folds one batch of events after the cursor; returns how many events it folded (0 when up to date). */
async function foldBatch(db: SqlExecutor, batchSize: number): Promise<{ events: number; dossiers: number; cursor: number }> {
  const cursor = await projectionCursor(db);
  const rows = await db.all<EventRow>('SELECT server_seq, server_time, body FROM events WHERE server_seq > ? ORDER BY server_seq LIMIT ?', [
    cursor,
    batchSize,
  ]);
  if (rows.length === 0) return { events: 0, dossiers: 0, cursor };
  const events = rows.map(eventOfRow);
  const known = await loadStates(db, [...new Set(events.map((e) => e.dossierId))]);
  const changed = new Map<string, { state: DossierState; feedSeq: number }>();
  for (const event of events) {
    const entry = foldForReport(known.get(event.dossierId) ?? changed.get(event.dossierId), event);
    known.set(event.dossierId, entry);
    changed.set(event.dossierId, entry);
  }
  await upsertReportRows(db, [...changed.values()].map((c) => reportRowValues(c.state, c.feedSeq)));
  const last = Number(rows[rows.length - 1]!.server_seq);
  await db.run("UPDATE report_meta SET value = ? WHERE key = 'cursor'", [String(last)]);
  return { events: rows.length, dossiers: changed.size, cursor: last };
}

/** Folds every event the projection has not seen yet, in batches of `batchSize` (one transaction each). */
export async function catchUpReports(driver: SqlDriver, batchSize = BATCH): Promise<CatchUpResult> {
  const total: CatchUpResult = { events: 0, dossiers: 0, cursor: 0 };
  for (;;) {
    // Exclusive: two catch-ups at once must not fold the same events twice.
    const step = await driver.transaction((db) => foldBatch(db, batchSize), { exclusive: true });
    total.events += step.events;
    total.dossiers += step.dossiers;
    total.cursor = step.cursor;
    if (step.events < batchSize) return total;
  }
}

/** Drops the projection and folds the whole log again (after a restore, or to repair). */
export async function rebuildReports(driver: SqlDriver): Promise<CatchUpResult> {
  await ensureReportSchema(driver);
  await driver.transaction(
    async (db) => {
      await db.run('DELETE FROM report_dossiers');
      await db.run('DELETE FROM report_states');
      await db.run(`DELETE FROM ${OVERDUE_TABLE}`);
      await db.run(`DELETE FROM ${VOIDED_RECEIPTS_TABLE}`);
      await db.run('DELETE FROM report_refold');
      await db.run("UPDATE report_meta SET value = '0' WHERE key = 'cursor'");
    },
    { exclusive: true },
  );
  return catchUpReports(driver);
}

/** Dossiers marked to be folded again from their own events (report schema 2), if any are left. */
export async function refoldPending(driver: SqlDriver): Promise<boolean> {
  return (await driver.get('SELECT 1 AS x FROM report_refold LIMIT 1')) !== undefined;
}

/**
 * Folds the marked dossiers again, each from its own events up to the projection's cursor (the events after it are
 * the catch-up's), a batch per transaction, and replaces each row whole: a reader never sees a dossier half folded,
 * and its feed position comes out as before (the same events in the same order). Returns how many it refolded.
 */
export async function refoldMarked(driver: SqlDriver, batchSize = REFOLD_BATCH): Promise<number> {
  let refolded = 0;
  for (;;) {
    const done = await driver.transaction(
      async (db) => {
        const ids = (await db.all<{ dossier_id: string }>('SELECT dossier_id FROM report_refold LIMIT ?', [batchSize])).map((r) => r.dossier_id);
        if (ids.length === 0) return 0;
        const cursor = await projectionCursor(db);
        const rows = [];
        for (const id of ids) {
          const events = await db.all<EventRow>(
            'SELECT server_seq, server_time, body FROM events WHERE dossier_id = ? AND server_seq <= ? ORDER BY server_seq',
            [id, cursor],
          );
          let folded: { state: DossierState; feedSeq: number } | undefined;
          for (const r of events) folded = foldForReport(folded, eventOfRow(r));
          if (folded) rows.push(reportRowValues(folded.state, folded.feedSeq));
        }
        await upsertReportRows(db, rows);
        await db.run(`DELETE FROM report_refold WHERE dossier_id IN (${ids.map(() => '?').join(', ')})`, ids);
        return ids.length;
      },
      { exclusive: true },
    );
    refolded += done;
    if (done < batchSize) return refolded;
  }
}

/**
 * A nudge for the sync path: catch up soon, at most one run at a time, never throwing into the caller.
 * Reports call `catchUpReports` themselves before reading, so a nudge that fails loses nothing.
 */
export function reportNudger(driver: SqlDriver, onError: (e: unknown) => void = () => undefined): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      await catchUpReports(driver).catch(onError);
    } while (again);
    running = null;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run();
    return running;
  };
}
