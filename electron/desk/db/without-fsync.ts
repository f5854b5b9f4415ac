/**
 * Runs work whose commits may skip the disk sync (synchronous=NORMAL for its duration): in WAL mode a power cut can
 * then undo the last such commits but never corrupt the file, and the WAL is replayed only up to the first commit
 * it lacks, so what survives is always a prefix of the commits. For work that is redone when lost (a pulled chunk,
 * whose page is pulled again with the cursor lost alongside it; a refold whose marks came back; an index merge
 * step), that costs nothing; the next FULL commit syncs everything before it too. The setting is per connection,
 * and the work is synchronous, so no clerk's commit can fall inside it.
 */
import type { Db } from './open-database';
import { withPragma } from './with-pragma';

export function withoutFsync<T>(db: Db, work: () => T): T {
  // SQLite refuses to change the safety level inside a transaction; work nested in one commits with it anyway.
  if (db.inTransaction) return work();
  return withPragma(db, 'synchronous', 'NORMAL', work);
}
