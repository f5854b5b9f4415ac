/**
 * The main thread's own time on a core, in milliseconds, from Linux's scheduler statistics. process.cpuUsage()
 * counts every thread of the process (V8's background compiler and GC markers, libuv's pool), so on its own it can
 * show a reception using more CPU than its wall time; this is the thread the clerk's click waits for. Null where
 * /proc is missing (the figure is then left out of the table).
 */
import { readFileSync } from 'node:fs';

const FILE = `/proc/self/task/${process.pid}/schedstat`;

export function mainThreadCpuMs(): number | null {
  try {
    // "<ns on a core> <ns waiting for a core> <time slices>"
    return Number(readFileSync(FILE, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}
