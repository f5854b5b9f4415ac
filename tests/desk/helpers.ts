/** A desk in a fresh temporary folder, with a settable clock, a local identity and a logged-in administrator. */
import { rmSync } from 'node:fs';
import { openDesk, type Desk, type OpenDeskOptions } from '../../electron/desk/desk';
import { createDeskHandlers, callDesk, type DeskHandlers } from '../../electron/desk/api/handlers';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { SEED_DISTRICT_CODE } from '../../shared/catalog/seed-units';
import type { DeskApiMethod, DeskApiOutput, DeskCall } from '../../shared/api/desk-api';
import type { DeskTransport } from '../../renderer/src/bridge';
import type { Result } from '../../shared/result';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { canonicalEventText, type DossierEvent } from '../../shared/domain/events';
import { closeAtEnd, tempFolder } from '../support/temp-folders';

/** Cheap scrypt for tests only; the app uses the default cost. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1, keyLength: 32 };
export const UNIT = SEED_DISTRICT_CODE;
export const ADMIN = { username: 'admin', displayName: 'Trần Thị Quản Trị', password: 'mat-khau-123' };

export class TestClock {
  constructor(public current: Date) {}
  now = (): Date => new Date(this.current.getTime());
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface TestDesk {
  desk: Desk;
  dir: string;
  clock: TestClock;
  handlers: DeskHandlers;
  call<M extends DeskApiMethod>(method: M, input: unknown): Promise<Result<DeskApiOutput<M>>>;
  /** The value of a call that must succeed. */
  must<M extends DeskApiMethod>(method: M, input: unknown): Promise<DeskApiOutput<M>>;
  reopen(extra?: Partial<OpenDeskOptions>): void;
  cleanup(): void;
}

/** What the desk does at its next idle moment: the rows written since are taken into the search index. */
export function indexNewRowsNow(desk: Desk): void {
  while (desk.projector.searchIndex.indexStep());
}

/**
 * FTS5's own check that the search index holds exactly the rows' current text (rank 1: compared with the rows, not
 * only with itself); throws when it does not. Only where every row is meant to be indexed.
 */
export function checkSearchIndexAgainstRows(db: Desk['db']): void {
  db.exec("INSERT INTO dossier_search (dossier_search, rank) VALUES ('integrity-check', 1)");
}

/** A fresh folder in the system's temp folder, removed when the test file ends (passed or failed). */
/** The renderer's transport straight to this desk's handlers: a screen rendered against the real backend. */
export const transportOf = (desk: TestDesk): DeskTransport => ({ kind: 'loopback', call: desk.call as DeskCall, onDeskEvent: () => () => undefined });

export function tempDir(prefix = 'motcua-desk-'): string {
  return tempFolder(prefix);
}

/** A Friday morning in Vietnam: 2026-11-27 09:32. */
export const FRIDAY_MORNING = '2026-11-27T09:32:00+07:00';

export async function makeTestDesk(options: { now?: string; setUp?: boolean; dir?: string } = {}): Promise<TestDesk> {
  const dir = options.dir ?? tempDir();
  const clock = new TestClock(new Date(options.now ?? FRIDAY_MORNING));
  const open = (extra: Partial<OpenDeskOptions> = {}) =>
    openDesk({ dataDir: dir, now: clock.now, autoBackup: false, scryptParams: TEST_SCRYPT, ...extra });
  const t: TestDesk = {
    desk: open(),
    dir,
    clock,
    handlers: undefined as unknown as DeskHandlers,
    call: (method, input) => callDesk(t.handlers, method, input),
    async must(method, input) {
      const r = await t.call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message.en} ${JSON.stringify(r.error.details ?? '')}`);
      return r.value;
    },
    reopen(extra = {}) {
      t.desk.close();
      t.desk = open(extra);
      t.handlers = createDeskHandlers(t.desk);
    },
    cleanup() {
      try {
        t.desk.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  t.handlers = createDeskHandlers(t.desk);
  // A test that fails before its cleanup leaves the desk open: close it before its folder is removed.
  closeAtEnd(() => t.desk.close());
  if (options.setUp ?? true) {
    // As the first-run screen does: the account, the desk's identity in its setup session, then a login.
    await t.must('auth.createAdmin', ADMIN);
    await t.must('app.setIdentity', { unitCode: UNIT, deskNumber: 2 });
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
  }
  return t;
}

/** A seed procedure with processing in working days, mandatory components and not in the Friday list. */
export function ordinaryProcedure() {
  const p = seedProcedures.find((x) => x.processingTime.kind === 'days' && !x.fridayNoWait && x.components.some((c) => c.mandatory));
  if (!p) throw new Error('seed catalog has no ordinary procedure');
  return p;
}

export function fridayProcedure() {
  const p = seedProcedures.find((x) => x.fridayNoWait && x.components.some((c) => c.mandatory));
  if (!p) throw new Error('seed catalog has no Friday-without-waiting procedure');
  return p;
}

export const applicant = (name = 'Nguyễn Văn Đức', idNumber = '001203004567') => ({
  kind: 'person' as const,
  name,
  idNumber,
  phone: '0912345678',
  address: 'Thôn Đông, xã Thanh Hải',
});

/** Every component brought. */
export const allPresent = (procedure: { components: { id: string }[] }) => procedure.components.map((c) => ({ componentId: c.id, present: true }));

/** A complete dossier received at the desk by the logged-in user: every paper of `procedure` brought. */
export function receiveDossier(desk: TestDesk, name?: string, idNumber?: string, procedure = ordinaryProcedure()) {
  return desk.must('dossiers.receive', { procedureCode: procedure.code, applicant: applicant(name, idNumber), components: allPresent(procedure) });
}

export function rowCounts(desk: Desk): Record<string, number> {
  const tables = ['events', 'dossiers', 'users', 'attachments', 'dossier_code_counters', 'settings', 'device_identity', 'audit_log'];
  return Object.fromEntries(tables.map((t) => [t, (desk.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

/** A dossier submitted on the national portal, as the server hands it down to the desk; `missing`: papers not sent. */
export function submittedOnline(dossierId: string, applicantName = 'Vũ Thị Lan', missing: readonly string[] = []): DossierEvent {
  const p = ordinaryProcedure();
  const unhashed = {
    id: uuidv7(),
    dossierId,
    deviceId: 'cong-dich-vu-cong',
    deviceSeq: 1,
    type: 'dossier.submitted_online' as const,
    payload: {
      unitCode: UNIT,
      procedureCode: p.code,
      channel: 'online' as const,
      applicant: applicant(applicantName, '001203007777'),
      components: p.components
        .filter((c) => !missing.includes(c.id))
        .map((c) => ({ componentId: c.id, name: c.name, form: c.form, copies: c.copies, present: true })),
      portalRef: 'G22.99-231127-0001',
      submittedAt: '2026-11-26T20:15:00+07:00',
    },
    baseVersion: 0,
    actor: { userId: 'portal', name: 'Cổng dịch vụ công quốc gia', role: 'clerk' as const },
    deviceTime: '2026-11-26T20:15:00+07:00',
    prevHash: null,
  };
  const hash = createHash('sha256').update(canonicalEventText(unhashed)).digest('hex');
  return { ...unhashed, hash, serverSeq: 1, serverTime: '2026-11-26T20:15:01+07:00' };
}
