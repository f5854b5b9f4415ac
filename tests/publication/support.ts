/** A real server (SQLite file) with the reporting routes, holding imported dossiers whose applicants are known. */
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../server/app';
import type { ServerContext } from '../../server/context';
import { importDossiers } from '../../server/import/importer';
import { openReportingStorage, type ReportingStorage } from '../../server/reports/open-reporting';
import { registerReporting, type Reporting } from '../../server/reports/register';
import { DEFAULT_GUESS_GUARD, GuessGuard, type GuessGuardOptions } from '../../server/public/guess-guard';
import { AuthFailureLimiter, RateLimiter } from '../../server/rate-limit';
import { importLine, jsonl } from '../import/import-lines';
import { closeOnceAtEnd, tempFolder } from '../support/temp-folders';

export const ADMIN_TOKEN = 'report-admin-token-0123456789';
export const PORTAL_TOKEN = 'report-portal-token-0123456789';

/** Personal data that must never leave through the feed or the public page. */
export const PEOPLE = [
  { kind: 'person', name: 'Nguyễn Thị Mai Anh', idNumber: '001199012345', phone: '0912345678', address: 'Số 5 ngõ 12 phố Huế, Hà Nội', email: 'mai.anh@example.vn' },
  { kind: 'person', name: 'Phạm Văn Hùng', idNumber: '030088004321', phone: '0983111222', address: 'Thôn Tiền, xã Thanh Sơn', email: 'hung.pham@example.vn' },
  { kind: 'organisation', name: 'Công ty TNHH Hoa Sen', idNumber: '0801234567', phone: '02203851234', address: 'KCN Nam Sách, Hải Dương', email: 'lienhe@hoasen.example.vn' },
];

export const KNOWN_PIN = '042917';
export const KNOWN_CODE = '000.00.06.H56-230306-1001';

export interface ReportingServer {
  app: FastifyInstance;
  target: ReportingStorage;
  reporting: Reporting;
  dir: string;
  close(): Promise<void>;
}

/** `GET /v1/reports?<query>` as an administrator's script sends it: the admin token and the protocol header. */
export const getReports = (server: Pick<ReportingServer, 'app'>, query: string) =>
  server.app.inject({
    method: 'GET',
    url: `/v1/reports?${query}`,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });

export async function startReportingServer(guard?: Partial<GuessGuardOptions>): Promise<ReportingServer> {
  const dir = tempFolder('motcua-publication-');
  const target = await openReportingStorage({ kind: 'sqlite', file: path.join(dir, 'server.db') });
  await importDossiers(
    target,
    jsonl([
      importLine({ seq: 1001, applicant: PEOPLE[0], pin: KNOWN_PIN }),
      importLine({ seq: 1002, applicant: PEOPLE[1], history: [{ status: 4, at: '2023-03-06T10:00:00+07:00' }, { status: 9, at: '2023-03-12T15:00:00+07:00' }] }),
      importLine({ seq: 1003, applicant: PEOPLE[2], history: [{ status: 4, at: '2023-03-06T10:00:00+07:00' }] }),
      importLine({ seq: 1004, applicant: PEOPLE[0], history: [{ status: 3, at: '2023-03-06T09:10:00+07:00' }] }),
    ]),
  );
  const now = () => new Date('2023-03-20T03:00:00Z');
  const app = await createServer({ storage: target.storage, adminToken: ADMIN_TOKEN, portalToken: PORTAL_TOKEN, logger: false, now });
  const ctx: ServerContext = { storage: target.storage, now, adminToken: ADMIN_TOKEN, portalToken: PORTAL_TOKEN, limiter: new RateLimiter({ capacity: 1000, refillPerSecond: 100 }, () => Date.now()), authFailures: new AuthFailureLimiter() };
  const reporting = await registerReporting(app, ctx, {
    driver: target.driver,
    ...(guard ? { guard: new GuessGuard({ ...DEFAULT_GUESS_GUARD, ...guard }) } : {}),
  });
  // A test that fails before it closes the server: closed (and its folder removed) when the file ends.
  const close = closeOnceAtEnd(async () => {
    await app.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, target, reporting, dir, close };
}

/** The public lookup's form posted from `ip`, as a citizen's phone sends it. */
export const postLookup = (server: ReportingServer, ma: string, pin: string, ip: string) =>
  server.app.inject({
    method: 'POST',
    url: '/tra-cuu',
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ma, pin }).toString(),
  });
