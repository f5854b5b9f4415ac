/** `motcua due` and `motcua holidays` run as an administrator runs them: a real process, its output, its exit code. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../../cli/command';
import { commands } from '../../cli/commands/index';
import { runCommand } from '../../cli/run-command';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const work = mkdtempSync(path.join(tmpdir(), 'motcua-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function motcua(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['cli/motcua.ts', ...args],
      { cwd: root, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function calendarFile(name: string, content: string): string {
  const file = path.join(work, name);
  writeFileSync(file, content);
  return file;
}

const makeUpSaturday = calendarFile(
  'make-up.json',
  JSON.stringify({
    years: [
      {
        year: 2026,
        workingDays: [{ date: '2026-11-28', name: 'Làm bù' }],
        daysOff: [{ date: '2026-12-31', name: 'Nghỉ hoán đổi' }],
      },
    ],
  }),
);

// Each process costs seconds on a loaded two-core machine, so a few cases run as real processes (output, exit
// code, time zone) and the rest call the same command objects in-process.
const SPAWN_TIMEOUT = 120_000;

async function inProcess(args: string[]): Promise<string[]> {
  const [name, ...rest] = args;
  const lines: string[] = [];
  const command = commands.find((c) => c.name === name)!;
  await command.run(rest, { out: (line) => lines.push(line), err: (line) => lines.push(`ERR ${line}`) });
  return lines;
}

describe('motcua due (process)', () => {
  it(
    'prints the due instant as ISO 8601 with +07:00 on one line, exit code 0',
    { timeout: SPAWN_TIMEOUT },
    async () => {
      const run = await motcua(['due', '--received', '2026-11-27T09:32:00+07:00', '--days', '5']);
      expect(run).toEqual({ code: 0, stdout: '2026-12-04T09:32:00+07:00\n', stderr: '' });
    },
  );

  it('prints the same appointment on a PC set to New York time', { timeout: SPAWN_TIMEOUT }, async () => {
    const run = await motcua(
      ['due', '--received', '2026-03-06T16:00:00+07:00', '--days', '1', '--friday-no-wait'],
      {
        TZ: 'America/New_York',
      },
    );
    expect(run).toEqual({ code: 0, stdout: '2026-03-09T09:00:00+07:00\n', stderr: '' });
  });
});

describe('motcua due (in-process)', () => {
  it.each([
    [['--hours', '6'], '2026-11-27T14:00:00+07:00', '2026-11-30T10:00:00+07:00'],
    [['--same-day'], '2026-11-27T15:00:00+07:00', '2026-11-30T17:00:00+07:00'],
    [['--days', '3', '--friday-no-wait'], '2026-11-27T15:29:00+07:00', '2026-11-27T17:00:00+07:00'],
    [['--days', '3', '--friday-no-wait'], '2026-11-27T15:31:00+07:00', '2026-11-30T09:00:00+07:00'],
    [['--days', '2'], '2026-02-13T03:00:00Z', '2026-02-24T10:00:00+07:00'],
    [['--days', '1', '--calendar', makeUpSaturday], '2026-11-27T16:00:00+07:00', '2026-11-28T16:00:00+07:00'],
  ])('%j received %s prints %s', async (time, received, due) => {
    expect(await inProcess(['due', '--received', received, ...time])).toEqual([due]);
  });
});

describe('motcua holidays', () => {
  it("prints the year's days off as a JSON array of { date, name }", { timeout: SPAWN_TIMEOUT }, async () => {
    const run = await motcua(['holidays', '--year', '2026']);
    expect(run.code).toBe(0);
    const days = JSON.parse(run.stdout) as { date: string; name: string }[];
    expect(days.map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-02',
      '2026-09-03',
    ]);
    expect(days).toContainEqual({ date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' });
    expect(days).toContainEqual({ date: '2026-02-17', name: 'Tết Nguyên đán' });
  });

  it('includes the days off a calendar file declares, and leaves out its make-up working days', async () => {
    const [json] = await inProcess(['holidays', '--year', '2026', '--calendar', makeUpSaturday]);
    const days = JSON.parse(json!) as { date: string; name: string }[];
    expect(days.at(-1)).toEqual({ date: '2026-12-31', name: 'Nghỉ hoán đổi' });
    expect(days.some((d) => d.date === '2026-11-28')).toBe(false);
  });

  it('checks the calendar as GET /v1/admin/calendar gives it, version and all, as the guide says to before publishing', async () => {
    const fetched = calendarFile(
      'fetched.json',
      JSON.stringify({ version: 3, years: [{ year: 2026, daysOff: [{ date: '2026-12-31', name: 'Nghỉ hoán đổi' }] }] }),
    );
    const [json] = await inProcess(['holidays', '--year', '2026', '--calendar', fetched]);
    expect((JSON.parse(json!) as { date: string }[]).at(-1)).toEqual({ date: '2026-12-31', name: 'Nghỉ hoán đổi' });
  });
});

const badJson = calendarFile('bad.json', '{ "years": [ ');
const badShape = calendarFile(
  'bad-shape.json',
  JSON.stringify({ years: [{ year: 2026, daysOff: [{ date: '2027-01-01', name: 'x' }] }] }),
);

/** Letters only Vietnamese has: a line holding none of them is not Vietnamese. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

/**
 * A usage mistake is said as every refusal of `motcua` is (cli/run-command.ts): a Vietnamese line, then the same in
 * English, each after the command's name. QA: `motcua due` and `motcua holidays` said theirs in English only.
 */
function expectVietnameseThenEnglish(lines: string[], command: string, en: RegExp): void {
  expect(lines, lines.join('\n')).toHaveLength(2);
  const [vi, english] = lines as [string, string];
  expect(vi.startsWith(`motcua ${command}: `)).toBe(true);
  expect(vi).toMatch(VIETNAMESE);
  expect(english.startsWith(`motcua ${command}: `)).toBe(true);
  expect(english).toMatch(en);
  expect(english).not.toMatch(VIETNAMESE);
}

describe('bad arguments from a real process', () => {
  it.each([
    [['due', '--received', '2026-11-27T09:32:00', '--days', '5'], /no UTC offset/],
    [['holidays', '--year', '2026', '--calendar', badShape], /years\.0\.daysOff\.0: .*not in the year/],
  ])(
    '%j: a Vietnamese line then an English one on stderr, exit code 2, nothing on stdout',
    { timeout: SPAWN_TIMEOUT },
    async (args, message) => {
      const run = await motcua(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expectVietnameseThenEnglish(run.stderr.trimEnd().split('\n'), args[0]!, message);
    },
  );
});

// The other mistakes are checked in-process; the two cases above show main() passing on the exit code 2.
describe('bad arguments are usage mistakes said in Vietnamese, then in English', () => {
  async function refusal(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const [name, ...rest] = args;
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCommand(commands.find((c) => c.name === name)!, rest, { out: (l) => void out.push(l), err: (l) => void err.push(l) });
    return { code, out, err };
  }

  it.each([
    [['due', '--days', '5'], /--received .* is required/],
    [['due', '--received', 'tomorrow', '--days', '5'], /not a valid time/],
    [['due', '--received', '2026-11-27T09:32:00+07:00'], /--days N, --hours N or --same-day/],
    [['due', '--received', '2026-11-27T09:32:00+07:00', '--days', '5', '--hours', '2'], /only one of/],
    [['due', '--received', '2026-11-27T09:32:00+07:00', '--days', '5', '--same-day'], /only one of/],
    [
      ['due', '--received', '2026-11-27T09:32:00+07:00', '--days', '5', '--days', '3'],
      /--days is given more than once/,
    ],
    [['due', '--received', '2026-11-27T09:32:00+07:00', '--days', '0'], /whole number of working days/],
    [['due', '--received', '2026-11-27T09:32:00+07:00', '--hours', '1.5'], /whole number of working hours/],
    [['due', '--received', '2026-11-27T09:32:00+07:00', '--days', '5', '--fast'], /unknown option --fast/],
    [['due', '--received', '2026-11-27T09:32:00+07:00', '--same-day=yes'], /--same-day does not take an argument/],
    [['due', '--received'], /argument missing/],
    [['due', '--received', '1999-12-30T09:00:00+07:00', '--days', '1'], /2000–2099/],
    [['due', '--received', '2099-12-30T09:00:00+07:00', '--days', '5'], /2000–2099/],
    [
      [
        'due',
        '--received',
        '2026-11-27T09:32:00+07:00',
        '--days',
        '1',
        '--calendar',
        path.join(work, 'missing.json'),
      ],
      /cannot read the calendar file .*missing\.json: no such file/,
    ],
    [['due', '--received', '2026-11-27T09:32:00+07:00', '--days', '1', '--calendar', work], /cannot read the calendar file .*: it is a folder/],
    [['holidays', '--year', '2026', '--calendar', badJson], /not valid JSON/],
    [['holidays'], /--year YYYY is required/],
    [['holidays', '--year', '1999'], /from 2000 to 2099/],
    [['holidays', '--year', '20x6'], /from 2000 to 2099/],
    [['holidays', '--year', '2026', 'extra'], /unexpected argument extra/],
  ])('%j', async (args, message) => {
    const run = await refusal(args as string[]);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.out).toEqual([]);
    expectVietnameseThenEnglish(run.err, (args as string[])[0]!, message);
  });

  it('QA\'s cases, word for word', async () => {
    expect((await refusal(['due', '--received', '2027-02-30T10:00:00+07:00', '--days', '1'])).err).toEqual([
      'motcua due: --received: "2027-02-30T10:00:00+07:00" không phải ngày giờ có thật.',
      'motcua due: --received: "2027-02-30T10:00:00+07:00" is not a real date and time.',
    ]);
    expect((await refusal(['due', '--received', '2027-02-03T10:00:00+07:00', '--days', '0'])).err).toEqual([
      'motcua due: --days phải là số nguyên ngày làm việc (từ 1 trở lên), không phải "0".',
      'motcua due: --days must be a whole number of working days (1 or more), not "0".',
    ]);
    expect((await refusal(['due', '--received', '2027-02-03T10:00:00', '--days', '1'])).err).toEqual([
      'motcua due: --received: Thời điểm "2027-02-03T10:00:00" thiếu múi giờ; hãy ghi rõ, ví dụ 2026-11-27T09:32:00+07:00.',
      'motcua due: --received: The time "2027-02-03T10:00:00" has no UTC offset; write it with one, e.g. 2026-11-27T09:32:00+07:00.',
    ]);
    expect((await refusal(['holidays', '--year', '1999'])).err).toEqual([
      'motcua holidays: --year phải là một năm từ 2000 đến 2099, không phải "1999".',
      'motcua holidays: --year must be a year from 2000 to 2099, not "1999".',
    ]);
  });
});
