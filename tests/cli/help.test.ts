/** `motcua <command> --help` run as an administrator runs it: a real process, its output, its exit code. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../cli/commands/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function motcua(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tsx, ['cli/motcua.ts', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('motcua <command> --help', () => {
  it('prints the command’s usage and exits 0, instead of refusing --help as an unknown option', async () => {
    const verify = commands.find((c) => c.name === 'verify')!;
    const run = await motcua(['verify', '--help']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(verify.usage);
  }, 120_000);
});
