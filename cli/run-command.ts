/**
 * Runs one `motcua` sub-command with the refusals every command shares, each said in Vietnamese, then in English: a
 * usage mistake with exit code 2; a system refusal (a missing folder, a file that is not a database, a PostgreSQL
 * server that does not answer) in plain words with exit code 1; anything else plainly too, never a stack trace
 * (MOTCUA_DEBUG=1 prints it, for whoever fixes the bug).
 */
import type { CliCommand, CliIo } from './command';
import { EXIT_USAGE, UsageError } from './command';
import { plainWords, type PlainWords } from './plain-errors';

export const EXIT_FAILED = 1;

/** What the technician reads, as every `motcua` command says it: the Vietnamese line, then the English one. */
export function say(print: (line: string) => void, words: PlainWords): void {
  print(words.vi);
  print(words.en);
}

/** A refusal as every `motcua` command says it: the Vietnamese line, then the English one, after the command's name. */
export function sayRefusal(name: string, io: CliIo, words: PlainWords): void {
  io.err(`motcua ${name}: ${words.vi}`);
  io.err(`motcua ${name}: ${words.en}`);
}

export async function runCommand(command: CliCommand, argv: string[], io: CliIo): Promise<number> {
  try {
    return await command.run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      sayRefusal(command.name, io, e);
      return EXIT_USAGE;
    }
    const plain = plainWords(e);
    if (plain) {
      sayRefusal(command.name, io, plain);
      return EXIT_FAILED;
    }
    const message = e instanceof Error ? e.message : String(e);
    sayRefusal(command.name, io, {
      vi: `lỗi ngoài dự kiến (${message}). Hãy báo cho bộ phận CNTT, kèm lệnh đã chạy.`,
      en: `unexpected error (${message}). Report it to IT with the command you ran.`,
    });
    if (process.env.MOTCUA_DEBUG === '1' && e instanceof Error && e.stack) io.err(e.stack);
    return EXIT_FAILED;
  }
}
