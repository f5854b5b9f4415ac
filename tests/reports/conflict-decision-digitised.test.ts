/**
 * "Results digitised" counts a dossier a supervisor judged resolved over a conflict when the resolution that was not
 * applied recorded its result as digitised (QA): desk A resolved it with the result scanned, desk D withdrew it, both
 * offline; the withdrawal reached the server first. The fact took the resolution's day but not its digitised result,
 * so the report counted one more dossier resolved and none more digitised. Checked on the reference fold, the SQL
 * path and the desk's counts.
 */
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { DossierStatus } from '../../shared/domain/dossier';
import type { DossierEvent } from '../../shared/domain/events';
import { projectDossier, type DossierState } from '../../shared/domain/lifecycle';
import { dayNumberOfInstant } from '../../shared/reports/days';
import { reportFactOf } from '../../shared/reports/facts';
import type { ReportRequest } from '../../shared/reports/run-report';
import { at, dossierEvents } from './support/dossier-builder';
import { bothPaths } from './support/report-paths';

const MARCH: ReportRequest = { period: { from: '2023-03-01', to: '2023-03-31' }, unitCode: null, today: '2024-01-15' };
const RESOLVED_AT = at('2023-03-08', '15:00');

/** Withdrawn at desk D and resolved at desk A, both offline, the withdrawal synced first; then the supervisor's choice. */
function decidedOverWithdrawal(resultDigitised: boolean, status: DossierStatus): DossierState {
  const dossierId = randomUUID();
  const spec = { receivedAt: at('2023-03-02'), dueAt: at('2023-03-09', '17:00') };
  const [received, withdrawn] = dossierEvents({ ...spec, steps: [{ type: 'withdrawn', at: at('2023-03-06') }] }, dossierId);
  const [, resolved] = dossierEvents({ ...spec, steps: [{ type: 'resolved', at: RESOLVED_AT, resultDigitised }] }, dossierId);
  const decision = {
    ...withdrawn!,
    id: uuidv7(),
    deviceSeq: 3,
    baseVersion: 3,
    deviceTime: at('2023-03-10'),
    type: 'dossier.conflict_resolved',
    payload: { status, note: 'Đã giải quyết xong tại quầy A' },
  } as DossierEvent;
  const atDeskA = { ...resolved!, deviceId: 'desk-a', deviceSeq: 1, baseVersion: 1 };
  const state = projectDossier([received!, withdrawn!, atDeskA, decision].map((e, i) => ({ ...e, serverSeq: i + 1 })));
  expect(state).toMatchObject({ status, conflict: null });
  return state!;
}

describe('a conflict decided "Đã xử lý xong" over a withdrawal, in the report', () => {
  it('counts the result digitised when the resolution recorded it so, and not when it did not', async () => {
    const digitised = decidedOverWithdrawal(true, DossierStatus.Resolved);
    const notDigitised = decidedOverWithdrawal(false, DossierStatus.Resolved);
    expect(reportFactOf(digitised)).toMatchObject({ resolvedDay: dayNumberOfInstant(RESOLVED_AT), withdrawnDay: null, resultDigitised: 1 });
    expect(reportFactOf(notDigitised)).toMatchObject({ resolvedDay: dayNumberOfInstant(RESOLVED_AT), resultDigitised: 0 });

    const { sql, ref, desk } = await bothPaths([digitised, notDigitised], MARCH);
    expect(sql).toEqual(ref);
    expect(desk).toEqual(ref);
    expect(ref.counts.resolved.total).toBe(2);
    expect(ref.counts.withdrawn).toBe(0);
    expect(ref.counts.resultsDigitised).toBe(1);
    expect(ref.rates.resultsDigitisedRate).toBe(50);
  });

  it('"Đã trả kết quả" counts it the same', async () => {
    const { ref } = await bothPaths([decidedOverWithdrawal(true, DossierStatus.Returned)], MARCH);
    expect(ref.counts.resultsDigitised).toBe(1);
  });
});
