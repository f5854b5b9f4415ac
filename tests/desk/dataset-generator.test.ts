/**
 * The benchmark's bulk dataset path must produce what the desk itself would: a sound hash chain, and dossier rows
 * and a search index identical to the desk rebuilding its projection from those events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { openDesk, type Desk } from '../../electron/desk/desk';
import { generateDeskDataset } from '../../bench/generator/desk-dataset';
import { foldText } from '../../shared/text/fold';
import { checkSearchIndexAgainstRows, tempDir } from './helpers';

let desk: Desk | undefined;
let dir: string | undefined;
afterEach(() => {
  desk?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  desk = undefined;
});

describe('benchmark dataset generator', () => {
  it('writes, through the bulk path, the rows and index the desk rebuilds from the same events', async () => {
    dir = tempDir();
    const summary = await generateDeskDataset({ dataDir: dir, dossiers: 600, seed: 7, end: new Date('2026-11-27T00:00:00Z'), years: 2 });
    expect(summary.dossiers).toBe(600);
    expect(summary.events).toBeGreaterThan(1500);
    desk = openDesk({ dataDir: dir, autoBackup: false });
    const report = desk.verify();
    expect(report.integrityProblems).toEqual([]);
    expect(report.chains.sound).toBe(true);

    const db = desk.db;
    const rows = () => db.prepare('SELECT * FROM dossiers ORDER BY seq').all();
    const statuses = db.prepare('SELECT status, count(*) AS n FROM dossiers GROUP BY status').all() as { status: number; n: number }[];
    expect(statuses.length).toBeGreaterThanOrEqual(6);
    const before = rows();
    const name = (db.prepare('SELECT applicant_name FROM dossiers WHERE seq = 300').get() as { applicant_name: string }).applicant_name;
    const search = () => db.prepare('SELECT rowid FROM dossier_search WHERE dossier_search MATCH ? ORDER BY rowid').all(foldText(name).split(' ').map((w) => `"${w}"*`).join(' '));
    const found = search();
    expect(found.length).toBeGreaterThan(0);

    expect(desk.rebuildProjections()).toBe(600);
    expect(rows()).toEqual(before);
    expect(search()).toEqual(found);
    checkSearchIndexAgainstRows(db);
    // Every index and trigger the migrations made is back, exactly as a new desk has them.
    const schema = (d: Desk) => d.db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").all();
    const freshDir = tempDir();
    const fresh = openDesk({ dataDir: freshDir, autoBackup: false });
    try {
      expect(schema(desk)).toEqual(schema(fresh));
    } finally {
      fresh.close();
      rmSync(freshDir, { recursive: true, force: true });
    }
  });
});
