/**
 * The application's version. The shell bundle (build/bundle-shell.mjs) writes it in as a literal: the bundle
 * (out/main/index.js) sits one folder less deep than this file, so the path below would point outside the app.
 * Run from the sources, it is read from package.json.
 */
import { readFileSync } from 'node:fs';

/** Replaced by the version's text in the bundle; undefined when running from the sources. */
declare const MOTCUA_BUNDLED_VERSION: string | undefined;

let cached: string | null = null;

export function appVersion(): string {
  if (cached === null) {
    if (typeof MOTCUA_BUNDLED_VERSION === 'string') cached = MOTCUA_BUNDLED_VERSION;
    else {
      try {
        const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
        cached = pkg.version ?? '0.0.0';
      } catch {
        cached = '0.0.0';
      }
    }
  }
  return cached;
}
