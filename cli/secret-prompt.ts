/**
 * Asking for a secret (a backup passphrase) in the terminal without echoing it. Only on a TTY: a script gives it
 * with --passphrase-file instead, and never on the command line, where the shell history and the process list
 * would keep it. Git Bash's mintty is not a TTY to Node: there the command says to use cmd or PowerShell.
 */
import { appFailure } from '../shared/result';

/** Reads one line from a TTY stdin in raw mode, showing nothing; Ctrl+C cancels. The prompt goes to stderr. */
export function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let answer = '';
    const finish = (cancelled: boolean) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (cancelled) reject(appFailure('cancelled', 'Đã huỷ (Ctrl+C); chưa có gì bị thay đổi.', 'Cancelled (Ctrl+C); nothing was changed.'));
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(false);
        if (ch === '\u0003') return finish(true);
        if (ch === '\u007f' || ch === '\b') answer = [...answer].slice(0, -1).join('');
        else answer += ch;
      }
    };
    process.stderr.write(prompt);
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
