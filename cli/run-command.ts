/**
 * Runs one `motcua` sub-command with the refusals every command shares: a usage mistake is one plain line and exit
 * code 2; a system refusal (a missing folder, a file that is not a database, a PostgreSQL server that does not
 * answer) is said in plain words, Vietnamese then English, with exit code 1; anything else is one plain line too,
 * never a stack trace (MOTCUA_DEBUG=1 prints it, for whoever fixes the bug).
 */
import type { CliCommand, CliIo } from './command';
import { EXIT_USAGE, UsageError } from './command';
import { plainWords } from './plain-errors';

export const EXIT_FAILED = 1;

export async function runCommand(command: CliCommand, argv: string[], io: CliIo): Promise<number> {
  try {
    return await command.run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`motcua ${command.name}: ${e.message}`);
      return EXIT_USAGE;
    }
    const plain = plainWords(e);
    if (plain) {
      io.err(`motcua ${command.name}: ${plain.vi}`);
      io.err(`motcua ${command.name}: ${plain.en}`);
      return EXIT_FAILED;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`motcua ${command.name}: lỗi ngoài dự kiến (${message}). Hãy báo cho bộ phận CNTT, kèm lệnh đã chạy.`);
    io.err(`motcua ${command.name}: unexpected error (${message}). Report it to IT with the command you ran.`);
    if (process.env.MOTCUA_DEBUG === '1' && e instanceof Error && e.stack) io.err(e.stack);
    return EXIT_FAILED;
  }
}
