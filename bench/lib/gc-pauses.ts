/**
 * V8's garbage-collection pauses on the main thread, as Node reports them, matched to timed intervals: whether a
 * slow reception was the desk's own work or a collection that happened to fall inside it.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

interface Pause {
  start: number;
  end: number;
}

export class GcPauses {
  private readonly pauses: Pause[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceEntry[]) this.pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Milliseconds of pause inside [start, end] (performance.now() times), for each interval. */
  async within(intervals: readonly { start: number; end: number }[]): Promise<number[]> {
    // Entries are delivered on a later turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50));
    this.observer.disconnect();
    return intervals.map(({ start, end }) =>
      this.pauses.reduce((sum, p) => sum + Math.max(0, Math.min(end, p.end) - Math.max(start, p.start)), 0),
    );
  }
}
