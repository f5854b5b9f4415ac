/**
 * Background work that the desk does only between a clerk's actions: once nothing has been written for a while,
 * bounded steps run one per event-loop turn, so a click waits for one step at most, and any write puts the rest off
 * until the desk is quiet again. The search index (projections/search-index-upkeep.ts) and the report facts
 * (reports/report-facts-upkeep.ts) are kept up this way.
 */

/** What a step says: more work is left (run the next step soon), none is, or none can be done now (look later). */
export type IdleStepOutcome = 'more' | 'done' | 'later';

export class IdleSteps {
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  /** `step` throwing counts as 'done': busy (a backup holds the file) or closed; the next quiet period tries again. */
  constructor(
    private readonly step: () => IdleStepOutcome,
    private readonly idleMs: number,
  ) {}

  /** Starts looking for a quiet moment (work a previous session left is taken up once this one is quiet). */
  start(): void {
    if (!this.timer && !this.stopped) this.schedule(this.idleMs);
  }

  /** Something was just written: the work waits until the desk has been quiet for `idleMs`. */
  noteWrite(): void {
    this.lastWriteAt = Date.now();
    this.start();
  }

  /** No more steps (the store is closing or being replaced). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.whenIdle(), ms);
    this.timer.unref(); // never keeps the process alive
  }

  private whenIdle(): void {
    this.timer = null;
    if (this.stopped) return;
    const quietFor = Date.now() - this.lastWriteAt;
    if (quietFor < this.idleMs) {
      this.schedule(this.idleMs - quietFor);
      return;
    }
    let outcome: IdleStepOutcome = 'done';
    try {
      outcome = this.step();
    } catch {
      // See the constructor.
    }
    if (outcome === 'more') this.schedule(0);
    else if (outcome === 'later') this.schedule(this.idleMs);
  }
}
