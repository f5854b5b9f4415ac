/**
 * The background checkpoint (background-checkpoint.ts) for a run of bounded steps that goes on for a while, such as
 * the report facts refolded after an upgrade. Steps in a row are never quiet, so the desk's idle checkpoint
 * (idle-checkpoint.ts) waits, and SQLite's auto-checkpoint copied the log's 80 MB inside one step's commit: 370–440 ms
 * on the 500,000-dossier store, where a step takes about 20. A run of a few steps (a day's work) starts no worker.
 */
import type { BackgroundCheckpoint } from './background-checkpoint';

/** Steps in one run before the worker starts. */
export const BURST_CHECKPOINT_AFTER_STEPS = 8;

export class BurstCheckpoint {
  private steps = 0;
  private running: BackgroundCheckpoint | null = null;

  /** `start` is the desk's (Desk.checkpointInBackground); without one, SQLite's own checkpoints do it all. */
  constructor(private readonly start: (() => BackgroundCheckpoint) | undefined) {}

  /** One more step of the run. */
  step(): void {
    this.steps += 1;
    if (this.steps !== BURST_CHECKPOINT_AFTER_STEPS || !this.start) return;
    try {
      this.running = this.start();
    } catch {
      // A desk closed meanwhile: nothing to checkpoint.
    }
  }

  /** The run is over (or stopped): the worker, if any, ends. */
  end(): void {
    this.steps = 0;
    const running = this.running;
    this.running = null;
    void running?.stop();
  }
}
