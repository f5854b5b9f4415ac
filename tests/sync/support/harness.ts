/**
 * Sync tests run real things: the server (Fastify over a SQLite file) listening on a loopback port, and real
 * desks (SQLite in temporary folders) each with its own SyncClient, enrolled the way an administrator does it.
 * Helpers compare every desk's projections with a fold of the server's events for its scope.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { openDesk, type Desk } from '../../../electron/desk/desk';
import { callDesk, createDeskHandlers, type DeskHandlers } from '../../../electron/desk/api/handlers';
import { SyncClient, type SyncClientOptions } from '../../../electron/desk/sync';
import { seedProcedures } from '../../../shared/catalog/seed-procedures';
import { projectDossier, type DossierState } from '../../../shared/domain/lifecycle';
import type { DossierEvent } from '../../../shared/domain/events';
import type { DeskApiMethod, DeskApiOutput } from '../../../shared/api/desk-api';
import type { StoredWireEvent } from '../../../shared/sync/messages';
import type { Result } from '../../../shared/result';
import type { ServerStorage } from '../../../server/storage/contract';
import { dossierRowOf, type DossierRow } from '../../../electron/desk/projections/dossier-row';
import type { FastifyInstance } from 'fastify';
import { seededRandom } from '../../support/link-proxy';
import { createServer } from '../../../server/app';
import type { RateLimitOptions } from '../../../server/rate-limit';
import { openStorage } from '../../../server/storage/open';
import { openReportingStorage } from '../../../server/reports/open-reporting';
import { ADMIN_TOKEN, DISTRICT, PORTAL_TOKEN, admin, seedUnits } from '../../server/support';
import { closeAtEnd, closeOnceAtEnd, tempFolder } from '../../support/temp-folders';

export { COMMUNE_A, COMMUNE_B, DISTRICT, PROVINCE } from '../../server/support';

/** Cheap password hashing for test desks only. */
const TEST_SCRYPT = { N: 1024, r: 8, p: 1, keyLength: 32 };
export const DESK_ADMIN = { username: 'admin', displayName: 'Trần Thị Quản Trị', password: 'mat-khau-123' };

/** Quick rounds for tests: short waits, no console noise. */
export const FAST_SYNC: SyncClientOptions = {
  requestTimeoutMs: 5_000,
  backoffBaseMs: 20,
  backoffMaxMs: 200,
  linkProbeMaxMs: 100,
  // The probe before work after a silence adds a request: the fault plans count connections without it
  // (dead-link.test.ts sets its own).
  linkCheckAfterMs: 120_000,
  // Likewise the idle link watch (link-watch.test.ts runs with the product's).
  linkWatchMs: 120_000,
  pollIntervalMs: 60_000,
  localChangeDelayMs: 10,
  log: () => undefined,
};

/** Where desks enrol: the server's address and its administrator's "create desk". */
export interface DeskEnroller {
  url: string;
  createDesk(unitCode: string, deskNumber: number): Promise<{ deviceId: string; enrolmentCode: string }>;
}

export interface SyncServer extends DeskEnroller {
  app: FastifyInstance;
  storage: ServerStorage;
  file: string;
  port: number;
  revoke(deviceId: string): Promise<void>;
  /** Stops listening and closes the database (the file stays). */
  stop(): Promise<void>;
  /** Stops and removes the folder. */
  close(): Promise<void>;
}

/**
 * A real server on a SQLite file, listening on a loopback port; units seeded on first start. `port`: the one it had
 * before it was stopped, so desks find it again at the address they were enrolled with.
 */
/**
 * Deliveries per stored feed segment on the tests' servers: small, so that the sync tests' feeds of tens to
 * hundreds of events are pulled partly as stored pages (server/sync/feed-segments.ts), faults and all.
 */
export const TEST_FEED_SEGMENT = 5;

export async function startSyncServer(
  options: {
    file?: string;
    port?: number;
    feedSegmentEvents?: number;
    reporting?: boolean;
    protocolVersions?: readonly number[];
    /** The server's per-device request budget; unlimited (for the tests' pace) unless a test is about it. */
    rateLimit?: RateLimitOptions;
  } = {},
): Promise<SyncServer> {
  const file = options.file ?? path.join(tempFolder('motcua-sync-server-'), 'server.db');
  const fresh = !existsSync(file);
  // With `reporting`, as `motcua server` opens it: reports, the publication feed and the public lookup too.
  const reporting = options.reporting ? await openReportingStorage({ kind: 'sqlite', file }) : undefined;
  const storage = reporting?.storage ?? (await openStorage({ kind: 'sqlite', file }));
  const app = await createServer({
    storage,
    ...(reporting ? { reportingDriver: reporting.driver } : {}),
    adminToken: ADMIN_TOKEN,
    portalToken: PORTAL_TOKEN,
    logger: false,
    rateLimit: options.rateLimit ?? { capacity: 1_000_000, refillPerSecond: 1_000_000 },
    feedSegmentEvents: options.feedSegmentEvents ?? TEST_FEED_SEGMENT,
    ...(options.protocolVersions ? { protocolVersions: options.protocolVersions } : {}),
  });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  if (fresh) await seedUnits(app);
  const port = (app.server.address() as { port: number }).port;
  // Stopped before the test file's folders are removed, also when a test failed before stopping it.
  const stop = closeOnceAtEnd(async () => {
    await app.close();
    await storage.close();
  });
  return {
    app,
    storage,
    file,
    port,
    url: `http://127.0.0.1:${port}/`,
    async createDesk(unitCode, deskNumber) {
      const res = await admin(app, 'POST', '/v1/admin/desks', { unitCode, deskNumber });
      if (res.statusCode !== 201) throw new Error(`create desk: ${res.statusCode} ${res.body}`);
      return res.json() as { deviceId: string; enrolmentCode: string };
    },
    async revoke(deviceId) {
      const res = await admin(app, 'POST', `/v1/admin/desks/${deviceId}/revoke`);
      if (res.statusCode !== 200) throw new Error(`revoke: ${res.statusCode} ${res.body}`);
    },
    stop,
    async close() {
      await stop();
      rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

export interface SyncDesk {
  desk: Desk;
  client: SyncClient;
  handlers: DeskHandlers;
  dir: string;
  unitCode: string;
  deviceId: string;
  call<M extends DeskApiMethod>(method: M, input: unknown): Promise<Result<DeskApiOutput<M>>>;
  must<M extends DeskApiMethod>(method: M, input: unknown): Promise<DeskApiOutput<M>>;
  /** Closes the desk and opens it again on the same folder, with a new sync client. */
  reopen(options?: SyncClientOptions): void;
  /** Stops the client, closes the desk, runs `whileClosed` (a restore from the command line), opens it again. */
  restart(whileClosed: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface DeskSetup {
  unitCode: string;
  deskNumber: number;
  /** Where the desk finds the server (a proxy's address); default the server itself. */
  serverUrl?: string;
  /** Desk clock minus real time (a PC whose clock is wrong). */
  clockOffsetMs?: number;
  sync?: SyncClientOptions;
  dir?: string;
  /** false: leave the desk unenrolled (an administrator is created and logged in). */
  enrol?: boolean;
}

export async function makeSyncDesk(server: DeskEnroller, setup: DeskSetup): Promise<SyncDesk> {
  const dir = setup.dir ?? tempFolder('motcua-sync-desk-');
  const now = () => new Date(Date.now() + (setup.clockOffsetMs ?? 0));
  const open = (sync: SyncClientOptions) => {
    const desk = openDesk({ dataDir: dir, now, autoBackup: false, scryptParams: TEST_SCRYPT });
    const client = new SyncClient(desk, { ...FAST_SYNC, ...sync });
    return { desk, client, handlers: createDeskHandlers(desk, { sync: client }) };
  };
  let parts = open(setup.sync ?? {});
  // A test that fails before closing the desk: its client stopped and database closed before the folder goes.
  closeAtEnd(async () => {
    await parts.client.stop();
    parts.desk.close();
  });
  const t: SyncDesk = {
    get desk() {
      return parts.desk;
    },
    get client() {
      return parts.client;
    },
    get handlers() {
      return parts.handlers;
    },
    dir,
    unitCode: setup.unitCode,
    deviceId: '',
    call: (method, input) => callDesk(parts.handlers, method, input),
    async must(method, input) {
      const r = await t.call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message.en}`);
      return r.value;
    },
    reopen(options = {}) {
      parts.desk.close();
      parts = open({ ...setup.sync, ...options });
    },
    async restart(whileClosed) {
      await parts.client.stop();
      parts.desk.close();
      await whileClosed();
      parts = open(setup.sync ?? {});
    },
    async close() {
      await parts.client.stop();
      parts.desk.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (!parts.desk.users.hasAnyUser()) {
    // As the first-run screen does: the account, the connection in its setup session, then a login.
    await t.must('auth.createAdmin', DESK_ADMIN);
    if (setup.enrol !== false) {
      const { enrolmentCode } = await server.createDesk(setup.unitCode, setup.deskNumber);
      const identity = await t.must('sync.enrol', {
        serverUrl: setup.serverUrl ?? server.url,
        code: enrolmentCode,
      });
      t.deviceId = identity.deviceId;
    }
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
  } else {
    await t.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
    t.deviceId = parts.desk.identity()!.deviceId;
  }
  return t;
}

/**
 * The set-up most sync test files share: a fresh server for each test, and every desk the test makes on it closed
 * after it (then the server). Call once at the top level of a test file.
 */
export function syncTestBed(serverOptions: { reporting?: boolean } = {}): { readonly server: SyncServer; desk(setup: DeskSetup): Promise<SyncDesk> } {
  let server: SyncServer | undefined;
  const desks: SyncDesk[] = [];
  beforeEach(async () => {
    server = await startSyncServer(serverOptions);
  });
  afterEach(async () => {
    for (const d of desks.splice(0)) await d.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    async desk(setup) {
      const d = await makeSyncDesk(server!, setup);
      desks.push(d);
      return d;
    },
  };
}

/** A seed procedure in working days with mandatory components: an ordinary reception. */
export const ordinaryProcedure = seedProcedures.find(
  (p) => p.processingTime.kind === 'days' && !p.fridayNoWait && p.components.some((c) => c.mandatory),
)!;

export const applicant = (n: number) => ({
  kind: 'person' as const,
  name: `Nguyễn Văn Đức ${n}`,
  idNumber: String(1_203_004_567 + n).padStart(12, '0'),
  phone: '0912345678',
  address: 'Thôn Đông, xã Thanh Hải',
});

export async function receive(d: SyncDesk, n = 1): Promise<{ dossierId: string; code: string }> {
  const receipt = await d.must('dossiers.receive', {
    procedureCode: ordinaryProcedure.code,
    channel: 'in_person',
    applicant: applicant(n),
    components: ordinaryProcedure.components.map((c) => ({ componentId: c.id, present: true })),
  });
  return { dossierId: receipt.dossier.id, code: receipt.code };
}

/** Every event the server delivers to a unit (all devices), in delivery order. */
export async function serverEventsOfUnit(
  storage: ServerStorage,
  unitCode: string,
): Promise<StoredWireEvent[]> {
  const events: StoredWireEvent[] = [];
  let cursor = 0;
  for (;;) {
    const page = await storage.pull(unitCode, null, cursor, 2000);
    events.push(...page.events);
    cursor = page.nextCursor;
    if (!page.hasMore) return events;
  }
}

/** The server's view of a unit's dossiers: a fold of its events with the shared lifecycle. */
export async function serverProjections(
  storage: ServerStorage,
  unitCode: string,
): Promise<Map<string, DossierState>> {
  const byDossier = new Map<string, DossierEvent[]>();
  for (const e of await serverEventsOfUnit(storage, unitCode)) {
    const list = byDossier.get(e.dossierId) ?? [];
    list.push(e as DossierEvent);
    byDossier.set(e.dossierId, list);
  }
  const states = new Map<string, DossierState>();
  for (const [id, events] of byDossier) states.set(id, projectDossier(events)!);
  return states;
}

/** The desk's `dossiers` table, as states (the columns the table keeps beside the state are checked too). */
export function deskProjections(desk: Desk): Map<string, DossierState> {
  const rows = desk.db.prepare<[], { id: string; state: string }>('SELECT id, state FROM dossiers').all();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.state) as DossierState]));
}

export function ownPending(d: SyncDesk): number {
  return d.desk.events.pendingCount(d.deviceId);
}

/**
 * Every desk's `dossiers` rows equal what the desk's own row builder makes of the server's fold for its unit
 * (state, search text, list columns), and no desk has anything left to send.
 */
export async function expectConverged(storage: ServerStorage, desks: SyncDesk[]): Promise<void> {
  for (const d of desks) {
    expect(ownPending(d), `desk ${d.deviceId} outbox`).toBe(0);
    const expected = await serverProjections(storage, d.unitCode);
    const rows = d.desk.db.prepare<[], DossierRow & { seq: number }>('SELECT * FROM dossiers').all();
    const actual = new Map(rows.map(({ seq: _seq, ...row }) => [row.id, row]));
    expect([...actual.keys()].sort(), `desk ${d.deviceId} dossiers`).toEqual([...expected.keys()].sort());
    const quarantinedOf = d.desk.db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM events WHERE dossier_id = ? AND sync_state = 'quarantined'",
    );
    for (const [id, state] of expected) {
      const procedure = state.procedureCode ? d.desk.catalog.find(state.procedureCode) : undefined;
      const row = dossierRowOf(state, procedure, { pending: 0, quarantined: quarantinedOf.get(id)!.n });
      expect(actual.get(id), `dossier ${id} on desk ${d.deviceId}`).toEqual(row);
    }
  }
}

/** Each desk's accepted events are on the server once each, and the server holds nothing else (portal aside). */
export async function expectStoredExactlyOnce(
  storage: ServerStorage,
  desks: SyncDesk[],
  extra = 0,
): Promise<void> {
  let expectedTotal = extra;
  for (const d of desks) {
    const own = d.desk.db
      .prepare<[string], { id: string; device_seq: number; sync_state: string }>(
        'SELECT id, device_seq, sync_state FROM events WHERE device_id = ? ORDER BY device_seq',
      )
      .all(d.deviceId);
    for (const e of own) {
      const stored = await storage.eventById(e.id);
      if (e.sync_state === 'quarantined') {
        expect(stored, `quarantined event ${e.id}`).toBeUndefined();
      } else {
        expect(stored, `event ${d.deviceId}#${e.device_seq} on the server`).toBeDefined();
        expect(stored!.deviceSeq).toBe(e.device_seq);
        expectedTotal += 1;
      }
    }
  }
  expect(await storage.countEvents()).toBe(expectedTotal);
}

/** Syncs every desk, in order, `rounds` times (enough for changes to travel desk → server → desk). */
export async function syncAll(desks: SyncDesk[], rounds = 2): Promise<void> {
  for (let r = 0; r < rounds; r++) for (const d of desks) await d.client.syncNow();
}

/**
 * Syncs the desks in turn until nothing is left to send and every desk has had a successful round after the
 * last push anywhere (so it has pulled everything). Rounds may fail on the way (that is what fault tests do).
 */
export async function syncUntilSettled(desks: SyncDesk[], maxCalls = 300): Promise<number> {
  const lastOk = new Map<SyncDesk, number>();
  let lastChange = 0;
  // Desks take turns in a shuffled order: a fault plan by connection number must not meet one desk every time.
  const pick = seededRandom(desks.length * 7919 + maxCalls);
  for (let call = 1; call <= maxCalls; call++) {
    const d = desks[Math.floor(pick() * desks.length)]!;
    const status = await d.client.syncNow();
    if (status.state === 'online') {
      lastOk.set(d, call);
      if ((d.client.lastRound?.pushed ?? 0) > 0) lastChange = call;
    }
    if (status.pending > 0) lastChange = call;
    if (desks.every((x) => ownPending(x) === 0 && (lastOk.get(x) ?? 0) > lastChange)) return call;
  }
  throw new Error(`sync did not settle in ${maxCalls} calls`);
}

/** A server and its district's desk 1, which received `dossiers` (someWork) and synced them; closed by `cleanups`. */
/** `feedSegmentEvents`: the server's stored page size, where a test needs the pages exactly as the desk asks. */
export async function districtWithWork(
  dossiers: number,
  cleanups: (() => Promise<void>)[],
  feedSegmentEvents?: number,
) {
  const server = await startSyncServer(feedSegmentEvents !== undefined ? { feedSegmentEvents } : {});
  cleanups.push(() => server.close());
  const writer = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 1 });
  cleanups.push(() => writer.close());
  await someWork(writer, dossiers);
  await writer.client.syncNow();
  return { server, writer };
}

/** A few receptions and follow-ups on one desk, so batches hold several event types. */
export async function someWork(d: SyncDesk, count: number, offset = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { dossierId } = await receive(d, offset + i);
    ids.push(dossierId);
    if (i % 3 === 1) await d.must('dossiers.transfer', { dossierId, note: 'Chuyển phòng chuyên môn' });
    if (i % 3 === 2)
      await d.must('dossiers.requestSupplement', {
        dossierId,
        items: ['Bản sao sổ hộ khẩu'],
        reason: 'Thiếu giấy tờ',
      });
  }
  return ids;
}
