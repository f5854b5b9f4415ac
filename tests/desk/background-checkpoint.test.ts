/**
 * During a long burst of writes (a new desk's first pull) the write-ahead log is copied into the database file by a
 * worker thread on its own connection (electron/desk/db/background-checkpoint.ts), not inside the main thread's
 * commits. What a clerk would notice if this broke: clicks that hang for a third of a second, several times, while a
 * new desk pulls its district's year. Observable here: the database file grows while the main connection, whose
 * auto-checkpoint is off, keeps writing; and once stopped, no other connection is left on the file.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/desk/db/open-database';
import {
  checkpointInBackground,
  type BackgroundCheckpoint,
} from '../../electron/desk/db/background-checkpoint';
import { tempDir } from './helpers';

const open: { db?: Db; checkpoint?: BackgroundCheckpoint } = {};
afterEach(async () => {
  await open.checkpoint?.stop();
  if (open.db?.open) open.db.close();
});

function scratchDatabase(): { db: Db; file: string } {
  const file = path.join(tempDir('motcua-background-checkpoint-'), 'desk.sqlite');
  const db = openDatabase({ file });
  db.exec('CREATE TABLE pages (body BLOB)');
  // Only the worker may copy the log here.
  db.pragma('wal_autocheckpoint = 0');
  open.db = db;
  return { db, file };
}

/** About 400 pages of new data, committed in small transactions as a pull's chunks are. */
function writeBurst(db: Db, round: number): void {
  const insert = db.prepare('INSERT INTO pages (body) VALUES (?)');
  for (let t = 0; t < 20; t++)
    db.transaction(() => {
      for (let i = 0; i < 20; i++) insert.run(Buffer.alloc(4000, round + i));
    })();
}

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(20);
  }
  return check();
}

describe('WAL checkpoints in the background', () => {
  it('copies the log into the database file while the main connection goes on writing', async () => {
    const { db, file } = scratchDatabase();
    writeBurst(db, 0);
    const before = statSync(file).size;
    await sleep(300);
    // Without a checkpoint every new page stays in the log.
    expect(statSync(file).size).toBe(before);

    open.checkpoint = checkpointInBackground(file, { intervalMs: 20 });
    expect(await until(() => statSync(file).size > before + 400 * 4000)).toBe(true);
    // The main connection kept writing meanwhile, and all of it is there and sound.
    for (let round = 1; round <= 5; round++) writeBurst(db, round);
    expect(await until(() => statSync(file).size > before + 6 * 400 * 4000)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(6 * 400);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leaves no connection of its own on the file once stopped', async () => {
    const { db, file } = scratchDatabase();
    open.checkpoint = checkpointInBackground(file, { intervalMs: 20 });
    writeBurst(db, 0);
    expect(await until(() => statSync(file).size > 400 * 4000)).toBe(true);
    await open.checkpoint.stop();
    // The last connection to close removes the log: it is the main one only if the worker's is gone.
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('changes nothing where its worker cannot open the file, and says so in the log', async () => {
    const { db, file } = scratchDatabase();
    const lines: string[] = [];
    open.checkpoint = checkpointInBackground(path.join(path.dirname(file), 'missing.sqlite'), {
      intervalMs: 20,
      log: (line) => lines.push(line),
    });
    writeBurst(db, 0);
    await open.checkpoint.stop();
    expect(db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(400);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/background checkpoint stopped \(\w+\)/);
    // Only the error's name: never the path (a folder named after a person) or SQLite's message.
    expect(lines[0]).not.toContain('missing.sqlite');
  });
});
