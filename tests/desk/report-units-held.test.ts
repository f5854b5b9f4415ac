/**
 * The district desk's reports and its communes: a district desk syncs its own unit's dossiers and those transferred
 * to it, never its communes' (each commune's desk receives them and sends them to the server). Its report picker
 * used to offer every commune and its report of one read "0 received, 0 resolved" while the commune had received
 * dossiers — a wrong figure a supervisor would export and publish. Now the picker marks such a commune and the
 * desk refuses its report in words that say where its figures are.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportCommand } from '../../cli/commands/report';
import { vnParts } from '../../shared/calendar/vn-time';
import type { Report } from '../../shared/reports/report';
import { COMMUNE_A, COMMUNE_B, DISTRICT, receive, syncAll, syncTestBed, type SyncDesk } from '../sync/support/harness';

/**
 * The month the desks receive in: they run on the real clock, so a fixed month stopped holding the dossiers the
 * day it ended (Vietnam time). From the first of last month to the end of this one.
 */
const today = vnParts(new Date());
const lastMonth = today.month === 1 ? { year: today.year - 1, month: 12 } : { year: today.year, month: today.month - 1 };
const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = new Date(Date.UTC(today.year, today.month, 0)).getUTCDate();
const RECENT = { from: `${lastMonth.year}-${pad(lastMonth.month)}-01`, to: `${today.year}-${pad(today.month)}-${pad(monthEnd)}` };
const shownFrom = `01/${pad(lastMonth.month)}/${lastMonth.year}`;
const bed = syncTestBed();
const desk = (unitCode: string): Promise<SyncDesk> => bed.desk({ unitCode, deskNumber: 1 });

describe('a district desk reports only on units whose dossiers it holds', () => {
  it('marks a commune whose dossiers it does not hold, refuses its report, and reports its own unit', async () => {
    const commune = await desk(COMMUNE_A);
    const district = await desk(DISTRICT);
    await receive(commune, 1);
    await receive(commune, 2);
    await receive(district, 3);
    await syncAll([commune, district]);

    const choices = await district.must('reports.units', {});
    expect(choices.map((c) => [c.code, c.depth, c.heldHere, c.onlyTransferred])).toEqual([
      [DISTRICT, 0, true, false],
      [COMMUNE_A, 1, false, false],
      [COMMUNE_B, 1, false, false],
    ]);
    const refused = await district.call('reports.summary', { ...RECENT, unitCode: COMMUNE_A });
    expect(refused.ok ? null : [refused.error.code, refused.error.field]).toEqual(['report_unit_outside', 'unitCode']);
    if (!refused.ok) {
      expect(refused.error.message.vi).toContain('Quầy này không giữ hồ sơ của Xã Thanh An');
      expect(refused.error.message.vi).toContain('motcua report');
      expect(refused.error.message.en).toContain('This desk holds no dossiers of Xã Thanh An');
    }
    for (const method of ['reports.months', 'reports.export', 'reports.dossiers'] as const) {
      const extra = method === 'reports.export' ? { format: 'csv' } : method === 'reports.dossiers' ? { figure: 'received_new' } : {};
      const r = await district.call(method, { ...RECENT, unitCode: COMMUNE_A, ...extra });
      expect(r.ok ? null : r.error.code).toBe('report_unit_outside');
    }

    // Its own unit still reports, and the commune's desk still reports its two dossiers.
    const own = await district.must('reports.summary', { ...RECENT, unitCode: DISTRICT });
    expect(own.counts.received.total).toBe(1);
    // … and says it is the district's own unit alone, not "and the units under it", in its exports too.
    expect(own.unitCodes).toEqual([DISTRICT]);
    expect(own.byUnit.map((u) => u.key)).toEqual([DISTRICT]);
    const csv = await district.must('reports.export', { ...RECENT, unitCode: DISTRICT, format: 'csv' });
    const heading = Buffer.from(csv.dataBase64, 'base64').toString('utf8').split('\r\n')[0]!;
    expect(heading).toContain(`Huyện Thanh Hà (000.00.06.H56) — từ ${shownFrom}`);
    expect(heading).not.toContain('trực thuộc');
    const atCommune = await commune.must('reports.summary', { ...RECENT, unitCode: COMMUNE_A });
    expect(atCommune.counts.received.total).toBe(2);
    expect((await commune.must('reports.units', {})).map((c) => [c.code, c.heldHere])).toEqual([[COMMUNE_A, true]]);

    // `motcua report` on the district desk's data file says the same.
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const file = path.join(district.dir, 'desk.sqlite');
    expect(await reportCommand.run(['--db', file, '--from', RECENT.from, '--to', RECENT.to, '--unit', COMMUNE_A], io)).toBe(1);
    expect(err.join('\n')).toContain('Quầy này không giữ hồ sơ của Xã Thanh An');
    expect(await reportCommand.run(['--db', file, '--from', RECENT.from, '--to', RECENT.to, '--unit', DISTRICT], io)).toBe(0);
    const fromFile = JSON.parse(out.join('\n')) as Report;
    expect([fromFile.counts.received.total, fromFile.unitCodes]).toEqual([1, [DISTRICT]]);
  });

  it('holds a commune once one of its dossiers is transferred to the district', async () => {
    const commune = await desk(COMMUNE_A);
    const district = await desk(DISTRICT);
    const { dossierId } = await receive(commune, 1);
    await commune.must('dossiers.transfer', { dossierId, toAgency: DISTRICT, note: 'Chuyển phòng Tư pháp huyện' });
    await syncAll([commune, district]);

    const held = (await district.must('reports.units', {})).find((c) => c.code === COMMUNE_A);
    expect([held?.heldHere, held?.onlyTransferred]).toEqual([true, true]);
    expect((await district.call('reports.summary', { ...RECENT, unitCode: COMMUNE_A })).ok).toBe(true);

    // The district's report then covers that commune too, but only by what it sent up: its exports say so, rather
    // than "and the units under it", which a supervisor would publish as the communes' own figures.
    const csv = await district.must('reports.export', { ...RECENT, unitCode: DISTRICT, format: 'csv' });
    const heading = Buffer.from(csv.dataBase64, 'base64').toString('utf8').split('\r\n')[0]!;
    expect(heading).toContain(`Huyện Thanh Hà (000.00.06.H56) và hồ sơ các đơn vị trực thuộc đã chuyển đến quầy — từ ${shownFrom}`);
    // The commune's own report there, too: it holds the one dossier sent up, not the commune's two (QA: headed as the
    // commune's report, it read as its whole figures).
    await receive(commune, 2);
    await syncAll([commune, district]);
    const communeHere = await district.must('reports.summary', { ...RECENT, unitCode: COMMUNE_A });
    expect(communeHere.counts.received.total).toBe(1);
    expect(communeHere.subUnitsOnlyAsTransferred).toBe(true);
    const communeCsv = await district.must('reports.export', { ...RECENT, unitCode: COMMUNE_A, format: 'csv' });
    expect(Buffer.from(communeCsv.dataBase64, 'base64').toString('utf8').split('\r\n')[0]).toContain(
      `Xã Thanh An (${COMMUNE_A}), chỉ gồm hồ sơ đơn vị đã chuyển đến quầy — từ ${shownFrom}`,
    );
    // On the commune's own desk, its report is its own: no such words.
    const ownCommune = await commune.must('reports.summary', { ...RECENT, unitCode: COMMUNE_A });
    expect(ownCommune.counts.received.total).toBe(2);
    expect(ownCommune.subUnitsOnlyAsTransferred).toBeUndefined();
    // The server, which holds every unit's dossiers, says "and the units under it".
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => undefined };
    expect(await reportCommand.run(['--db', bed.server.file, '--from', RECENT.from, '--to', RECENT.to, '--unit', DISTRICT, '--format', 'csv'], io)).toBe(0);
    expect(out.join('\n')).toContain(`Huyện Thanh Hà (000.00.06.H56) và các đơn vị trực thuộc — từ ${shownFrom}`);
  });
});
