/**
 * QA's lines that the desk itself would refuse, and that `motcua import` used to take with exit 0, making wrong legal
 * records: a due date before the receipt, a re-appointment to an earlier date, a name the receipt cannot print, a
 * code dated another day than the receipt, a receipt after the import itself. Each is refused with its line, its
 * field and a reason in both languages (never the applicant's own words), nothing of it is written, and the lines
 * around it are imported.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers, type ImportSummary } from '../../server/import/importer';
import { openReportingStorage, type ReportingStorage } from '../../server/reports/open-reporting';
import { tempFolder } from '../support/temp-folders';
import { applicant, importLine, jsonl } from './import-lines';

/** The import runs on Wednesday 10 January 2024, 09:00 in Vietnam. */
const NOW = () => new Date('2024-01-10T02:00:00Z');

const code = (seq: number, yymmdd = '230306') => `000.00.06.H56-${yymmdd}-${seq}`;
const processing = { status: 4, at: '2023-03-06T10:00:00+07:00' };
const BAD_NAMES = ['<b>Tên</b>', 'Người 🙂', 'Nguyễn Văn\u0007'];

/** Received Monday 6 March 2023 09:00, due Thursday 9 March 17:00; re-appointed at `at` to `newDueAt`, resolved on the 14th. */
const reappointed = (seq: number, at: string, newDueAt: string) =>
  importLine({
    seq,
    history: [processing, { status: 9, at: '2023-03-14T15:00:00+07:00' }],
    reappointment: { at, newDueAt, reason: 'Cần xác minh thêm' },
  });

interface Case {
  name: string;
  line: Record<string, unknown>;
  problem: string;
  /** The field the reason names, in both languages. */
  field: string;
  /** Words of the Vietnamese reason. */
  vi: RegExp;
}

const refused: Case[] = [
  {
    name: 'a due date before the receipt',
    line: importLine({ seq: 1101, dueAt: '2023-03-05T17:00:00+07:00' }),
    problem: 'import_due_before_receipt',
    field: 'dueAt',
    vi: /phải sau thời điểm tiếp nhận/,
  },
  {
    name: 'a re-appointment to a date before the due date it replaces',
    line: reappointed(1102, '2023-03-07T11:00:00+07:00', '2023-03-08T09:00:00+07:00'),
    problem: 'import_reappointment',
    field: 'reappointment.newDueAt',
    vi: /Ngày hẹn mới phải sau ngày hẹn hiện tại/,
  },
  {
    // Already late on Monday 13 March (due Thursday 9 March): a "new" appointment on Friday 10 March is in its past.
    name: "a re-appointment to a date before the re-appointment's own time",
    line: reappointed(1103, '2023-03-13T09:00:00+07:00', '2023-03-10T09:00:00+07:00'),
    problem: 'import_reappointment',
    field: 'reappointment.newDueAt',
    vi: /phải sau thời điểm hẹn lại/,
  },
  {
    name: 'a re-appointment to a Sunday',
    line: reappointed(1104, '2023-03-08T11:00:00+07:00', '2023-03-12T09:00:00+07:00'),
    problem: 'import_reappointment',
    field: 'reappointment.newDueAt',
    vi: /cơ quan không làm việc/,
  },
  ...BAD_NAMES.map((name, i) => ({
    name: `an applicant name the receipt cannot print (${JSON.stringify(name)})`,
    line: importLine({ seq: 1110 + i, applicant: { ...applicant, name } }),
    problem: 'import_invalid',
    field: 'applicant.name',
    vi: /ký tự không in được trên phiếu/,
  })),
  {
    // The desk refuses pictographs in what the clerk types that a form prints (form 03's reason).
    name: 'a refusal reason with an emoji',
    line: importLine({ seq: 1115, history: [{ status: 3, at: '2023-03-06T10:00:00+07:00', reason: 'Thiếu giấy tờ 😢' }] }),
    problem: 'import_invalid',
    field: 'history.0.reason',
    vi: /không in được trên phiếu/,
  },
  {
    name: 'a dossier code dated another day than the receipt',
    line: importLine({ code: code(1120, '230307') }),
    problem: 'import_code_date',
    field: 'code',
    vi: /230307.*2023-03-06/,
  },
  {
    // 06:00 on 6 March in Vietnam is still 5 March in UTC: the code's date is Vietnam's, so 230305 is wrong.
    name: 'a dossier code dated by UTC rather than by Vietnam time',
    line: importLine({ code: code(1121, '230305'), receivedAt: '2023-03-06T06:00:00+07:00' }),
    problem: 'import_code_date',
    field: 'code',
    vi: /230305/,
  },
  {
    // QA: the reference was dropped, and two lines under one reference were both taken.
    name: 'a portal reference without the portal submission time',
    line: importLine({ seq: 1125, channel: 'online', portalRef: 'DVC-OLD-1' }),
    problem: 'import_channel',
    field: 'portalRef',
    vi: /đi kèm thời điểm nộp trên cổng/,
  },
  {
    name: 'a receipt after the time of the import',
    line: importLine({ date: '2024-01-11', seq: 1130 }),
    problem: 'import_future',
    field: 'receivedAt',
    vi: /sau thời điểm nhập dữ liệu/,
  },
  {
    // Received two days before the import, "resolved" this afternoon: a step that has not happened yet.
    name: 'a later step after the time of the import',
    line: importLine({ date: '2024-01-08', seq: 1131 }),
    problem: 'import_future',
    field: 'history[1]',
    vi: /sau thời điểm nhập dữ liệu/,
  },
  {
    // The deadline restarts from zero when the supplement comes in: the new due cannot come before it.
    name: 'a due date after a supplement that is before the supplement came in',
    line: importLine({
      seq: 1140,
      history: [
        { status: 5, at: '2023-03-07T09:00:00+07:00', items: ['Bản sao CCCD'] },
        { status: 4, at: '2023-03-13T09:00:00+07:00', dueAt: '2023-03-10T17:00:00+07:00' },
      ],
    }),
    problem: 'import_due_order',
    field: 'history[1].dueAt',
    vi: /phải sau thời điểm nhận đủ hồ sơ bổ sung/,
  },
  {
    // Paying the fees carries the time that was left: the due can move later, never earlier.
    name: 'a due date after paid fees that is before the due date in force when they were requested',
    line: importLine({
      seq: 1141,
      history: [
        { status: 6, at: '2023-03-07T09:00:00+07:00', amountVnd: 50000 },
        { status: 4, at: '2023-03-08T09:00:00+07:00', dueAt: '2023-03-08T17:00:00+07:00' },
      ],
    }),
    problem: 'import_due_order',
    field: 'history[1].dueAt',
    vi: /không được sớm hơn hạn/,
  },
];

/** A step dated before the one it follows. */
const outOfOrder = (name: string, line: Record<string, unknown>, field: string): Case => ({
  name,
  line,
  problem: 'import_history_order',
  field,
  vi: /sớm hơn bước trước/,
});

/** Orderings the import refused already (the history's time order and the lifecycle): kept refused. */
const alreadyRefused: Case[] = [
  outOfOrder(
    'resolved before received',
    importLine({ seq: 1150, history: [processing, { status: 9, at: '2023-03-05T15:00:00+07:00' }] }),
    'history[1]',
  ),
  outOfOrder(
    'returned before resolved',
    importLine({
      seq: 1151,
      history: [
        processing,
        { status: 9, at: '2023-03-08T15:00:00+07:00' },
        { status: 10, at: '2023-03-08T14:00:00+07:00' },
      ],
    }),
    'history[2]',
  ),
  {
    name: 'returned without being resolved',
    line: importLine({ seq: 1152, history: [processing, { status: 10, at: '2023-03-08T14:00:00+07:00' }] }),
    problem: 'import_transition',
    field: 'history[1]',
    vi: /chưa được giải quyết xong/,
  },
  outOfOrder(
    'submitted on the portal after the receipt',
    importLine({
      seq: 1153,
      channel: 'online',
      submittedAt: '2023-03-06T10:00:00+07:00',
      portalRef: 'G22.99-230306-000001',
    }),
    'receivedAt',
  ),
  outOfOrder(
    'a re-appointment before the receipt',
    reappointed(1154, '2023-03-05T11:00:00+07:00', '2023-03-13T09:00:00+07:00'),
    'reappointment',
  ),
];

/** Lines the import must still take: the edges of the new rules. */
const accepted = [
  importLine({ seq: 1001 }),
  // Re-appointed while late, to a later working day: the form 04 the desk makes.
  reappointed(1002, '2023-03-13T09:00:00+07:00', '2023-03-15T17:00:00+07:00'),
  // 06:00 on 6 March in Vietnam: the code carries Vietnam's date.
  importLine({ seq: 1003, receivedAt: '2023-03-06T06:00:00+07:00' }),
  // Received this morning, before the import: in progress, nothing in the future.
  importLine({
    date: '2024-01-10',
    seq: 1004,
    receivedAt: '2024-01-10T08:00:00+07:00',
    history: [{ status: 4, at: '2024-01-10T08:30:00+07:00' }],
  }),
  // An organisation's name with digits and ®, as companies are named.
  importLine({
    seq: 1005,
    applicant: { kind: 'organisation', name: 'Hợp tác xã số 2 Thanh Hà®', idNumber: '0101234567' },
  }),
  // A supplement asked for once late (due Thursday 9 March 17:00): nothing restarts, so the due the previous system
  // kept, before the supplement came in, is taken as it is.
  importLine({
    seq: 1006,
    history: [
      { status: 5, at: '2023-03-10T09:00:00+07:00', items: ['Bản sao CCCD'] },
      { status: 4, at: '2023-03-13T09:00:00+07:00', dueAt: '2023-03-09T17:00:00+07:00' },
    ],
  }),
];

const cases = [...refused, ...alreadyRefused];

describe('motcua import refuses a line the desk would refuse', () => {
  let dir: string;
  let target: ReportingStorage;
  let summary: ImportSummary;

  beforeAll(async () => {
    dir = tempFolder('motcua-import-rules-');
    target = await openReportingStorage({ kind: 'sqlite', file: path.join(dir, 'server.db') });
    // Good lines around each bad one, so the line numbers and "the other lines go on" are both checked.
    const lines: Record<string, unknown>[] = [accepted[0]!];
    for (const c of cases) lines.push(c.line);
    lines.push(...accepted.slice(1));
    summary = await importDossiers(target, jsonl(lines), { now: NOW, workers: 0 });
  }, 60_000);
  afterAll(() => target.close());

  it('imports the other lines', () => {
    expect(summary.imported).toBe(accepted.length);
    expect(summary.problems).toHaveLength(cases.length);
  });

  it.each(cases.map((c, i) => [c.name, c, i + 2] as const))(
    '%s: refused on its line, naming the field, in both languages',
    (_name, c, lineNumber) => {
      const problem = summary.problems.find((p) => p.line === lineNumber);
      expect(problem, `line ${lineNumber}`).toBeDefined();
      expect(problem!.code).toBe(c.problem);
      expect(problem!.message.vi.startsWith(`${c.field}: `)).toBe(true);
      expect(problem!.message.en.startsWith(`${c.field}: `)).toBe(true);
      expect(problem!.message.vi).toMatch(c.vi);
      // The Vietnamese line is Vietnamese: no validator's English in it.
      expect(problem!.message.vi).not.toMatch(/\b(Invalid|expected|must|before|after)\b/);
    },
  );

  it('keeps the due of a dossier whose supplement was asked for once it was late: it stays late', async () => {
    const id = await target.storage.syncTransaction((tx) => tx.dossierIdByCode(code(1006)));
    const row = await target.driver.get<{ due_at: string | null }>('SELECT due_at FROM report_dossiers WHERE dossier_id = ?', [id!]);
    expect(row?.due_at).toBe('2023-03-09T17:00:00+07:00');
  });

  it("never repeats the applicant's own words in a refusal", () => {
    const said = summary.problems.map((p) => `${p.message.vi}\n${p.message.en}`).join('\n');
    for (const name of BAD_NAMES) expect(said).not.toContain(name);
    expect(said).not.toContain(applicant.name);
    expect(said).not.toContain(applicant.idNumber);
  });

  it('writes nothing of a refused line', async () => {
    const count = await target.driver.get<{ n: number }>('SELECT count(*) AS n FROM dossiers');
    expect(Number(count!.n)).toBe(accepted.length);
    for (const c of cases) {
      const lineCode = c.line.code as string;
      expect(await target.storage.syncTransaction((tx) => tx.dossierIdByCode(lineCode))).toBeUndefined();
    }
  });
});
