/**
 * Dossiers the fold now folds otherwise than stored rows say (desk migration 026, server report schema 6), with the
 * state the old fold left each in: a supplement asked for once late and completed (the old fold took the restart the
 * completion's event carries), a conflict decided "Đã xử lý xong" over a withdrawal (the old fold took the competing
 * resolution's time, not its digitised result), a conflict still open (stored without what each deed recorded). And
 * one the change leaves alone: a supplement asked for in time. All in January 2027, procedure 2.000528 (3 working days).
 */
import { randomUUID } from 'node:crypto';
import { DossierStatus } from '../../../shared/domain/dossier';
import type { DossierEvent } from '../../../shared/domain/events';
import { projectDossier, type DossierState } from '../../../shared/domain/lifecycle';
import { at, dossierEvents, PROC_CIVIL, type Step } from './dossier-builder';

export const DUE = at('2027-01-07');
/** Three working days from the completion, Monday 11/01 09:00: the restart a desk of the release before wrote. */
export const RESTARTED = at('2027-01-14');
export const JANUARY = { from: '2027-01-01', to: '2027-01-31' };

/** Received 04/01 09:00, due 07/01 09:00; a supplement asked for on `askedOn`, completed 11/01; resolved 13/01. */
const supplemented = (askedOn: string): DossierEvent[] =>
  dossierEvents({
    receivedAt: at('2027-01-04'),
    dueAt: DUE,
    steps: [
      { type: 'supplement_requested', at: at(askedOn) },
      { type: 'supplement_received', at: at('2027-01-11'), dueAt: RESTARTED },
      { type: 'resolved', at: at('2027-01-13'), resultDigitised: false },
    ] satisfies Step[],
  });

/** Withdrawn at one desk, resolved (result digitised) at desk A on the dossier as received; and, if given, decided. */
function withdrawnAndResolved(time: string, decidedOn?: string): DossierEvent[] {
  const spec = { receivedAt: at('2027-01-05', time), dueAt: at('2027-01-08', time), procedureCode: PROC_CIVIL };
  const [received, withdrawn] = dossierEvents({ ...spec, steps: [{ type: 'withdrawn', at: at('2027-01-06') }] });
  const [, resolved] = dossierEvents({ ...spec, steps: [{ type: 'resolved', at: at('2027-01-07', '15:00'), resultDigitised: true }] }, received!.dossierId);
  const events = [received!, withdrawn!, { ...resolved!, deviceId: `desk-a-${time}`, deviceSeq: 1, baseVersion: 1 }];
  if (decidedOn === undefined) return events;
  const payload = { status: DossierStatus.Resolved, note: 'Đã giải quyết tại quầy A' };
  const decision = { ...withdrawn!, id: randomUUID(), deviceSeq: 3, baseVersion: 3, deviceTime: at(decidedOn), type: 'dossier.conflict_resolved', payload };
  return [...events, decision as DossierEvent];
}

export interface OldFoldCases {
  late: DossierEvent[];
  inTime: DossierEvent[];
  decided: DossierEvent[];
  open: DossierEvent[];
}

/** The four dossiers' events, numbered by the server one dossier after the other. */
export function oldFoldCases(): OldFoldCases {
  let seq = 0;
  const synced = (events: DossierEvent[]) => events.map((e) => ({ ...e, serverSeq: ++seq, serverTime: e.deviceTime }));
  return {
    late: synced(supplemented('2027-01-08')),
    inTime: synced(supplemented('2027-01-06')),
    decided: synced(withdrawnAndResolved('09:00', '2027-01-11')),
    open: synced(withdrawnAndResolved('10:00')),
  };
}

export const folded = (events: readonly DossierEvent[]): DossierState => projectDossier(events)!;

/** The states the old fold left the three dossiers the change concerns in. */
export function asTheOldFoldLeftThem(cases: OldFoldCases): DossierState[] {
  const open = folded(cases.open);
  return [
    { ...folded(cases.late), dueAt: RESTARTED, originalDueAt: RESTARTED },
    { ...folded(cases.decided), resultDigitised: false },
    { ...open, conflict: { ...open.conflict!, events: open.conflict!.events.map(({ effect: _, ...deed }) => deed) } },
  ];
}
