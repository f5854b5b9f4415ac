/**
 * A desk in its own process that receives dossiers and syncs them, then waits to be killed: for the tests of a desk
 * stopped without closing. The log's automatic checkpoint is off, so what it recorded stays in `desk.sqlite-wal`, as
 * the day's work does between the desk's idle checkpoints.
 * Usage: node --import tsx tests/sync/support/receiving-desk-child.ts DATA_DIR
 * Environment: DESK_LOGIN (JSON {username, password}), RECEIVE (JSON: the receive input), SYNCED (how many to receive
 * and sync), UNSENT (how many more to receive after, offline), NO_SYNC (set: no sync at all). Prints `codes [...]` then
 * `ready`.
 */
import { createDeskHandlers, callDesk } from '../../../electron/desk';
import { openDesk } from '../../../electron/desk/desk';
import { SyncClient } from '../../../electron/desk/sync';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: receiving-desk-child.ts DATA_DIR');
  process.exit(2);
}
const desk = openDesk({ dataDir, autoBackup: false });
desk.db.pragma('wal_autocheckpoint = 0');
const client = new SyncClient(desk, { requestTimeoutMs: 10_000, log: () => undefined });
const handlers = createDeskHandlers(desk, { sync: client });
const must = async (method: string, input: unknown) => {
  const r = await callDesk(handlers, method as never, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message.en}`);
  return r.value as { code: string };
};
await must('auth.login', JSON.parse(process.env.DESK_LOGIN!));
const input = JSON.parse(process.env.RECEIVE!) as object;
const codes: string[] = [];
for (let i = 0; i < Number(process.env.SYNCED); i++) codes.push((await must('dossiers.receive', input)).code);
// NO_SYNC: a desk started while its server is away (it only opens, and waits).
while (!process.env.NO_SYNC) {
  const status = await client.syncNow();
  if (status.state === 'online' && status.pending === 0) break;
}
for (let i = 0; i < Number(process.env.UNSENT); i++) codes.push((await must('dossiers.receive', input)).code);
console.log(`codes ${JSON.stringify(codes)}`);
console.log('ready');
setInterval(() => undefined, 60_000);
