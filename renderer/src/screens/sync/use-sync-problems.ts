/**
 * The dossiers the sync page lists for a person to look at: those with a change the server refused (quarantined)
 * and those in conflict between desks, each with its reasons. Conflicts come from the desk's `inConflict` list
 * filter. The list has no filter for refused changes yet, so unless the desk offers one (`syncState` on
 * `dossiers.list`, detected from the shared schema) the pages are read through once, only when the desk reports
 * refused changes at all, with progress shown — rare, and never on every screen visit when nothing is refused.
 */
import { useEffect, useState } from 'react';
import type { DeskCall } from '../../../../shared/api/desk-api';
import { listInputSchema } from '../../../../shared/api/dossier-inputs';
import type { DossierPage, DossierSummary } from '../../../../shared/api/dossier-views';
import type { AppError, LocalizedText, Result } from '../../../../shared/result';
import { parseRefusalReason, type RefusalReason } from './sync-reasons';

/** Details fetched for at most this many dossiers of each kind; the count says when there are more. */
export const DETAIL_LIMIT = 50;
const SCAN_PAGE = 200;

export interface RefusedDossier {
  summary: DossierSummary;
  reasons: RefusalReason[];
}

export interface ConflictDossier {
  summary: DossierSummary;
  since: string | null;
  reasons: LocalizedText[];
}

export interface SyncProblems {
  refused: RefusedDossier[];
  conflicts: ConflictDossier[];
  /** Reading the dossier pages to find refused ones. */
  scanning: { done: number; total: number } | null;
  error: AppError | null;
  loaded: boolean;
}

const listFiltersBySyncState = 'syncState' in listInputSchema.shape;

async function refusedSummaries(call: DeskCall, onProgress: (done: number, total: number) => void): Promise<DossierSummary[]> {
  if (listFiltersBySyncState) {
    const result = await call('dossiers.list', { syncState: 'quarantined', limit: SCAN_PAGE } as never);
    if (!result.ok) throw result.error;
    return result.value.items;
  }
  const found: DossierSummary[] = [];
  let cursor: string | null = null;
  let read = 0;
  do {
    const page: Result<DossierPage> = await call('dossiers.list', { limit: SCAN_PAGE, sort: 'received_desc', ...(cursor ? { cursor } : {}) });
    if (!page.ok) throw page.error;
    read += page.value.items.length;
    onProgress(read, page.value.total);
    found.push(...page.value.items.filter((d) => d.syncState === 'quarantined'));
    cursor = page.value.nextCursor;
  } while (cursor !== null && found.length < DETAIL_LIMIT);
  return found;
}

/** `quarantined` and `conflicts` are the desk's counts: the lists are read again only when they change. */
export function useSyncProblems(call: DeskCall, quarantined: number | undefined, conflicts: number | undefined, refresh: number): SyncProblems {
  const [problems, setProblems] = useState<SyncProblems>({ refused: [], conflicts: [], scanning: null, error: null, loaded: false });
  useEffect(() => {
    if (quarantined === undefined) return;
    let live = true;
    void (async () => {
      try {
        const conflictList = await call('dossiers.list', { inConflict: true, limit: 200 });
        if (!conflictList.ok) throw conflictList.error;
        const refusedList =
          quarantined > 0
            ? await refusedSummaries(call, (done, total) => live && setProblems((p) => ({ ...p, scanning: { done, total } })))
            : [];
        const details = async (items: DossierSummary[]) =>
          Promise.all(
            items.slice(0, DETAIL_LIMIT).map(async (summary) => {
              const got = await call('dossiers.get', { dossierId: summary.id });
              if (!got.ok) throw got.error;
              return got.value;
            }),
          );
        const [refusedDetails, conflictDetails] = await Promise.all([details(refusedList), details(conflictList.value.items)]);
        if (!live) return;
        setProblems({
          refused: refusedDetails.map((d) => ({
            summary: d.summary,
            reasons: d.timeline.filter((e) => e.syncState === 'quarantined').map((e) => parseRefusalReason(e.syncReason ?? '')),
          })),
          conflicts: conflictDetails.map((d) => ({
            summary: d.summary,
            since: d.state.conflict?.since ?? null,
            reasons: d.state.conflict?.events.map((e) => e.reason) ?? [],
          })),
          scanning: null,
          error: null,
          loaded: true,
        });
      } catch (e) {
        if (live) setProblems((p) => ({ ...p, scanning: null, error: e as AppError, loaded: true }));
      }
    })();
    return () => {
      live = false;
    };
  }, [call, quarantined, conflicts, refresh]);
  return problems;
}
