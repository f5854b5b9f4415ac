/** The MotCua server as the benchmarks run it: SQLite storage, the tests' admin token, no rate limit, no log. */
import { createServer } from '../../server/app';
import type { ServerStorage } from '../../server/storage/contract';
import { ADMIN_TOKEN } from '../../tests/server/support';

export const createBenchServer = (storage: ServerStorage) =>
  createServer({
    storage,
    adminToken: ADMIN_TOKEN,
    logger: false,
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
