/**
 * The randomised convergence property over many seeds (support/convergence-run.ts says what one run does).
 * `npm test` runs seeds 1–50, split over this file and convergence-more.test.ts so the two cores share them;
 * `npm run soak` runs 1,000 or more through this file. A failing seed is in the test's name and printed;
 * replay it alone with `SEED=123 npx vitest run tests/sync/convergence.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { runConvergence } from './support/convergence-run';
import { convergenceSeeds, replayHint } from './support/convergence-seeds';

describe('convergence under random operations and faults', () => {
  it.each(convergenceSeeds({ from: 1, count: 25 }, true))(
    'seed %i: every event once on the server, every desk equal to it, no outbox left',
    async (seed) => {
      try {
        const report = await runConvergence(seed);
        expect(report.desks).toBeGreaterThanOrEqual(2);
      } catch (e) {
        console.error(replayHint(seed));
        throw e;
      }
    },
  );
});
