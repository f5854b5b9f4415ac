/**
 * What the detail says about where a dossier is. While it is worked on, it is with whoever the last hand-over (or
 * transfer) named. Once it has ended (refused at the desk, withdrawn, stopped, or its result handed back) it is
 * with nobody: the last holder would send the clerk to ask an agency that no longer has it, so the detail says how
 * and when it ended instead. Resolved, the result is back at the one-stop desk, waiting for the citizen: not with the
 * last person a hand-over named (QA).
 */
import { DossierStatus } from '../../../../shared/domain/dossier';
import type { DossierState } from '../../../../shared/domain/lifecycle';
import { agencyNameOf } from '../../store/desk-info';

export type EndedAs = 'notReceived' | 'withdrawn' | 'stopped' | 'returned';

export type Whereabouts =
  | { kind: 'held'; by: string }
  /** Resolved: the result came back to the desk and waits to be handed over. */
  | { kind: 'resultAtDesk' }
  /** `at` is null when nothing recorded the instant: an ending a supervisor chose in a conflict, in an older state. */
  | { kind: 'ended'; as: EndedAs; at: string | null }
  | null;

const endings: Partial<Record<DossierStatus, EndedAs>> = {
  [DossierStatus.NotReceived]: 'notReceived',
  [DossierStatus.Withdrawn]: 'withdrawn',
  [DossierStatus.Stopped]: 'stopped',
  [DossierStatus.Returned]: 'returned',
};

export function whereabouts(
  state: Pick<DossierState, 'status' | 'currentHolder' | 'currentAgency' | 'closedAt' | 'returnedAt'>,
): Whereabouts {
  const ended = endings[state.status];
  if (ended) return { kind: 'ended', as: ended, at: ended === 'returned' ? state.returnedAt : state.closedAt };
  if (state.status === DossierStatus.Resolved) return { kind: 'resultAtDesk' };
  const holder = state.currentHolder ?? state.currentAgency;
  return holder ? { kind: 'held', by: agencyNameOf(holder) } : null;
}
