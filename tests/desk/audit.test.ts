/**
 * The personal-data audit trail as an administrator reads it: narrowed by person, action and period, with each
 * target named as a person knows it (an account's current name, a dossier's code), and account changes described.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auditListSql, type AuditQuery } from '../../electron/desk/audit/audit-trail';
import { ADMIN, makeTestDesk, ordinaryProcedure, receiveDossier, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const CLERK = { username: 'canbo1', displayName: 'Phạm Văn Bình', role: 'clerk' as const, password: 'mat-khau-456' };

/**
 * How SQLite reads `audit_log` (alias a) for a filter's count and for its page: a SCAN reads every entry ever written.
 */
function plans(desk: TestDesk, query: Omit<AuditQuery, 'limit' | 'offset'>): string[] {
  const { count, page, params } = auditListSql(query);
  const plan = (sql: string, values: unknown[]) =>
    (desk.desk.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((r) => r.detail).filter((d) => /^(SCAN|SEARCH) a\b/.test(d));
  return [...plan(count, params), ...plan(page, [...params, 50, 0])];
}

describe('the audit trail', () => {
  it('says what an administrator changed in an account, and names the account by its current name', async () => {
    t = await makeTestDesk();
    const clerk = await t.must('users.create', CLERK);
    await t.must('users.update', { id: clerk.id, displayName: 'Phạm Văn Bính' });
    await t.must('users.update', { id: clerk.id, role: 'supervisor', active: false });
    await t.must('users.update', { id: clerk.id, active: true });
    const { entries } = await t.must('audit.list', { action: 'user.update' });
    expect(entries.map((e) => e.detail)).toEqual(['enabled', 'role clerk -> supervisor; disabled', 'name']);
    expect(entries.map((e) => [e.targetKind, e.targetId, e.targetName])).toEqual(Array(3).fill(['user', clerk.id, 'Phạm Văn Bính']));
    // The trail keeps who acted under the name of the time; only the target's name is looked up.
    expect(entries[0]!.userName).toBe(ADMIN.displayName);
  });

  it('tells a wrong current password in a password change from a failed login', async () => {
    t = await makeTestDesk();
    await t.call('auth.changePassword', { currentPassword: 'doan-mo-1', newPassword: 'mat-khau-moi-789' });
    await t.must('auth.logout', {});
    await t.call('auth.login', { username: ADMIN.username, password: 'doan-mo-2' });
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const { entries } = await t.must('audit.list', { action: 'auth.login_failed' });
    expect(entries.map((e) => [e.userName, e.detail])).toEqual([
      [ADMIN.displayName, null],
      [ADMIN.displayName, 'password change'],
    ]);
  });

  it('names a viewed dossier by its code', async () => {
    t = await makeTestDesk();
    const received = await receiveDossier(t);
    await t.must('dossiers.get', { code: received.code });
    const [view] = (await t.must('audit.list', { action: 'dossier.view' })).entries;
    expect(view).toMatchObject({ targetKind: 'dossier', targetId: received.dossier.id, targetName: received.code });
  });

  it('counts a dossier kept open and read again (after each sync or action) as one view, for ten minutes', async () => {
    t = await makeTestDesk();
    const one = await receiveDossier(t);
    const views = async () => (await t!.must('audit.list', { action: 'dossier.view' })).entries.map((e) => e.userName);
    await t.must('dossiers.get', { dossierId: one.dossier.id });
    t.clock.advanceMinutes(4);
    await t.must('dossiers.get', { dossierId: one.dossier.id });
    await t.must('dossiers.get', { code: one.code });
    expect(await views()).toEqual([ADMIN.displayName]);
    // Another person's look is theirs; so is a new session's first look, even minutes later; then ten minutes on
    // the same dossier make a new view.
    await t.must('users.create', CLERK);
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: CLERK.username, password: CLERK.password });
    await t.must('dossiers.get', { dossierId: one.dossier.id });
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await t.must('dossiers.get', { dossierId: one.dossier.id });
    await t.must('dossiers.get', { dossierId: one.dossier.id });
    t.clock.advanceMinutes(10);
    await t.must('dossiers.get', { dossierId: one.dossier.id });
    // Newest first.
    expect(await views()).toEqual([ADMIN.displayName, ADMIN.displayName, CLERK.displayName, ADMIN.displayName]);
  });

  it('narrows the trail to what touched one dossier, found by its code', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    const one = await receiveDossier(t);
    const other = await receiveDossier(t);
    await t.must('dossiers.get', { code: one.code });
    await t.must('dossiers.get', { code: other.code });
    t.clock.advanceMinutes(30);
    await t.must('dossiers.get', { code: one.code });
    // Its scan, kept in the trail by its hash, is part of what touched it; the other dossier's scan is not.
    const scanOf = async (dossierId: string, bytes: string) => {
      const pdf = Buffer.from(`%PDF-1.7\n${bytes}\n%%EOF\n`);
      const scan = await t!.must('attachments.import', { source: 'data', fileName: 'cccd.pdf', dataBase64: pdf.toString('base64') });
      await t!.must('attachments.link', { dossierId, sha256: scan.sha256, fileName: scan.fileName, target: { componentId: p.components[0]!.id } });
      await t!.must('attachments.get', { sha256: scan.sha256 });
    };
    await scanOf(one.dossier.id, 'one');
    await scanOf(other.dossier.id, 'other');
    const trail = await t.must('audit.list', { dossierCode: ` ${one.code.toLowerCase()} ` });
    expect(trail.total).toBe(4);
    expect(trail.entries.map((e) => [e.action, e.targetKind])).toEqual([
      ['attachment.view', 'attachment'],
      ['attachment.import', 'attachment'],
      ['dossier.view', 'dossier'],
      ['dossier.view', 'dossier'],
    ]);
    expect(trail.entries.slice(2).map((e) => e.targetName)).toEqual([one.code, one.code]);
    expect((await t.must('audit.list', { dossierCode: 'H99.99-000000-0000' })).total).toBe(0);
  });

  it('narrows the trail to one person, one action and a period, and counts only what it kept', async () => {
    t = await makeTestDesk({ now: '2026-11-23T08:00:00+07:00' });
    const admin = (await t.must('auth.me', {}))!;
    const clerk = await t.must('users.create', CLERK);
    await t.must('auth.logout', {});
    t.clock.set('2026-11-25T09:00:00+07:00');
    await t.must('auth.login', { username: CLERK.username, password: CLERK.password });
    await t.must('auth.logout', {});
    t.clock.set('2026-11-27T10:00:00+07:00');
    await t.must('auth.login', { username: CLERK.username, password: CLERK.password });
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });

    const byClerk = await t.must('audit.list', { userId: clerk.id, action: 'auth.login' });
    expect(byClerk.total).toBe(2);
    const week = await t.must('audit.list', { userId: clerk.id, from: '2026-11-24T00:00:00+07:00', to: '2026-11-26T00:00:00+07:00' });
    expect(week.entries.map((e) => [e.action, e.at])).toEqual([
      ['auth.logout', '2026-11-25T09:00:00+07:00'],
      ['auth.login', '2026-11-25T09:00:00+07:00'],
    ]);
    // The administrator's own logins: after setting the desk up (the setup session itself was none), and now.
    expect((await t.must('audit.list', { userId: admin.id, action: 'auth.login' })).total).toBe(2);
  });

  it('finds what one person did, or what touched one dossier, through an index instead of reading the whole trail', async () => {
    t = await makeTestDesk();
    const one = await receiveDossier(t);
    const admin = (await t.must('auth.me', {}))!;
    const week = { from: '2026-11-23T00:00:00+07:00', to: '2026-11-30T00:00:00+07:00' };
    expect(plans(t, { userId: admin.id })).toEqual([
      'SEARCH a USING COVERING INDEX audit_log_user (user_id=?)',
      'SEARCH a USING INDEX audit_log_user (user_id=?)',
    ]);
    // A person and a period: the period leads, as it did before the person had an index (a week, not all they did).
    expect(plans(t, { userId: admin.id, ...week })).toEqual(['SEARCH a USING INDEX audit_log_at (at>? AND at<?)', 'SEARCH a USING INDEX audit_log_at (at>? AND at<?)']);
    // The dossier's own entries, its scans' entries and the sync page's looks, each looked up by target.
    const byCode = plans(t, { dossierCode: one.code });
    expect(byCode.length).toBe(6);
    expect(byCode.every((d) => /^SEARCH a USING (COVERING )?INDEX audit_log_target \(target_kind=\? AND target_id=\?\)$/.test(d))).toBe(true);
    expect(plans(t, { dossierCode: one.code, ...week }).some((d) => d.startsWith('SCAN'))).toBe(false);
  });

  it('finds the lines of one action, alone or within a period, through an index, with the same lines as before', async () => {
    t = await makeTestDesk({ now: '2026-11-23T08:00:00+07:00' });
    const one = await receiveDossier(t);
    // Lines of several actions over several days, and a PC clock put back an hour: the page keeps the trail's order.
    for (const [at, code] of [
      ['2026-11-24T09:00:00+07:00', one.code],
      ['2026-11-25T10:00:00+07:00', one.code],
      ['2026-11-25T09:00:00+07:00', one.code],
      ['2026-11-27T11:00:00+07:00', one.code],
    ] as const) {
      t.clock.set(at);
      await t.must('dossiers.get', { code });
      await t.must('auth.logout', {});
      await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    }
    const period = { from: '2026-11-25T00:00:00+07:00', to: '2026-11-26T00:00:00+07:00' };
    // Alone: counted from the index, the page read newest first from it (no sort of every line of that action).
    expect(plans(t, { action: 'auth.login' })).toEqual([
      'SEARCH a USING COVERING INDEX audit_log_action (action=?)',
      'SEARCH a USING INDEX audit_log_action (action=?)',
    ]);
    // Within a period: one range of the index for the count and for the page.
    expect(plans(t, { action: 'auth.login', ...period })).toEqual([
      'SEARCH a USING COVERING INDEX audit_log_action_at (action=? AND at>? AND at<?)',
      'SEARCH a USING INDEX audit_log_action_at (action=? AND at>? AND at<?)',
    ]);

    // The same lines, in the same order, as the whole trail read and filtered by hand.
    const everything = (await t.must('audit.list', { limit: 500 })).entries;
    for (const query of [{ action: 'auth.login' }, { action: 'dossier.view' }, { action: 'auth.logout', ...period }, { action: 'dossier.view', ...period }, { action: 'backup.restore' }]) {
      const expected = everything.filter((e) => e.action === query.action && (!('from' in query) || (e.at >= query.from && e.at < query.to)));
      const got = await t.must('audit.list', { ...query, limit: 500 });
      expect(got.entries).toEqual(expected);
      expect(got.total).toBe(expected.length);
      const secondPage = await t.must('audit.list', { ...query, limit: 2, offset: 2 });
      expect(secondPage.entries).toEqual(expected.slice(2, 4));
    }
    expect((await t.must('audit.list', { action: 'dossier.view', ...period })).entries.map((e) => e.at)).toEqual(['2026-11-25T09:00:00+07:00', '2026-11-25T10:00:00+07:00']);
  });
});
