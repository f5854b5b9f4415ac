/**
 * Pull: the unit's delivery feed after the desk's cursor, page by page. Each page — its new events, the server
 * sequence of events the desk already had, the re-folded projections of the dossiers they touch, and the new
 * cursor — is written in ONE local transaction, so a desk killed mid-pull resumes exactly where it stopped,
 * with nothing applied twice and nothing skipped.
 */
import type { DossierEvent } from '../../../shared/domain/events';
import { pullResponseSchema, type PullResponse } from '../../../shared/sync/messages';
import { SYNC_LIMITS } from '../../../shared/sync/protocol';
import type { SyncContext } from './sync-context';

export interface PullOptions {
  /** First page size in events; it then adapts to how long pages take on this link. */
  initialLimit: number;
}

export interface PullReport {
  pages: number;
  events: number;
  /** Document versions the server holds, from the last page. */
  catalogVersion: number;
  calendarVersion: number;
}

/** Pages that take longer than this on a slow link are halved, so a broken transfer wastes little. */
const SLOW_PAGE_MS = 8_000;
const FAST_PAGE_MS = 1_500;
const MIN_LIMIT = 50;

function applyPage(ctx: SyncContext, page: PullResponse): number {
  const { desk, meta } = ctx;
  const known = desk.db.prepare<[string], { server_seq: number | null }>(
    'SELECT server_seq FROM events WHERE id = ?',
  );
  let applied = 0;
  desk.db.transaction(() => {
    const touched = new Set<string>();
    for (const event of page.events) {
      const row = known.get(event.id);
      if (!row) {
        desk.events.insertFromServer(event as DossierEvent);
        touched.add(event.dossierId);
        applied += 1;
      } else if (row.server_seq !== event.serverSeq) {
        // Ours, pushed but its answer lost; or any event after a server restore renumbered it.
        desk.events.markAccepted(event.id, event.serverSeq, event.serverTime);
        touched.add(event.dossierId);
      }
    }
    for (const id of touched) desk.projector.refresh(id);
    meta.cursor = page.nextCursor;
    meta.epoch = page.epoch;
    if (!page.hasMore && meta.includeOwn) meta.includeOwn = false;
  })();
  return applied;
}

export async function pullFeed(ctx: SyncContext, options: PullOptions): Promise<PullReport> {
  const report: PullReport = { pages: 0, events: 0, catalogVersion: 0, calendarVersion: 0 };
  let limit = Math.min(Math.max(options.initialLimit, MIN_LIMIT), SYNC_LIMITS.maxPullLimit);
  for (;;) {
    const includeOwn = ctx.meta.includeOwn;
    const response = await ctx.transport.request({
      method: 'POST',
      path: 'v1/pull',
      credentials: ctx.credentials,
      json: {
        cursor: ctx.meta.cursor,
        limit,
        epoch: ctx.meta.epoch,
        ...(includeOwn ? { includeOwn: true } : {}),
      },
      schema: pullResponseSchema,
    });
    const page = response.body;
    ctx.observe({ epoch: page.epoch, serverTime: page.serverTime, elapsedMs: response.elapsedMs });
    report.events += applyPage(ctx, page);
    report.pages += 1;
    report.catalogVersion = page.catalogVersion;
    report.calendarVersion = page.calendarVersion;
    ctx.progress(report.events, report.events + (page.hasMore ? limit : 0));
    if (!page.hasMore) return report;
    if (response.elapsedMs > SLOW_PAGE_MS) limit = Math.max(MIN_LIMIT, Math.floor(limit / 2));
    else if (response.elapsedMs < FAST_PAGE_MS) limit = Math.min(SYNC_LIMITS.maxPullLimit, limit * 2);
  }
}
