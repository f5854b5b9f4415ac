import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  allPresent,
  applicant,
  makeTestDesk,
  ordinaryProcedure,
  rowCounts,
  UNIT,
  type TestDesk,
} from './helpers';

const YEAR = { from: '2026-01-01', to: '2026-12-31' };

let t: TestDesk;
const codes: { early: string; late: string; open: string } = { early: '', late: '', open: '' };

/** Three dossiers received in person on a Monday in March: one resolved the same day, one resolved after its due date, one still open. */
beforeAll(async () => {
  t = await makeTestDesk({ now: '2026-03-02T09:00:00+07:00' });
  const p = ordinaryProcedure();
  const receive = (name: string, id: string) =>
    t.must('dossiers.receive', {
      procedureCode: p.code,
      applicant: applicant(name, id),
      components: allPresent(p),
    });
  const early = await receive('Nguyễn Văn An', '001203000001');
  const late = await receive('Trần Thị Bình', '001203000002');
  const open = await receive('Lê Văn Cường', '001203000003');
  codes.early = early.code;
  codes.late = late.code;
  codes.open = open.code;
  t.clock.advanceMinutes(60);
  await t.must('dossiers.resolve', { dossierId: early.dossier.id, resultDigitised: true });
  // Ten days after the due date: late whatever the working-day calendar says.
  t.clock.set(new Date(new Date(late.dueAt).getTime() + 10 * 86_400_000).toISOString());
  await t.must('dossiers.resolve', { dossierId: late.dossier.id, resultDigitised: false });
  t.clock.set('2026-11-27T10:00:00+07:00');
});
afterAll(() => t.cleanup());

describe('reports in the desk API', () => {
  it('sums the desk units’ dossiers into the district report figures', async () => {
    const report = await t.must('reports.summary', YEAR);
    expect(report.period).toEqual(YEAR);
    expect(report.unit?.code).toBe(UNIT);
    expect(report.counts.received).toEqual({ total: 3, online: 0, inPerson: 3, postal: 0 });
    expect(report.counts.inPeriod).toBe(3);
    expect(report.counts.resolved).toEqual({ total: 2, early: 1, onTime: 0, late: 1 });
    expect(report.counts.inProgress.total).toBe(1);
    expect(report.counts.resultsDigitised).toBe(1);
    expect(report.rates.onTimeRate).toBe(50);
    expect(report.rates.lateRate).toBe(50);
    expect(report.rates.onlineRate).toBe(0);
    expect(report.byField.reduce((n, line) => n + line.counts.received.total, 0)).toBe(3);
  });

  it('counts nothing in a period before the dossiers were received', async () => {
    const report = await t.must('reports.summary', { from: '2026-01-01', to: '2026-02-28' });
    expect(report.counts.received.total).toBe(0);
    expect(report.rates.onTimeRate).toBeNull();
  });

  it('lists the dossiers behind a figure, page by page', async () => {
    const late = await t.must('reports.dossiers', { ...YEAR, figure: 'resolved_late' });
    expect(late.items.map((d) => d.code)).toEqual([codes.late]);
    expect(late.hasMore).toBe(false);
    const first = await t.must('reports.dossiers', { ...YEAR, figure: 'received_new', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const second = await t.must('reports.dossiers', { ...YEAR, figure: 'received_new', limit: 2, offset: 2 });
    expect(second.hasMore).toBe(false);
    expect([...first.items, ...second.items].map((d) => d.code).sort()).toEqual(
      [codes.early, codes.late, codes.open].sort(),
    );
  });

  it('narrows a drill-down to one channel of receipt', async () => {
    const inPerson = await t.must('reports.dossiers', {
      ...YEAR,
      figure: 'received_new',
      channel: 'in_person',
    });
    expect(inPerson.items).toHaveLength(3);
    const online = await t.must('reports.dossiers', { ...YEAR, figure: 'received_new', channel: 'online' });
    expect(online.items).toEqual([]);
  });

  it('exports XLSX that reads back with the report figures', async () => {
    const file = await t.must('reports.export', { ...YEAR, format: 'xlsx' });
    expect(file.fileName).toMatch(/\.xlsx$/);
    expect(file.mime).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const summary = workbook.worksheets[0]!;
    // The first row with this label: "Quá hạn" is both resolved late and, further down, in progress overdue.
    const valueOf = (label: string) => {
      let found: unknown;
      summary.eachRow((row) => {
        if (found === undefined && String(row.getCell(1).value).trim() === label)
          found = row.getCell(2).value;
      });
      return found;
    };
    expect(valueOf('Mới tiếp nhận')).toBe(3);
    expect(valueOf('Quá hạn')).toBe(1);
    expect(valueOf('Tỷ lệ giải quyết trước và đúng hạn (%)')).toBe(50);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
  });

  it('exports CSV with its header and PDF as a PDF file', async () => {
    const csv = await t.must('reports.export', { ...YEAR, format: 'csv' });
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
    expect(csv.mime).toContain('text/csv');
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('từ 01/01/2026 đến 31/12/2026');
    // The summary section: its title, then the header row, then "Tổng số hồ sơ trong kỳ" with this period's count.
    // Cells split at ";", as Excel with Vietnamese regional settings splits them (shared/reports/csv.ts).
    const firstRow = lines.findIndex((l) => l.startsWith('Tổng số hồ sơ trong kỳ;'));
    expect(firstRow).toBeGreaterThan(1);
    expect(lines[firstRow - 1]!.split(';').length).toBeGreaterThanOrEqual(4);
    expect(lines[firstRow]!.split(';')[1]).toBe('3');
    const pdf = await t.must('reports.export', { ...YEAR, format: 'pdf' });
    expect(pdf.mime).toBe('application/pdf');
    expect(Buffer.from(pdf.dataBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('writes each view, drill-down and export of report data to the audit trail, without personal data', async () => {
    const before = (await t.must('audit.list', { limit: 200 })).total;
    await t.must('reports.summary', YEAR);
    await t.must('reports.dossiers', { ...YEAR, figure: 'received_new' });
    await t.must('reports.export', { ...YEAR, format: 'csv' });
    const audit = await t.must('audit.list', { limit: 3 });
    expect(audit.total).toBe(before + 3);
    expect(audit.entries.map((e) => e.action)).toEqual(['dossier.export', 'dossier.list', 'dossier.list']);
    expect(audit.entries.every((e) => e.targetKind === 'report')).toBe(true);
    expect(JSON.stringify(audit.entries)).not.toMatch(/001203|Nguyễn Văn An|0912345678/);
  });

  it.each([
    ['a reversed period', { from: '2026-12-31', to: '2026-01-01' }, 'report_period_reversed', 'from'],
    ['an impossible date', { from: '2026-02-30', to: '2026-03-31' }, 'validation', 'from'],
    ['a period over five years', { from: '2020-01-01', to: '2026-01-01' }, 'report_period_too_long', 'to'],
    ['a unit outside the desk', { ...YEAR, unitCode: '99999' }, 'report_unit_outside', 'unitCode'],
    ['an unknown figure', { ...YEAR, figure: 'everything' }, 'validation', 'figure'],
  ])('refuses %s with words next to the field and writes nothing', async (_name, input, code, field) => {
    const method = 'figure' in input ? 'reports.dossiers' : 'reports.summary';
    const before = rowCounts(t.desk);
    const r = await t.call(method, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.field).toBe(field);
    expect(r.error.message.vi).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêềếểễệôồốổỗộơờớởỡợưừứửữự]/);
    expect(r.error.message.en.length).toBeGreaterThan(5);
    // Days as the clerk writes them, never the ISO form.
    expect(r.error.message.vi).not.toMatch(/\d{4}-\d\d-\d\d/);
    expect(rowCounts(t.desk)).toEqual(before);
  });

  it('refuses an export in an unknown format', async () => {
    const r = await t.call('reports.export', { ...YEAR, format: 'docx' });
    expect(r.ok ? null : r.error.field).toBe('format');
  });
});

describe('reports on a desk not set up yet (no unit)', () => {
  it('offers no unit and refuses one asked for in plain words, writing nothing; the whole file still reports', async () => {
    const bare = await makeTestDesk({ setUp: false });
    try {
      await bare.must('auth.createAdmin', { username: 'admin', displayName: 'Trần Thị Quản Trị', password: 'mat-khau-123' });
      // The first run's setup session ends unconnected; the administrator logs in.
      await bare.must('auth.logout', {});
      await bare.must('auth.login', { username: 'admin', password: 'mat-khau-123' });
      expect(await bare.must('reports.units', {})).toEqual([]);
      for (const method of ['reports.summary', 'reports.months', 'reports.export', 'reports.dossiers'] as const) {
        const before = rowCounts(bare.desk);
        const extra = method === 'reports.export' ? { format: 'csv' } : method === 'reports.dossiers' ? { figure: 'received_new' } : {};
        const r = await bare.call(method, { ...YEAR, unitCode: UNIT, ...extra });
        expect(r.ok ? null : [r.error.code, r.error.field]).toEqual(['report_unit_outside', 'unitCode']);
        expect(r.ok ? null : r.error.message).toEqual({
          vi: `Tệp dữ liệu của quầy không có đơn vị ${UNIT}: quầy chưa được đăng ký đơn vị nên không có hồ sơ của đơn vị này. Hãy lập báo cáo không chọn đơn vị, hoặc đăng ký quầy trước.`,
          en: `The desk's data file has no unit ${UNIT}: the desk has not been set up with a unit, so it holds no dossiers of this unit. Report without choosing a unit, or set up the desk first.`,
        });
        expect(rowCounts(bare.desk)).toEqual(before);
      }
      const whole = await bare.must('reports.summary', YEAR);
      expect(whole.counts.inPeriod).toBe(0);
    } finally {
      bare.cleanup();
    }
  });
});
