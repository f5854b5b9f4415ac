/** Runs work with a connection setting changed, and puts the setting back afterwards, whatever happens. */
import type { Db } from './open-database';

export function withPragma<T>(db: Db, name: string, value: string | number, work: () => T): T {
  const before = db.pragma(name, { simple: true }) as string | number;
  db.pragma(`${name} = ${value}`);
  try {
    return work();
  } finally {
    db.pragma(`${name} = ${before}`);
  }
}
