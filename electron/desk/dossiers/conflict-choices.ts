/**
 * The statuses a supervisor may choose when resolving a dossier's conflict: the ones the competing deeds led to
 * and the one the dossier had before them. Any of the ten statuses used to be accepted, so a conflict between a
 * withdrawal and a return could be "resolved" to "Mới đăng ký" or "Yêu cầu bổ sung", which no desk ever did.
 *
 * Found by folding the dossier's events in the replicas' order and keeping the state after each one:
 * - a deed that could not be applied (in `conflict.events`) was made by a desk that had seen `baseVersion` events:
 *   the state after that many events is what the dossier was before the competing deeds, and the deed applied to
 *   that state is where it led on its own desk;
 * - the deeds applied from that point on (the other desk's side) led through the statuses after each of them, the
 *   last being the status that stands now.
 */
import { evolve, orderEvents, type DossierState } from '../../../shared/domain/lifecycle';
import { dossierStatuses, type DossierStatus } from '../../../shared/domain/dossier';
import type { DossierEvent } from '../../../shared/domain/events';

/** The choices, in the statuses' own order; empty when the dossier is not in conflict. `events`: those in the fold. */
export function conflictChoices(events: readonly DossierEvent[]): DossierStatus[] {
  const ordered = orderEvents(events);
  // states[v]: the dossier after its first v events (states[0]: before the first).
  const states: (DossierState | undefined)[] = [undefined];
  for (const event of ordered) states.push(evolve(states[states.length - 1], event));
  const now = states[states.length - 1];
  if (!now?.conflict) return [];
  const chosen = new Set<DossierStatus>([now.status]);
  const position = new Map(ordered.map((e, i) => [e.id, i]));
  for (const refused of now.conflict.events) {
    const at = position.get(refused.eventId);
    if (at === undefined) continue;
    const event = ordered[at]!;
    // What its desk saw, never past the deed itself (a base beyond it would mean a desk's count ran ahead).
    const base = Math.min(event.baseVersion, at);
    for (let v = Math.max(base, 1); v < states.length; v++) chosen.add(states[v]!.status);
    chosen.add(evolve(states[base], event).status);
  }
  return dossierStatuses.filter((s) => chosen.has(s));
}
