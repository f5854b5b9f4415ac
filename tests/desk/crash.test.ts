/**
 * Power cut in the middle of a burst of receptions: the desk process is killed with SIGKILL; after restart every
 * reception that had returned success is there, the database passes its integrity check and the chains verify.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyDataDir } from '../../electron/desk/verify';
import { ADMIN, allPresent, applicant, makeTestDesk, ordinaryProcedure, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs the burst, kills the child after `killAfter` successes, and returns the dossiers it reported received. */
function burstThenKill(dataDir: string, killAfter: number): Promise<{ received: Map<string, string>; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'burst-receiver.ts'), dataDir], {
      cwd: path.join(here, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const received = new Map<string, string>();
    let buffered = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^OK (\S+) (\S+)$/.exec(line);
        if (m) received.set(m[1]!, m[2]!);
      }
      if (!killed && received.size >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (!killed) reject(new Error(`child ended before the kill: ${stderr}`));
      else resolve({ received, signal });
    });
  });
}

describe('crash during a burst of receptions', () => {
  it('keeps every reception that returned success, with a sound database and hash chain', async () => {
    t = await makeTestDesk();
    t.desk.close();
    const { received, signal } = await burstThenKill(t.dir, 60);
    expect(signal).toBe('SIGKILL');
    expect(received.size).toBeGreaterThanOrEqual(60);

    const report = verifyDataDir(t.dir);
    expect(report.integrityProblems).toEqual([]);
    expect(report.chains?.sound).toBe(true);

    t.reopen();
    const db = t.desk.db;
    for (const [id, code] of received) {
      const row = db.prepare('SELECT code, status FROM dossiers WHERE id = ?').get(id) as { code: string; status: number } | undefined;
      expect(row, `dossier ${code} reported received but missing`).toEqual({ code, status: 2 });
    }
    // Events and projection commit together: no event without its dossier row, nor the reverse.
    const orphans = db.prepare('SELECT count(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = e.dossier_id)').get() as { n: number };
    expect(orphans.n).toBe(0);
    const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    expect((db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBe(events);
    // Codes keep counting after the crash, without reusing one.
    const codes = new Set((db.prepare('SELECT code FROM dossiers').all() as { code: string }[]).map((r) => r.code));
    expect(codes.size).toBe(events);
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const p = ordinaryProcedure();
    const next = await t.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) });
    expect(codes.has(next.code)).toBe(false);
    expect(t.desk.verify().chains.sound).toBe(true);
  }, 60_000);
});
