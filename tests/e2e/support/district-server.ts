/**
 * A real district server for a browser test: the Fastify app over SQLite in the test's own folder, listening on
 * loopback, with the seed unit tree. It can be stopped and started again on the same port (same database), which
 * is how a test takes "the internet" away from a desk and gives it back.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../../server/app';
import { createDesk } from '../../../server/admin/desks';
import { newSecret } from '../../../server/secrets';
import { openStorage } from '../../../server/storage/open';
import type { ServerStorage } from '../../../server/storage/contract';
import { seedUnits, SEED_DISTRICT_CODE } from '../../../shared/catalog/seed-units';

export interface DistrictServer {
  /** The base address a desk enrols with, e.g. http://127.0.0.1:40123/ */
  readonly url: string;
  readonly port: number;
  readonly storage: ServerStorage;
  readonly running: boolean;
  /**
   * What an administrator does with `motcua server create-desk`: a desk of the seed district and its one-time code
   * (issued at `issuedAt`, so a test can hold a code that has expired).
   */
  createDesk(deskNumber: number, issuedAt?: Date): Promise<string>;
  /**
   * What the national public service portal does when a citizen submits online (it is an outside party, so the test
   * stands in for it): POST /v1/portal/dossiers with the portal's token. Answers the new dossier's id.
   */
  submitOnline(submission: OnlineSubmission): Promise<string>;
  /** Closes the listening socket (desks get "connection refused"); the database stays. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface OnlineSubmission {
  procedureCode: string;
  applicant: { kind: 'person'; name: string; idNumber: string; phone?: string };
  portalRef: string;
  submittedAt: string;
}

export async function startDistrictServer(dataDir: string): Promise<DistrictServer> {
  const storage = await openStorage({ kind: 'sqlite', file: path.join(dataDir, 'server.db') });
  for (const unit of seedUnits) if (!(await storage.unit(unit.code))) await storage.putUnit(unit);
  const adminToken = newSecret();
  const portalToken = newSecret();

  let app: FastifyInstance | null = null;
  let port = 0;
  const listen = async () => {
    // A closed Fastify app cannot listen again, so every start is a new app over the same storage.
    const next = await createServer({ storage, adminToken, portalToken, logger: false });
    await next.listen({ port, host: '127.0.0.1' });
    const address = next.server.address();
    if (address === null || typeof address === 'string') throw new Error('the district server has no TCP address');
    port = address.port;
    app = next;
  };
  await listen();

  const server: DistrictServer = {
    get url() {
      return `http://127.0.0.1:${port}/`;
    },
    get port() {
      return port;
    },
    storage,
    get running() {
      return app !== null;
    },
    async createDesk(deskNumber, issuedAt = new Date()) {
      const created = await createDesk(storage, { unitCode: SEED_DISTRICT_CODE, deskNumber, name: `Quầy ${deskNumber}` }, issuedAt);
      return created.enrolmentCode;
    },
    async submitOnline(submission) {
      const response = await fetch(new URL('v1/portal/dossiers', server.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${portalToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ unitCode: SEED_DISTRICT_CODE, components: [], ...submission }),
      });
      if (response.status !== 201) throw new Error(`the portal's submission was refused: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { dossierId: string }).dossierId;
    },
    async stop() {
      const current = app;
      app = null;
      await current?.close();
    },
    async start() {
      if (!app) await listen();
    },
    async close() {
      await server.stop();
      await storage.close();
    },
  };
  return server;
}
