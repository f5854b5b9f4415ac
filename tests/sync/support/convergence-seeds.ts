/** Which seeds a convergence test file runs: its own share by default, one seed with SEED, a soak range with SOAK_*. */
export function convergenceSeeds(share: { from: number; count: number }, soakable: boolean): number[] {
  if (process.env.SEED) return [Number(process.env.SEED)];
  const soak = soakable && process.env.SOAK_SEEDS !== undefined;
  const from = soak ? Number(process.env.SOAK_FROM ?? 1) : share.from;
  const count = soak ? Number(process.env.SOAK_SEEDS) : share.count;
  return Array.from({ length: count }, (_, i) => from + i);
}

export const replayHint = (seed: number): string =>
  `convergence failed for seed ${seed}: replay with SEED=${seed} npx vitest run tests/sync/convergence.test.ts`;
