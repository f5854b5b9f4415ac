/** Runs a `motcua` command in-process as the command line would, and keeps what it printed. */
import type { CliCommand, CliIo } from '../../cli/command';
import { runCommand } from '../../cli/run-command';

export async function motcua(command: CliCommand, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => void out.push(l), err: (l) => void err.push(l) };
  const code = await runCommand(command, argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
