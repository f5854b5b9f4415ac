/**
 * Exponential back-off with jitter: after each failed attempt the wait doubles up to a ceiling, and a random
 * share of it is taken off, so the desks of a district that all lost the link at once do not all come back in
 * the same second ("equal jitter": between half and all of the exponential delay).
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random: () => number;
}

export class Backoff {
  private failures = 0;

  constructor(private readonly options: BackoffOptions) {}

  get attempts(): number {
    return this.failures;
  }

  /**
   * The wait before the next attempt after one more failure. `ceilingMs` lowers the ceiling for this wait only
   * (a tiny link probe may come back sooner than a round would); the jitter still spreads the desks under it.
   */
  next(ceilingMs = Infinity): number {
    const ceiling = Math.min(this.options.maxMs, ceilingMs);
    const exponential = Math.min(ceiling, this.options.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return Math.round(exponential / 2 + this.options.random() * (exponential / 2));
  }

  reset(): void {
    this.failures = 0;
  }
}
