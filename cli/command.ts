import type { PlainWords } from './plain-errors';

/** One `motcua` sub-command. `run` returns the process exit code; it never calls process.exit itself. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Asks for a secret without echoing it; absent when there is no terminal to ask on (a script, a pipe). */
  askSecret?(prompt: string): Promise<string>;
}

/**
 * A mistake in how the command was called: what is wrong and what to give instead, said in Vietnamese, then in
 * English (cli/run-command.ts), exit code 2. Both are required, so that no mistake is said in one language only.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly vi: string;
  readonly en: string;

  constructor(words: PlainWords) {
    super(words.en);
    this.vi = words.vi;
    this.en = words.en;
  }
}

export const EXIT_USAGE = 2;
