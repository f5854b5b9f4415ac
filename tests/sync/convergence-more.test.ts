/** Seeds 26–50 of the convergence property (see convergence.test.ts), in a second file so both cores run seeds. */
import { describe, expect, it } from 'vitest';
import { runConvergence } from './support/convergence-run';
import { convergenceSeeds, replayHint } from './support/convergence-seeds';

describe('convergence under random operations and faults (second share)', () => {
  it.each(convergenceSeeds({ from: 26, count: 25 }, false))(
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
