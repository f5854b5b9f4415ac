/**
 * `motcua`: the administrators' and scripts' command line. Each sub-command lives in cli/commands/.
 * Usage mistakes print one plain line and exit with code 2; other refusals are plain words too (cli/run-command).
 */
import type { CliCommand, CliIo } from './command';
import { EXIT_USAGE } from './command';
import { commands } from './commands/index';
import { runCommand } from './run-command';
import { askHidden } from './secret-prompt';

/**
 * A reader that stops early (`motcua server list-desks | head -1`) closes the pipe: the rest of the output is dropped,
 * and the command runs to its end. Exiting there would cut a restore or a revocation short; an unhandled 'error' printed
 * a Node stack trace and exit 1 after the work was done (QA).
 */
const closed = new WeakSet<NodeJS.WriteStream>();
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed.add(stream);
  });
  return (line) => {
    if (!closed.has(stream)) stream.write(`${line}\n`);
  };
}

const io: CliIo = {
  out: lineWriter(process.stdout),
  err: lineWriter(process.stderr),
  ...(process.stdin.isTTY ? { askSecret: askHidden } : {}),
};

function help(): string {
  const lines = ['motcua <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : EXIT_USAGE;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`motcua: không có lệnh '${name}'. Hãy chạy 'motcua help' để xem các lệnh.`);
    io.err(`motcua: unknown command '${name}'. Run 'motcua help' to see the commands.`);
    return EXIT_USAGE;
  }
  // `motcua backup --help` is what an administrator types first: the command's usage, not "Unknown option".
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.summary}\n\n${command.usage}`);
    return 0;
  }
  return runCommand(command, rest, io);
}

process.exitCode = await main(process.argv.slice(2));
