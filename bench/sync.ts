/**
 * `npm run bench -- sync [--dossiers N] [--slow-dossiers M] [--pouch-dossiers P]`: the sync client against a
 * real server over loopback.
 *   initial pull   one year of a district (N dossiers, five events each: received, transferred, handed over,
 *                  resolved, returned) into an empty desk — goal ≤ 15 s
 *   push 1000      1,000 dossiers received offline at a desk, sent up — goal ≤ 3 s
 *   bytes/dossier  bytes the server sent during the initial pull (compressed answers with their HTTP headers),
 *                  per dossier — goal ≤ 1 KB
 *   slow link      M dossiers pulled through the link emulator (256 kbit/s, 300 ms, 1 % stalls/resets):
 *                  response body bytes delivered ÷ what the link could carry in that time — goal ≥ 50 %
 *   PouchDB        the same N dossiers as documents (each with its events), replicated by PouchDB (leveldb)
 *                  from an express-pouchdb server on loopback: time and bytes ÷ ours — goal ≥ 10× and ≥ 3×
 *   floor          the pulled events stored alone into new desk stores, nothing else done (bench/lib/events-floor.ts):
 *                  no pull can be faster, so PouchDB's time ÷ this is the best ratio the desk's store allows
 * The server's year is written straight into its storage (properly hashed and chained events, delivered to the
 * unit's feed as a push would), so the run measures sync, not the generator; the server then runs in a process
 * of its own, as in a district, compresses the feed's settled pages once as it starts (server/sync/feed-segments.ts;
 * a server that has held the year for a while has done so already; the time is reported), and counts the bytes
 * it sends on its sockets (bench/lib/socket-bytes.ts); so does PouchDB's server. The desks talk to the servers
 * directly over loopback. The slow link's emulator stays in the bench's process: it measures how much of the link
 * is used, not the desk's CPU.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDesk, type Desk } from '../electron/desk/desk';
import { SyncClient } from '../electron/desk/sync';
import type { ServerStorage } from '../server/storage/contract';
import { eventHash } from '../server/sync/push';
import { seedProcedures } from '../shared/catalog/seed-procedures';
import { toVnIso, vnDateKey } from '../shared/calendar/vn-time';
import type { WireEvent } from '../shared/sync/messages';
import type { DossierEvent } from '../shared/domain/events';
import { LinkProxy, seededRandom } from '../tests/support/link-proxy';
import { DISTRICT } from '../tests/server/support';
import { startSyncServer } from '../tests/sync/support/harness';
import { Random } from './generator/random';
import { cccd, mobilePhone, personName } from './generator/vietnamese-names';
import { option, percentile, printTable, saveResults, type BenchRow } from './lib/report';
import { eventsStoreFloor } from './lib/events-floor';
import { startChildServer, startServerProcess } from './lib/server-process';

const require = createRequire(import.meta.url);
const SCRYPT = { N: 1024, r: 8, p: 1, keyLength: 32 };
const DAY = 86_400_000;
/** Initial pulls timed, each into a new desk; the table shows their median. */
const PULL_RUNS = 3;
const YEAR_START = Date.parse('2025-01-01T08:00:00+07:00');
const SLOW_LINK = {
  bandwidthBytesPerSecond: 32_000,
  delayMs: 300,
  stallProbability: 0.005,
  resetProbability: 0.005,
};

interface TimedEvent {
  at: number;
  deskIndex: number;
  event: Omit<WireEvent, 'deviceId' | 'deviceSeq' | 'prevHash' | 'hash'>;
  creates: { code: string } | null;
}

/** One year of a district's dossiers as events, in time order, each dossier handled by one of three desks. */
export function districtYear(dossiers: number, seed: number): TimedEvent[] {
  const rng = new Random(seed);
  const procedures = seedProcedures.filter((p) => p.level === 'district' || p.level === 'commune');
  const counters = new Map<string, number>();
  const all: TimedEvent[] = [];
  for (let i = 0; i < dossiers; i++) {
    const deskIndex = rng.int(3);
    const deskNumber = deskIndex + 1;
    const receivedMs = YEAR_START + Math.floor((i / dossiers) * 360 * DAY) + rng.int(8 * 3_600_000);
    const receivedAt = new Date(receivedMs);
    const day = vnDateKey(receivedAt);
    const key = `${day}/${deskNumber}`;
    const sequence = deskNumber * 1000 + (counters.get(key) ?? 0) + 1;
    counters.set(key, sequence - deskNumber * 1000);
    const code = `${DISTRICT}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(sequence).padStart(4, '0')}`;
    const procedure = rng.pick(procedures);
    const dossierId = uuidv7();
    const actor = { userId: `clerk-${deskNumber}`, name: 'Trần Thị Lan', role: 'clerk' as const };
    const base = (
      offsetMs: number,
      type: string,
      payload: Record<string, unknown>,
      baseVersion: number,
    ): TimedEvent => ({
      at: receivedMs + offsetMs,
      deskIndex,
      creates: baseVersion === 0 ? { code } : null,
      event: {
        id: uuidv7(),
        dossierId,
        type,
        payload,
        baseVersion,
        actor,
        deviceTime: toVnIso(new Date(receivedMs + offsetMs)),
      },
    });
    const at = (offset: number) => toVnIso(new Date(receivedMs + offset));
    const applicant = {
      kind: 'person',
      name: personName(rng),
      idNumber: cccd(rng),
      phone: mobilePhone(rng),
      address: `Thôn ${rng.int(12) + 1}, xã Thanh ${rng.pick(['Hải', 'Sơn', 'Lang', 'Xá', 'Thuỷ', 'Xuân'])}`,
    };
    all.push(
      base(
        0,
        'dossier.received',
        {
          code,
          unitCode: DISTRICT,
          deskNumber,
          procedureCode: procedure.code,
          channel: rng.chance(0.87) ? 'online' : 'in_person',
          applicant,
          components: procedure.components.map((c) => ({
            componentId: c.id,
            name: c.name,
            form: c.form,
            copies: c.copies,
            present: true,
          })),
          receivedAt: at(0),
          dueAt: at(7 * DAY),
          pin: rng.digits(6),
        },
        0,
      ),
      base(3_600_000, 'dossier.transferred', { toAgency: procedure.agency }, 1),
      base(2 * 3_600_000, 'dossier.handed_over', { from: 'Bộ phận một cửa', to: procedure.agency }, 2),
      base(4 * DAY, 'dossier.resolved', { resolvedAt: at(4 * DAY), resultDigitised: rng.chance(0.98) }, 3),
      base(5 * DAY, 'dossier.returned', { returnedAt: at(5 * DAY) }, 4),
    );
  }
  return all.sort((a, b) => a.at - b.at);
}

/** Writes the year into the server as accepted pushes would: chained per desk, sequenced, delivered. */
export async function loadServer(
  storage: ServerStorage,
  deviceIds: string[],
  year: TimedEvent[],
): Promise<WireEvent[]> {
  const heads = deviceIds.map(() => ({ seq: 0, hash: null as string | null }));
  const wire: WireEvent[] = year.map((t) => {
    const head = heads[t.deskIndex]!;
    const unhashed = {
      ...t.event,
      deviceId: deviceIds[t.deskIndex]!,
      deviceSeq: head.seq + 1,
      prevHash: head.hash,
    };
    const hash = eventHash(unhashed as unknown as DossierEvent);
    heads[t.deskIndex] = { seq: unhashed.deviceSeq, hash };
    return { ...unhashed, hash } as WireEvent;
  });
  for (let from = 0; from < wire.length; from += 5000) {
    await storage.syncTransaction(async (tx) => {
      for (let i = from; i < Math.min(from + 5000, wire.length); i++) {
        const creates = year[i]!.creates;
        if (creates)
          await tx.createDossier({
            id: wire[i]!.dossierId,
            unitCode: DISTRICT,
            code: creates.code,
            portalRef: null,
          });
        await tx.appendEvent(wire[i]!, wire[i]!.deviceTime);
      }
    });
  }
  await storage.syncTransaction(async (tx) => {
    for (const [i, id] of deviceIds.entries())
      if (heads[i]!.hash) await tx.setDeviceHead(id, heads[i]!.seq, heads[i]!.hash!);
  });
  return wire;
}

/** What a bench desk needs of a server: an enrolment code for a new desk (`code|deviceId`). */
interface DeskEnroller {
  newDesk(deskNumber: number): Promise<string>;
}

interface RunningServer extends DeskEnroller {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A server in a process of its own, which counts the bytes it sends. */
interface CountingServer extends RunningServer {
  bytesDown(): Promise<number>;
  /** The settled pages the server compressed when it started on the loaded file, and how long that took. */
  segments: { count: number; ms: number };
}

interface BenchServer extends RunningServer {
  storage: ServerStorage;
  file: string;
}

/** The sync tests' server (a SQLite file, units seeded, no rate limit, no log) on `dir/name.db`, to be loaded. */
async function startServer(dir: string, name: string): Promise<BenchServer> {
  const server = await startSyncServer({ file: path.join(dir, `${name}.db`) });
  return {
    storage: server.storage,
    file: server.file,
    port: server.port,
    url: server.url,
    async newDesk(deskNumber) {
      const { enrolmentCode, deviceId } = await server.createDesk(DISTRICT, deskNumber);
      return `${enrolmentCode}|${deviceId}`;
    },
    close: () => server.stop(),
  };
}

/**
 * Once loaded, the server goes on in a process of its own, as it does in a district: the desk's thread then
 * does the desk's work only (in one process the server's page building, compression and GC ran on it too).
 */
async function inOwnProcess(server: BenchServer): Promise<CountingServer> {
  await server.close();
  const running = await startServerProcess(server.file);
  return {
    url: running.url,
    port: running.port,
    async newDesk(deskNumber) {
      const res = (await running.admin('/v1/admin/desks', { unitCode: DISTRICT, deskNumber })) as {
        enrolmentCode: string;
        deviceId: string;
      };
      return `${res.enrolmentCode}|${res.deviceId}`;
    },
    bytesDown: () => running.bytesDown(),
    close: () => running.close(),
    segments: { count: Number(running.announced.segments ?? 0), ms: Number(running.announced.segmentsMs ?? 0) },
  };
}

/** The desks' clock: the offline receptions are spread over days (a desk issues at most 999 codes a day). */
let deskNowMs = Date.now();

export async function enrolledDesk(
  server: DeskEnroller,
  deskNumber: number,
  serverUrl: string,
  dir: string,
  options = {},
): Promise<{ desk: Desk; client: SyncClient }> {
  const desk = openDesk({
    dataDir: dir,
    autoBackup: false,
    scryptParams: SCRYPT,
    now: () => new Date(deskNowMs),
  });
  const client = new SyncClient(desk, {
    log: () => undefined,
    requestTimeoutMs: 20_000,
    pullPageSize: 2000,
    ...options,
  });
  const [code] = (await server.newDesk(deskNumber)).split('|');
  await client.enrol({ serverUrl, code: code! });
  return { desk, client };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

// ── PouchDB ─────────────────────────────────────────────────────────────────────────────────────────────
interface PouchLike {
  replicate: { from(url: string, options?: Record<string, unknown>): Promise<{ docs_written: number }> };
  close(): Promise<void>;
}

/**
 * The same dossiers as PouchDB documents (one each, with its events), written to a file for the PouchDB server
 * before the initial pull, so that the desk's process does not hold the year's events while it is timed.
 */
function writePouchDocs(wire: WireEvent[], dossiers: number, dir: string): string {
  const byDossier = new Map<string, WireEvent[]>();
  for (const e of wire) {
    const list = byDossier.get(e.dossierId) ?? [];
    list.push(e);
    byDossier.set(e.dossierId, list);
  }
  const docsFile = path.join(dir, 'pouch-docs.jsonl');
  writeFileSync(
    docsFile,
    [...byDossier.entries()]
      .slice(0, dossiers)
      .map(([id, events]) => `${JSON.stringify({ _id: id, events })}\n`)
      .join(''),
  );
  return docsFile;
}

/**
 * PouchDB replicating those documents from an express-pouchdb server that runs in a process of its own, as ours
 * does (bench/lib/pouch-server-child.ts), which counts the bytes it sends as ours does.
 */
async function pouchReplication(
  docsFile: string,
  dir: string,
): Promise<{ seconds: number; bytes: number; docs: number }> {
  const PouchDB = require('pouchdb') as new (name: string) => PouchLike;
  const serverDir = path.join(dir, 'pouch-server');
  mkdirSync(serverDir, { recursive: true });
  const server = await startChildServer('pouch-server-child.ts', [serverDir, docsFile]);
  try {
    const local = new PouchDB(path.join(dir, 'pouch-desk'));
    const before = await server.bytesDown();
    const run = await timed(() => local.replicate.from(`${server.url}district`, { batch_size: 500 }));
    const bytes = (await server.bytesDown()) - before;
    await local.close();
    return { seconds: run.seconds, bytes, docs: run.value.docs_written };
  } finally {
    await server.close();
  }
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────────────────
export async function run(args: string[]): Promise<void> {
  const dossiers = Number(option(args, 'dossiers') ?? 52_772);
  const slowDossiers = Number(option(args, 'slow-dossiers') ?? 300);
  const pouchDossiers = Number(option(args, 'pouch-dossiers') ?? dossiers);
  for (const [name, n] of [
    ['--dossiers', dossiers],
    ['--slow-dossiers', slowDossiers],
    ['--pouch-dossiers', pouchDossiers],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) {
      console.error(`${name} must be a whole number of dossiers from 1.`);
      process.exitCode = 2;
      return;
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-sync-'));
  // Child processes (the servers) still running when the run fails: closed in `finally`.
  const running = new Set<{ close(): Promise<void> }>();
  const ownProcess = async (loaded: BenchServer) => {
    const server = await inOwnProcess(loaded);
    running.add(server);
    return server;
  };
  try {
    console.log(`Loading ${dossiers} dossiers (${dossiers * 5} events) into the server…`);
    const loading = await startServer(dir, 'district');
    const sources = [];
    for (const n of [1, 2, 3]) sources.push((await loading.newDesk(n)).split('|')[1]!);
    const pouchDocs = writePouchDocs(
      await loadServer(loading.storage, sources, districtYear(dossiers, 1)),
      pouchDossiers,
      dir,
    );
    const server = await ownProcess(loading);

    // Initial pull into an empty desk, straight to the server over loopback; the server counts the bytes it sends.
    // The pull is timed into PULL_RUNS new desks and the median taken: on these shared two-core machines the same
    // pull measured anywhere from 13 to 21 s from one run to the next.
    const pullSeconds: number[] = [];
    let puller: Awaited<ReturnType<typeof enrolledDesk>> | null = null;
    let pulledBytes = 0;
    // How long the desk's main thread was held at a stretch while pulling: what a clerk's click waits at worst.
    const held = monitorEventLoopDelay({ resolution: 10 });
    for (let run = 0; run < PULL_RUNS; run++) {
      if (puller) {
        await puller.client.stop();
        puller.desk.close();
      }
      puller = await enrolledDesk(server, 4 + run, server.url, path.join(dir, `desk-pull-${run}`));
      console.log(`Initial pull ${run + 1}/${PULL_RUNS}…`);
      const before = await server.bytesDown();
      held.enable();
      const pull = await timed(() => puller!.client.syncNow());
      held.disable();
      const pulledDossiers = puller.desk.db
        .prepare<[], { n: number }>('SELECT count(*) AS n FROM dossiers')
        .get()!.n;
      if (pull.value.state !== 'online' || pulledDossiers !== dossiers)
        throw new Error(`initial pull incomplete: ${pulledDossiers}/${dossiers}`);
      pullSeconds.push(pull.seconds);
      pulledBytes = (await server.bytesDown()) - before;
    }
    if (!puller) throw new Error('no pull ran');
    const pull = { seconds: percentile(pullSeconds, 50) };
    const heldMs = { p99: held.percentile(99) / 1e6, max: held.max / 1e6 };
    const bytesPerDossier = pulledBytes / dossiers;

    // The floor under any pull: the same events stored alone into new desk stores (bench/lib/events-floor.ts).
    console.log('The events stored alone (the floor under a pull)…');
    const floor = eventsStoreFloor(puller.desk, dir);

    // 1,000 dossiers received offline at that desk, then one sync.
    await puller.desk.users.createFirstAdministrator({
      username: 'admin',
      displayName: 'Quản trị',
      password: 'bench-password-1',
    });
    await puller.desk.login('admin', 'bench-password-1');
    const procedure = seedProcedures.find(
      (p) => p.processingTime.kind === 'days' && p.components.some((c) => c.mandatory),
    )!;
    const rng = new Random(2);
    for (let i = 0; i < 1000; i++) {
      if (i % 500 === 0) deskNowMs += DAY;
      puller.desk.dossiers.receive({
        procedureCode: procedure.code,
        channel: 'in_person',
        applicant: { kind: 'person', name: personName(rng), idNumber: cccd(rng), phone: mobilePhone(rng) },
        components: procedure.components.map((c) => ({ componentId: c.id, present: true })),
      } as Parameters<Desk['dossiers']['receive']>[0]);
    }
    console.log('Push of 1,000 dossiers…');
    const push = await timed(() => puller.client.syncNow());
    if (push.value.pending !== 0) throw new Error(`push incomplete: ${push.value.pending} left`);
    await puller.client.stop();
    puller.desk.close();

    // The slow link: a smaller district so the run stays minutes, not hours.
    console.log(`Slow link (${slowDossiers} dossiers at 256 kbit/s, 300 ms, 1 % stalls/resets)…`);
    const smallLoading = await startServer(dir, 'small');
    const smallSources = [];
    for (const n of [1, 2, 3]) smallSources.push((await smallLoading.newDesk(n)).split('|')[1]!);
    await loadServer(smallLoading.storage, smallSources, districtYear(slowDossiers, 3));
    const small = await ownProcess(smallLoading);
    const link = await LinkProxy.start({ target: { host: '127.0.0.1', port: small.port } });
    const remote = await enrolledDesk(small, 4, link.url, path.join(dir, 'desk-slow'), {
      requestTimeoutMs: 15_000,
      pullPageSize: 500,
    });
    link.setProfile({ ...SLOW_LINK, random: seededRandom(11) });
    const slow = await timed(async () => {
      for (;;) {
        const status = await remote.client.syncNow();
        if (status.state === 'online') return status;
      }
    });
    const utilisation = link.counters.bodyBytesDown / (SLOW_LINK.bandwidthBytesPerSecond * slow.seconds);
    await remote.client.stop();
    remote.desk.close();
    await link.close();
    await small.close();

    console.log(`PouchDB replication of ${pouchDossiers} dossiers…`);
    let pouch: { seconds: number; bytes: number; docs: number } | null = null;
    let pouchProblem: string | null = null;
    try {
      pouch = await pouchReplication(pouchDocs, dir);
    } catch (e) {
      pouchProblem = e instanceof Error ? e.message : String(e);
    }
    await server.close();

    // Ratios on the same number of dossiers: ours scaled to PouchDB's count when it ran on fewer.
    const share = Math.min(1, pouchDossiers / dossiers);
    const timeRatio = pouch ? pouch.seconds / (pull.seconds * share) : NaN;
    const floorRatio = pouch ? pouch.seconds / (floor.seconds * share) : NaN;
    const bytesRatio = pouch ? pouch.bytes / (pulledBytes * share) : NaN;
    const rows: BenchRow[] = [
      { metric: 'dossiers', value: dossiers },
      {
        metric: `initial pull (median of ${pullSeconds.map((t) => t.toFixed(1)).join(', ')} s)`,
        value: pull.seconds,
        unit: 's',
        goal: '≤ 15',
        pass: pull.seconds <= 15,
      },
      {
        metric: `server: settled pages compressed once, at its start (${server.segments.count})`,
        value: server.segments.ms / 1000,
        unit: 's',
      },
      { metric: "desk's main thread held during the pulls, p99", value: heldMs.p99, unit: 'ms' },
      { metric: "desk's main thread held during the pulls, longest", value: heldMs.max, unit: 'ms' },
      {
        metric: 'push of 1,000 dossiers',
        value: push.seconds,
        unit: 's',
        goal: '≤ 3',
        pass: push.seconds <= 3,
      },
      {
        metric: 'bytes on the wire per dossier',
        value: Math.round(bytesPerDossier),
        unit: 'B',
        goal: '≤ 1024',
        pass: bytesPerDossier <= 1024,
      },
      {
        metric: `slow link utilisation (${slowDossiers} dossiers, ${slow.seconds.toFixed(1)} s)`,
        value: utilisation,
        goal: '≥ 0.5',
        pass: utilisation >= 0.5,
      },
      pouch
        ? {
            metric: `PouchDB time ÷ ours (${pouch.docs} docs, ${pouch.seconds.toFixed(1)} s)`,
            value: timeRatio,
            goal: '≥ 10',
            pass: timeRatio >= 10,
          }
        : { metric: 'PouchDB time ÷ ours', value: `not run: ${pouchProblem}` },
      {
        metric: `the ${floor.events} events stored alone in a new desk store (${floor.runsSeconds.map((t) => t.toFixed(1)).join(', ')} s)`,
        value: floor.seconds,
        unit: 's',
      },
      {
        metric: 'PouchDB time ÷ that floor (the best ratio a pull could reach)',
        value: pouch ? floorRatio : 'not run',
      },
      pouch
        ? {
            metric: `PouchDB bytes ÷ ours (${Math.round(pouch.bytes / 1024)} KiB)`,
            value: bytesRatio,
            goal: '≥ 3',
            pass: bytesRatio >= 3,
          }
        : { metric: 'PouchDB bytes ÷ ours', value: 'not run' },
    ];
    const table = printTable(`sync — ${dossiers} dossiers`, rows);
    const file = saveResults(
      'sync',
      {
        dossiers,
        initial_pull_s: round(pull.seconds),
        initial_pull_runs_s: pullSeconds.map(round),
        server_segments: server.segments.count,
        server_segments_build_s: round(server.segments.ms / 1000),
        pull_main_thread_held_p99_ms: round(heldMs.p99),
        pull_main_thread_held_max_ms: round(heldMs.max),
        push_1000_s: round(push.seconds),
        bytes_per_dossier: Math.round(bytesPerDossier),
        slow_link_utilisation: round(utilisation),
        pouchdb_time_ratio: pouch ? round(timeRatio) : null,
        events_store_floor_s: round(floor.seconds),
        events_store_floor_runs_s: floor.runsSeconds.map(round),
        pouchdb_time_ratio_at_floor: pouch ? round(floorRatio) : null,
        pouchdb_bytes_ratio: pouch ? round(bytesRatio) : null,
        slow_link_dossiers: slowDossiers,
        pouchdb_dossiers: pouch?.docs ?? null,
        pouchdb_problem: pouchProblem,
      },
      table,
    );
    console.log(`Saved ${file}`);
  } finally {
    for (const server of running) await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
