/**
 * Report schema 6 on the server, on SQLite and PostgreSQL: the report tables as the old fold left them (a supplement
 * asked for once late whose completion restarted the clock; a conflict decided "Đã xử lý xong" without the competing
 * resolution's digitised result; a conflict still open, stored without what its deeds recorded) are folded again,
 * those dossiers only, and the January report then counts the late one late and the digitised result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../shared/domain/events';
import type { DossierState } from '../../shared/domain/lifecycle';
import type { WireEvent } from '../../shared/sync/messages';
import { openReportingStorage, type ReportingStorage } from '../../server/reports/open-reporting';
import { catchUpReports, refoldMarked } from '../../server/reports/projection';
import { reportRowValues, upsertReportRows } from '../../server/reports/report-rows';
import { serverReport } from '../../server/reports/report-service';
import { ensureReportSchema } from '../../server/reports/schema';
import { startPgCluster, type PgCluster } from '../support/pg';
import { asTheOldFoldLeftThem, DUE, folded, JANUARY, oldFoldCases, RESTARTED } from '../reports/support/old-fold-cases';
import { reference } from '../reports/support/report-paths';

const request = { period: JANUARY, unitCode: null, today: '2027-03-01' };

async function push(target: ReportingStorage, dossiers: DossierEvent[][]): Promise<void> {
  await target.storage.syncTransaction(async (tx) => {
    for (const events of dossiers) {
      const first = events[0]!;
      const unitCode = (first.payload as { unitCode: string }).unitCode;
      await tx.createDossier({ id: first.dossierId, unitCode, code: null, portalRef: null });
      for (const e of events) await tx.appendEvent(e as unknown as WireEvent, e.serverTime!);
    }
  });
}

function upgrade(name: string, open: () => Promise<ReportingStorage>) {
  describe(`report schema 6 on ${name}`, () => {
    let target: ReportingStorage | undefined;
    afterAll(async () => {
      await target?.close();
    });

    it('folds again the late supplement, the decided and the open conflict, and only those', async () => {
      target = await open();
      const { driver } = target;
      const cases = oldFoldCases();
      await push(target, Object.values(cases));
      await catchUpReports(driver);
      const resolved = async () => (await serverReport(driver, request, reference)).counts.resolved;
      const digitised = async () => (await serverReport(driver, request, reference)).counts.resultsDigitised;
      expect(await resolved()).toMatchObject({ total: 3, early: 2, late: 1 });

      // As the old fold left them: rows, states and overdue spans, at their feed positions.
      const old: DossierState[] = asTheOldFoldLeftThem(cases);
      await driver.transaction(async (db) => {
        const feedSeqOf = async (id: string) => Number((await db.get<{ feed_seq: number }>('SELECT feed_seq FROM report_dossiers WHERE dossier_id = ?', [id]))!.feed_seq);
        for (const state of old) await upsertReportRows(db, [reportRowValues(state, await feedSeqOf(state.id))]);
        await db.run("UPDATE report_meta SET value = '5' WHERE key = 'schema_version'");
      });
      const row = async (events: DossierEvent[]) =>
        driver.get<{ due_at: string; legal_due_day: number; result_digitised: number }>('SELECT due_at, legal_due_day, result_digitised FROM report_dossiers WHERE dossier_id = ?', [events[0]!.dossierId]);
      const state = async (events: DossierEvent[]) =>
        JSON.parse((await driver.get<{ state: string }>('SELECT state FROM report_states WHERE dossier_id = ?', [events[0]!.dossierId]))!.state) as DossierState;
      expect((await row(cases.late))?.due_at).toBe(RESTARTED);
      expect([await resolved(), await digitised()]).toEqual([expect.objectContaining({ early: 3, late: 0 }), 0]);

      await ensureReportSchema(driver);
      const marked = (await driver.all<{ dossier_id: string }>('SELECT dossier_id FROM report_refold ORDER BY dossier_id')).map((r) => r.dossier_id);
      expect(marked).toEqual(old.map((s) => s.id).sort());
      expect(await refoldMarked(driver)).toBe(3);
      expect(await row(cases.late)).toMatchObject({ due_at: DUE, legal_due_day: 20270107 });
      expect((await row(cases.decided))?.result_digitised).toBe(1);
      expect((await state(cases.open)).conflict).toEqual(folded(cases.open).conflict);
      expect([await resolved(), await digitised()]).toEqual([expect.objectContaining({ total: 3, early: 2, late: 1 }), 1]);
    }, 120_000);
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'motcua-report-schema-6-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
upgrade('SQLite', () => openReportingStorage({ kind: 'sqlite', file: path.join(dir, 'server.db') }));

let cluster: PgCluster | undefined;
afterAll(() => cluster?.stop());
upgrade('PostgreSQL', async () => {
  cluster = await startPgCluster();
  return openReportingStorage({ kind: 'postgres', url: await cluster.createDatabase() });
});
