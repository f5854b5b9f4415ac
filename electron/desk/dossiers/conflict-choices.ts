/**
 * The statuses a supervisor may choose when resolving a dossier's conflict: the ones the competing deeds led to
 * and the one the dossier had before them. Any of the ten statuses used to be accepted, so a conflict between a
 * withdrawal and a return could be "resolved" to "Mới đăng ký" or "Yêu cầu bổ sung", which no desk ever did.
 *
 * Found by folding the dossier's events in the replicas' order and keeping the state after each one:
 * - a deed that could not be applied (in `conflict.events`) was made by a desk that had seen `baseVersion` events:
 *   the state after that many events is what the dossier was before the competing deeds;
 * - each deed is followed as its own desk saw it: a desk that made several deeds offline saw its own earlier deeds,
 *   not the replicas' order (where another desk's deed may have come in between). A deed whose `baseVersion` follows
 *   on from its desk's previous deed (that one's base + 1: nothing reached the desk in between) starts from where that
 *   deed led; any other starts from the state after `baseVersion` events. Where a refused deed led that way is a
 *   choice (a desk that received, then offline resolved and returned, led to "Đã trả kết quả", not to a return
 *   refused on the other desk's withdrawal);
 * - the deeds applied from the refused deed's base on (the other desk's side, a third desk's deeds on top of it
 *   included) led through the statuses after each of them, the last being the status that stands now.
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
  const led = ledOnOwnDesk(ordered, states);
  const chosen = new Set<DossierStatus>([now.status]);
  const position = new Map(ordered.map((e, i) => [e.id, i]));
  for (const refused of now.conflict.events) {
    const at = position.get(refused.eventId);
    if (at === undefined) continue;
    const base = seenBefore(ordered[at]!, at);
    for (let v = Math.max(base, 1); v < states.length; v++) chosen.add(states[v]!.status);
    chosen.add(led[at]!.status);
  }
  return dossierStatuses.filter((s) => chosen.has(s));
}

/**
 * The deeds not applied whose own status a supervisor then chose: a withdrawal refused by the other desk's return,
 * resolved to "Rút hồ sơ". The deed still did not count (the decision set the status), but "Không áp dụng" under it
 * read as if the dossier had not been withdrawn. Each decision settles the deeds its conflict listed just before it;
 * a deed is adopted when where it led on its own desk is the status decided, and the dossier still stands there (a
 * decision contested by another supervisor's, then decided otherwise, adopted nothing: review). `events`: those in
 * the fold.
 */
export function deedsAdopted(events: readonly DossierEvent[]): string[] {
  if (!events.some((e) => e.type === 'dossier.conflict_resolved')) return [];
  const ordered = orderEvents(events);
  const states: (DossierState | undefined)[] = [undefined];
  for (const event of ordered) states.push(evolve(states[states.length - 1], event));
  const led = ledOnOwnDesk(ordered, states);
  const position = new Map(ordered.map((e, i) => [e.id, i]));
  const adopted: string[] = [];
  const standing = states[states.length - 1]?.status;
  ordered.forEach((event, at) => {
    if (event.type !== 'dossier.conflict_resolved' || event.payload.status !== standing) return;
    for (const deed of states[at]?.conflict?.events ?? []) {
      const i = position.get(deed.eventId);
      if (i !== undefined && led[i]!.status === event.payload.status) adopted.push(deed.eventId);
    }
  });
  return adopted;
}

/** How many events of the replicas' order a deed's desk had seen: never past the deed itself (a count ran ahead). */
function seenBefore(event: DossierEvent, at: number): number {
  return Math.min(event.baseVersion, at);
}

/**
 * led[i]: the dossier after ordered[i] as its own desk saw it — from where the desk's previous deed led when nothing
 * reached the desk in between (base follows on), otherwise from the replicas' first `baseVersion` events.
 */
function ledOnOwnDesk(ordered: readonly DossierEvent[], states: readonly (DossierState | undefined)[]): DossierState[] {
  const led: DossierState[] = [];
  const lastOfDesk = new Map<string, number>();
  ordered.forEach((event, at) => {
    const previous = lastOfDesk.get(event.deviceId);
    const followsOn = previous !== undefined && event.baseVersion === ordered[previous]!.baseVersion + 1;
    const start = followsOn ? led[previous] : states[seenBefore(event, at)];
    led.push(evolve(start, event));
    lastOfDesk.set(event.deviceId, at);
  });
  return led;
}
