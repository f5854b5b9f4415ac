/**
 * QA: a report period out of the years the desk knows (0001-01-01 … 9998-12-31) crashed every report path — "lỗi ngoài
 * dự kiến", a 503 with a level-50 log line, the desk's `internal` — and a period not yet begun was printed as if
 * real, under "Số liệu tính đến ngày 02/12/2026". One rule (shared/reports/period.ts `parseReportPeriod`) refuses
 * both in plain words on the command line (exit 2), over HTTP (400) and in the desk API (next to its field); a
 * period begun but not ended is still reported to date, and the longest allowed one (1900–2099) still reports.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT_USAGE } from '../../cli/command';
import { reportCommand } from '../../cli/commands/report';
import { deskPaths } from '../../electron/desk/paths';
import { openStorage } from '../../server/storage/open';
import type { Report } from '../../shared/reports/report';
import { runReport } from '../../shared/reports/run-report';
import { seedUnits } from '../../shared/catalog/seed-units';
import { makeTestDesk, receiveDossier, type TestDesk } from '../desk/helpers';
import { getReports, startReportingServer, type ReportingServer } from '../publication/support';
import { motcua } from '../support/cli';

let dir: string;
let serverDb: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-report-period-'));
  serverDb = path.join(dir, 'server.db');
  await (await openStorage({ kind: 'sqlite', file: serverDb })).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => void vi.useRealTimers());

/** The PC's clock for `motcua report` (it reads the real time): 2 December 2026, 10:00 in Vietnam. */
function todayIs(instant = '2026-12-02T10:00:00+07:00'): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
}

const report = (...argv: string[]) => motcua(reportCommand, ...argv);

describe('motcua report: a period outside 1900–2099', () => {
  it.each([
    [['0001-01-01', '2026-12-31'], 'bắt đầu', 'first', '01/01/0001'],
    [['2026-01-01', '9998-12-31'], 'kết thúc', 'last', '31/12/9998'],
    [['1000-01-01', '2026-01-31'], 'bắt đầu', 'first', '01/01/1000'],
    [['2026-01-01', '2100-01-01'], 'kết thúc', 'last', '01/01/2100'],
  ])('%j is refused in plain words, exit 2, nothing written', async ([from, to], vi_, en, shown) => {
    todayIs();
    const out = path.join(dir, 'never.json');
    const run = await report('--db', serverDb, '--from', from!, '--to', to!, '--out', out);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toEqual([
      `motcua report: Ngày ${vi_} kỳ báo cáo ${shown} không hợp lệ: năm phải từ 1900 đến 2099. Chưa ghi gì.`,
      `motcua report: The report period's ${en} day ${shown} is not valid: years run from 1900 to 2099. Nothing was written.`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('reports the longest period allowed, 1900–2099, with no year-earlier figures (the same span to date, before 1900, holds none)', async () => {
    todayIs();
    const run = await report('--db', serverDb, '--from', '1900-01-01', '--to', '2099-12-31');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.out) as Report;
    expect(shown.judgedOn).toBe('2026-12-02');
    // Reported to date (2 December 2026): 1900 to that day, against as many days before 1900.
    expect(shown.yearOnYear.previousPeriod).toEqual({ from: '1773-01-01', to: '1899-12-02' });
    expect(shown.yearOnYear.previous.counts.inPeriod).toBe(0);
  });
});

describe('motcua report: a period not yet begun', () => {
  it('is refused on the PC clock’s today in Vietnam, exit 2; one begun but not ended is reported to date', async () => {
    // 1 December 2026 17:30 UTC is already 2 December in Vietnam: the period of 2 December has begun.
    todayIs('2026-12-01T17:30:00Z');
    const future = await report('--db', serverDb, '--from', '2027-01-01', '--to', '2027-01-31');
    expect(future.code).toBe(EXIT_USAGE);
    expect(future.out).toBe('');
    expect(future.err.split('\n')).toEqual([
      'motcua report: Kỳ báo cáo 01/01/2027 – 31/01/2027 chưa bắt đầu: hôm nay mới là 02/12/2026. Hãy chọn kỳ đã bắt đầu. Chưa ghi gì.',
      'motcua report: The report period 01/01/2027 – 31/01/2027 has not started yet: today is 02/12/2026. Choose a period that has begun. Nothing was written.',
    ]);
    const tomorrow = await report('--db', serverDb, '--from', '2026-12-03', '--to', '2026-12-31');
    expect(tomorrow.code).toBe(EXIT_USAGE);
    expect(tomorrow.err).toContain('has not started yet: today is 02/12/2026');

    const begun = await report('--db', serverDb, '--from', '2026-12-02', '--to', '2027-01-31');
    expect(begun.code).toBe(0);
    expect((JSON.parse(begun.out) as Report).judgedOn).toBe('2026-12-02');
  });

  it('is judged by the clock, not by the calendar the test runs on', async () => {
    todayIs('2025-06-15T09:00:00+07:00');
    const july = await report('--db', serverDb, '--from', '2025-07-01', '--to', '2025-07-31');
    expect(july.code).toBe(EXIT_USAGE);
    expect(july.err).toContain('today is 15/06/2025');
  });
});

describe('the year earlier of a period starting in 1900', () => {
  it('is named, but no query is run for it: no period may name a year before 1900', async () => {
    const asked: number[] = [];
    const sources = { units: seedUnits, procedures: [], factsTable: 'unused', runSql: () => [], aggregate: (days: { from: number }) => (asked.push(days.from), []) };
    const whole = await runReport({ period: { from: '1900-01-01', to: '2099-12-31' }, unitCode: null, today: '2026-12-02' }, sources);
    expect(whole.yearOnYear.previousPeriod).toEqual({ from: '1773-01-01', to: '1899-12-02' });
    expect(asked).toEqual([19000101]);
    asked.length = 0;
    // 1900 itself compares with 1899: nothing there either. A period reaching into 1900 from its year earlier is asked.
    await runReport({ period: { from: '1900-01-01', to: '1900-12-31' }, unitCode: null, today: '2026-12-02' }, sources);
    expect(asked).toEqual([19000101]);
    asked.length = 0;
    await runReport({ period: { from: '1900-07-01', to: '1901-06-30' }, unitCode: null, today: '2026-12-02' }, sources);
    expect(asked).toEqual([19000701, 18990701]);
  });
});

describe("motcua report on a desk's data file", () => {
  let t: TestDesk | undefined;
  afterEach(() => t?.cleanup());

  it('reports 1900–2099 with its dossiers, and refuses a year out of range leaving the file as it was', async () => {
    t = await makeTestDesk({ now: '2026-11-27T09:32:00+07:00' });
    await receiveDossier(t);
    t.desk.close();
    const file = deskPaths(t.dir).database;
    todayIs();
    const whole = await report('--db', file, '--from', '1900-01-01', '--to', '2099-12-31');
    expect(whole.err).toBe('');
    expect(whole.code).toBe(0);
    const shown = JSON.parse(whole.out) as Report;
    expect(shown.counts.received.total).toBe(1);
    // Reported to date (2 December 2026): 1900 to that day, against as many days before 1900.
    expect(shown.yearOnYear.previousPeriod).toEqual({ from: '1773-01-01', to: '1899-12-02' });
    const before = readFileSync(file);
    const refused = await report('--db', file, '--from', '0001-01-01', '--to', '2026-12-31');
    expect(refused.code).toBe(EXIT_USAGE);
    expect(refused.err).toContain('years run from 1900 to 2099');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('motcua report --out', () => {
  it('refuses a file already there, whatever its extension, and leaves it as it was', async () => {
    todayIs();
    const earlier = path.join(dir, 'all.json');
    writeFileSync(earlier, '{"reportVersion":1}\n');
    const run = await report('--db', serverDb, '--from', '2026-01-01', '--to', '2026-11-30', '--format', 'pdf', '--out', earlier);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toEqual([
      `motcua report: Tệp ${earlier} đã có; hãy đặt tên tệp báo cáo mới cho --out (hoặc xoá tệp cũ nếu không cần nữa). Chưa ghi gì.`,
      `motcua report: ${earlier} already exists; give --out a new file name for the report (or delete the old file if it is no longer needed). Nothing was written.`,
    ]);
    expect(readFileSync(earlier, 'utf8')).toBe('{"reportVersion":1}\n');
    // The same report under a new name is written.
    const fresh = path.join(dir, 'all.pdf');
    expect((await report('--db', serverDb, '--from', '2026-01-01', '--to', '2026-11-30', '--format', 'pdf', '--out', fresh)).code).toBe(0);
    expect(readFileSync(fresh).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const again = await report('--db', serverDb, '--from', '2026-01-01', '--to', '2026-11-30', '--format', 'json', '--out', fresh);
    expect(again.code).toBe(EXIT_USAGE);
    expect(readFileSync(fresh).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A folder named as --out is said as a folder, not as a file already there.
    const folder = await report('--db', serverDb, '--from', '2026-01-01', '--to', '2026-11-30', '--format', 'pdf', '--out', dir);
    expect(folder.code).toBe(EXIT_USAGE);
    expect(folder.err).toContain(`${dir} là một thư mục; --out cần tên tệp báo cáo, ví dụ ${path.join(dir, 'bao-cao.pdf')}. Chưa ghi gì.`);
    expect(folder.err).toContain(`${dir} is a folder; --out needs the report's file name`);
  });
});

describe('motcua report --db and --pg together', () => {
  it('says to give only one of them', async () => {
    const run = await report('--db', serverDb, '--pg', 'postgresql://motcua@127.0.0.1/motcua', '--from', '2026-01-01', '--to', '2026-01-31');
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.err.split('\n')).toEqual([
      'motcua report: chỉ dùng một trong hai: --db TỆP (tệp dữ liệu của quầy hoặc cơ sở dữ liệu máy chủ) hoặc --pg URL, không dùng cả hai.',
      'motcua report: give either --db FILE (a desk data file or a server database) or --pg URL, not both.',
    ]);
  });
});

describe('GET /v1/reports (the server’s clock says 20/03/2023)', () => {
  let server: ReportingServer;
  beforeAll(async () => {
    server = await startReportingServer();
  });
  afterAll(() => server.close());
  const get = (query: string) => getReports(server, query);

  it('refuses years outside 1900–2099 with 400 and the error in both languages', async () => {
    const refused = await get('from=0001-01-01&to=9999-12-31');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'report_period_out_of_range',
      message: {
        vi: 'Ngày bắt đầu kỳ báo cáo 01/01/0001 không hợp lệ: năm phải từ 1900 đến 2099.',
        en: "The report period's first day 01/01/0001 is not valid: years run from 1900 to 2099.",
      },
    });
    expect((await get('from=2023-01-01&to=9999-12-31')).json().error.code).toBe('report_period_out_of_range');
  });

  it('refuses a period not yet begun with 400; one begun is reported to date', async () => {
    const refused = await get('from=2023-04-01&to=2023-04-30');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'report_period_not_started',
      message: {
        vi: 'Kỳ báo cáo 01/04/2023 – 30/04/2023 chưa bắt đầu: hôm nay mới là 20/03/2023. Hãy chọn kỳ đã bắt đầu.',
        en: 'The report period 01/04/2023 – 30/04/2023 has not started yet: today is 20/03/2023. Choose a period that has begun.',
      },
    });
    const begun = await get('from=2023-03-01&to=2023-03-31');
    expect(begun.statusCode).toBe(200);
    expect(begun.json().judgedOn).toBe('2023-03-20');
  });
});

describe('the desk API (its clock says 02/03/2026)', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await makeTestDesk({ now: '2026-03-02T09:00:00+07:00' });
  });
  afterAll(() => t.cleanup());

  it.each(['reports.summary', 'reports.months', 'reports.export', 'reports.dossiers'] as const)(
    '%s refuses years outside 1900–2099 and a period not begun, next to the field',
    async (method) => {
      const extra = method === 'reports.export' ? { format: 'csv' } : method === 'reports.dossiers' ? { figure: 'received_new' } : {};
      const old = await t.call(method, { from: '0001-01-01', to: '0001-12-31', ...extra });
      expect(old.ok ? null : [old.error.code, old.error.field, old.error.message]).toEqual([
        'report_period_out_of_range',
        'from',
        {
          vi: 'Ngày bắt đầu kỳ báo cáo 01/01/0001 không hợp lệ: năm phải từ 1900 đến 2099.',
          en: "The report period's first day 01/01/0001 is not valid: years run from 1900 to 2099.",
        },
      ]);
      const late = await t.call(method, { from: '2099-06-01', to: '2100-01-31', ...extra });
      expect(late.ok ? null : [late.error.code, late.error.field]).toEqual(['report_period_out_of_range', 'to']);
      const future = await t.call(method, { from: '2026-04-01', to: '2026-04-30', ...extra });
      expect(future.ok ? null : [future.error.code, future.error.field, future.error.message.en]).toEqual([
        'report_period_not_started',
        'from',
        'The report period 01/04/2026 – 30/04/2026 has not started yet: today is 02/03/2026. Choose a period that has begun.',
      ]);
      expect(future.ok ? null : future.error.message.vi).toBe('Kỳ báo cáo 01/04/2026 – 30/04/2026 chưa bắt đầu: hôm nay mới là 02/03/2026. Hãy chọn kỳ đã bắt đầu.');
      const begun = await t.call(method, { from: '2026-03-01', to: '2026-03-31', ...extra });
      expect(begun.ok).toBe(true);
    },
  );

  it('reports a period begun but not ended to date', async () => {
    const report = await t.must('reports.summary', { from: '2026-01-01', to: '2026-12-31' });
    expect(report.judgedOn).toBe('2026-03-02');
  });
});
