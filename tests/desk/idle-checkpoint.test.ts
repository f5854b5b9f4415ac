/**
 * The write-ahead log is copied into the database file only between the clerk's actions (db/idle-checkpoint.ts).
 * What a clerk would notice if this broke: now and then a reception or a click that hangs for a moment while SQLite
 * copies thousands of pages. Observable here: the database file itself grows only when a checkpoint ran, because
 * until then every new page lives in the log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/desk/db/open-database';
import { IdleCheckpoint } from '../../electron/desk/db/idle-checkpoint';
import { tempDir } from './helpers';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function scratchDatabase(): { db: Db; file: string } {
  const dir = tempDir('motcua-checkpoint-');
  const file = path.join(dir, 'desk.sqlite');
  const db = openDatabase({ file });
  db.exec('CREATE TABLE pages (body BLOB)');
  cleanup = () => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, file };
}

/** About 200 pages of new data: enough to see in the file's size once it is copied there. */
function writeBurst(db: Db): void {
  const insert = db.prepare('INSERT INTO pages (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(4000, i));
  })();
}

describe('idle WAL checkpoint', () => {
  it('copies the log into the database only after a tick in which nothing was written', () => {
    const { db, file } = scratchDatabase();
    const checkpoint = new IdleCheckpoint(3_600_000); // ticks driven by the test
    checkpoint.attach(db);
    try {
      writeBurst(db);
      const before = statSync(file).size;

      // The first tick has nothing to compare with; a write between two ticks means the clerk is busy.
      expect(checkpoint.tick()).toBe(false);
      writeBurst(db);
      expect(checkpoint.tick()).toBe(false);
      expect(statSync(file).size).toBe(before);

      // A whole tick without a write: the log is copied.
      expect(checkpoint.tick()).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(before + 300 * 4000);
    } finally {
      checkpoint.attach(null);
    }
  });

  it('never checkpoints inside an open transaction, nor on a closed connection', () => {
    const { db, file } = scratchDatabase();
    const checkpoint = new IdleCheckpoint(3_600_000);
    checkpoint.attach(db);
    try {
      writeBurst(db);
      checkpoint.tick();
      const before = statSync(file).size;
      db.exec('BEGIN'); // a reception's transaction, still open: quiet since the last tick, yet busy
      expect(checkpoint.tick()).toBe(false);
      db.exec('COMMIT');
      expect(statSync(file).size).toBe(before);
      db.close(); // closing the last connection checkpoints by itself
      expect(checkpoint.tick()).toBe(false);
    } finally {
      checkpoint.attach(null);
    }
  });
});
