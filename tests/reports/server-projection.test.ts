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
import { dossierEvents } from './support/dossier-builder';
import { v7 as uuidv7 } from 'uuid';
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

/**
 * A supplement completed after a request made past a due the dossier had (its reception's, a restart's, a payment's):
 * what report schema 6 folds again, as the fold of a request made late changed.
 */
function supplementAskedPastADue(events: readonly DossierEvent[]): boolean {
  const dues = events.flatMap((e) =>
    e.type === 'dossier.received' || e.type === 'dossier.supplement_received' || e.type === 'dossier.fees_paid' ? [Date.parse(e.payload.dueAt)] : [],
  );
  return (
    events.some((e) => e.type === 'dossier.supplement_received') &&
    events.some((q) => q.type === 'dossier.supplement_requested' && dues.some((due) => Date.parse(q.deviceTime) > due))
  );
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

    it('an upgrade from report schema 2 folds again the dossiers a supervisor\'s decision closed or still has to, and only those', async () => {
      // Withdrawn, then a competing resolution (made offline on the dossier as received): a conflict.
      const withdrawnThenResolved = (hour: string) =>
        dossierEvents({
          receivedAt: `2023-05-02T${hour}:00:00+07:00`,
          dueAt: `2023-05-09T${hour}:00:00+07:00`,
          steps: [
            { type: 'withdrawn', at: `2023-05-03T${hour}:00:00+07:00` },
            { type: 'resolved', at: '2023-05-04T16:00:00+07:00' },
          ],
        });
      // One the supervisor then decided "Đã xử lý xong".
      const events = withdrawnThenResolved('09');
      const last = events.at(-1)!;
      events.push({
        ...last,
        id: uuidv7(),
        deviceSeq: last.deviceSeq + 1,
        baseVersion: events.length,
        deviceTime: '2023-06-01T08:00:00+07:00',
        type: 'dossier.conflict_resolved',
        payload: { status: 9, note: 'Đã xử lý xong' },
      } as DossierEvent);
      const id = events[0]!.dossierId;
      // And one whose conflict is still open: the decision to come must find the deeds' times in the stored state.
      const open = withdrawnThenResolved('10');
      await push(target, [events, open]);
      await catchUpReports(target.driver);
      const row = async () => target.driver.get<{ resolved_day: number | null; finished_day: number | null }>('SELECT resolved_day, finished_day FROM report_dossiers WHERE dossier_id = ?', [id]);
      const folded = await row();
      expect(folded?.finished_day).not.toBeNull();
      // As version 2's fold left them: no closing day; a conflict whose deeds have no time.
      const openState = async () => (await target.driver.get<{ state: string }>('SELECT state FROM report_states WHERE dossier_id = ?', [open[0]!.dossierId]))!.state;
      const openFolded = await openState();
      expect(openFolded).toContain('"at":"2023-05-04T16:00:00+07:00"');
      await target.driver.transaction(async (db) => {
        await db.run('UPDATE report_dossiers SET resolved_day = NULL, finished_day = NULL WHERE dossier_id = ?', [id]);
        await db.run('UPDATE report_states SET state = ? WHERE dossier_id = ?', [openFolded.replace(',"at":"2023-05-04T16:00:00+07:00"', ''), open[0]!.dossierId]);
        await db.run("UPDATE report_meta SET value = '2' WHERE key = 'schema_version'");
      });
      // The random dataset's dossiers left in conflict are folded again too (the same rows come out), and, by report
      // schema 6, those whose supplement came after a request made past a due they had.
      const inConflict = await target.driver.all<{ dossier_id: string }>(`SELECT dossier_id FROM report_states WHERE state NOT LIKE '%"conflict":null%'`);
      expect(inConflict.length).toBeGreaterThan(0);
      const askedPastADue = dossiers.filter(supplementAskedPastADue).map((events) => events[0]!.dossierId);
      expect(askedPastADue.length).toBeGreaterThan(0);
      await ensureReportSchema(target.driver);
      expect(await refoldMarked(target.driver)).toBe(new Set([id, ...inConflict.map((r) => r.dossier_id), ...askedPastADue]).size);
      expect(await row()).toEqual(folded);
      expect(await openState()).toBe(openFolded);
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
