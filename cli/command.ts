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

/** A mistake in how the command was called: printed as one plain line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_USAGE = 2;
