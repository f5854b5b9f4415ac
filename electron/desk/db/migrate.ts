/**
 * Schema migrations: one file each, versions strictly increasing, the applied version kept in `user_version`, every
 * pending migration applied in one transaction (a power cut leaves the old schema or the new one, never half).
 */
import { appFailure } from '../../../shared/result';
import { restoreDossierIndexes } from './index-suspension';
import type { Db } from './open-database';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/** A programming mistake (two files with one number, or out of order): fail loudly before touching the file. */
export function assertStrictlyIncreasing(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`Migration list is not strictly increasing at '${m.name}' (version ${m.version} after ${previous}).`);
    }
  });
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the pending migrations; returns the versions applied. Refuses a database written by a newer app. A file
 * left with its dossier indexes suspended (a desk stopped during a first pull: db/index-suspension.ts) gets them
 * back first, so every opener — the desk, the report command — sees the whole schema, and so does a migration.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  assertStrictlyIncreasing(migrations);
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current <= latest) restoreDossierIndexes(db);
  if (current > latest) {
    throw appFailure(
      'database_too_new',
      `Tệp dữ liệu được tạo bởi phiên bản mới hơn của MotCua Desk (lược đồ ${current}, phiên bản này hiểu đến ${latest}). Hãy cập nhật ứng dụng; dữ liệu không bị thay đổi.`,
      `The data file was written by a newer version of MotCua Desk (schema ${current}; this version knows up to ${latest}). Update the application; nothing was changed.`,
      { details: { current, latest } },
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      // user_version is part of the file header and is written inside this transaction.
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return pending.map((m) => m.version);
}
