/**
 * The dossiers the sync page lists for a person to look at: those with a change the server refused and those in
 * conflict between desks, each with its reasons, read in one desk call. The page used to open each dossier's detail
 * (`dossiers.get`) for its reasons, and every one of those reads wrote a "viewed" line to the audit trail: forty
 * lines for one look at the page. The caller (DossierQueries.syncProblems) writes one line for the whole look.
 */
import type { ListInput } from '../../../shared/api/dossier-inputs';
import type { DossierPage, RefusedWithoutDossier, SyncProblemsView } from '../../../shared/api/dossier-views';
import type { DeskStore } from '../desk';

/** Listed of each kind; the page says when there are more (the sync status counts them all). */
export const SYNC_PROBLEMS_LIMIT = 50;

export function readSyncProblems(store: DeskStore, list: (input: ListInput) => DossierPage): SyncProblemsView {
  const newestFirst = { sort: 'received_desc', limit: SYNC_PROBLEMS_LIMIT } as const;
  // The list's own sync-state filters, each on a partial index (migrations 008 and 009); a dossier both refused and
  // in conflict is listed once, under conflicts, as the list's precedence has it.
  const refused = list({ ...newestFirst, syncState: 'quarantined' }).items.map((summary) => ({
    summary,
    reasons: refusedChanges(store, summary.id).map((e) => e.syncReason ?? ''),
  }));
  const conflicts = list({ ...newestFirst, inConflict: true }).items.map((summary) => {
    const conflict = store.projector.current(summary.id)?.conflict ?? null;
    return { summary, since: conflict?.since ?? null, reasons: conflict?.events.map((e) => e.reason) ?? [] };
  });
  return { refused, refusedAlone: refusedWithoutDossier(store), conflicts, limit: SYNC_PROBLEMS_LIMIT };
}

/** A dossier's changes the server refused (kept on the desk, left out of its fold). */
const refusedChanges = (store: DeskStore, dossierId: string) =>
  store.events.forDossier(dossierId, { includeQuarantined: true }).filter((e) => e.syncState === 'quarantined');

/**
 * Quarantined events whose dossier has no row: the fold leaves quarantined events out, so a refused reception leaves
 * nothing in the list or the search (a second PC under the same desk identity, a code taken twice). The sync page
 * is where the clerk learns of it.
 */
function refusedWithoutDossier(store: DeskStore): RefusedWithoutDossier[] {
  // One item per dossier: a desk whose reception was refused often has its later changes to it refused too.
  return store.events.refusedDossiersWithoutRow(SYNC_PROBLEMS_LIMIT).map((dossierId) => {
    const refused = refusedChanges(store, dossierId);
    // Named by the change that made it (a reception, or a refusal at the desk), else by its first refused change.
    const making = refused.find((e) => e.type === 'dossier.received' || e.type === 'dossier.refused') ?? refused[0]!;
    const payload = making.payload as Partial<{ code: string; applicant: { name?: string }; procedureCode: string }>;
    return {
      dossierId,
      type: making.type,
      code: payload.code ?? null,
      applicantName: payload.applicant?.name ?? null,
      procedureName: payload.procedureCode ? (store.catalog.find(payload.procedureCode)?.name ?? payload.procedureCode) : null,
      at: making.deviceTime,
      reasons: refused.map((e) => e.syncReason ?? ''),
    };
  });
}
