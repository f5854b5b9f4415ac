/**
 * When the desk cannot write what it pulled, the Sync screen tells the clerk to call the administrator; the sync log
 * then says why in SQLite's own words (the table and the rule: SQLite puts no value in them), where it used to say only
 * "SqliteError", which gave the technician nothing to go on (QA: a desk stuck after a server restore).
 */
import { expect, it } from 'vitest';
import { COMMUNE_A, receive, syncTestBed } from './support/harness';

const bed = syncTestBed();

it('logs the cause of a local write failure during a pull', async () => {
  const lines: string[] = [];
  const sender = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
  const stuck = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 2, sync: { log: (line) => void lines.push(line) } });
  await stuck.client.syncNow();
  await receive(sender, 1);
  await sender.client.syncNow();
  // The stuck desk's store refuses the pulled event, as a clash with a record it already holds would.
  stuck.desk.db.exec("CREATE TRIGGER refuse_pulled BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: events.device_id, events.device_seq'); END");
  const status = await stuck.client.syncNow();
  expect(status.state).toBe('error');
  expect(status.errors[0]?.vi).toBe('Không ghi được dữ liệu đồng bộ vào máy này. Máy sẽ thử lại; nếu lỗi lặp lại, hãy báo quản trị viên.');
  const failure = lines.find((l) => l.startsWith('sync: local failure'));
  expect(failure).toBe('sync: local failure SqliteError (SQLITE_CONSTRAINT_TRIGGER: UNIQUE constraint failed: events.device_id, events.device_seq)');
});
