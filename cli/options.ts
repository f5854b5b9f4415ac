/**
 * What every `motcua` sub-command needs from the command line and the terminal: options parsed strictly (a typo
 * is a usage error in one plain line, exit code 2) and a wait for Ctrl+C or SIGTERM.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { UsageError } from './command';

/**
 * `--name value` options, no positionals; node's message (first sentence) becomes the usage error. An option
 * given twice is refused: parseArgs would silently keep the last, and `revoke-desk --device A --device B` would
 * revoke B alone (or a second `--db` pick another database) without a word.
 */
export function parseOptions<const T extends OptionsConfig>(argv: string[], options: T) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('. ')[0]!);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once.`);
    seen.add(token.name);
  }
  return parsed.values;
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
    throw new UsageError(`--pg must be a PostgreSQL URL such as postgresql://motcua:PASSWORD@127.0.0.1:5432/motcua, not '${text}'.`);
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
