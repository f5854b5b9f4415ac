/** The first pull's progress bar (PullProgress in electron/desk/sync/pull-feed.ts), page by page. */
import { describe, expect, it } from 'vitest';
import { PullProgress } from '../../electron/desk/sync/pull-feed';

const page = (events: number, hasMore: boolean, remaining?: number) => ({
  events: new Array<never>(events),
  hasMore,
  remaining,
});

describe('the first pull’s progress', () => {
  it('counts up to the feed’s length from the first page on, also when the last full page ends exactly there', () => {
    const progress = new PullProgress();
    expect(progress.after(page(100, true, 200), 100)).toEqual([100, 300]);
    expect(progress.after(page(100, true), 100)).toEqual([200, 300]);
    // Full, so the server says there may be more; the bar does not drop back to 300 of 400.
    expect(progress.after(page(100, true), 100)).toEqual([300, 300]);
    expect(progress.after(page(0, false), 100)).toEqual([300, 300]);
  });

  it('runs one page ahead once the feed has grown past the count, and without a count from an older server', () => {
    const grown = new PullProgress();
    grown.after(page(100, true, 100), 100);
    grown.after(page(100, true), 100);
    expect(grown.after(page(100, true), 100)).toEqual([300, 400]);
    const older = new PullProgress();
    expect(older.after(page(100, true), 200)).toEqual([100, 300]);
    expect(older.after(page(50, false), 200)).toEqual([150, 150]);
  });
});
