/**
 * The deeds of a dossier's log that were never applied: each came to be folded where it was no longer legal (two
 * desks acting on one dossier) and made a conflict (DESIGN.md §5). While the conflict is open the fold lists them
 * (`conflict.events`); a supervisor's decision empties that list, and the timeline lost the mark that said which
 * step had not counted, so a withdrawal refused by an earlier return read as if it had happened. Found by folding
 * the log again in the replicas' order: an event that was not applied is the last entry of the conflict after it.
 */
import { evolve, orderEvents, type DossierState } from '../../../shared/domain/lifecycle';
import type { DossierEvent } from '../../../shared/domain/events';

/**
 * The ids of the events of `events` (those in the fold) that were never applied, in the fold's order. `folded` is
 * the fold's result: a dossier never in conflict (no open one, no decision in its log) has none, and is not folded
 * again for it.
 */
export function deedsNotApplied(events: readonly DossierEvent[], folded: Pick<DossierState, 'conflict'>): string[] {
  if (!folded.conflict && !events.some((e) => e.type === 'dossier.conflict_resolved')) return [];
  const out: string[] = [];
  let state: DossierState | undefined;
  for (const event of orderEvents(events)) {
    state = evolve(state, event);
    if (state.conflict?.events.at(-1)?.eventId === event.id) out.push(event.id);
  }
  return out;
}
