/** Builds the renderer once before the browser tests, so they always test the current source. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';

export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
