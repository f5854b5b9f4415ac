/**
 * The floor under a first pull: how long a new desk store takes only to store the events a pull brought, with
 * nothing else done. The events are read back from a desk that pulled them (the very rows the pull wrote, already
 * decoded, checked and folded), then written into new stores with the pull's own statement, in transactions of
 * PAGE_CHUNK_EVENTS without the disk sync, as a pull's chunks are. No page is read, no hash checked, no dossier
 * folded, no row or index of the lists written, no answer waited for, and nothing else runs on the machine's
 * cores meanwhile.
 *
 * A pull cannot be faster than this on the same machine, so PouchDB's time ÷ this floor is the best ratio the
 * desk's store allows (issue #5's goal is ≥ 10). The fastest of `runs` new stores is the floor.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDesk, type Desk } from '../../electron/desk/desk';
import { withoutFsync } from '../../electron/desk/db/without-fsync';
import { EVENT_COLUMNS, INSERT_EVENT_SQL, type EventRowValues } from '../../electron/desk/events/event-rows';
import { PAGE_CHUNK_EVENTS } from '../../electron/desk/sync/apply-page';

export interface EventsFloor {
  events: number;
  /** Seconds of each store, in the order run. */
  runsSeconds: number[];
  /** The fastest. */
  seconds: number;
}

export function eventsStoreFloor(pulled: Desk, dir: string, runs = 2): EventsFloor {
  const rows = pulled.db
    .prepare(`SELECT ${EVENT_COLUMNS.join(', ')} FROM events ORDER BY server_seq`)
    .raw()
    .all() as EventRowValues[];
  const runsSeconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const storeDir = path.join(dir, `events-floor-${run}`);
    mkdirSync(storeDir, { recursive: true });
    // A desk as the pull's: every migration's schema, its connection's settings (WAL, the page cache).
    const desk = openDesk({ dataDir: storeDir, autoBackup: false });
    try {
      const db = desk.db;
      // The pull's statement: an event already held is left as it is.
      const insert = db.prepare<[EventRowValues]>(`${INSERT_EVENT_SQL} ON CONFLICT (id) DO NOTHING`);
      const chunk = db.transaction((from: number) => {
        const to = Math.min(rows.length, from + PAGE_CHUNK_EVENTS);
        for (let i = from; i < to; i++) insert.run(rows[i]!);
      });
      const started = performance.now();
      for (let from = 0; from < rows.length; from += PAGE_CHUNK_EVENTS) withoutFsync(db, () => chunk(from));
      runsSeconds.push((performance.now() - started) / 1000);
      const stored = db.prepare<[], number>('SELECT count(*) FROM events').pluck().get();
      if (stored !== rows.length) throw new Error(`events floor: ${stored} of ${rows.length} events stored`);
    } finally {
      desk.close();
      rmSync(storeDir, { recursive: true, force: true });
    }
  }
  return { events: rows.length, runsSeconds, seconds: Math.min(...runsSeconds) };
}
