/**
 * The report facts kept up to date while the desk is idle (db/idle-steps.ts), so that a report finds little or
 * nothing to refold. Every dossier row written marks its fact stale (migration 002's triggers); a day's receptions
 * leave a few hundred, but an upgrade that refolds facts (migration 017: 62,053 on the benchmark's 500,000-dossier
 * store) or a new desk's first pull (every dossier of its units) leaves tens of thousands, which the first report
 * after it used to refold inside the clerk's request while the desk answered nothing else.
 */
import type { BackgroundCheckpoint } from '../db/background-checkpoint';
import { BurstCheckpoint } from '../db/burst-checkpoint';
import { IdleSteps, type IdleStepOutcome } from '../db/idle-steps';
import { dossierIndexesSuspended } from '../db/index-suspension';
import type { Db } from '../db/open-database';
import { isBusy, reportFactsStep } from './report-facts';

/** Quiet time after the last row written before the upkeep starts: between a clerk's actions. */
export const REPORT_UPKEEP_IDLE_MS = 5_000;

export class ReportFactsUpkeep {
  private readonly idle: IdleSteps;

  private readonly checkpoint: BurstCheckpoint;

  /** `checkpointInBackground`: the desk's (Desk.checkpointInBackground), for a long run (db/burst-checkpoint.ts). */
  constructor(db: Db, options: { idleMs?: number; checkpointInBackground?: () => BackgroundCheckpoint } = {}) {
    this.checkpoint = new BurstCheckpoint(options.checkpointInBackground);
    this.idle = new IdleSteps(() => {
      let outcome: IdleStepOutcome = 'done';
      try {
        outcome = this.step(db);
      } finally {
        if (outcome === 'more') this.checkpoint.step();
        else this.checkpoint.end();
      }
      return outcome;
    }, options.idleMs ?? REPORT_UPKEEP_IDLE_MS);
    // What a previous session left (an upgrade, a desk closed before it was idle) is taken up once this one is.
    if (!db.readonly) this.idle.start();
  }

  /** A dossier row was just written (its fact is now stale): the upkeep waits until the desk is quiet again. */
  noteWrite(): void {
    this.idle.noteWrite();
    // The run is interrupted until the desk is quiet again: its checkpoint worker is not kept meanwhile.
    this.checkpoint.end();
  }

  stop(): void {
    this.idle.stop();
    this.checkpoint.end();
  }

  private step(db: Db): IdleStepOutcome {
    if (!db.open || db.readonly || db.inTransaction) return 'done';
    // A first pull rewrites the rows it is writing the facts of: the facts wait for its end.
    if (dossierIndexesSuspended(db)) return 'later';
    try {
      return reportFactsStep(db) ? 'more' : 'done';
    } catch (e) {
      // Another connection on the file (`motcua report`) held the write lock past the busy timeout: try again later.
      if (isBusy(e)) return 'later';
      throw e;
    }
  }
}
