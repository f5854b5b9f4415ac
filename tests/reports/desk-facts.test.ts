/**
 * The desk's report facts follow its event log through the projection rows (the rows' triggers mark changed
 * dossiers, a refresh refolds them); they must be exactly the facts of the dossiers' folds, and the desk's report
 * must equal the reference report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { DossierState } from '../../shared/domain/lifecycle';
import { reportFactColumns, reportFactOf, reportFactValues } from '../../shared/reports/facts';
import type { ReportRequest } from '../../shared/reports/run-report';
import type { Db } from '../../electron/desk/db/open-database';
import { migrations } from '../../electron/desk/db/migrations/index';
import { openStore } from '../../electron/desk/db/open-store';
import { refreshReportFacts } from '../../electron/desk/reports/report-facts';
import { ensureReportCounts, invalidateReportCounts } from '../../electron/desk/reports/report-counts-upkeep';
import { projectDossier } from '../../shared/domain/lifecycle';
import { deskReport, deskReportDossiers } from '../../electron/desk/reports/desk-report';
import { at, dossierEvents } from './support/dossier-builder';
// Stores the dossiers' events in the desk's log, as a pull from the server would.
import { storePulled as store } from './support/pulled-events';
import { randomDossierEvents } from './support/random-dossiers';
import { referenceReport } from './support/report-paths';
import { referenceCategoriesOf } from '../../shared/reports/reference';
import { planReport } from '../../shared/reports/run-report';
import { seedUnits } from '../../shared/catalog/seed-units';


const factsOf = (db: Db, id: string) =>
  db.prepare(`SELECT ${reportFactColumns.join(', ')} FROM report_facts WHERE dossier_id = ?`).raw().get(id);

describe('desk report facts', () => {
  let dir: string;
  let db: Db;
  let states: DossierState[];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'motcua-report-desk-'));
    db = openStore({ dataDir: dir }).db;
    const dossiers = randomDossierEvents(1500, 11);
    states = dossiers.map((events) => projectDossier(events)!);
    store(db, dossiers);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a refresh gives every dossier exactly the facts of its fold', () => {
    expect(refreshReportFacts(db)).toBe(states.length);
    for (const s of states) expect(factsOf(db, s.id)).toEqual(reportFactValues(reportFactOf(s)));
  });

  it('a new event makes the dossier stale and the next report sees it; an unchanged log refreshes nothing', () => {
    expect(refreshReportFacts(db)).toBe(0);
    const events = dossierEvents({ receivedAt: at('2023-05-02'), dueAt: at('2023-05-09', '17:00') });
    store(db, [events]);
    expect(refreshReportFacts(db)).toBe(1);
    const id = events[0]!.dossierId;
    expect((factsOf(db, id) as unknown[])[reportFactColumns.indexOf('resolved_day')]).toBeNull();
    const resolved = dossierEvents({ receivedAt: at('2023-05-02'), dueAt: at('2023-05-09', '17:00'), steps: [{ type: 'resolved', at: at('2023-05-08') }] }, id);
    store(db, [[{ ...resolved[1]!, deviceId: events[0]!.deviceId }]]);
    expect(refreshReportFacts(db)).toBe(1);
    expect((factsOf(db, id) as unknown[])[reportFactColumns.indexOf('resolved_day')]).toBe(20230508);
    db.prepare('DELETE FROM events WHERE dossier_id = ?').run(id);
    refreshReportFacts(db);
    expect(factsOf(db, id)).toBeUndefined();
  });

  it('the desk report equals the reference report, for a year and for a commune', async () => {
    const requests: ReportRequest[] = [
      { period: { from: '2023-01-01', to: '2023-12-31' }, unitCode: null, today: '2024-02-01' },
      { period: { from: '2022-12-15', to: '2023-02-14' }, unitCode: '000.03.06.H56', today: '2023-02-01' },
    ];
    for (const request of requests) {
      const desk = await deskReport(db, request, { procedures: seedProcedures });
      expect(desk).toEqual(referenceReport(states, request));
      expect(desk.counts.inPeriod).toBeGreaterThan(0);
    }
  });

  it('drill-down lists exactly the dossiers behind a figure', async () => {
    const request: ReportRequest = { period: { from: '2023-01-01', to: '2023-06-30' }, unitCode: null, today: '2024-01-01' };
    const days = planReport(request, seedUnits).current;
    for (const category of ['resolved_late', 'in_progress_overdue', 'carried_over'] as const) {
      const listed = (await deskReportDossiers(db, request, category, {}, { limit: 10_000 })).map((d) => d.dossierId).sort();
      const expected = states.filter((s) => referenceCategoriesOf(s, days).has(category)).map((s) => s.id).sort();
      expect(listed).toEqual(expected);
      expect(listed.length).toBeGreaterThan(0);
    }
    // Results digitised: the figure and its list leave out the procedures that give no result (one the catalog does
    // not know counts as giving one), even with a scan linked as a result.
    const noResult = new Set(seedProcedures.filter((p) => !p.producesResult).map((p) => p.code));
    const digitised = (procedureCode: string) =>
      dossierEvents({ receivedAt: at('2023-03-02'), dueAt: at('2023-03-09'), procedureCode, steps: [{ type: 'resolved', at: at('2023-03-08'), resultDigitised: true }] });
    const [closing, giving] = [digitised([...noResult][0]!), digitised(seedProcedures.find((p) => p.producesResult)!.code)];
    store(db, [closing, giving]);
    const results = (await deskReportDossiers(db, request, 'result_digitised', {}, { limit: 10_000 })).map((d) => d.dossierId).sort();
    const withResult = states.filter((s) => referenceCategoriesOf(s, days).has('result_digitised') && !noResult.has(s.procedureCode!));
    expect(results).toEqual([...withResult.map((s) => s.id), giving[0]!.dossierId].sort());
    expect(results.length).toBe((await deskReport(db, request, { procedures: seedProcedures })).counts.resultsDigitised);
  });
});

describe('desk report facts after the upgrade to migration 017', () => {
  it('refolds the facts the mended rules change and rebuilds the counts, so the report equals the reference', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'motcua-report-upgrade-'));
    try {
      const dossiers = randomDossierEvents(600, 17);
      const states = dossiers.map((events) => projectDossier(events)!);
      const year: ReportRequest = { period: { from: '2023-01-01', to: '2023-12-31' }, unitCode: null, today: '2024-02-01' };
      let db = openStore({ dataDir: dir }).db;
      store(db, dossiers);
      refreshReportFacts(db);
      // The store as version 16 left it: no overdue spans, "digitised at receipt" as any scan at any time made it,
      // and the counts built from those facts.
      const oldDigitised = db.prepare('UPDATE report_facts SET components_digitised = ? WHERE dossier_id = ?');
      for (const s of states) oldDigitised.run(s.componentsDigitised ? 1 : 0, s.id);
      expect(states.filter((s) => s.componentsDigitised !== s.digitisedAtReceipt).length).toBeGreaterThan(0);
      invalidateReportCounts(db);
      ensureReportCounts(db);
      db.exec('DROP TABLE report_facts_overdue');
      db.pragma('user_version = 16');
      db.close();
      db = openStore({ dataDir: dir }).db;
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
        const report = await deskReport(db, year, { procedures: seedProcedures });
        expect(report).toEqual(referenceReport(states, year));
        expect(report.counts.digitisedAtReceipt).toBeLessThan(report.counts.received.total);
        for (const s of states) expect(factsOf(db, s.id)).toEqual(reportFactValues(reportFactOf(s)));
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
