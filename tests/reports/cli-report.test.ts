/**
 * `motcua report` as an administrator runs it: on a server database and on a desk's data file (told apart by
 * looking inside), JSON on stdout or a file, and plain words for bad input.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/command';
import { reportCommand } from '../../cli/commands/report';
import { importCommand } from '../../cli/commands/import';
import { serverCommand } from '../../cli/commands/server';
import { openStorage } from '../../server/storage/open';
import { openStore } from '../../electron/desk/db/open-store';
import { storePulled } from './support/pulled-events';
import { deskPaths } from '../../electron/desk/paths';
import { projectDossier } from '../../shared/domain/lifecycle';
import type { Report } from '../../shared/reports/report';
import { importLine, jsonl } from '../import/import-lines';
import { randomDossierEvents } from './support/random-dossiers';
import { referenceReport } from './support/report-paths';
import { writeFileSync } from 'node:fs';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('motcua report and motcua import', () => {
  let dir: string;
  let serverDb: string;
  let deskDb: string;
  let deskEvents: ReturnType<typeof randomDossierEvents>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'motcua-cli-report-'));
    serverDb = path.join(dir, 'server.db');
    const file = path.join(dir, 'dossiers.jsonl');
    writeFileSync(file, `${jsonl([importLine({ seq: 1001 }), importLine({ seq: 1002, channel: 'online' }), '{"code": "khong-phai-ma"}']).join('\n')}\n`);
    const missing = capture();
    expect(await importCommand.run(['--db', serverDb, file], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toMatch(/^motcua import: không có cơ sở dữ liệu máy chủ tại .*server\.db; hãy kiểm tra --db .* Chưa nhập gì\.\nmotcua import: no server database at .*server\.db; check --db .* Nothing was imported\.$/);
    expect(existsSync(serverDb)).toBe(false);
    // What the first `motcua server` run makes: add-unit works on an existing server database only.
    await (await openStorage({ kind: 'sqlite', file: serverDb })).close();
    expect(await serverCommand.run(['add-unit', '--db', serverDb, '--code', '000.00.00.H56', '--name', 'Tỉnh Hải Dương', '--level', 'province'], missing.io)).toBe(0);
    expect(await serverCommand.run(['add-unit', '--db', serverDb, '--code', '000.00.06.H56', '--name', 'Huyện Thanh Hà', '--level', 'district', '--parent', '000.00.00.H56'], missing.io)).toBe(0);
    const c = capture();
    expect(await importCommand.run(['--db', serverDb, file], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/^line 3: .*code/);
    expect(c.out.join('\n')).toMatch(/Imported 2 dossier/);

    const deskDir = path.join(dir, 'desk');
    const db = openStore({ dataDir: deskDir }).db;
    deskEvents = randomDossierEvents(300, 21);
    storePulled(db, deskEvents);
    db.close();
    deskDb = deskPaths(deskDir).database;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the server report as JSON with the documented field names', async () => {
    const c = capture();
    expect(await reportCommand.run(['--db', serverDb, '--from', '2023-03-01', '--to', '2023-03-31'], c.io)).toBe(0);
    const report = JSON.parse(c.out.join('\n')) as Report;
    expect(report.reportVersion).toBe(2);
    expect(report.counts.received).toEqual({ total: 2, online: 1, inPerson: 1, postal: 0 });
    expect(report.rates.onlineRate).toBe(50);
    expect(Object.keys(report)).toEqual(['reportVersion', 'period', 'judgedOn', 'unit', 'unitCodes', 'counts', 'rates', 'yearOnYear', 'byField', 'byProcedure', 'byAgency', 'byUnit', 'agencyEvaluation']);
  });

  it("reads a desk's data file too, and gives the same report as the reference", async () => {
    const c = capture();
    expect(await reportCommand.run(['--db', deskDb, '--from', '2023-01-01', '--to', '2023-06-30', '--unit', '000.00.06.H56'], c.io)).toBe(0);
    const report = JSON.parse(c.out.join('\n')) as Report;
    const expected = referenceReport(deskEvents.map((e) => projectDossier(e)!), { period: { from: '2023-01-01', to: '2023-06-30' }, unitCode: '000.00.06.H56', today: '2099-01-01' });
    expect(report.counts).toEqual(expected.counts);
  });

  it('writes XLSX and PDF files with --out', async () => {
    for (const format of ['xlsx', 'pdf', 'csv']) {
      const out = path.join(dir, `report.${format}`);
      const c = capture();
      expect(await reportCommand.run(['--db', serverDb, '--from', '2023-01-01', '--to', '2023-12-31', '--format', format, '--out', out], c.io)).toBe(0);
      expect(existsSync(out)).toBe(true);
      expect(readFileSync(out).length).toBeGreaterThan(500);
      // Said in Vietnamese first, as every other line of the command.
      expect(c.out.join('\n')).toMatch(new RegExp(`^Đã ghi báo cáo: .*report\\.${format} \\(${format}, [\\d.]+ hồ sơ trong kỳ\\) / Report written: `));
    }
  });

  it('refuses bad input in plain words and writes nothing', async () => {
    const c = capture();
    await expect(reportCommand.run(['--db', serverDb, '--from', '2023-02-30', '--to', '2023-03-31'], c.io)).rejects.toThrow(UsageError);
    await expect(reportCommand.run(['--db', serverDb, '--from', '2023-03-01'], c.io)).rejects.toThrow('give the period: --to YYYY-MM-DD (e.g. --from 2026-01-01 --to 2026-03-31).');
    await expect(reportCommand.run(['--db', serverDb, '--from', '2023-04-01', '--to', '2023-03-31'], c.io)).rejects.toThrow(/after its last day/);
    await expect(reportCommand.run(['--db', serverDb, '--from', '2023-01-01', '--to', '2023-03-31', '--format', 'xlsx'], c.io)).rejects.toThrow(/--out/);
    await expect(reportCommand.run(['--db', serverDb, '--from', '2023-01-01', '--to', '2023-03-31', '--unit', 'xa-1'], c.io)).rejects.toThrow(/unit code/);
    const notDb = path.join(dir, 'dossiers.jsonl');
    expect(await reportCommand.run(['--db', notDb, '--from', '2023-01-01', '--to', '2023-03-31'], c.io)).toBe(1);
    expect(c.err.at(-1)).toMatch(/neither a MotCua desk data file nor a MotCua server database/);
    expect(await reportCommand.run(['--db', path.join(dir, 'missing.db'), '--from', '2023-01-01', '--to', '2023-03-31'], c.io)).toBe(1);
    expect(existsSync(path.join(dir, 'missing.db'))).toBe(false);
  });

  it('refuses a unit the server does not hold instead of reporting zero dossiers for it', async () => {
    const c = capture();
    expect(await reportCommand.run(['--db', serverDb, '--from', '2023-03-01', '--to', '2023-03-31', '--unit', '000.00.99.H56'], c.io)).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err.join('\n')).toBe('motcua report: Máy chủ không có đơn vị 000.00.99.H56; hãy kiểm tra mã đơn vị.\nmotcua report: The server has no unit 000.00.99.H56; check the unit code.');
  });
});
