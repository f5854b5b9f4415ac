/**
 * A reusable generator of a desk's history: N dossiers received over the last ten years with realistic Vietnamese
 * applicants, the seed procedures, and the lifecycle a real desk sees (most returned long ago, recent ones spread
 * over every status; some refused, withdrawn, stopped, paused for a supplement or for fees).
 *
 * Every dossier goes through the real desk commands (lifecycle checks, codes, deadlines, events, hash chain,
 * projection and search index). The only bulk concessions: commands are grouped in transactions of `batchSize`
 * dossiers (nested command transactions become savepoints) with synchronous=OFF while generating, restored to FULL
 * at the end; the rows are identical to those made one reception at a time.
 */
import { openDesk, type Desk } from '../../electron/desk/desk';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { SEED_DISTRICT_CODE } from '../../shared/catalog/seed-units';
import { fromVnLocal, vnEpochDay, vnDayStart } from '../../shared/calendar/vn-time';
import type { Procedure } from '../../shared/domain/procedure';
import { Random } from './random';
import { BulkWriter } from './bulk-writer';
import { toVnIso } from '../../shared/calendar/vn-time';
import type { Actor } from '../../shared/domain/users';
import { cccd, mobilePhone, organisationName, personName, taxCode } from './vietnamese-names';

export interface DeskDatasetOptions {
  dataDir: string;
  dossiers: number;
  seed?: number;
  /** The dataset ends here (the bench's "now"); default: today 07:00 Vietnam time. */
  end?: Date;
  years?: number;
  batchSize?: number;
  /**
   * 'bulk' (default): bulk-writer.ts, the same events and rows without per-event index maintenance.
   * 'commands': every dossier through the desk's command API (slow: about 60 dossiers a second on a loaded VM).
   */
  via?: 'bulk' | 'commands';
  onProgress?: (done: number, total: number) => void;
}

export interface DeskDatasetSummary {
  dossiers: number;
  events: number;
  ms: number;
  end: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Cheap password hashing for the generated administrator only. */
const GENERATOR_SCRYPT = { N: 1024, r: 8, p: 1, keyLength: 32 };
/** Its name is the actor of every generated event, which the demo of `npm start` shows: Vietnamese, like a clerk's. */
export const DATASET_ADMIN = { username: 'admin', displayName: 'Cán bộ mẫu', password: 'bench-password-1' };

type Plan = 'refused' | 'received' | 'processing' | 'supplement' | 'fees' | 'resolved' | 'returned' | 'withdrawn' | 'stopped';

function planFor(rng: Random, ageDays: number): Plan {
  if (rng.chance(0.02)) return 'refused';
  if (ageDays > 45) {
    return rng.weighted<Plan>([['returned', 93], ['resolved', 2], ['withdrawn', 2], ['stopped', 1], ['processing', 0.3]]);
  }
  return rng.weighted<Plan>([['received', 25], ['processing', 35], ['supplement', 5], ['fees', 5], ['resolved', 12], ['returned', 18]]);
}

function applicant(rng: Random) {
  if (rng.chance(0.9)) {
    return {
      kind: 'person' as const,
      name: personName(rng),
      idNumber: cccd(rng),
      ...(rng.chance(0.85) ? { phone: mobilePhone(rng) } : {}),
      ...(rng.chance(0.6) ? { address: `Thôn ${rng.int(12) + 1}, xã Thanh ${rng.pick(['Hải', 'Sơn', 'Lang', 'Xá', 'Thuỷ', 'Xuân'])}` } : {}),
    };
  }
  return { kind: 'organisation' as const, name: organisationName(rng), idNumber: taxCode(rng), phone: mobilePhone(rng) };
}

/** The working days between two instants (Monday–Friday outside holidays), per the desk's calendar. */
function workingDays(desk: Desk, from: Date, to: Date): number[] {
  const calendar = desk.calendar.working();
  const days: number[] = [];
  for (let d = vnEpochDay(from); d < vnEpochDay(to); d++) if (calendar.isWorkingEpochDay(d)) days.push(d);
  return days;
}

export async function generateDeskDataset(options: DeskDatasetOptions): Promise<DeskDatasetSummary> {
  const started = performance.now();
  const rng = new Random(options.seed ?? 1);
  const today = new Date();
  const end = options.end ?? fromVnLocal(Number(vnDayStartKey(today).slice(0, 4)), Number(vnDayStartKey(today).slice(5, 7)), Number(vnDayStartKey(today).slice(8, 10)), 7, 0);
  const years = options.years ?? 10;
  const batchSize = options.batchSize ?? 500;
  let simNow = new Date(end.getTime() - years * 365.25 * DAY);
  const desk = openDesk({ dataDir: options.dataDir, now: () => simNow, autoBackup: false, scryptParams: GENERATOR_SCRYPT });
  try {
    if (!desk.users.hasAnyUser()) await desk.users.createFirstAdministrator(DATASET_ADMIN);
    await desk.login(DATASET_ADMIN.username, DATASET_ADMIN.password);
    if (!desk.identity()) desk.setLocalIdentity({ unitCode: SEED_DISTRICT_CODE, deskNumber: 1 });
    const db = desk.db;
    db.pragma('synchronous = OFF');
    const days = workingDays(desk, simNow, end);
    const procedures: Procedure[] = seedProcedures;
    const cmd = desk.dossiers;
    let done = 0;

    const at = (ms: number) => {
      simNow = new Date(Math.min(ms, end.getTime() - 60_000));
    };

    const one = (index: number) => {
      // Spread evenly over the working days, at office times through the day.
      const day = days[Math.min(days.length - 1, Math.floor((index / options.dossiers) * days.length))]!;
      const perDay = options.dossiers / days.length;
      const slot = (index % Math.max(1, Math.ceil(perDay))) / Math.max(1, Math.ceil(perDay));
      const receivedMs = vnDayStart(day).getTime() + 7 * HOUR + Math.floor(slot * 9.5 * HOUR) + rng.int(60_000);
      at(receivedMs);
      const procedure = rng.pick(procedures);
      const ageDays = (end.getTime() - receivedMs) / DAY;
      const plan = planFor(rng, ageDays);
      const who = applicant(rng);
      if (plan === 'refused') {
        cmd.refuse({ procedureCode: procedure.code, applicant: who, reason: 'Hồ sơ không thuộc thẩm quyền giải quyết', missingItems: ['Giấy tờ chứng minh'] });
        return;
      }
      const channel = rng.chance(0.15) ? 'postal' : 'in_person';
      const receipt = cmd.receive({
        procedureCode: procedure.code,
        channel,
        applicant: who,
        components: procedure.components.map((c) => ({ componentId: c.id, present: true })),
      });
      const dossierId = receipt.dossier.id;
      if (plan === 'received') return;
      const dueMs = Date.parse(receipt.dueAt);
      const span = Math.max(HOUR, dueMs - receivedMs);
      at(receivedMs + Math.min(2 * HOUR, span / 4));
      cmd.transfer({ dossierId });
      if (plan === 'processing') return;
      if (plan === 'withdrawn') {
        at(receivedMs + span / 3);
        cmd.withdraw({ dossierId, reason: 'Công dân xin rút hồ sơ' });
        return;
      }
      if (plan === 'stopped') {
        at(receivedMs + span / 2);
        cmd.stop({ dossierId, reason: 'Không đủ điều kiện giải quyết' });
        return;
      }
      if (plan === 'supplement' || rng.chance(0.04)) {
        at(receivedMs + span / 3);
        cmd.requestSupplement({ dossierId, items: ['Bản sao giấy tờ tuỳ thân có chứng thực'], reason: 'Thiếu giấy tờ' });
        if (plan === 'supplement') return;
        at(receivedMs + span / 2);
        cmd.supplementReceived({ dossierId });
      } else if (plan === 'fees' || rng.chance(0.08)) {
        at(receivedMs + span / 3);
        cmd.requestFees({ dossierId, amountVnd: 50_000 * (1 + rng.int(10)), reason: 'Lệ phí, thuế theo quy định' });
        if (plan === 'fees') return;
        at(receivedMs + span / 2);
        cmd.feesPaid({ dossierId });
      }
      const late = rng.chance(0.003);
      at(late ? dueMs + DAY : receivedMs + span * (0.6 + rng.next() * 0.35));
      cmd.resolve({ dossierId, resultDigitised: rng.chance(0.98) });
      if (plan === 'resolved') return;
      at(simNow.getTime() + rng.int(3 * DAY));
      cmd.returnResult({ dossierId });
    };

    const bulk = (options.via ?? 'bulk') === 'bulk' ? new BulkWriter(desk, desk.identity()!, actorOf(desk), desk.calendar.working()) : null;

    /** The same history as `one`, written by the bulk path. */
    const oneBulk = (index: number) => {
      const w = bulk!;
      const day = days[Math.min(days.length - 1, Math.floor((index / options.dossiers) * days.length))]!;
      const perDay = options.dossiers / days.length;
      const slot = (index % Math.max(1, Math.ceil(perDay))) / Math.max(1, Math.ceil(perDay));
      const receivedMs = vnDayStart(day).getTime() + 7 * HOUR + Math.floor(slot * 9.5 * HOUR) + rng.int(60_000);
      at(receivedMs);
      const procedure = rng.pick(procedures);
      const ageDays = (end.getTime() - receivedMs) / DAY;
      const plan = planFor(rng, ageDays);
      const who = applicant(rng);
      const h = w.history(simNow);
      const identity = desk.identity()!;
      if (plan === 'refused') {
        h.add('dossier.refused', {
          reason: 'Hồ sơ không thuộc thẩm quyền giải quyết',
          refusedAt: toVnIso(simNow),
          unitCode: identity.unitCode,
          deskNumber: identity.deskNumber,
          channel: 'in_person',
          procedureCode: procedure.code,
          applicant: who,
          missingItems: ['Giấy tờ chứng minh'],
        }, simNow);
        return w.write(h);
      }
      const channel = rng.chance(0.15) ? 'postal' : 'in_person';
      const receivedAt = toVnIso(simNow);
      const dueAt = w.due(procedure, simNow);
      h.add('dossier.received', {
        code: w.code(simNow),
        unitCode: identity.unitCode,
        deskNumber: identity.deskNumber,
        procedureCode: procedure.code,
        channel,
        applicant: who,
        components: procedure.components.map((c) => ({ componentId: c.id, name: c.name, form: c.form, copies: c.copies, present: true })),
        receivedAt,
        dueAt,
        pin: String(rng.int(1_000_000)).padStart(6, '0'),
      }, simNow);
      if (plan === 'received') return w.write(h);
      const dueMs = Date.parse(dueAt);
      const span = Math.max(HOUR, dueMs - receivedMs);
      at(receivedMs + Math.min(2 * HOUR, span / 4));
      h.add('dossier.transferred', { toAgency: procedure.agency }, simNow);
      if (plan === 'processing') return w.write(h);
      if (plan === 'withdrawn') {
        at(receivedMs + span / 3);
        h.add('dossier.withdrawn', { reason: 'Công dân xin rút hồ sơ' }, simNow);
        return w.write(h);
      }
      if (plan === 'stopped') {
        at(receivedMs + span / 2);
        h.add('dossier.stopped', { reason: 'Không đủ điều kiện giải quyết' }, simNow);
        return w.write(h);
      }
      if (plan === 'supplement' || rng.chance(0.04)) {
        at(receivedMs + span / 3);
        h.add('dossier.supplement_requested', { items: ['Bản sao giấy tờ tuỳ thân có chứng thực'], reason: 'Thiếu giấy tờ' }, simNow);
        if (plan === 'supplement') return w.write(h);
        at(receivedMs + span / 2);
        h.add('dossier.supplement_received', { completedAt: toVnIso(simNow), dueAt: w.dueAfterSupplement(procedure, simNow) }, simNow);
      } else if (plan === 'fees' || rng.chance(0.08)) {
        at(receivedMs + span / 3);
        h.add('dossier.fees_requested', { amountVnd: 50_000 * (1 + rng.int(10)), reason: 'Lệ phí, thuế theo quy định' }, simNow);
        if (plan === 'fees') return w.write(h);
        at(receivedMs + span / 2);
        h.add('dossier.fees_paid', { paidAt: toVnIso(simNow), dueAt: w.dueAfterFees(h.current!, simNow) }, simNow);
      }
      const late = rng.chance(0.003);
      at(late ? dueMs + DAY : receivedMs + span * (0.6 + rng.next() * 0.35));
      h.add('dossier.resolved', { resolvedAt: toVnIso(simNow), resultDigitised: rng.chance(0.98) }, simNow);
      if (plan === 'resolved') return w.write(h);
      at(simNow.getTime() + rng.int(3 * DAY));
      h.add('dossier.returned', { returnedAt: toVnIso(simNow) }, simNow);
      return w.write(h);
    };

    bulk?.begin();
    while (done < options.dossiers) {
      const upto = Math.min(options.dossiers, done + (bulk ? 5000 : batchSize));
      db.transaction(() => {
        for (let i = done; i < upto; i++) (bulk ? oneBulk : one)(i);
      })();
      done = upto;
      options.onProgress?.(done, options.dossiers);
    }
    bulk?.finish();
    db.pragma('synchronous = FULL');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    return { dossiers: options.dossiers, events, ms: performance.now() - started, end: end.toISOString() };
  } finally {
    desk.close();
  }
}

function actorOf(desk: Desk): Actor {
  const user = desk.requireUser();
  return { userId: user.id, name: user.displayName, role: user.role };
}

function vnDayStartKey(d: Date): string {
  return new Date(vnDayStart(vnEpochDay(d)).getTime() + 7 * HOUR).toISOString().slice(0, 10);
}
