/**
 * A server behind a TLS proxy (docs/operator.md): with `trustProxy` naming the proxy, the public lookup's limit is
 * each citizen's, read from X-Forwarded-For; without it, every citizen shares the proxy's one budget. A forwarded
 * address from anyone but the proxy is not believed.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createServer } from '../../server/app';
import { openReportingStorage } from '../../server/reports/open-reporting';
import { tempFolder } from '../support/temp-folders';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function server(trustProxy?: string) {
  const dir = tempFolder('motcua-proxy-');
  const target = await openReportingStorage({ kind: 'sqlite', file: path.join(dir, 'server.db') });
  const app = await createServer({ storage: target.storage, adminToken: 'proxy-admin-token-0123456789', logger: false, reportingDriver: target.driver, ...(trustProxy ? { trustProxy } : {}) });
  closers.push(async () => {
    await app.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return app;
}

/** The statuses of 30 lookups of an unknown code, each from the proxy, forwarded for the client `client(i)`. */
async function lookups(app: Awaited<ReturnType<typeof server>>, client: (i: number) => string, from = '127.0.0.1'): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/tra-cuu',
      remoteAddress: from,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client(i) },
      payload: `ma=000.00.06.H56-230306-${1100 + i}&pin=000000`,
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

it('behind a trusted proxy, each citizen has a budget of their own, and one citizen still runs out of it', async () => {
  const app = await server('127.0.0.1');
  expect(await lookups(app, (i) => `203.0.113.${i + 1}`)).not.toContain(429);
  expect(await lookups(app, () => '198.51.100.7')).toContain(429);
});

it('without it, the district behind one proxy shares one budget; and a forwarded address from elsewhere is not believed', async () => {
  expect(await lookups(await server(), (i) => `203.0.113.${i + 1}`)).toContain(429);
  expect(await lookups(await server('127.0.0.1'), (i) => `203.0.113.${i + 1}`, '192.0.2.50')).toContain(429);
});
