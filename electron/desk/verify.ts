/**
 * `motcua verify`: checks a desk's data folder without changing it — the database's integrity and every device's
 * hash chain — and names the first broken link.
 */
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from './db/open-database';
import { integrityProblems } from './db/integrity';
import { verifyChains, type ChainReport } from './events/verify-chains';
import { readIdentity } from './identity/device-identity';
import { deskPaths } from './paths';

export interface VerifyReport {
  file: string;
  sound: boolean;
  /** Empty when SQLite finds the file sound. */
  integrityProblems: string[];
  chains: ChainReport | null;
  /** Set when the file could not be read at all. */
  unreadable: string | null;
}

export function verifyDataDir(dataDir: string, nativeBinding?: string): VerifyReport {
  const file = deskPaths(dataDir).database;
  if (!existsSync(file)) {
    return { file, sound: false, integrityProblems: [], chains: null, unreadable: 'no desk database in this folder' };
  }
  let db: Db | undefined;
  try {
    db = openDatabase({ file, readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const problems = integrityProblems(db, 'full');
    if (problems.length > 0) return { file, sound: false, integrityProblems: problems, chains: null, unreadable: null };
    const chains = verifyChains(db, readIdentity(db)?.deviceId ?? null);
    return { file, sound: chains.sound, integrityProblems: [], chains, unreadable: null };
  } catch (e) {
    return { file, sound: false, integrityProblems: [], chains: null, unreadable: (e as Error).message };
  } finally {
    db?.close();
  }
}
