/**
 * The administrator and portal tokens of `motcua server` live in files (beside a SQLite database; with --pg, in
 * .motcua/ of the folder it is started from). A run that finds none makes new ones: said as on a first run for a
 * new database, but for a database already in use it says these are new tokens, that the old ones no longer work
 * and what to do, since the portal and the technician's scripts then get 401.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverCommand } from '../../cli/commands/server';
import { openStorage } from '../../server/storage/open';
import { motcua } from '../support/cli';
import { startPgCluster, type PgCluster } from '../support/pg';
import { tempFolder } from '../support/temp-folders';
import { startServerProcess } from '../server/server-process';

const NEW_TOKENS_EN = /These are new tokens/;
const NEW_TOKENS_VI = /Đây là mã truy cập mới/;

/** Runs `motcua server … --port 0` in `cwd` until it serves, then stops it; all it printed. */
async function runServerOnce(cwd: string, ...argv: string[]): Promise<string> {
  const server = await startServerProcess(cwd, ...argv);
  expect(await server.stop()).toBe(0);
  return server.output();
}

describe('new tokens for a PostgreSQL database in use', () => {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('are said to be new, with where the old ones are and what to do, when started from another folder', async () => {
    const url = await cluster!.createDatabase();
    const usual = tempFolder('motcua-usual-');
    const other = tempFolder('motcua-other-');
    // The first run on a new database: tokens are made, as they should be, and nothing more is said.
    const first = await runServerOnce(usual, '--pg', url);
    expect(first).toContain(`Administrator token: ${path.join(usual, '.motcua', 'server-pg.admin-token')}`);
    expect(first).not.toMatch(NEW_TOKENS_EN);
    // Empty, and said so: a wrong --pg would otherwise look like the district's server, refusing every desk.
    expect(first).toContain('This server database holds no units or desks yet: add units (add-unit) and desks (create-desk). If the server had data, stop it and check --pg.');
    expect(first).toContain('Cơ sở dữ liệu máy chủ này chưa có đơn vị hay quầy nào');
    expect((await motcua(serverCommand, 'add-unit', '--pg', url, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province')).code).toBe(0);

    const elsewhere = await runServerOnce(other, '--pg', url);
    const newFolder = path.join(other, '.motcua');
    expect(readFileSync(path.join(newFolder, 'server-pg.portal-token'), 'utf8')).not.toBe(
      readFileSync(path.join(usual, '.motcua', 'server-pg.portal-token'), 'utf8'),
    );
    expect(elsewhere).toMatch(NEW_TOKENS_EN);
    expect(elsewhere).toMatch(NEW_TOKENS_VI);
    const files = 'server-pg.admin-token and server-pg.portal-token';
    expect(elsewhere).toContain(
      `These are new tokens: ${files} made now in ${newFolder}, for a PostgreSQL database used before (it holds units or desks).`,
    );
    expect(elsewhere).toContain('The tokens of its earlier runs (in .motcua/ of the folder it was started from before) are no longer accepted by this run: the portal and scripts using them get 401.');
    expect(elsewhere).toContain(`Stop this server and start it from its usual folder, or copy ${files} from that folder's .motcua/ into ${newFolder}.`);
    expect(elsewhere).toContain(`vừa tạo server-pg.admin-token và server-pg.portal-token trong ${newFolder}`);

    // Back in its usual folder it finds its tokens and says nothing of the kind.
    expect(await runServerOnce(usual, '--pg', url)).not.toMatch(NEW_TOKENS_EN);
  }, 120_000);
});

describe('new tokens for a SQLite database in use', () => {
  it('are said to be new when the token files are not beside it (a database moved or restored elsewhere)', async () => {
    const db = path.join(tempFolder('motcua-moved-'), 'server.db');
    await (await openStorage({ kind: 'sqlite', file: db })).close();
    expect((await motcua(serverCommand, 'add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province')).code).toBe(0);
    const run = await runServerOnce(path.dirname(db), '--db', db);
    expect(run).not.toContain('holds no units or desks yet');
    const files = 'server.db.admin-token and server.db.portal-token';
    expect(run).toContain(`These are new tokens: ${files} made now beside ${db}, for a database used before (it holds units or desks).`);
    expect(run).toContain('The tokens of its earlier runs are no longer accepted by this run: the portal and scripts using them get 401.');
    expect(run).toContain(`If the database was moved or restored here, stop this server and copy its earlier ${files} beside it.`);
    expect(run).toMatch(NEW_TOKENS_VI);
    expect(await runServerOnce(path.dirname(db), '--db', db)).not.toMatch(NEW_TOKENS_EN);
  }, 120_000);
});
