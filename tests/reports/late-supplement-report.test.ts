/**
 * A late dossier whose supplement was asked for after its due and then completed is still late in every report (QA):
 * the January report counted it resolved early (its legal due had moved to the restart's), while the report of 08/01
 * alone counted it overdue. Checked on the reference fold, the SQL path and the desk's counts.
 */
import { describe, expect, it } from 'vitest';
import type { ReportRequest } from '../../shared/reports/run-report';
import { at, buildDossier, type Step } from './support/dossier-builder';
import { bothPaths } from './support/report-paths';

const period = (from: string, to = from): ReportRequest => ({ period: { from, to }, unitCode: null, today: '2027-03-01' });
const resolvedAfterSupplement = (askedOn: string) =>
  buildDossier({
    receivedAt: at('2027-01-04'),
    dueAt: at('2027-01-07'),
    steps: [
      { type: 'supplement_requested', at: at(askedOn) },
      // As the desk of the time wrote it: the clock restarted from zero, due three working days later.
      { type: 'supplement_received', at: at('2027-01-11'), dueAt: at('2027-01-14') },
      { type: 'resolved', at: at('2027-01-13') },
    ] satisfies Step[],
  });

describe('a supplement asked for once the dossier was late, in the report', () => {
  it('leaves it resolved late, and overdue on every day from its due to its resolution', async () => {
    const states = [resolvedAfterSupplement('2027-01-08')];
    const { sql, ref, desk } = await bothPaths(states, period('2027-01-01', '2027-01-31'));
    expect(sql).toEqual(ref);
    expect(desk).toEqual(ref);
    expect(ref.counts.resolved).toMatchObject({ total: 1, early: 0, onTime: 0, late: 1 });
    // The day it was asked for, and the day after the completion: overdue both times.
    for (const day of ['2027-01-08', '2027-01-12']) {
      const { ref: judged } = await bothPaths(states, period(day));
      expect([day, judged.counts.inProgress]).toEqual([day, { total: 1, withinTime: 0, overdue: 1 }]);
    }
  });

  it('one asked for in time is judged against the restarted due: resolved early', async () => {
    const { ref } = await bothPaths([resolvedAfterSupplement('2027-01-06')], period('2027-01-01', '2027-01-31'));
    expect(ref.counts.resolved).toMatchObject({ total: 1, early: 1, late: 0 });
  });
});
