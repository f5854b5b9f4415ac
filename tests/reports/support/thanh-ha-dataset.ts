/**
 * A generated district dataset with known totals: the figures of Thanh Hà's 2023 report (DESIGN.md §1) and a
 * 2022 behind them, so the year-on-year changes come out as printed. Deterministic (seeded), spread over the seed
 * units and procedures. `scale` multiplies every count (the benchmark's 500,000 dossiers).
 */
import { seedProcedures } from '../../../shared/catalog/seed-procedures';
import { seedUnits } from '../../../shared/catalog/seed-units';
import type { Channel } from '../../../shared/domain/dossier';
import type { DossierState } from '../../../shared/domain/lifecycle';
import { buildDossier, type DossierSpec } from './dossier-builder';

/** The 2023 figures: 52,447 new (45,679 online, 6,768 in person) + 325 carried over from 2022. */
export const THANH_HA_2023 = {
  newTotal: 52_447,
  online: 45_679,
  inPerson: 6_768,
  carriedOver: 325,
  resolved: 50_000,
  late: 15,
  overdueAtEnd: 72,
  digitisedAtReceipt: 52_017,
  resultsDigitised: 49_305,
};
/** 2022: online 32.44 %, late 0.34 %, digitised 60.06 %, results digitised 57.90 % (so 2023 reads +54.65, −0.31, +39.12, +40.71). */
export const THANH_HA_2022 = {
  newTotal: 40_000,
  online: 12_976,
  resolvedInYear: 39_675,
  late: 135,
  digitisedAtReceipt: 24_024,
  resultsDigitised: 22_972,
};

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `YYYY-MM-DD` of day `n` (0-based) of `year`, skipping nothing: reports compare calendar days only. */
const dayOfYear = (year: number, n: number): string => new Date(Date.UTC(year, 0, 1 + n)).toISOString().slice(0, 10);
const instant = (date: string, time: string) => `${date}T${time}:00+07:00`;
const plusDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Marks the first `count` of `n` slots true, in a shuffled order. */
function pick(n: number, count: number, random: () => number): boolean[] {
  const flags = Array.from({ length: n }, (_, i) => i < count);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [flags[i], flags[j]] = [flags[j]!, flags[i]!];
  }
  return flags;
}

const units = seedUnits.filter((u) => u.level !== 'province').map((u) => u.code);
// Procedures that give a result: the reference figures' results digitised are taken over those (build-report.ts).
const procedures = seedProcedures.filter((p) => p.producesResult).map((p) => p.code);

interface Outcome {
  kind: 'early' | 'onTime' | 'late' | 'openWithin' | 'openOverdue' | 'nextYear';
}

function spec(
  year: number,
  index: number,
  random: () => number,
  channel: Channel,
  scanned: boolean,
  resultDigitised: boolean,
  outcome: Outcome['kind'],
): DossierSpec {
  // Dossiers resolved within the year are received between 2 January and 30 November; open ones in December.
  let received: string;
  let due: string;
  const steps: DossierSpec['steps'] = [];
  switch (outcome) {
    case 'openWithin':
      received = dayOfYear(year, 360 + (index % 4));
      due = plusDays(received, 10);
      break;
    case 'openOverdue':
    case 'nextYear':
      received = dayOfYear(year, 335 + (index % 10));
      due = plusDays(received, outcome === 'openOverdue' ? 7 : 45);
      break;
    default:
      received = dayOfYear(year, 1 + Math.floor(random() * 332));
      due = plusDays(received, 5 + Math.floor(random() * 10));
  }
  if (outcome === 'early' || outcome === 'onTime' || outcome === 'late' || outcome === 'nextYear') {
    const resolvedOn = outcome === 'early' ? plusDays(due, -1) : outcome === 'late' ? plusDays(due, 2) : due;
    // Carried into next year: resolved (early) in its first days.
    const resolvedDate = outcome === 'nextYear' ? dayOfYear(year + 1, index % 5) : resolvedOn;
    steps.push({ type: 'resolved', at: instant(resolvedDate, '15:30'), resultDigitised });
  }
  return {
    receivedAt: instant(received, '09:00'),
    dueAt: instant(due, '17:00'),
    unitCode: units[index % units.length],
    procedureCode: procedures[index % procedures.length],
    channel,
    scans: scanned ? [true, true] : [true, false],
    sequence: 1001 + (index % 999),
    steps,
  };
}

/** Every dossier of 2022 and 2023, as projections. */
export function thanhHaDossiers(scale = 1): DossierState[] {
  const random = rng(2023);
  const n = (x: number) => Math.round(x * scale);
  const out: DossierState[] = [];

  // 2022: the last `carriedOver` are still open on 31 December and resolved (early) in January 2023.
  const a = THANH_HA_2022;
  const carried = n(THANH_HA_2023.carriedOver);
  const total22 = n(a.newTotal);
  const online22 = pick(total22, n(a.online), random);
  const scanned22 = pick(total22, n(a.digitisedAtReceipt), random);
  const resolvedIn22 = total22 - carried;
  const results22 = pick(resolvedIn22, n(a.resultsDigitised), random);
  for (let i = 0; i < total22; i++) {
    const open = i >= resolvedIn22;
    const outcome = open ? 'nextYear' : i < n(a.late) ? 'late' : i % 3 === 0 ? 'onTime' : 'early';
    out.push(buildDossier(spec(2022, i, random, online22[i] ? 'online' : 'in_person', scanned22[i]!, open ? true : results22[i]!, outcome)));
  }

  // 2023: resolved = carried (already above) + the rest from new; open at the end: overdue and within time.
  const b = THANH_HA_2023;
  const total23 = n(b.newTotal);
  const resolvedNew = n(b.resolved) - carried;
  const overdue = n(b.overdueAtEnd);
  const online23 = pick(total23, n(b.online), random);
  const scanned23 = pick(total23, n(b.digitisedAtReceipt), random);
  const results23 = pick(resolvedNew, n(b.resultsDigitised) - carried, random);
  for (let i = 0; i < total23; i++) {
    let outcome: Outcome['kind'];
    if (i < resolvedNew) outcome = i < n(b.late) ? 'late' : i % 4 === 0 ? 'onTime' : 'early';
    else outcome = i < resolvedNew + overdue ? 'openOverdue' : 'openWithin';
    const channel: Channel = online23[i] ? 'online' : 'in_person';
    out.push(buildDossier(spec(2023, i, random, channel, scanned23[i]!, i < resolvedNew ? results23[i]! : false, outcome)));
  }
  return out;
}
