/**
 * An import of many chunks on a worker thread: results come back in file order across chunks and batches (a
 * batch may be written early, while the worker prepares the next chunks; whether one is depends on the worker's
 * timing), so the import device's chain is gap-free in line order and every dossier is written once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers, type ImportSummary } from '../../server/import/importer';
import { openReportingStorage, type ReportingStorage } from '../../server/reports/open-reporting';
import { importDatasetLines } from './import-dataset';

const COUNT = 4_600;

describe('import of a file of many chunks on a worker thread', () => {
  let dir: string;
  let target: ReportingStorage;
  let summary: ImportSummary;
  const lines = importDatasetLines(COUNT);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'motcua-import-many-'));
    target = await openReportingStorage({ kind: 'sqlite', file: path.join(dir, 'server.db') });
    summary = await importDossiers(target, lines, { workers: 1, now: () => new Date('2024-01-10T02:00:00Z') });
  }, 120_000);
  afterAll(async () => {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
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
