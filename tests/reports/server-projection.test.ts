/**
 * The server's report projection, the same contract on SQLite and PostgreSQL: it follows the event log as desks
 * push (incrementally, by server sequence), a rebuild from the log gives the same rows, and the report over it
 * equals the reference report on a random dataset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../shared/domain/events';
import { projectDossier } from '../../shared/domain/lifecycle';
import type { ReportRequest } from '../../shared/reports/run-report';
import type { WireEvent } from '../../shared/sync/messages';
import { openReportingStorage, type ReportingStorage } from '../../server/reports/open-reporting';
import { catchUpReports, rebuildReports, refoldMarked, refoldPending } from '../../server/reports/projection';
import { ensureReportSchema } from '../../server/reports/schema';
import { serverReport } from '../../server/reports/report-service';
import { startPgCluster, type PgCluster } from '../support/pg';
import { randomDossierEvents } from './support/random-dossiers';
import { reference, referenceReport } from './support/report-paths';

const YEAR: ReportRequest = { period: { from: '2023-01-01', to: '2023-12-31' }, unitCode: null, today: '2024-03-01' };
const DISTRICT_Q1: ReportRequest = { period: { from: '2023-01-01', to: '2023-03-31' }, unitCode: '000.00.06.H56', today: '2023-03-20' };

/** Stores dossiers' events as accepted pushes would: the dossier row, then each event with the next server sequence. */
async function push(target: ReportingStorage, dossiers: DossierEvent[][]): Promise<void> {
  await target.storage.syncTransaction(async (tx) => {
    for (const events of dossiers) {
      const first = events[0]!;
      const unitCode = (first.payload as { unitCode: string }).unitCode;
      if (!(await tx.dossier(first.dossierId))) await tx.createDossier({ id: first.dossierId, unitCode, code: null, portalRef: null });
      for (const e of events) await tx.appendEvent(e as unknown as WireEvent, '2024-01-01T08:00:00+07:00');
    }
  });
}

function contract(name: string, open: () => Promise<ReportingStorage>) {
  describe(`report projection on ${name}`, () => {
    let target: ReportingStorage;
    const dossiers = randomDossierEvents(800, 31);
    // The first half of every dossier's events first, the rest later, as desks sync over time.
    const early = dossiers.map((events) => events.slice(0, Math.ceil(events.length / 2)));
    const late = dossiers.map((events) => events.slice(Math.ceil(events.length / 2))).filter((e) => e.length > 0);

    beforeAll(async () => {
      target = await open();
    }, 60_000);
    afterAll(async () => {
      await target?.close();
    });

    it('follows pushes incrementally and reports what the reference fold reports', async () => {
      await push(target, early);
      const first = await catchUpReports(target.driver);
      expect(first.events).toBe(early.flat().length);
      const halfStates = early.map((e) => projectDossier(e)!);
      expect(await serverReport(target.driver, YEAR, reference)).toEqual(referenceReport(halfStates, YEAR));

      await push(target, late);
      const all = dossiers.map((e) => projectDossier(e)!);
      // The report catches the projection up itself.
      expect(await serverReport(target.driver, YEAR, reference)).toEqual(referenceReport(all, YEAR));
      expect(await serverReport(target.driver, DISTRICT_Q1, reference)).toEqual(referenceReport(all, DISTRICT_Q1));
      expect((await catchUpReports(target.driver)).events).toBe(0);
    }, 120_000);

    it('a rebuild from the event log gives the same projection', async () => {
      const before = await target.driver.all('SELECT * FROM report_dossiers ORDER BY dossier_id');
      const rebuilt = await rebuildReports(target.driver);
      expect(rebuilt.events).toBe(dossiers.flat().length);
      expect(await target.driver.all('SELECT * FROM report_dossiers ORDER BY dossier_id')).toEqual(before);
    }, 120_000);

    it('an upgrade from report schema 1 folds each dossier again from its events, a row at a time, whole', async () => {
      const before = await target.driver.all('SELECT * FROM report_dossiers ORDER BY dossier_id');
      const spans = await target.driver.all('SELECT * FROM report_dossiers_overdue ORDER BY dossier_id, from_day');
      expect(spans.length).toBeGreaterThan(0);
      // The tables as version 1 left them, with its fold's "digitised at receipt" (any scan, however late).
      await target.driver.transaction(async (db) => {
        await db.run('DROP TABLE report_dossiers_overdue');
        await db.run('DROP TABLE report_refold');
        await db.run('UPDATE report_dossiers SET components_digitised = 1');
        await db.run("UPDATE report_meta SET value = '1' WHERE key = 'schema_version'");
      });
      await ensureReportSchema(target.driver);
      expect(await refoldPending(target.driver)).toBe(true);
      // Meanwhile the rows are there, and what the public sees in them is what it was.
      const publicColumns = 'dossier_id, code, status, pin, received_at, due_at, resolved_at, returned_at, feed_seq';
      const shown = await target.driver.all(`SELECT ${publicColumns} FROM report_dossiers ORDER BY dossier_id`);
      expect(shown).toEqual(before.map((r) => Object.fromEntries(publicColumns.split(', ').map((c) => [c, (r as Record<string, unknown>)[c]]))));
      expect(await refoldMarked(target.driver, 97)).toBe(before.length);
      expect(await refoldPending(target.driver)).toBe(false);
      expect(await target.driver.all('SELECT * FROM report_dossiers ORDER BY dossier_id')).toEqual(before);
      expect(await target.driver.all('SELECT * FROM report_dossiers_overdue ORDER BY dossier_id, from_day')).toEqual(spans);
      const all = dossiers.map((e) => projectDossier(e)!);
      expect(await serverReport(target.driver, YEAR, reference)).toEqual(referenceReport(all, YEAR));
    }, 120_000);
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'motcua-report-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
contract('SQLite', () => openReportingStorage({ kind: 'sqlite', file: path.join(dir, 'server.db') }));

let cluster: PgCluster | undefined;
afterAll(() => cluster?.stop());
contract('PostgreSQL', async () => {
  cluster = await startPgCluster();
  return openReportingStorage({ kind: 'postgres', url: await cluster.createDatabase() });
});
