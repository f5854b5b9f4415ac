/**
 * A desk that has run `PRAGMA optimize` keeps the planner's samples (sqlite_stat4). The event log's statements are
 * written so those samples do not re-plan them on every command (events/event-log.ts); these tests hold the log to
 * the same answers with the samples present: gap-free chained sequences, each dossier's events in fold order,
 * quarantined events left out of the state, and the index each statement was written for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EventLog } from '../../electron/desk/events/event-log';
import { allPresent, applicant, fridayProcedure, makeTestDesk, ordinaryProcedure, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function receive(desk: TestDesk, name: string, idNumber: string): Promise<string> {
  const p = ordinaryProcedure();
  return (await desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(name, idNumber), components: allPresent(p) })).dossier.id;
}

describe('event log with the planner samples of PRAGMA optimize present', () => {
  it('keeps chaining, numbering and folding every dossier as before', async () => {
    t = await makeTestDesk();
    const first = await receive(t, 'Nguyễn Văn Đức', '001203004560');
    await t.must('dossiers.transfer', { dossierId: first });
    for (let i = 0; i < 30; i++) await receive(t, `Trần Thị Bích ${i}`, `0012030050${String(i).padStart(2, '0')}`);
    t.desk.db.exec('ANALYZE');
    expect((t.desk.db.prepare('SELECT count(*) AS n FROM sqlite_stat4').get() as { n: number }).n).toBeGreaterThan(0);

    // Commands after the samples exist: a new dossier, a refusal at the desk, and more events on an old dossier.
    const second = await receive(t, 'Lê Đình Phúc', '001203004561');
    const f = fridayProcedure();
    const refused = (await t.must('dossiers.refuse', { procedureCode: f.code, applicant: applicant('Hoàng Văn Tú', '001203009999'), reason: 'Không thuộc thẩm quyền' })).dossier;
    await t.must('dossiers.handOver', { dossierId: first, from: 'Bộ phận một cửa', to: 'Phòng Tư pháp' });
    await t.must('dossiers.resolve', { dossierId: first, resultDigitised: true });

    const rows = t.desk.db.prepare('SELECT device_seq, prev_hash, hash FROM events ORDER BY device_seq').all() as {
      device_seq: number;
      prev_hash: string | null;
      hash: string;
    }[];
    expect(rows.map((r) => r.device_seq)).toEqual(rows.map((_, i) => i + 1));
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i]!.hash));

    expect(t.desk.events.forDossier(first).map((e) => e.type)).toEqual([
      'dossier.received',
      'dossier.transferred',
      'dossier.handed_over',
      'dossier.resolved',
    ]);
    expect((await t.must('dossiers.get', { dossierId: first })).summary.status).toBe(9);
    expect((await t.must('dossiers.get', { dossierId: second })).summary.version).toBe(1);
    expect(refused.version).toBe(1);
    expect(refused.status).toBe(3);

    // A quarantined event stays in the timeline but leaves the state.
    const resolvedEvent = t.desk.events.forDossier(first).at(-1)!;
    t.desk.events.markQuarantined(resolvedEvent.id, 'test');
    expect(t.desk.events.forDossier(first).map((e) => e.type)).not.toContain('dossier.resolved');
    expect(t.desk.events.forDossier(first, { includeQuarantined: true }).map((e) => e.type)).toContain('dossier.resolved');
    expect(t.desk.store.projector.current(first)!.status).toBe(4);
  });

  it('reads a dossier’s events and a device’s last event through the indexes written for them', async () => {
    t = await makeTestDesk();
    for (let i = 0; i < 5; i++) await receive(t, `Phạm Thuỳ Dương ${i}`, `00120300600${i}`);
    t.desk.db.exec('ANALYZE');
    // The statements exactly as the event log prepares them.
    const prepared: string[] = [];
    const db = t.desk.db;
    new EventLog(new Proxy(db, { get: (target, key) => (key === 'prepare' ? (sql: string) => (prepared.push(sql), target.prepare(sql)) : Reflect.get(target, key)) }));
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join(' | ');
    const byDossier = prepared.filter((sql) => /WHERE .*dossier_id = \?/.test(sql));
    const lastOfDevice = prepared.filter((sql) => /WHERE .*device_id = \?.* ORDER BY device_seq DESC LIMIT 1/.test(sql));
    expect(byDossier).toHaveLength(2);
    expect(lastOfDevice).toHaveLength(1);
    for (const sql of byDossier) expect(plan(sql)).toContain('USING INDEX events_by_dossier (dossier_id=?)');
    expect(plan(lastOfDevice[0]!)).toMatch(/USING INDEX sqlite_autoindex_events_\d \(device_id=\?\)/);
  });
});
