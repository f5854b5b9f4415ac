/**
 * An import of many chunks on a worker thread: results come back in file order across chunks and batches, so the
 * import device's chain is gap-free in line order and every dossier is written once. The worker is made slow on
 * purpose — the chunk after the first MIN_EARLY_BATCH lines is held back until the importer starts a write — so
 * the importer's early write (the batch it has, written while the workers still prepare) is taken on every run,
 * not only when the machine's timing happens to allow it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_LINES, MIN_EARLY_BATCH, importDossiers, type ImportSummary } from '../../server/import/importer';
import { workerPool, type ParsePool } from '../../server/import/parse-pool';
import { openReportingStorage, type ReportingStorage } from '../../server/reports/open-reporting';
import type { SqlDriver } from '../../server/storage/sql-driver';
import { importDatasetLines } from './import-dataset';

const COUNT = 4_600;
/** The chunk the importer takes once it holds MIN_EARLY_BATCH dossiers (every dataset line is a dossier). */
const HELD_CHUNK = Math.ceil(MIN_EARLY_BATCH / CHUNK_LINES);
/**
 * Only breaks the deadlock of an importer that waits for the held chunk instead of writing: it then finishes and
 * the test fails on `releasedBy`. Counted from the held chunk's arrival: a working importer has then only the
 * earlier chunks' results to sort, milliseconds of work, before it writes.
 */
const DEADLOCK_BREAK_MS = 10_000;

/** A pool whose chunk `index` is handed to the importer only once `release` is called (or the breaker fires). */
function holdingChunk(pool: ParsePool, index: number, onBreak: () => void): { pool: ParsePool; release(): void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let sent = 0;
  return {
    release,
    pool: {
      depth: pool.depth,
      close: () => pool.close(),
      prepare(lines) {
        const result = pool.prepare(lines);
        if (sent++ !== index) return result;
        let breaker: NodeJS.Timeout | undefined;
        let handedOver = false;
        result.then(
          () => {
            if (!handedOver) breaker = setTimeout(onBreak, DEADLOCK_BREAK_MS);
          },
          () => undefined,
        );
        return released.then(() => {
          handedOver = true;
          clearTimeout(breaker);
          return result;
        });
      },
    },
  };
}

describe('import of a file of many chunks on a slow worker thread', () => {
  let dir: string;
  let target: ReportingStorage;
  let summary: ImportSummary;
  let releasedBy: 'write' | 'deadlock breaker' | undefined;
  const lines = importDatasetLines(COUNT);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'motcua-import-many-'));
    target = await openReportingStorage({ kind: 'sqlite', file: path.join(dir, 'server.db') });
    let hold: ReturnType<typeof holdingChunk> | undefined;
    const releaseBy = (why: 'write' | 'deadlock breaker') => {
      releasedBy ??= why;
      hold?.release();
    };
    // The importer's writes are its transactions (the storage it also uses keeps the unwrapped driver).
    const driver: SqlDriver = {
      ...target.driver,
      transaction: (fn, options) => {
        releaseBy('write');
        return target.driver.transaction(fn, options);
      },
    };
    summary = await importDossiers({ ...target, driver }, lines, {
      workers: 1,
      now: () => new Date('2024-01-10T02:00:00Z'),
      openPool: (context, workers) => {
        hold = holdingChunk(workerPool(context, workers), HELD_CHUNK, () => releaseBy('deadlock breaker'));
        return hold.pool;
      },
    });
  }, 120_000);
  afterAll(async () => {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the dossiers it has while the worker is still preparing the next chunk', () => {
    // Nothing else writes before the end of the file: batchSize (10,000) is far above COUNT.
    expect(releasedBy).toBe('write');
  });

  it('imports every line once, chained in file order', async () => {
    expect(summary).toMatchObject({ lines: COUNT, imported: COUNT, alreadyPresent: 0, problems: [] });
    const device = await target.storage.device('import');
    expect(device?.lastSeq).toBe(summary.events);
    const received = await target.driver.all<{ code: string }>(
      "SELECT json_extract(body, '$.payload.code') AS code FROM events WHERE device_id = 'import' AND type = 'dossier.received' ORDER BY device_seq",
    );
    expect(received.map((r) => r.code)).toEqual(lines.map((l) => (JSON.parse(l) as { code: string }).code));
    expect((await target.driver.get<{ n: number }>('SELECT count(*) AS n FROM report_dossiers'))!.n).toBe(COUNT);
  });
});
