/**
 * The publication feed across a server restore from an older backup (QA): a portal that had read the feed up to its
 * last number, then asks for what came after it, is given every change made since — the dossiers the desks send
 * again and one received while the server was down — not nothing because the restored server numbered them again
 * from the backup's last number, below what the portal had passed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { serverCommand } from '../../cli/commands/server';
import { createServer } from '../../server/app';
import { openReportingStorage } from '../../server/reports/open-reporting';
import type { FeedPage } from '../../server/publication/feed';
import { addUnitTree, ADMIN_TOKEN, COMMUNE_A, PORTAL_TOKEN, SimDesk } from './support';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-restore-feed-'));
  db = path.join(dir, 'server.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await serverCommand.run(argv, { out: (l) => void out.push(l), err: (l) => void err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The server as `motcua server` runs it: with the reports and the publication feed. */
async function withServer<T>(work: (app: FastifyInstance) => Promise<T>): Promise<T> {
  const { storage, driver } = await openReportingStorage({ kind: 'sqlite', file: db });
  const app = await createServer({ storage, reportingDriver: driver, adminToken: ADMIN_TOKEN, portalToken: PORTAL_TOKEN, logger: false });
  try {
    return await work(app);
  } finally {
    await app.close();
    await storage.close();
  }
}

async function feedAfter(app: FastifyInstance, after: number): Promise<FeedPage> {
  const res = await app.inject({ method: 'GET', url: `/publication/feed?after=${after}`, headers: { authorization: `Bearer ${PORTAL_TOKEN}` } });
  expect(res.statusCode).toBe(200);
  return res.json() as FeedPage;
}

const codeOf = (e: { payload: unknown }) => (e.payload as { code: string }).code;

it('a portal reading on from its last number after a restore gets the re-sent dossiers and the one received meanwhile', async () => {
  await (await openReportingStorage({ kind: 'sqlite', file: db })).storage.close();
  await addUnitTree(cli, ['--db', db]);
  const backupFile = path.join(dir, 'server-backup.db');

  const { desk, sent, portalCursor, published } = await withServer(async (app) => {
    const d = await SimDesk.enrol(app, COMMUNE_A, 1);
    const all = [d.receive(), d.receive(), d.receive(), d.receive(), d.receive()];
    await d.push(all.slice(0, 2));
    expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);
    await d.push(all.slice(2));
    // The portal reads everything there is.
    const page = await feedAfter(app, 0);
    return { desk: d, sent: all, portalCursor: page.nextCursor, published: page.items.map((i) => i.code) };
  });
  expect(published.sort()).toEqual(sent.map(codeOf).sort());

  // While the server is down, the desk receives one more citizen.
  const meanwhile = desk.receive();
  const restored = await cli('restore', '--db', db, '--from', backupFile);
  expect(restored.code).toBe(0);

  await withServer(async (app) => {
    const again = new SimDesk(app, desk.deviceId, desk.secret, COMMUNE_A, 1);
    again.epoch = desk.epoch;
    const stale = await again.pullPage();
    expect(stale.statusCode).toBe(409);
    again.epoch = stale.json().error.details.epoch;
    // The desk, seeing the new epoch, sends its whole log again, then the new dossier.
    await again.push([...sent, meanwhile]);

    const page = await feedAfter(app, portalCursor);
    const codes = page.items.map((i) => i.code);
    // Those the backup lacked (numbered anew) and the new one: all past the portal's cursor.
    expect(codes).toEqual(expect.arrayContaining([...sent.slice(2).map(codeOf), codeOf(meanwhile)]));
    expect(page.items.every((i) => i.seq > portalCursor)).toBe(true);
  });
});
