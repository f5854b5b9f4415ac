/**
 * Every `motcua` command says a usage mistake as it says any refusal (cli/run-command.ts): a Vietnamese line, then the
 * same in English, each after the command's name, exit code 2. QA: `report`, `verify`, `server`, `backup`, `desk`,
 * `import` and `start` said theirs in English only, as did the option parser for all of them.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../../cli/command';
import { commands } from '../../cli/commands/index';
import { motcua } from '../support/cli';

/** Never made: every case is refused before a path given to it is looked at. */
const nowhere = path.join(tmpdir(), 'motcua-usage-nowhere', 'x');
const PERIOD = ['--from', '2026-01-01', '--to', '2026-03-31'];

/** Letters only Vietnamese has: a line holding none of them is not Vietnamese. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

type Case = [command: string, argv: string[], vi: RegExp, en: RegExp];

/** One typical mistake for each command, and every other usage mistake a command checks itself. */
const mistakes: Case[] = [
  ['start', ['--data-dir', nowhere, '--port', '70000'], /--port phải là một số từ 0 .* đến 65535, không phải '70000'/, /--port must be a number from 0/],
  ['start', ['--data-dir', nowhere, '--server-port', 'x'], /--server-port phải là một số/, /--server-port must be a number/],
  ['start', ['--data-dir', nowhere, '--demo-dossiers', '0'], /--demo-dossiers phải là số nguyên từ 1 đến 100000/, /--demo-dossiers must be a whole number/],
  ['due', ['--days', '5'], /cần có --received/, /--received .* is required/],
  ['holidays', [], /cần có --year/, /--year YYYY is required/],
  ['verify', [], /cần có --data-dir THƯ_MỤC/, /^--data-dir DIR is required\.$/],
  ['backup', ['list'], /cần có --data-dir THƯ_MỤC/, /^--data-dir DIR is required\.$/],
  ['backup', ['create', '--data-dir', nowhere, '--passphrase', 'secret'], /mật khẩu không bao giờ được ghi ngay trong lệnh/, /a passphrase is never given on the command line/],
  ['backup', ['create', '--data-dir', nowhere, '--passphrase-file', nowhere], /--passphrase-file chỉ dùng khi sao lưu ra một thư mục/, /--passphrase-file is for a backup to a folder/],
  ['backup', ['restore', '--data-dir', nowhere], /restore cần có --from TỆP/, /restore needs --from FILE/],
  ['backup', ['frob', '--data-dir', nowhere], /không có thao tác 'frob': hãy dùng create, list hoặc restore/, /unknown action 'frob'/],
  ['server', ['--db', nowhere, '--pg', 'postgresql://x@127.0.0.1/m'], /chỉ dùng một trong hai: --db TỆP hoặc --pg URL/, /give either --db FILE or --pg URL, not both/],
  ['server', ['--db', nowhere, '--port', '70000'], /--port phải là một số/, /--port must be a number/],
  ['server', ['--db', nowhere, '--trust-proxy', 'proxy.lan'], /--trust-proxy nhận địa chỉ IP .*không phải proxy\.lan/, /--trust-proxy takes .* not proxy\.lan/],
  ['server', ['--db', nowhere, '--trust-proxy', ','], /--trust-proxy .*không được để trống/, /--trust-proxy takes .* not nothing/],
  ['server', ['lookup-address', '--db', nowhere, '--url', 'https://x', '--clear'], /chỉ dùng một trong hai: --url ĐỊA_CHỈ hoặc --clear/, /^give either --url ADDRESS or --clear, not both\.$/],
  ['server', ['lookup-address', '--db', nowhere, '--url', ''], /--url cần có địa chỉ/, /^--url needs the address; to stop handing one down, use --clear\.$/],
  ['server', ['create-desk', '--db', nowhere], /create-desk cần có --unit MÃ/, /create-desk needs --unit CODE/],
  ['server', ['revoke-desk', '--db', nowhere], /revoke-desk cần có --device MÃ/, /revoke-desk needs --device ID/],
  ['server', ['reinstate-desk', '--db', nowhere], /reinstate-desk cần có --device MÃ/, /reinstate-desk needs --device ID/],
  ['server', ['backup', '--db', nowhere], /backup cần có --to/, /backup needs --to BACKUP/],
  ['server', ['restore', '--db', nowhere], /restore cần có --from/, /restore needs --from BACKUP/],
  ['server', ['frobnicate', '--db', nowhere], /không có thao tác 'frobnicate'/, /unknown action 'frobnicate'/],
  ['server', ['list-desks', '--pg', 'motcua'], /--pg phải là địa chỉ URL PostgreSQL/, /--pg must be a PostgreSQL URL/],
  ['desk', [], /cần có --data-dir THƯ_MỤC/, /--data-dir DIR is required/],
  ['desk', ['--data-dir', nowhere, '--port', '70000'], /--port phải là một số/, /--port must be a number/],
  ['report', PERIOD, /hãy chỉ ra cơ sở dữ liệu/, /give the database: --db FILE/],
  ['report', ['--db', nowhere, '--from', '2026-01-01'], /hãy cho biết kỳ báo cáo: --to YYYY-MM-DD/, /give the period: --to YYYY-MM-DD/],
  ['report', ['--db', nowhere, '--from', '2026-04-01', '--to', '2026-03-31'], VIETNAMESE, /after its last day/],
  ['report', ['--db', nowhere, ...PERIOD, '--unit', 'xa-1'], /--unit phải là mã đơn vị/, /--unit must be a unit code/],
  ['report', ['--db', nowhere, ...PERIOD, '--format', 'doc'], /--format phải là một trong json, csv, xlsx, pdf/, /--format must be one of/],
  ['report', ['--db', nowhere, ...PERIOD, '--format', 'xlsx'], /--format xlsx ghi ra tệp: hãy thêm --out TỆP/, /--format xlsx writes a file: give --out FILE/],
  ['report', ['--pg', 'motcua', ...PERIOD], /--pg phải là địa chỉ URL PostgreSQL/, /--pg must be a PostgreSQL URL/],
  ['import', [], /hãy chỉ ra cơ sở dữ liệu của máy chủ/, /give the server database/],
  ['import', ['--db', nowhere], /hãy chỉ ra đúng một tệp hồ sơ/, /give exactly one file of dossiers/],
];

/** What node's parseArgs refuses, and the option given twice that parseOptions refuses, in each way of parsing. */
const parserMistakes: Case[] = [
  ['report', ['--frob'], /^không có tùy chọn --frob\.$/, /^unknown option --frob\.$/],
  ['server', ['list-desks', '--db'], /^--db cần có giá trị đi sau\.$/, /^--db needs a value: argument missing\.$/],
  ['server', ['revoke-desk', '--db', nowhere, '--device', 'A', '--device', 'B'], /^--device được ghi hơn một lần\.$/, /^--device is given more than once\.$/],
  ['server', ['lookup-address', '--clear=yes'], /^--clear không nhận giá trị\.$/, /^--clear does not take an argument\.$/],
  ['backup', ['list', '--data-dir', nowhere, 'extra'], /^thừa đối số extra\.$/, /^unexpected argument extra\.$/],
  ['verify', ['--frob'], /^không có tùy chọn --frob\.$/, /^unknown option --frob\.$/],
  ['verify', ['--data-dir', nowhere, 'extra'], /^thừa đối số extra\.$/, /^unexpected argument extra\.$/],
  ['verify', ['--data-dir', nowhere, '--data-dir', `${nowhere}-2`], /^--data-dir được ghi hơn một lần\.$/, /^--data-dir is given more than once\.$/],
  ['import', ['--frob', 'dossiers.jsonl'], /^không có tùy chọn --frob\.$/, /^unknown option --frob\.$/],
  ['import', ['dossiers.jsonl', '--db'], /^--db cần có giá trị đi sau\.$/, /^--db needs a value: argument missing\.$/],
  ['import', ['--db', nowhere, '--db', `${nowhere}-2`, 'dossiers.jsonl'], /^--db được ghi hơn một lần\.$/, /^--db is given more than once\.$/],
  ['desk', ['--port'], /^--port cần có giá trị đi sau\.$/, /^--port needs a value: argument missing\.$/],
  ['start', ['--no-open=1'], /^--no-open không nhận giá trị\.$/, /^--no-open does not take an argument\.$/],
];

async function expectVietnameseThenEnglish([name, argv, vi, en]: Case): Promise<void> {
  const run = await motcua(commands.find((c) => c.name === name)!, ...argv);
  const lines = run.err.split('\n');
  expect(lines, run.err).toHaveLength(2);
  const [viLine, enLine] = lines.map((line) => {
    expect(line.startsWith(`motcua ${name}: `), line).toBe(true);
    return line.slice(`motcua ${name}: `.length);
  }) as [string, string];
  expect(viLine).toMatch(VIETNAMESE);
  expect(viLine).toMatch(vi);
  expect(enLine).not.toMatch(VIETNAMESE);
  expect(enLine).toMatch(en);
  expect(run.out).toBe('');
  expect(run.code).toBe(EXIT_USAGE);
}

describe('a usage mistake is said in Vietnamese, then in English, with exit code 2', () => {
  it('covers every command', () => {
    expect(new Set(mistakes.map(([name]) => name))).toEqual(new Set(commands.map((c) => c.name)));
  });

  it.each(mistakes)('motcua %s %j', (...mistake) => expectVietnameseThenEnglish(mistake));

  it('desk without --data-dir, word for word', async () => {
    expect((await motcua(commands.find((c) => c.name === 'desk')!)).err.split('\n')).toEqual([
      'motcua desk: cần có --data-dir THƯ_MỤC: thư mục chứa (hoặc sẽ chứa) dữ liệu của quầy này.',
      'motcua desk: --data-dir DIR is required: the folder that holds (or will hold) this desk’s data.',
    ]);
  });
});

/**
 * One rule for every port option (cli/options.ts portOption): a whole number from 0 to 65535, in digits. The server
 * read its --port with Number() and so took '0x50' as port 80 and '' as any free port; desk and start refused both.
 */
describe('a port that is not one is refused by the same words on every command', () => {
  const refusal = (name: string, option: string, text: string) => [
    `motcua ${name}: ${option} phải là một số từ 0 (cổng trống bất kỳ) đến 65535, không phải '${text}'.`,
    `motcua ${name}: ${option} must be a number from 0 (any free port) to 65535, not '${text}'.`,
  ];
  const ports: [command: string, argv: string[], option: string, text: string][] = [
    ['server', ['--db', nowhere], '--port', '0x50'],
    ['server', ['--db', nowhere], '--port', ''],
    ['server', ['--db', nowhere], '--port', '65536'],
    ['desk', ['--data-dir', nowhere], '--port', '1e3'],
    ['desk', ['--data-dir', nowhere], '--port', ' 80'],
    ['start', ['--data-dir', nowhere], '--port', '80.0'],
    ['start', ['--data-dir', nowhere], '--server-port', '70000'],
  ];
  it.each(ports)('motcua %s %j %s %j', async (name, argv, option, text) => {
    const run = await motcua(commands.find((c) => c.name === name)!, ...argv, option, text);
    expect(run.err.split('\n')).toEqual(refusal(name, option, text));
    expect(run.code).toBe(EXIT_USAGE);
  });
});

describe("the option parser's own mistakes, in both languages", () => {
  it.each(parserMistakes)('motcua %s %j', (...mistake) => expectVietnameseThenEnglish(mistake));
});

describe('an unknown command', () => {
  it('is said in Vietnamese then English, with the command that lists them, and exits 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(process.cwd(), 'cli', 'motcua.ts'), 'sao-luu'], { encoding: 'utf8' });
    expect(run.status).toBe(EXIT_USAGE);
    expect(run.stderr.trim().split('\n')).toEqual([
      "motcua: không có lệnh 'sao-luu'. Hãy chạy 'motcua help' để xem các lệnh.",
      "motcua: unknown command 'sao-luu'. Run 'motcua help' to see the commands.",
    ]);
  }, 30_000);
});
