/**
 * What every `motcua` sub-command needs from the command line and the terminal: options parsed strictly (a typo
 * is a usage error in one plain line, exit code 2) and a wait for Ctrl+C or SIGTERM.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { UsageError } from './command';

/** `--name value` options, no positionals; node's message (first sentence) becomes the usage error. */
export function parseOptions<const T extends OptionsConfig>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.split('. ')[0]!);
  }
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
