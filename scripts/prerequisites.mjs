// What `npm test` needs from the machine besides node_modules, each with one line saying how to get it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Folder holding PostgreSQL's server programs (initdb, pg_ctl), or undefined when none is installed. */
export function postgresBinDir() {
  if (process.env.PG_BIN_DIR && existsSync(`${process.env.PG_BIN_DIR}/initdb`)) return process.env.PG_BIN_DIR;
  for (const v of ['17', '16', '15']) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(`${dir}/initdb`)) return dir;
  }
  if (onPath('initdb') && onPath('pg_ctl')) return '';
  return undefined;
}

export function missingPrerequisites() {
  const missing = [];
  if (!existsSync('node_modules/.bin/vitest')) missing.push('node_modules is missing: run `npm install` first.');
  if (!existsSync(CHROMIUM)) missing.push(`Chromium is missing at ${CHROMIUM}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  if (postgresBinDir() === undefined) missing.push('PostgreSQL server programs are missing: run `apt-get install -y postgresql`.');
  return missing;
}
