/** The application's version, from package.json beside the sources (or as the build injected it). */
import { readFileSync } from 'node:fs';

let cached: string | null = null;

export function appVersion(): string {
  if (cached === null) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
      cached = pkg.version ?? '0.0.0';
    } catch {
      cached = process.env.MOTCUA_VERSION ?? '0.0.0';
    }
  }
  return cached;
}
