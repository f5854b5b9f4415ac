/**
 * The unit tree this desk names units from and reports on. An enrolled desk keeps the server's registry
 * (`server_units`, fetched by sync/units.ts); a desk that never enrolled (a local identity, the demo) and an
 * enrolled one that has not read the registry yet use the seed tree.
 */
import { seedUnits } from '../../../shared/catalog/seed-units';
import type { Unit } from '../../../shared/domain/units';
import type { Db } from '../db/open-database';
import type { DeskIdentity } from '../identity/device-identity';

interface UnitRow {
  code: string;
  name: string;
  level: Unit['level'];
  parent_code: string | null;
}

/** The server's registry as this desk last read it (empty before). */
export function storedServerUnits(db: Db): Unit[] {
  return db
    .prepare<[], UnitRow>('SELECT code, name, level, parent_code FROM server_units ORDER BY code')
    .all()
    .map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
}

/** Replaces the stored registry with the server's; run it inside the transaction that records its version. */
export function replaceServerUnits(db: Db, units: readonly Unit[]): void {
  db.prepare('DELETE FROM server_units').run();
  const insert = db.prepare('INSERT OR REPLACE INTO server_units (code, name, level, parent_code) VALUES (?, ?, ?, ?)');
  for (const u of units) insert.run(u.code, u.name, u.level, u.parentCode);
}

export function deskUnits(db: Db, identity: DeskIdentity | null): readonly Unit[] {
  if (identity?.source !== 'enrolled') return seedUnits;
  const stored = storedServerUnits(db);
  return stored.length > 0 ? stored : seedUnits;
}
