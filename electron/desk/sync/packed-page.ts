/**
 * A checked pull page in the form it crosses from the page worker to the main thread. Structured cloning a page's
 * 5,000 event objects, each with its payload object, cost the main thread about half of what reading and checking
 * the page itself cost; flat rows of strings and numbers, with the payloads as one JSON array text parsed once,
 * cost about a sixth (docs/decisions.md, "The first pull: pages read and checked in a worker").
 */
import type { Procedure } from '../../../shared/domain/procedure';
import type { DecodedEvent } from '../../../shared/sync/compact-pull';
import type { DossierRow } from '../projections/dossier-row';
import type { FoldedRow } from './page-folds';
import type { PulledPage, PullPageRefused } from './pull-page';

type Row = [
  id: string,
  dossierId: string,
  deviceId: string,
  deviceSeq: number,
  type: string,
  baseVersion: number,
  userId: string,
  name: string,
  role: string,
  deviceTime: string,
  prevHash: string | null,
  hash: string,
  serverSeq: number,
  serverTime: string,
];

export interface PackedPage extends Omit<PulledPage, 'events'> {
  rows: Row[];
  /** Each event's payload as the text that was hashed and is stored. */
  payloadTexts: string[];
}

/** A page's bytes sent to the page worker (sync/page-worker.ts); `folds`: the pull whose folds it joins. */
export interface PageRequest {
  id: number;
  bytes: ArrayBuffer;
  folds?: number;
}

/** A pull folded in the page worker (sync/page-folds.ts): begun, given a page read elsewhere, asked for rows, ended. */
export type FoldsMessage =
  | { kind: 'folds-begin'; folds: number; procedures: Procedure[]; capacity: number }
  | { kind: 'folds-page'; folds: number; page: number; packed: PackedPage }
  | { kind: 'folds-rows'; folds: number; id: number; ids: string[]; written: number }
  | { kind: 'folds-end'; folds: number };

/** The rows of the oldest folds, sent right after a page that said `handing` (sync/page-folds.ts handOverOldest). */
export interface HandedRows {
  id: number;
  handed: [string, DossierRow][];
}

/** The page worker's answer to `folds-rows` (sync/page-folds.ts); `rows` is missing when it failed. */
export interface FoldsAnswer {
  id: number;
  rows?: FoldedRow[];
}

/** The page worker's answer: the page packed, why it was refused, or that it failed here for another reason. */
export type PageAnswer =
  /** `handing`: the page took its pull's folds past their capacity; the oldest ones' rows follow (HandedRows). */
  | { id: number; page: PackedPage; handing?: true }
  | { id: number; refused: { kind: PullPageRefused['kind']; detail: string } }
  /** Anything else that went wrong in the worker: the main thread reads the page itself and meets it there. */
  | { id: number; failed: true };

export function packPage({ events, ...rest }: PulledPage): PackedPage {
  const rows: Row[] = [];
  const payloadTexts: string[] = [];
  for (const { event: e, payloadText } of events) {
    rows.push([
      e.id,
      e.dossierId,
      e.deviceId,
      e.deviceSeq,
      e.type,
      e.baseVersion,
      e.actor.userId,
      e.actor.name,
      e.actor.role,
      e.deviceTime,
      e.prevHash,
      e.hash,
      e.serverSeq,
      e.serverTime,
    ]);
    payloadTexts.push(payloadText);
  }
  return { ...rest, rows, payloadTexts };
}

/**
 * The page as the main thread writes it. `withPayloads` false: a page the worker folds (sync/page-folds.ts), whose
 * payloads only the fold reads; the events then carry their payload's text alone (`payloadText`, what is stored),
 * and `payload` is left undefined: about a fifth of a first pull's main thread went to parsing and holding them.
 */
export function unpackPage({ rows, payloadTexts, ...rest }: PackedPage, withPayloads = true): PulledPage {
  // One parse for the page's payloads: thousands of small JSON.parse calls cost about as much again.
  const payloads = withPayloads ? (JSON.parse(`[${payloadTexts.join(',')}]`) as unknown[]) : [];
  const events: DecodedEvent[] = rows.map((r, i) => ({
    event: {
      id: r[0],
      dossierId: r[1],
      deviceId: r[2],
      deviceSeq: r[3],
      type: r[4],
      payload: payloads[i],
      baseVersion: r[5],
      actor: { userId: r[6], name: r[7], role: r[8] },
      deviceTime: r[9],
      prevHash: r[10],
      hash: r[11],
      serverSeq: r[12],
      serverTime: r[13],
    } as DecodedEvent['event'],
    payloadText: payloadTexts[i]!,
  }));
  return { ...rest, events };
}
