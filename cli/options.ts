/**
 * What every `motcua` sub-command needs from the command line and the terminal: options parsed strictly (a typo is
 * a usage mistake, said in Vietnamese and in English, exit code 2) and a wait for Ctrl+C or SIGTERM.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs' refusal of the command line, in both languages. Its message is English only and longer than
 * the mistake (advice on `--` for an unknown option): the option or argument it names in quotes is said instead.
 */
function commandLineRefusal(e: unknown): UsageError {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const named = /'([^' ]+)/.exec(message)?.[1] ?? message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError({ vi: `không có tùy chọn ${named}.`, en: `unknown option ${named}.` });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError({ vi: `thừa đối số ${named}.`, en: `unexpected argument ${named}.` });
  if (/argument missing/.test(message)) return new UsageError({ vi: `${named} cần có giá trị đi sau.`, en: `${named} needs a value: argument missing.` });
  if (/does not take an argument/.test(message)) return new UsageError({ vi: `${named} không nhận giá trị.`, en: `${named} does not take an argument.` });
  // "--port -1": a value starting with a dash reads as another option (QA: Node's English advice on the Vietnamese line).
  if (/argument is ambiguous/.test(message))
    return new UsageError({
      vi: `giá trị sau ${named} bắt đầu bằng dấu trừ: nếu đó là giá trị, hãy viết liền ${named}=GIÁ_TRỊ.`,
      en: `the value after ${named} starts with a dash: if it is the value, write it as ${named}=VALUE.`,
    });
  const said = message.split(/\.\s/)[0]!.replace(/\.$/, '') + '.';
  return new UsageError({ vi: `tùy chọn không hợp lệ: ${said}`, en: said });
}

/**
 * `--name value` options, no positionals. An option given twice is refused: parseArgs would silently keep the last,
 * and `revoke-desk --device A --device B` would revoke B alone (or a second `--db` pick another database) without a
 * word.
 */
export function parseOptions<const T extends OptionsConfig>(argv: string[], options: T) {
  return parseOptionsAndFiles(argv, options, false).values;
}

/** As parseOptions, for a command that also takes files after its options (`motcua import … dossiers.jsonl`). */
export function parseOptionsAndFiles<const T extends OptionsConfig>(argv: string[], options: T, allowPositionals = true) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals, tokens: true });
  } catch (e) {
    throw commandLineRefusal(e);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError({ vi: `--${token.name} được ghi hơn một lần.`, en: `--${token.name} is given more than once.` });
    seen.add(token.name);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** For the commands that work on a desk's data folder and were not given one. */
export const DATA_DIR_NEEDED = { vi: 'cần có --data-dir THƯ_MỤC.', en: '--data-dir DIR is required.' } as const;

/**
 * A port option (`option` as typed: `--port`, `--server-port`), `unset` when it is not given: a whole number from 0
 * (any free port) to 65535, in digits only. Number() alone would take '', ' 80', '0x50', '1e3' and '80.0' as ports.
 */
export function portOption(option: string, text: string | undefined, unset: number): number {
  if (text === undefined) return unset;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError({
      vi: `${option} phải là một số từ 0 (cổng trống bất kỳ) đến 65535, không phải '${text}'.`,
      en: `${option} must be a number from 0 (any free port) to 65535, not '${text}'.`,
    });
  return port;
}

/**
 * A --pg that is not a postgres:// URL would be read by the driver as a database name on the local socket, and the
 * refusal would name a socket file the administrator never typed.
 */
export function postgresUrl(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:'))
    throw new UsageError({
      vi: `--pg phải là địa chỉ URL PostgreSQL, ví dụ postgresql://motcua:MẬT_KHẨU@127.0.0.1:5432/motcua, không phải '${text}'.`,
      en: `--pg must be a PostgreSQL URL such as postgresql://motcua:PASSWORD@127.0.0.1:5432/motcua, not '${text}'.`,
    });
  return text;
}

/** Resolves with the signal's name on the first Ctrl+C (SIGINT) or SIGTERM, and stops listening for either. */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
