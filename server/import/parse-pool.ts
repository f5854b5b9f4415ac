/**
 * Prepares import lines (prepare-line.ts) on worker threads, so a server with two cores parses the next lines
 * while it writes the previous batch. Results come back in the order the chunks were sent. With `workers: 0` it
 * prepares them on the calling thread, with the same code.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { importContextOf, prepareLine, type ImportContextData, type PreparedLine } from './prepare-line';

export type NumberedLine = [line: number, text: string];

export interface ParsePool {
  /** Starts preparing a chunk; the promise gives its lines' results in order. */
  prepare(lines: NumberedLine[]): Promise<PreparedLine[]>;
  /** Chunks in flight that keep every worker busy; the importer reads a batch's worth more ahead (importer.ts). */
  readonly depth: number;
  close(): Promise<void>;
}

/**
 * One worker fewer than the cores, at least one, at most three: the main thread has work of its own — chaining,
 * hashing and writing take about as much CPU as preparing (measured on two cores: main thread and one worker
 * each ≈ 5 s of a 20,000-line import). A second worker on two cores only added its start-up (the TypeScript loader,
 * ≈ 1 CPU-second) and contention: 9.0–9.7 CPU-seconds against 7.8 for 10,000 lines, same wall time.
 */
export const defaultWorkers = (): number => Math.max(1, Math.min(3, availableParallelism() - 1));

export function inlinePool(data: ImportContextData): ParsePool {
  const ctx = importContextOf(data);
  return {
    prepare: (lines) => Promise.resolve(lines.map(([line, text]) => prepareLine(text, line, ctx))),
    depth: 1,
    close: () => Promise.resolve(),
  };
}

export function workerPool(data: ImportContextData, count: number): ParsePool {
  const workers = Array.from({ length: count }, () => new Worker(new URL('./parse-worker.mjs', import.meta.url), { workerData: { context: data } }));
  const waiting = new Map<number, { resolve: (r: PreparedLine[]) => void; reject: (e: Error) => void }>();
  for (const worker of workers) {
    worker.on('message', (m: { id: number; prepared?: PreparedLine[]; error?: string }) => {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.prepared) w?.resolve(m.prepared);
      else w?.reject(new Error(`import worker failed: ${m.error}`));
    });
    worker.on('error', (e) => {
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
    });
  }
  let next = 0;
  return {
    prepare(lines) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, lines });
      });
    },
    depth: count * 2,
    close: async () => void (await Promise.all(workers.map((w) => w.terminate()))),
  };
}
