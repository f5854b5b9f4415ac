/**
 * One randomised convergence run, fully decided by its seed: 2–4 desks of a district and its communes, a random
 * sequence of receptions, transitions (transfers to the district included), conflicting concurrent actions and
 * sync rounds, over a link that cuts requests and responses, stalls and duplicates them. At the end, with the
 * link healthy again: every event stored on the server exactly once, every desk's projections equal to the
 * server's fold for its unit, and no desk with anything left in its outbox.
 */
import { DossierStatus } from '../../../shared/domain/dossier';
import { LinkProxy, seededRandom, type ConnectionFault } from '../../support/link-proxy';
import {
  COMMUNE_A,
  COMMUNE_B,
  DISTRICT,
  deskProjections,
  expectConverged,
  expectStoredExactlyOnce,
  makeSyncDesk,
  receive,
  startSyncServer,
  syncUntilSettled,
  type SyncDesk,
} from './harness';

const DESK_SLOTS = [
  { unitCode: DISTRICT, deskNumber: 1 },
  { unitCode: COMMUNE_A, deskNumber: 1 },
  { unitCode: DISTRICT, deskNumber: 2 },
  { unitCode: COMMUNE_B, deskNumber: 1 },
];

export interface ConvergenceReport {
  desks: number;
  operations: number;
  faults: number;
}

export async function runConvergence(seed: number, steps = 30): Promise<ConvergenceReport> {
  const started = performance.now();
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const server = await startSyncServer();
  const faultPlan = (): ConnectionFault | null => {
    const r = random();
    const offset = Math.floor(random() * 1500);
    if (r < 0.08) return { kind: 'cut', direction: 'up', afterBytes: offset };
    if (r < 0.16) return { kind: 'cut', direction: 'down', afterBytes: offset };
    if (r < 0.22) return { kind: 'duplicate', delayMs: Math.floor(random() * 40) };
    if (r < 0.25)
      return { kind: 'stall', direction: pick(['up', 'down'] as const), afterBytes: offset, ms: 150 };
    return null;
  };
  const proxy = await LinkProxy.start({ target: { host: '127.0.0.1', port: server.port } });
  const desks: SyncDesk[] = [];
  let operations = 0;
  try {
    const count = 2 + Math.floor(random() * 3);
    for (const slot of DESK_SLOTS.slice(0, count)) {
      desks.push(
        await makeSyncDesk(server, {
          ...slot,
          serverUrl: proxy.url,
          sync: { maxBatchBytes: 1024 + Math.floor(random() * 4096), requestTimeoutMs: 2_000 },
        }),
      );
    }
    if (process.env.CONVERGENCE_TIMING) console.log(`setup ${Math.round(performance.now() - started)} ms`);
    proxy.plan = faultPlan;
    let n = 0;
    for (let step = 0; step < steps; step++) {
      const d = pick(desks);
      const r = random();
      if (r < 0.25) {
        await receive(d, n++);
        operations += 1;
        continue;
      }
      if (r < 0.5) {
        await d.client.syncNow();
        continue;
      }
      // A transition on a dossier this desk knows, as the clerk would try it; refusals are part of life.
      const known = [...deskProjections(d.desk).values()];
      if (known.length === 0) continue;
      const dossier = pick(known);
      const dossierId = dossier.id;
      const transfers = d.unitCode === DISTRICT ? [{}] : [{ toAgency: DISTRICT }, {}];
      const attempts: [string, Record<string, unknown>][] = [
        ['dossiers.transfer', { dossierId, ...pick(transfers) }],
        ['dossiers.handOver', { dossierId, from: 'Bộ phận một cửa', to: 'Phòng chuyên môn' }],
        ['dossiers.requestSupplement', { dossierId, items: ['Bản sao giấy tờ'], reason: 'Thiếu giấy tờ' }],
        ['dossiers.supplementReceived', { dossierId }],
        ['dossiers.withdraw', { dossierId, reason: 'Công dân xin rút' }],
        ['dossiers.resolve', { dossierId, resultDigitised: random() < 0.5 }],
        ['dossiers.returnResult', { dossierId }],
      ];
      const [method, input] =
        dossier.conflict !== null
          ? [
              'dossiers.resolveConflict',
              {
                dossierId,
                status: pick([DossierStatus.Processing, DossierStatus.Withdrawn, dossier.status]),
                note: 'Thống nhất',
              },
            ]
          : pick(attempts);
      const result = await d.call(method as 'dossiers.transfer', input);
      if (result.ok) operations += 1;
    }
    if (process.env.CONVERGENCE_TIMING)
      console.log(`operations ${Math.round(performance.now() - started)} ms`);
    proxy.plan = undefined;
    await syncUntilSettled(desks);
    if (process.env.CONVERGENCE_TIMING) console.log(`settled ${Math.round(performance.now() - started)} ms`);
    await expectStoredExactlyOnce(server.storage, desks);
    await expectConverged(server.storage, desks);
    return {
      desks: desks.length,
      operations,
      faults: proxy.counters.cuts + proxy.counters.stalls + proxy.counters.duplicates,
    };
  } finally {
    for (const d of desks) await d.close();
    await proxy.close();
    await server.close();
  }
}
