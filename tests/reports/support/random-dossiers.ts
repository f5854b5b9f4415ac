/**
 * Random dossiers with every lifecycle path a report distinguishes (pauses, re-appointment, withdrawal, stop,
 * refusal, resolution and return at any time of day, around year and month ends). Seeded, so a failure repeats.
 */
import { seedProcedures } from '../../../shared/catalog/seed-procedures';
import { seedUnits } from '../../../shared/catalog/seed-units';
import type { Channel } from '../../../shared/domain/dossier';
import type { DossierState } from '../../../shared/domain/lifecycle';
import { dossierEvents, refusedDossierEvents, type Step } from './dossier-builder';
import type { DossierEvent } from '../../../shared/domain/events';
import { projectDossier } from '../../../shared/domain/lifecycle';

export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.UTC(2021, 11, 1, 1, 0); // 2021-12-01 08:00 in Vietnam
const SPAN_MINUTES = 26 * 30 * 24 * 60;
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant written in Vietnam time, `minutes` after the start. */
function vn(minutes: number): string {
  const d = new Date(START + 7 * 3_600_000 + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+07:00`;
}

/** The events of `count` random dossiers, one list per dossier. */
export function randomDossierEvents(count: number, seed = 7): DossierEvent[][] {
  const random = seeded(seed);
  const int = (n: number) => Math.floor(random() * n);
  const chance = (p: number) => random() < p;
  const units = seedUnits.filter((u) => u.level !== 'province').map((u) => u.code);
  const procedures = [...seedProcedures.slice(0, 8).map((p) => p.code), '1.999999'];
  const channels: Channel[] = ['online', 'in_person', 'postal'];
  const out: DossierEvent[][] = [];
  for (let i = 0; i < count; i++) {
    let t = int(SPAN_MINUTES);
    const unitCode = units[int(units.length)]!;
    const procedureCode = procedures[int(procedures.length)]!;
    if (chance(0.05)) {
      out.push(refusedDossierEvents(vn(t), unitCode, procedureCode));
      continue;
    }
    const receivedAt = vn(t);
    // Due between the same day and six weeks on, at any minute (so 23:59 and 00:01 both happen).
    const dueAt = vn(t + int(42 * 24 * 60));
    const steps: Step[] = [];
    const later = (maxDays: number) => vn((t += 1 + int(maxDays * 24 * 60)));
    if (chance(0.5)) steps.push({ type: 'transferred', at: later(3) });
    if (chance(0.15)) {
      steps.push({ type: 'supplement_requested', at: later(10) });
      if (chance(0.7)) {
        const back = later(15);
        steps.push({ type: 'supplement_received', at: back, dueAt: vn(t + int(20 * 24 * 60)) });
        // Now and then a second round, late or not (the facts keep lateness under replaced deadlines as one span).
        if (chance(0.3)) {
          steps.push({ type: 'supplement_requested', at: later(25) });
          if (chance(0.7)) steps.push({ type: 'supplement_received', at: later(15), dueAt: vn(t + int(20 * 24 * 60)) });
        }
      }
    } else if (chance(0.1)) {
      steps.push({ type: 'fees_requested', at: later(10) });
      if (chance(0.7)) {
        const paid = later(10);
        steps.push({ type: 'fees_paid', at: paid, dueAt: vn(t + int(10 * 24 * 60)) });
      }
    }
    // A paper scanned later: before the transfer it counts as digitised at receipt, after it does not.
    if (chance(0.2)) steps.push({ type: 'scanned', at: later(4), paper: 0 });
    const paused = steps.length > 0 && (steps.at(-1)!.type === 'supplement_requested' || steps.at(-1)!.type === 'fees_requested');
    if (!paused && chance(0.1)) steps.push({ type: 'reappointed', at: later(5), newDueAt: vn(t + int(30 * 24 * 60)) });
    const ending = random();
    if (ending < 0.08) steps.push({ type: 'withdrawn', at: later(20) });
    else if (ending < 0.12 && !paused) steps.push({ type: 'stopped', at: later(20) });
    else if (ending < 0.12) steps.push({ type: 'stopped', at: later(20) });
    else if (ending < 0.85 && !paused) {
      steps.push({ type: 'resolved', at: later(30), resultDigitised: chance(0.9) });
      if (chance(0.7)) steps.push({ type: 'returned', at: later(20) });
    }
    out.push(
      dossierEvents({
        receivedAt,
        dueAt,
        unitCode,
        procedureCode,
        channel: channels[int(3)]!,
        scans: Array.from({ length: 1 + int(3) }, () => chance(0.85)),
        sequence: 1001 + (i % 999),
        steps,
      }),
    );
  }
  return out;
}

export const randomDossiers = (count: number, seed = 7): DossierState[] =>
  randomDossierEvents(count, seed).map((events) => projectDossier(events)!);
