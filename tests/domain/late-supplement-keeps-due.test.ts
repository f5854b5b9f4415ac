/**
 * A supplement asked for once the dossier was late stops nothing (docs/reports.md, decisions session 16), so its
 * completion does not restart the deadline from zero either. QA: procedure 2.000528 (3 working days) received Monday
 * 04/01/2027 09:00, due Thursday 07/01 09:00; a supplement asked for Friday 08/01, completed Monday 11/01: the
 * completion gave the dossier a new legal due (14/01) and its lateness was gone. The fold keeps the due, whatever the
 * completion's event says (a desk before this rule wrote the restart in it), so every replica converges; a request
 * made in time still restarts the clock at completion (DESIGN.md §3).
 */
import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../shared/domain/events';
import { projectDossier, type DossierState } from '../../shared/domain/lifecycle';
import { at, dossierEvents, type Step } from '../reports/support/dossier-builder';

const DUE = at('2027-01-07');
/** Three working days from the completion, Monday 11/01 09:00: what a completion's event says after a restart. */
const RESTARTED = at('2027-01-14');
const completed: Step = { type: 'supplement_received', at: at('2027-01-11'), dueAt: RESTARTED };
const asked = (on: string, time = '09:00'): Step => ({ type: 'supplement_requested', at: at(on, time) });

const eventsOf = (steps: Step[]): DossierEvent[] => dossierEvents({ receivedAt: at('2027-01-04'), dueAt: DUE, steps });
const fold = (events: DossierEvent[]): DossierState => projectDossier(events)!;
const dues = (s: DossierState) => ({ dueAt: s.dueAt, originalDueAt: s.originalDueAt });

describe('a supplement completed', () => {
  it('asked for once the dossier was late: the dossier keeps its due and its appointment, and stays late (QA)', () => {
    const state = fold(eventsOf([asked('2027-01-08'), completed]));
    expect(dues(state)).toEqual({ dueAt: DUE, originalDueAt: DUE });
    // The completion is still one: the dossier runs again, and the new receipt lists the papers brought. It says it
    // restarted nothing, for the Friday rule's badge and board, which go by when the deadline last started.
    expect(state).toMatchObject({ status: 2, pausedAt: null, supplement: null, supplementRequestCount: 1 });
    expect(state.supplementsReceived).toEqual([
      { requestedAt: at('2027-01-08'), receivedAt: at('2027-01-11'), items: ['Bản sao giấy khai sinh'], restarted: false },
    ]);
  });

  it('asked for in time: the deadline restarts from zero at completion, as before', () => {
    const inTime = fold(eventsOf([asked('2027-01-06'), completed]));
    expect(dues(inTime)).toEqual({ dueAt: RESTARTED, originalDueAt: RESTARTED });
    // A restart carries no mark, as the completions of states folded before the mark was kept.
    expect(inTime.supplementsReceived?.[0]).not.toHaveProperty('restarted');
    // At the due instant itself the clock still stops, as the reports judge it (facts.ts overdueSpansOf).
    expect(dues(fold(eventsOf([asked('2027-01-07'), completed])))).toEqual({ dueAt: RESTARTED, originalDueAt: RESTARTED });
    // A minute after it, it does not.
    expect(dues(fold(eventsOf([asked('2027-01-07', '09:01'), completed])))).toEqual({ dueAt: DUE, originalDueAt: DUE });
  });

  it("whatever due the completion's event carries: an older desk's restart and this release's kept due fold the same", () => {
    const older = eventsOf([asked('2027-01-08'), completed]);
    const completion = older.at(-1) as Extract<DossierEvent, { type: 'dossier.supplement_received' }>;
    const ofThisRelease = [...older.slice(0, -1), { ...completion, payload: { ...completion.payload, dueAt: DUE } }];
    expect(fold(ofThisRelease)).toEqual(fold(older));
  });

  it('a late request is judged against the due the last restart gave', () => {
    const second: Step[] = [asked('2027-01-06'), completed, asked('2027-01-15'), { type: 'supplement_received', at: at('2027-01-18'), dueAt: at('2027-01-21') }];
    expect(dues(fold(eventsOf(second)))).toEqual({ dueAt: RESTARTED, originalDueAt: RESTARTED });
    const inTime: Step[] = [asked('2027-01-06'), completed, asked('2027-01-13'), { type: 'supplement_received', at: at('2027-01-18'), dueAt: at('2027-01-21') }];
    expect(dues(fold(eventsOf(inTime)))).toEqual({ dueAt: at('2027-01-21'), originalDueAt: at('2027-01-21') });
  });

  it('a re-appointed dossier asked for a supplement after its legal due keeps both the appointment and the legal due', () => {
    const reappointed: Step = { type: 'reappointed', at: at('2027-01-07', '10:00'), newDueAt: at('2027-01-12') };
    const state = fold(eventsOf([reappointed, asked('2027-01-08'), completed]));
    expect(dues(state)).toEqual({ dueAt: at('2027-01-12'), originalDueAt: DUE });
  });
});
