/**
 * The dossiers the sync page lists for a person to look at: those with a change the server refused (quarantined)
 * and those in conflict between desks, each with its reasons, in one desk call (`dossiers.syncProblems`), which
 * writes one audit line for the look. The page used to open each dossier's detail for its reasons, and each of
 * those reads wrote its own "viewed" line: forty lines in the trail for one look at the page.
 */
import { useEffect, useState } from 'react';
import type { DeskCall } from '../../../../shared/api/desk-api';
import type { DossierSummary, RefusedWithoutDossier } from '../../../../shared/api/dossier-views';
import type { AppError, LocalizedText } from '../../../../shared/result';
import { parseRefusalReason, type RefusalReason } from './sync-reasons';

export interface RefusedDossier {
  summary: DossierSummary;
  reasons: RefusalReason[];
}

/** A refused reception (or refusal at the desk) that left no dossier to list: named from the change itself. */
export interface RefusedAlone extends Omit<RefusedWithoutDossier, 'reasons'> {
  reasons: RefusalReason[];
}

export interface ConflictDossier {
  summary: DossierSummary;
  since: string | null;
  reasons: LocalizedText[];
}

export interface SyncProblems {
  refused: RefusedDossier[];
  refusedAlone: RefusedAlone[];
  conflicts: ConflictDossier[];
  /** At most this many of each kind are listed (the counts in the headings are the desk's, of all of them). */
  limit: number;
  error: AppError | null;
  loaded: boolean;
}

/** `quarantined` and `conflicts` are the desk's counts: the lists are read again only when they change. */
export function useSyncProblems(call: DeskCall, quarantined: number | undefined, conflicts: number | undefined, refresh: number): SyncProblems {
  const [problems, setProblems] = useState<SyncProblems>({ refused: [], refusedAlone: [], conflicts: [], limit: Infinity, error: null, loaded: false });
  useEffect(() => {
    if (quarantined === undefined) return;
    let live = true;
    void call('dossiers.syncProblems', {}).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setProblems((p) => ({ ...p, error: result.error, loaded: true }));
        return;
      }
      const { refused, refusedAlone, conflicts: inConflict, limit } = result.value;
      setProblems({
        refused: refused.map((d) => ({ summary: d.summary, reasons: d.reasons.map(parseRefusalReason) })),
        refusedAlone: refusedAlone.map((r) => ({ ...r, reasons: r.reasons.map(parseRefusalReason) })),
        conflicts: inConflict,
        limit,
        error: null,
        loaded: true,
      });
    });
    return () => {
      live = false;
    };
  }, [call, quarantined, conflicts, refresh]);
  return problems;
}
