/**
 * Local accounts: offline login against a scrypt hash, lock-out after repeated failures, the first administrator
 * when the desk has none, and administration of the others. Failed logins say the same thing whether the user
 * exists or not, so the screen cannot be used to discover usernames.
 */
import { randomUUID } from 'node:crypto';
import { appFailure } from '../../../shared/result';
import { toVnIso } from '../../../shared/calendar/vn-time';
import { roleAtLeast, type Role } from '../../../shared/domain/roles';
import type { Db } from '../db/open-database';
import type { Clock } from '../clock';
import type { AuditTrail } from '../audit/audit-trail';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type PasswordHash, type ScryptParams } from './password';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export interface DeskUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  password_salt: string;
  password_params: string;
  failed_attempts: number;
  locked_until_ms: number | null;
  active: number;
  created_at: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
}

const wrongCredentials = () =>
  appFailure('invalid_credentials', 'Sai tên đăng nhập hoặc mật khẩu.', 'Wrong username or password.');

/** The user, when their role is at least `minimum`; refused in both languages otherwise. */
export function requireRole(user: DeskUser, minimum: Role): DeskUser {
  if (!roleAtLeast(user.role, minimum)) {
    throw appFailure(
      'forbidden',
      'Bạn không có quyền thực hiện thao tác này.',
      `You are not allowed to do this (it needs the ${minimum} role).`,
    );
  }
  return user;
}

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly scryptParams: ScryptParams = DEFAULT_SCRYPT_PARAMS,
  ) {}

  /** The last password check of each account still running (checkPassword). */
  private readonly checksInFlight = new Map<string, Promise<void>>();

  private row(id: string): UserRow | undefined {
    return this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
  }

  private toUser(row: UserRow): DeskUser {
    const locked = row.locked_until_ms !== null && row.locked_until_ms > this.clock.now().getTime();
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      active: row.active === 1,
      lockedUntil: locked ? toVnIso(new Date(row.locked_until_ms!)) : null,
      createdAt: row.created_at,
    };
  }

  hasAnyUser(): boolean {
    return this.db.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined;
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users').get()!.n;
  }

  list(): DeskUser[] {
    return this.db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username').all().map((r) => this.toUser(r));
  }

  get(id: string): DeskUser {
    const row = this.row(id);
    if (!row) throw appFailure('not_found', 'Không tìm thấy người dùng.', 'No such user.', { field: 'id' });
    return this.toUser(row);
  }

  private async insert(input: NewUser): Promise<(db: Db) => DeskUser> {
    const password = await hashPassword(input.password, this.scryptParams);
    const at = this.clock.iso();
    return (db) => {
      if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username)) {
        throw appFailure('username_taken', `Tên đăng nhập "${input.username}" đã có người dùng.`, `The username "${input.username}" is taken.`, {
          field: 'username',
        });
      }
      const id = randomUUID();
      db.prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, password_salt, password_params, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, input.username, input.displayName, input.role, password.hash, password.salt, JSON.stringify(password.params), at, at);
      return this.toUser(this.row(id)!);
    };
  }

  /** Only when the desk has no account at all: the person installing it becomes its administrator. */
  async createFirstAdministrator(input: Omit<NewUser, 'role'>): Promise<DeskUser> {
    const alreadySet = () =>
      appFailure('already_initialised', 'Quầy đã có tài khoản quản trị.', 'This desk already has an administrator account.');
    if (this.hasAnyUser()) throw alreadySet();
    const write = await this.insert({ ...input, role: 'administrator' });
    const user = this.db.transaction(() => {
      // Checked again after the slow hash, so two first-run screens cannot both create an administrator.
      if (this.hasAnyUser()) throw alreadySet();
      return write(this.db);
    })();
    this.audit.record({ user, action: 'user.create', targetKind: 'user', targetId: user.id, detail: 'first administrator' });
    return user;
  }

  async create(input: NewUser, by: DeskUser): Promise<DeskUser> {
    requireRole(by, 'administrator');
    const write = await this.insert(input);
    const user = this.db.transaction(() => write(this.db))();
    this.audit.record({ user: by, action: 'user.create', targetKind: 'user', targetId: user.id, detail: `role ${user.role}` });
    return user;
  }

  update(id: string, changes: UserChanges, by: DeskUser): DeskUser {
    requireRole(by, 'administrator');
    const current = this.get(id);
    const demotesSelf = id === by.id && ((changes.role && changes.role !== 'administrator') || changes.active === false);
    if (demotesSelf && this.activeAdministrators() <= 1) {
      throw appFailure(
        'last_administrator',
        'Không thể hạ quyền hoặc khoá quản trị viên cuối cùng của quầy.',
        "The desk's last administrator cannot be demoted or deactivated.",
      );
    }
    this.db
      .prepare('UPDATE users SET display_name = ?, role = ?, active = ?, updated_at = ? WHERE id = ?')
      .run(
        changes.displayName ?? current.displayName,
        changes.role ?? current.role,
        (changes.active ?? current.active) ? 1 : 0,
        this.clock.iso(),
        id,
      );
    const after = this.get(id);
    this.audit.record({ user: by, action: 'user.update', targetKind: 'user', targetId: id, detail: describeUserChange(current, after) });
    return after;
  }

  private activeAdministrators(): number {
    return this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM users WHERE role = 'administrator' AND active = 1").get()!.n;
  }

  async resetPassword(id: string, password: string, by: DeskUser): Promise<void> {
    requireRole(by, 'administrator');
    this.get(id);
    const hash = await hashPassword(password, this.scryptParams);
    this.db
      .prepare(
        'UPDATE users SET password_hash = ?, password_salt = ?, password_params = ?, failed_attempts = 0, locked_until_ms = NULL, updated_at = ? WHERE id = ?',
      )
      .run(hash.hash, hash.salt, JSON.stringify(hash.params), this.clock.iso(), id);
    this.audit.record({ user: by, action: 'user.reset_password', targetKind: 'user', targetId: id });
  }

  /**
   * A wrong current password counts towards the lock-out like a wrong login: otherwise a session left open would
   * let anyone try passwords without limit, and learn one the clerk may use elsewhere.
   */
  async changeOwnPassword(user: DeskUser, currentPassword: string, newPassword: string): Promise<void> {
    const row = this.row(user.id);
    if (!row) throw wrongCredentials();
    await this.checkPassword(row, currentPassword, 'password change');
    const hash = await hashPassword(newPassword, this.scryptParams);
    this.db
      .prepare('UPDATE users SET password_hash = ?, password_salt = ?, password_params = ?, failed_attempts = 0, updated_at = ? WHERE id = ?')
      .run(hash.hash, hash.salt, JSON.stringify(hash.params), this.clock.iso(), user.id);
    this.audit.record({ user, action: 'auth.change_password', targetKind: 'user', targetId: user.id });
  }

  /** Offline login. After MAX_FAILED_LOGINS wrong passwords in a row the account is locked for LOCKOUT_MINUTES. */
  async login(username: string, password: string): Promise<DeskUser> {
    const row = this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?').get(username);
    if (!row) {
      // Spend the same time as a real check, so response time does not reveal which usernames exist.
      await hashPassword(password, this.scryptParams);
      this.audit.record({ user: null, action: 'auth.login_failed', detail: 'unknown username' });
      throw wrongCredentials();
    }
    await this.checkPassword(row, password);
    if (row.active !== 1) {
      throw appFailure('account_disabled', 'Tài khoản đã bị vô hiệu hoá. Hãy liên hệ quản trị viên.', 'This account is disabled. Contact the administrator.');
    }
    this.db.prepare('UPDATE users SET failed_attempts = 0, locked_until_ms = NULL WHERE id = ?').run(row.id);
    const user = this.toUser({ ...row, failed_attempts: 0, locked_until_ms: null });
    this.audit.record({ user, action: 'auth.login' });
    return user;
  }

  /**
   * Refuses a locked account and a wrong password; each wrong one counts, and MAX_FAILED_LOGINS in a row lock it.
   * One check per account at a time, each reading the count its predecessor left: the hash takes tens of
   * milliseconds, and guesses sent at once all read the same count before any of them wrote it, so 100 in parallel
   * locked the account only after 400 (a security review guessed an administrator's password that way).
   */
  private checkPassword(row: UserRow, password: string, during?: 'password change'): Promise<void> {
    const previous = this.checksInFlight.get(row.id) ?? Promise.resolve();
    const check = previous.then(() => this.checkPasswordNow(row.id, password, during));
    const tail = check.catch(() => undefined);
    this.checksInFlight.set(row.id, tail);
    void tail.then(() => {
      if (this.checksInFlight.get(row.id) === tail) this.checksInFlight.delete(row.id);
    });
    return check;
  }

  private async checkPasswordNow(id: string, password: string, during?: 'password change'): Promise<void> {
    const row = this.row(id);
    if (!row) throw wrongCredentials();
    const nowMs = this.clock.now().getTime();
    if (row.locked_until_ms !== null && row.locked_until_ms > nowMs) throw lockedOut(row.locked_until_ms - nowMs);
    if (await verifyPassword(password, storedHash(row))) return;
    const attempts = row.failed_attempts + 1;
    const lockUntil = attempts >= MAX_FAILED_LOGINS ? nowMs + LOCKOUT_MINUTES * 60_000 : null;
    this.db.prepare('UPDATE users SET failed_attempts = ?, locked_until_ms = ? WHERE id = ?').run(lockUntil ? 0 : attempts, lockUntil, row.id);
    // Said when it was the current password of a password change: the trail must not read as a failed login.
    this.audit.record({ user: { id: row.id, displayName: row.display_name }, action: 'auth.login_failed', ...(during ? { detail: during } : {}) });
    if (lockUntil) throw lockedOut(lockUntil - nowMs);
    throw wrongCredentials();
  }
}

/**
 * What an administrator changed in an account, as the trail's detail: "name", "role clerk -> supervisor",
 * "disabled" or "enabled", joined by "; " (the audit panel puts it in words). The names themselves stay out: the
 * trail's own user names and the account it points to say who, without a copy of every former name.
 */
export function describeUserChange(before: DeskUser, after: DeskUser): string {
  const parts: string[] = [];
  if (after.displayName !== before.displayName) parts.push('name');
  if (after.role !== before.role) parts.push(`role ${before.role} -> ${after.role}`);
  if (after.active !== before.active) parts.push(after.active ? 'enabled' : 'disabled');
  return parts.length > 0 ? parts.join('; ') : 'no change';
}

function storedHash(row: UserRow): PasswordHash {
  return { hash: row.password_hash, salt: row.password_salt, params: JSON.parse(row.password_params) as ScryptParams };
}

function lockedOut(remainingMs: number) {
  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return appFailure(
    'account_locked',
    `Tài khoản tạm khoá do nhập sai mật khẩu ${MAX_FAILED_LOGINS} lần. Hãy thử lại sau ${minutes} phút.`,
    `The account is locked after ${MAX_FAILED_LOGINS} wrong passwords. Try again in ${minutes} minute(s).`,
    { details: { retryInMinutes: minutes } },
  );
}
