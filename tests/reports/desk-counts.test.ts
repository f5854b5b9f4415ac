/**
 * The desk's pre-aggregated report counts (migration 005) must give exactly the report of the aggregation over
 * every fact: on a generated dataset, for periods of every shape (a day, across months and years, not yet ended),
 * for units and their children; after incremental refreshes; and with facts the counts cannot hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { seedUnits } from '../../shared/catalog/seed-units';
import { projectDossier } from '../../shared/domain/lifecycle';
import { countMeasures, isRegularFact } from '../../shared/reports/counts';
import { dateKeyOfDayNumber } from '../../shared/reports/days';
import { reportFactColumns, reportFactOf, reportFactValues } from '../../shared/reports/facts';
import type { ReportRequest } from '../../shared/reports/run-report';
import type { Db } from '../../electron/desk/db/open-database';
import { openStore } from '../../electron/desk/db/open-store';
import { deskReport, deskReportFromFacts } from '../../electron/desk/reports/desk-report';
import { ensureReportCounts, invalidateReportCounts } from '../../electron/desk/reports/report-counts-upkeep';
import { at, dossierEvents } from './support/dossier-builder';
// Stores the dossiers' events in the desk's log, as a pull from the server would.
import { storePulled as store } from './support/pulled-events';
import { randomDossierEvents, seeded } from './support/random-dossiers';


const options = { procedures: seedProcedures };
const units = seedUnits.filter((u) => u.level !== 'province').map((u) => u.code);

/** Periods of every shape over the random dossiers' years (2022–2024), judged before, inside and after them. */
function randomRequests(count: number, seed: number): ReportRequest[] {
  const random = seeded(seed);
  const day = (offset: number) => {
    const t = new Date(Date.UTC(2021, 10, 1) + offset * 86_400_000);
    return dateKeyOfDayNumber(t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate());
  };
  const out: ReportRequest[] = [
    { period: { from: '2023-01-01', to: '2023-12-31' }, unitCode: null, today: '2025-01-01' },
    { period: { from: '2023-01-01', to: '2023-12-31' }, unitCode: null, today: '2023-08-15' },
    { period: { from: '2023-03-01', to: '2023-03-31' }, unitCode: units[0]!, today: '2025-01-01' },
  ];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(random() * 900);
    const length = [0, 1, 30, 95, 400][Math.floor(random() * 5)]! + Math.floor(random() * 40);
    out.push({
      period: { from: day(start), to: day(start + length) },
      unitCode: random() < 0.3 ? units[Math.floor(random() * units.length)]! : null,
      today: day(start + Math.floor(random() * (length + 60))),
    });
  }
  return out;
}

async function expectSameReports(db: Db, requests: readonly ReportRequest[]): Promise<void> {
  for (const request of requests) {
    const fast = await deskReport(db, request, options);
    expect(fast, JSON.stringify(request)).toEqual(await deskReportFromFacts(db, request, options));
  }
}

describe('desk report counts', () => {
  let dir: string;
  let db: Db;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'motcua-report-counts-'));
    db = openStore({ dataDir: dir }).db;
    store(db, randomDossierEvents(3000, 23));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('equal the aggregation over the facts on a generated dataset, for random periods and units', async () => {
    const requests = randomRequests(60, 5);
    await expectSameReports(db, requests);
    const year = await deskReport(db, requests[0]!, options);
    expect(year.counts.carriedOver).toBeGreaterThan(0);
    expect(year.counts.inProgress.overdue + year.counts.resolved.late).toBeGreaterThan(0);
  });

  it('follow new events (a resolution, a withdrawal, a dossier removed) without a rebuild', async () => {
    const dossiers = randomDossierEvents(200, 77);
    store(db, dossiers);
    const first = dossiers[0]!;
    const resolved = dossierEvents(
      { receivedAt: at('2023-05-02'), dueAt: at('2023-05-09', '17:00'), steps: [{ type: 'resolved', at: at('2023-05-12') }] },
      first[0]!.dossierId,
    );
    db.prepare('DELETE FROM events WHERE dossier_id = ?').run(first[0]!.dossierId);
    store(db, [resolved]);
    db.prepare('DELETE FROM events WHERE dossier_id = ?').run(dossiers[1]![0]!.dossierId);
    await expectSameReports(db, randomRequests(20, 9));
    // A rebuild from the facts finds the very counts the refreshes left.
    const counts = () => db.prepare('SELECT * FROM report_counts WHERE ' + COUNTED + ' ORDER BY bucket, unit_code, procedure_code, channel').all();
    const incremental = counts();
    invalidateReportCounts(db);
    expect(ensureReportCounts(db)).toBe(true);
    expect(counts()).toEqual(incremental);
  });

  it('count facts outside their own span (odd imported data) exactly as the facts aggregation does', async () => {
    const odd = randomDossierEvents(40, 99).map((events) => reportFactOf(projectDossier(events)!));
    const insert = db.prepare(`INSERT INTO report_facts (${reportFactColumns.join(', ')}) VALUES (${reportFactColumns.map(() => '?').join(', ')})`);
    const broken = odd.map((f, i) => {
      // Resolved before received; returned with no receipt; an empty unit code; withdrawn after its span.
      const fact = [
        { ...f, resolvedDay: f.receivedDay === null ? null : f.receivedDay - 1 },
        { ...f, receivedDay: null, returnedDay: 20230315, spanStart: null, spanEnd: null },
        { ...f, unitCode: '' },
        { ...f, withdrawnDay: 20240601 },
      ][i % 4]!;
      return { ...fact, dossierId: `odd-${i}` };
    });
    broken.forEach((f) => insert.run(...reportFactValues(f)));
    const irregular = broken.filter((f) => !isRegularFact(f)).length;
    expect(irregular).toBeGreaterThanOrEqual(30);
    invalidateReportCounts(db);
    await expectSameReports(db, randomRequests(20, 13));
    expect(db.prepare('SELECT COUNT(*) AS n FROM report_counts_irregular').get()).toEqual({ n: irregular });
  });
});

/** Rows whose counts are all zero may stay behind after changes; they change nothing. */
const COUNTED = countMeasures.map((m) => `${m} <> 0`).join(' OR ');
