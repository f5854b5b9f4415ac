/**
 * Push: this device's events go up in device-sequence order, in gzip batches small enough for a 2G link, and
 * each comes back with its own outcome (DESIGN.md §5). Accepted or duplicate → synced with the server sequence;
 * quarantined → kept, marked with the server's reason and shown, and the events behind it go on; retry → stays
 * in the outbox for a later attempt; a gap → the server names the sequence to resend from.
 * Outcomes and the refold marks of the dossiers they touch are written in one local transaction; the marked
 * dossiers are refolded once each when the push ends (RefoldQueue), even when it ends in an error.
 */
import { gzipSync } from 'node:zlib';
import { pushResponseSchema, type PushOutcome, type WireEvent } from '../../../shared/sync/messages';
import { SYNC_LIMITS } from '../../../shared/sync/protocol';
import { eventFromRow, type EventRow, type StoredEvent } from '../events/event-rows';
import { FORK_REASONS, inUseElsewhere, markInUseElsewhere } from '../identity/identity-in-use-elsewhere';
import { RefoldQueue } from '../projections/refold-queue';
import type { SyncContext } from './sync-context';
import { SyncHttpError } from './transport';

export interface PushOptions {
  /** Largest compressed batch, bytes. */
  maxBatchBytes: number;
}

export interface PushReport {
  sent: number;
  accepted: number;
  quarantined: number;
  /** The server asked for some events later (a record it lacks, or busy): try again after a wait. */
  retryLater: boolean;
  /** This push found that another PC works as this desk (it set the mark; nothing waits to be retried then). */
  foundInUseElsewhere: boolean;
  /** The largest batch that may go next: `maxBatchBytes`, or less once a batch was refused as too large. */
  batchBytes: number;
}

/** The envelope as the server hashes and stores it: no local bookkeeping, no server fields. */
export function wireOf(event: StoredEvent): WireEvent {
  const { syncState: _state, syncReason: _reason, serverSeq: _seq, serverTime: _time, ...envelope } = event;
  return envelope as WireEvent;
}

/** Quarantine reasons are stored as one line the event list shows as is: Vietnamese, English, code. */
export const quarantineText = (o: Pick<Extract<PushOutcome, { outcome: 'quarantined' }>, 'reason' | 'reasonCode'>): string =>
  `${o.reason.vi} / ${o.reason.en} [${o.reasonCode}]`;

interface EncodedBatch {
  events: WireEvent[];
  dossierOf: Map<string, string>;
  /** The events sent for the first time since the server last answered them (not a re-send of a refused one). */
  pending: Set<string>;
  body: Buffer;
}

/** As many of the candidates (in order) as fit in `maxBytes` once compressed; at least one. */
function encodeBatch(
  deviceId: string,
  epoch: string | null,
  candidates: StoredEvent[],
  maxBytes: number,
): EncodedBatch {
  const wire = candidates.map(wireOf);
  const encode = (events: WireEvent[]) => gzipSync(JSON.stringify({ deviceId, epoch, events }));
  // JSON of events compresses about 4–6×; start from a raw budget that usually fits and halve until it does.
  let count = 0;
  let raw = 0;
  while (count < wire.length && count < SYNC_LIMITS.maxPushEvents) {
    raw += JSON.stringify(wire[count]).length;
    if (count > 0 && raw > maxBytes * 4) break;
    count += 1;
  }
  let body = encode(wire.slice(0, count));
  while (body.length > maxBytes && count > 1) {
    count = Math.ceil(count / 2);
    body = encode(wire.slice(0, count));
  }
  const events = wire.slice(0, count);
  const pending = new Set(candidates.slice(0, count).filter((e) => e.syncState === 'pending').map((e) => e.id));
  return { events, dossierOf: new Map(events.map((e) => [e.id, e.dossierId])), pending, body };
}

function candidates(ctx: SyncContext, deviceId: string, limit: number): StoredEvent[] {
  const from = ctx.meta.resendFrom;
  if (from === null) return ctx.desk.events.outbox(deviceId, limit);
  return ctx.desk.db
    .prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE device_id = ? AND device_seq >= ? ORDER BY device_seq LIMIT ?',
    )
    .all(deviceId, from, limit)
    .map(eventFromRow);
}

function lastSeqOf(ctx: SyncContext, deviceId: string): number {
  return (
    ctx.desk.db
      .prepare<[string], { seq: number | null }>(
        'SELECT max(device_seq) AS seq FROM events WHERE device_id = ?',
      )
      .get(deviceId)?.seq ?? 0
  );
}

/** Writes one batch's outcomes; returns how many were settled and whether something must wait. */
function applyOutcomes(
  ctx: SyncContext,
  batch: EncodedBatch,
  outcomes: PushOutcome[],
  expectedSeq: number | undefined,
  refold: RefoldQueue,
): { settled: number; accepted: number; quarantined: number; waiting: boolean } {
  const { desk, meta } = ctx;
  const deviceId = ctx.credentials.deviceId;
  const markSyncedWithoutSeq = desk.db.prepare(
    "UPDATE events SET sync_state = 'synced', sync_reason = NULL WHERE id = ?",
  );
  let settled = 0;
  let accepted = 0;
  let quarantined = 0;
  let firstWaiting: number | null = null;
  desk.db.transaction(() => {
    const touched = new Set<string>();
    for (const o of outcomes) {
      const dossierId = batch.dossierOf.get(o.eventId);
      if (dossierId === undefined) continue; // not an event of this batch: ignore rather than trust it
      switch (o.outcome) {
        case 'accepted':
        case 'duplicate':
          if (o.serverSeq !== null) desk.events.markAccepted(o.eventId, o.serverSeq, o.serverTime);
          else markSyncedWithoutSeq.run(o.eventId);
          settled += 1;
          accepted += 1;
          break;
        case 'quarantined':
          desk.events.markQuarantined(o.eventId, quarantineText(o));
          // Another PC works as this desk: nothing more is recorded or sent (identity/identity-in-use-elsewhere.ts).
          // Not for a record refused so before and sent again (after a restore of the server): that was then.
          if (FORK_REASONS.has(o.reasonCode) && batch.pending.has(o.eventId))
            markInUseElsewhere(desk.db, { deviceSeq: o.deviceSeq, at: desk.clock.iso() });
          settled += 1;
          quarantined += 1;
          break;
        case 'retry':
          firstWaiting = firstWaiting === null ? o.deviceSeq : Math.min(firstWaiting, o.deviceSeq);
          break;
      }
      touched.add(dossierId);
    }
    // The server's order (and its time) now applies to these events, and quarantined ones leave the fold:
    // marked here, in this transaction, and refolded once per dossier when the push is done (RefoldQueue).
    for (const id of touched) refold.mark(id);

    const sentFrom = batch.events[0]!.deviceSeq;
    const sentTo = batch.events[batch.events.length - 1]!.deviceSeq;
    if (expectedSeq !== undefined) {
      meta.resendFrom = expectedSeq;
    } else if (meta.resendFrom !== null) {
      const next = firstWaiting ?? sentTo + 1;
      meta.resendFrom = next > lastSeqOf(ctx, deviceId) ? null : next;
    } else if (firstWaiting !== null && firstWaiting < sentFrom) {
      meta.resendFrom = firstWaiting;
    }
  })();
  return { settled, accepted, quarantined, waiting: firstWaiting !== null && expectedSeq === undefined };
}

/** Pushes until the outbox is empty or the server asks to wait, then refolds what the outcomes changed. */
export async function pushOutbox(ctx: SyncContext, options: PushOptions): Promise<PushReport> {
  const refold = new RefoldQueue(ctx.desk.db, ctx.desk.projector);
  const markedBefore = inUseElsewhere(ctx.desk.db) !== null;
  try {
    const report = await pushBatches(ctx, options, refold);
    if (!markedBefore && inUseElsewhere(ctx.desk.db) !== null) {
      report.foundInUseElsewhere = true;
      report.retryLater = false;
    }
    return report;
  } finally {
    try {
      await refold.drain({ shouldStop: ctx.stopping });
    } finally {
      // Also after a batch that failed: what earlier batches' answers changed (the rows' "chờ gửi") shows at once.
      if (refold.rowsWritten > 0) ctx.desk.notifications.dossiersChanged();
    }
  }
}

async function pushBatches(ctx: SyncContext, options: PushOptions, refold: RefoldQueue): Promise<PushReport> {
  const deviceId = ctx.credentials.deviceId;
  const report: PushReport = { sent: 0, accepted: 0, quarantined: 0, retryLater: false, foundInUseElsewhere: false, batchBytes: options.maxBatchBytes };
  const total = () => ctx.desk.events.pendingCount(deviceId);
  let known = total();
  let lastExpected: number | undefined;
  // What a batch may weigh: halved at each "too large" (a proxy in front of the server with a small body limit), and
  // given back in the report for the next rounds. Sent again the same size, the batch was refused for ever (QA).
  let budget = options.maxBatchBytes;
  for (;;) {
    // A PC the server found working as another PC's desk sends nothing more: see identity-in-use-elsewhere.ts.
    if (inUseElsewhere(ctx.desk.db) !== null) return report;
    const pending = candidates(ctx, deviceId, SYNC_LIMITS.maxPushEvents);
    if (pending.length === 0) return report;
    const batch = encodeBatch(deviceId, ctx.meta.epoch, pending, budget);
    let response;
    try {
      response = await ctx.transport.request({
        method: 'POST',
        path: 'v1/push',
        credentials: ctx.credentials,
        bytes: batch.body,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        schema: pushResponseSchema,
      });
    } catch (e) {
      // One event too large is a fault of its own: said as the server said it.
      if (!(e instanceof SyncHttpError && e.status === 413 && batch.events.length > 1)) throw e;
      budget = Math.max(1, Math.floor(batch.body.length / 2));
      report.batchBytes = budget;
      continue;
    }
    ctx.observe({
      epoch: response.body.epoch,
      serverTime: response.body.serverTime,
      elapsedMs: response.elapsedMs,
    });
    const result = applyOutcomes(ctx, batch, response.body.outcomes, response.body.expectedSeq, refold);
    report.sent += batch.events.length;
    report.accepted += result.accepted;
    report.quarantined += result.quarantined;
    known = Math.max(known, report.accepted + report.quarantined + total());
    ctx.progress(report.accepted + report.quarantined, known);
    const expected = response.body.expectedSeq;
    if (result.waiting) {
      report.retryLater = true;
      return report;
    }
    // A gap the resend did not close (the desk lacks the events asked for) would loop: stop and wait.
    if (result.settled === 0 && (expected === undefined || expected === lastExpected)) {
      report.retryLater = true;
      return report;
    }
    lastExpected = expected;
  }
}
