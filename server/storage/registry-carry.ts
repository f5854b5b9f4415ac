/**
 * What a SQLite restore takes over from the database it replaces: the administrator's registry, which no desk can
 * send back. Desks re-send their events after a restore (new epoch), but not the server's own decisions made since
 * the backup: a desk revoked because its PC was stolen would sync again, a desk created or enrolled since would be
 * refused as unknown (and told to enrol again under a new device id), a unit added since would be gone, and a
 * catalog or calendar version published since would never reach desks that already hold it.
 *
 * Carried: units (added or renamed), desk devices (enrolment, secret, revocation; a desk the backup lacks comes in
 * with no accepted sequence, so its re-sent events are all taken), catalog and calendar versions, server users.
 * Not carried: events, quarantine, deliveries and blobs — the desks re-send those, and the server deduplicates.
 */
import Database from 'better-sqlite3';

export interface CarriedRegistry {
  /** Desks created after the backup (their devices were missing from it). */
  desksAdded: number;
  /** Desks revoked after the backup: revoked again in the restored database. */
  revocations: number;
  /** Units the backup lacked or named differently. */
  unitsChanged: number;
  /** Catalog and calendar versions published after the backup. */
  documentsAdded: number;
}

/** Copies the registry from `replacedFile` (a server database) into `restoredFile`, in one transaction. */
export function carryRegistry(restoredFile: string, replacedFile: string): CarriedRegistry {
  const db = new Database(restoredFile, { fileMustExist: true });
  try {
    db.prepare('ATTACH DATABASE ? AS replaced').run(replacedFile);
    return db.transaction((): CarriedRegistry => {
      const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
      const unitsChanged = count(
        `SELECT count(*) AS n FROM replaced.units r LEFT JOIN main.units m ON m.code = r.code
          WHERE m.code IS NULL OR m.name IS NOT r.name OR m.level IS NOT r.level OR m.parent_code IS NOT r.parent_code`,
      );
      const desksAdded = count(
        `SELECT count(*) AS n FROM replaced.devices r WHERE r.kind = 'desk'
          AND NOT EXISTS (SELECT 1 FROM main.devices m WHERE m.id = r.id)`,
      );
      const revocations = count(
        `SELECT count(*) AS n FROM replaced.devices r LEFT JOIN main.devices m ON m.id = r.id
          WHERE r.kind = 'desk' AND r.revoked_at IS NOT NULL AND m.revoked_at IS NULL`,
      );
      const documentsAdded = count(
        `SELECT count(*) AS n FROM replaced.documents r
          WHERE NOT EXISTS (SELECT 1 FROM main.documents m WHERE m.kind = r.kind AND m.version = r.version)`,
      );
      db.exec(`
        INSERT INTO main.units (code, name, level, parent_code)
          SELECT code, name, level, parent_code FROM replaced.units WHERE true
          ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code;
        -- A desk the backup knows keeps the backup's accepted sequence (it matches the backup's events); its
        -- identity, secret and revocation are today's.
        UPDATE main.devices SET
            name = r.name, enrol_code_hash = r.enrol_code_hash, enrol_expires_at = r.enrol_expires_at,
            secret_hash = r.secret_hash, enrolled_at = r.enrolled_at, revoked_at = r.revoked_at
          FROM (SELECT * FROM replaced.devices WHERE kind = 'desk') AS r
          WHERE main.devices.id = r.id;
        INSERT INTO main.devices (id, kind, unit_code, desk_number, name, enrol_code_hash, enrol_expires_at,
            secret_hash, created_at, enrolled_at, revoked_at, last_seq, last_hash)
          SELECT id, kind, unit_code, desk_number, name, enrol_code_hash, enrol_expires_at,
            secret_hash, created_at, enrolled_at, revoked_at, 0, NULL
          FROM replaced.devices r WHERE r.kind = 'desk' AND NOT EXISTS (SELECT 1 FROM main.devices m WHERE m.id = r.id);
        INSERT INTO main.documents (kind, version, body, updated_at, updated_by)
          SELECT kind, version, body, updated_at, updated_by FROM replaced.documents WHERE true
          ON CONFLICT (kind, version) DO NOTHING;
        INSERT INTO main.users (username, name, role, password_hash, created_at, disabled_at)
          SELECT username, name, role, password_hash, created_at, disabled_at FROM replaced.users WHERE true
          ON CONFLICT (username) DO UPDATE SET name = excluded.name, role = excluded.role,
            password_hash = excluded.password_hash, disabled_at = excluded.disabled_at;
      `);
      return { desksAdded, revocations, unitsChanged, documentsAdded };
    })();
  } finally {
    db.close();
  }
}
