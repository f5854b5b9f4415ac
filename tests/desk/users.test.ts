import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, makeTestDesk, UNIT, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('first run and accounts', () => {
  it('asks for a first administrator only while the desk has none', async () => {
    t = await makeTestDesk({ setUp: false });
    expect(await t.must('auth.firstRun', {})).toEqual({ needsAdministrator: true, needsIdentity: true });
    const admin = await t.must('auth.createAdmin', ADMIN);
    expect(admin).toMatchObject({ username: 'admin', role: 'administrator', active: true });
    // The first-run screen connects the desk in the account's setup session; a window reloaded meanwhile asks for
    // the password (nobody is logged in), rather than carrying on as the administrator without a login.
    expect(await t.must('auth.me', {})).toBeNull();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await t.must('auth.me', {}))?.id).toBe(admin.id);
    expect(await t.must('auth.firstRun', {})).toEqual({ needsAdministrator: false, needsIdentity: true });
    const again = await t.call('auth.createAdmin', { ...ADMIN, username: 'admin2' });
    expect(again.ok ? null : again.error.code).toBe('already_initialised');
  });

  it("lets the first run's setup session connect the desk and nothing else (security review)", async () => {
    t = await makeTestDesk({ setUp: false });
    await t.must('auth.createAdmin', ADMIN);
    // A first run left half-way (the connection failed, the window closed): whoever calls next is nobody.
    for (const [method, input] of [
      ['users.list', {}],
      ['users.create', { username: 'canbo1', displayName: 'Cán bộ Một', role: 'clerk', password: 'mat-khau-456' }],
      ['dossiers.list', {}],
    ] as const) {
      const r = await t.call(method, input as never);
      expect(r.ok ? 'done' : r.error.code, method).toBe('unauthenticated');
    }
    // What the first run itself does in it: give the desk its identity (or enrol it).
    await t.must('app.setIdentity', { unitCode: UNIT, deskNumber: 2 });
    expect(t.desk.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
  });

  it('records the first administrator in the access log, but no login or logout the administrator never made', async () => {
    t = await makeTestDesk({ setUp: false });
    await t.must('auth.createAdmin', ADMIN);
    // The first-run screen ends its setup session, then the administrator logs in.
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await t.must('auth.logout', {});
    const actions = t.desk.db.prepare<[], string>('SELECT action FROM audit_log ORDER BY id').pluck().all();
    expect(actions).toEqual(['user.create', 'auth.login', 'auth.logout']);
  });

  it('stores a salted scrypt hash with its parameters, never the password', async () => {
    t = await makeTestDesk();
    const row = t.desk.db.prepare("SELECT * FROM users WHERE username = 'admin'").get() as Record<string, string>;
    expect(JSON.stringify(row)).not.toContain(ADMIN.password);
    expect(JSON.parse(row.password_params!)).toMatchObject({ N: expect.any(Number), r: 8, p: 1 });
    expect(Buffer.from(row.password_salt!, 'base64').length).toBe(16);
  });

  it('lets an administrator create clerks and supervisors; a clerk may not manage users', async () => {
    t = await makeTestDesk();
    const clerk = await t.must('users.create', { username: 'CanBo1', displayName: 'Phạm Văn Bình', role: 'clerk', password: 'mat-khau-456' });
    expect(clerk.username).toBe('canbo1');
    const dup = await t.call('users.create', { username: 'canbo1', displayName: 'X', role: 'clerk', password: 'mat-khau-456' });
    expect(dup.ok ? null : dup.error.code).toBe('username_taken');
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: 'canbo1', password: 'mat-khau-456' });
    const denied = await t.call('users.create', { username: 'canbo2', displayName: 'Y', role: 'administrator', password: 'mat-khau-456' });
    expect(denied.ok ? null : denied.error.code).toBe('forbidden');
    expect((await t.call('users.list', {})).ok).toBe(false);
  });

  it('deactivated accounts cannot log in; the last administrator cannot demote themself', async () => {
    t = await makeTestDesk();
    const clerk = await t.must('users.create', { username: 'canbo1', displayName: 'Phạm Văn Bình', role: 'clerk', password: 'mat-khau-456' });
    await t.must('users.update', { id: clerk.id, active: false });
    const me = await t.must('auth.me', {});
    const demote = await t.call('users.update', { id: me!.id, role: 'clerk' });
    expect(demote.ok ? null : demote.error.code).toBe('last_administrator');
    await t.must('auth.logout', {});
    const r = await t.call('auth.login', { username: 'canbo1', password: 'mat-khau-456' });
    expect(r.ok ? null : r.error.code).toBe('account_disabled');
  });

  it('an administrator who makes themself a clerk loses the rights at once, not at the next login', async () => {
    t = await makeTestDesk();
    await t.must('users.create', { username: 'quantri2', displayName: 'Đỗ Văn Hải', role: 'administrator', password: 'mat-khau-456' });
    const me = (await t.must('auth.me', {}))!;
    expect((await t.must('users.update', { id: me.id, role: 'clerk' })).role).toBe('clerk');
    expect((await t.must('auth.me', {}))!.role).toBe('clerk');
    const list = await t.call('users.list', {});
    expect(list.ok ? null : list.error.code).toBe('forbidden');
  });

  it('changes and resets passwords', async () => {
    t = await makeTestDesk();
    await t.must('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'mat-khau-moi-789' });
    await t.must('auth.logout', {});
    expect((await t.call('auth.login', { username: 'admin', password: ADMIN.password })).ok).toBe(false);
    await t.must('auth.login', { username: 'admin', password: 'mat-khau-moi-789' });
    const trail = await t.must('audit.list', { action: 'auth.change_password' });
    expect(trail.entries.map((e) => [e.userName, e.targetKind])).toEqual([[ADMIN.displayName, 'user']]);
  });

  it('counts wrong current passwords in a password change towards the lock-out, like wrong logins', async () => {
    t = await makeTestDesk();
    for (let i = 0; i < 4; i++) {
      const r = await t.call('auth.changePassword', { currentPassword: `doan-mo-${i}`, newPassword: 'mat-khau-moi-789' });
      expect(r.ok ? null : r.error.code).toBe('invalid_credentials');
    }
    const fifth = await t.call('auth.changePassword', { currentPassword: 'doan-mo-4', newPassword: 'mat-khau-moi-789' });
    expect(fifth.ok ? null : fifth.error.code).toBe('account_locked');
    // Locked now: even the right password changes nothing, and the account cannot log in again for a while.
    const right = await t.call('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'mat-khau-moi-789' });
    expect(right.ok ? null : right.error.code).toBe('account_locked');
    await t.must('auth.logout', {});
    const login = await t.call('auth.login', { username: 'admin', password: ADMIN.password });
    expect(login.ok ? null : login.error.code).toBe('account_locked');
  });
});

describe('offline login and lock-out', () => {
  it('says the same thing for an unknown user and a wrong password', async () => {
    t = await makeTestDesk();
    await t.must('auth.logout', {});
    const unknown = await t.call('auth.login', { username: 'nobody', password: 'whatever1' });
    const wrong = await t.call('auth.login', { username: 'admin', password: 'whatever1' });
    expect(unknown.ok || wrong.ok).toBe(false);
    if (unknown.ok || wrong.ok) return;
    expect(unknown.error).toEqual(wrong.error);
    expect(wrong.error.message.vi).toBe('Sai tên đăng nhập hoặc mật khẩu.');
  });

  it('locks the account for 15 minutes after 5 wrong passwords, even against the right one, then lets it in', async () => {
    t = await makeTestDesk();
    await t.must('auth.logout', {});
    for (let i = 0; i < 4; i++) {
      const r = await t.call('auth.login', { username: 'admin', password: 'sai-mat-khau' });
      expect(r.ok ? null : r.error.code).toBe('invalid_credentials');
    }
    const fifth = await t.call('auth.login', { username: 'admin', password: 'sai-mat-khau' });
    expect(fifth.ok ? null : fifth.error.code).toBe('account_locked');
    if (!fifth.ok) expect(fifth.error.message.vi).toContain('15 phút');
    const right = await t.call('auth.login', { username: 'admin', password: ADMIN.password });
    expect(right.ok ? null : right.error.code).toBe('account_locked');
    t.clock.advanceMinutes(14);
    expect((await t.call('auth.login', { username: 'admin', password: ADMIN.password })).ok).toBe(false);
    t.clock.advanceMinutes(2);
    expect((await t.call('auth.login', { username: 'admin', password: ADMIN.password })).ok).toBe(true);
  });

  it('counts guesses sent all at once one by one: the right password among 40 at once finds the account locked', async () => {
    t = await makeTestDesk();
    await t.must('auth.logout', {});
    // What a script in the browser's console can do against the loopback host (security review): 40 logins at once,
    // the right password last. Each hash takes time; read before any wrote, they all saw no failure yet.
    const guesses = [...Array.from({ length: 39 }, (_, i) => `doan-mo-${i}`), ADMIN.password];
    const answers = await Promise.all(guesses.map((password) => t!.call('auth.login', { username: 'admin', password })));
    const codes = answers.map((r) => (r.ok ? 'logged_in' : r.error.code));
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('invalid_credentials'));
    expect(codes.slice(4)).toEqual(Array(36).fill('account_locked'));
    expect(await t.must('auth.me', {})).toBeNull();
  });

  it('resets the failure count after a successful login', async () => {
    t = await makeTestDesk();
    await t.must('auth.logout', {});
    for (let i = 0; i < 4; i++) await t.call('auth.login', { username: 'admin', password: 'sai-mat-khau' });
    await t.must('auth.login', { username: 'admin', password: ADMIN.password });
    await t.must('auth.logout', {});
    for (let i = 0; i < 4; i++) await t.call('auth.login', { username: 'admin', password: 'sai-mat-khau' });
    expect((await t.call('auth.login', { username: 'admin', password: ADMIN.password })).ok).toBe(true);
  });

  it('keeps an audit trail of logins and failures', async () => {
    t = await makeTestDesk();
    await t.must('auth.logout', {});
    await t.call('auth.login', { username: 'admin', password: 'sai-mat-khau' });
    await t.must('auth.login', { username: 'admin', password: ADMIN.password });
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: 'admin', password: ADMIN.password });
    const actions = (await t.must('audit.list', {})).entries.map((e) => e.action);
    // Newest first, back to the desk's setup: its session (the account, the desk's identity) left no login or logout.
    expect(actions).toEqual(['auth.login', 'auth.logout', 'auth.login', 'auth.login_failed', 'auth.logout', 'auth.login', 'identity.set', 'user.create']);
  });
});
