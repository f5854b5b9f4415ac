/**
 * The reception screen's tests run the app as a clerk does: the screen, the real DeskProvider and a stand-in desk,
 * over a drafts database in IndexedDB (fake-indexeddb) that outlives a run of the app, as it does at the counter.
 * What is here is what those tests share; what a test troubles (a store whose writes fail, a desk that loses a reply
 * or does not put a scan back) stays in its file, on top of these pieces.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { vi } from 'vitest';
import { seedProcedures } from '../../../shared/catalog/seed-procedures';
import { fail, ok, type Result } from '../../../shared/result';
import type { DeskTransport } from '../bridge';
import { openDraftStore, type DraftStore } from '../drafts/draft-store';
import type { ReceptionDraft } from '../screens/reception/model';
import { standInDesk, type StandInAnswer } from './stand-in-desk';

/** For what waits on IndexedDB, which a loaded CI machine can make slow (fake-indexeddb schedules every step). */
export const SLOW = { timeout: 5000 };
/** The receipt the stand-in desk gives for every reception it records. */
export const RECEIPT = { code: '000.00.06.H56-261124-1001', pin: '123456', receivedAt: '2026-11-24T09:32:00+07:00', dueAt: '2026-11-24T17:00:00+07:00' };
/** The birth registration: the procedure most of these tests type. */
export const birth = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;

/** The signed-in clerk `userId` (drafts and receptions set aside are kept per clerk: each test has its own). */
export const clerk = (userId: string) => ({ id: userId, username: `canbo-${userId}`, displayName: 'Trần Thị Bình', role: 'clerk' as const });

/**
 * What the reception screen asks of any desk: the catalog, the working calendar, who the desk is, its settings; and a
 * reception or refusal, recorded at once.
 */
function deskBasics(method: string): Result<unknown> | undefined {
  if (method === 'catalog.procedures') return ok(seedProcedures);
  if (method === 'calendar.get') {
    return ok({
      effective: {},
      server: { config: {}, source: 'seed', updatedAt: '2026-11-01T08:00:00+07:00' },
      local: { officeHours: null, daysOff: [], workingDays: [], updatedAt: null, updatedBy: null },
    });
  }
  if (method === 'app.info') return ok({ version: 'test', deviceId: 'd1', unitCode: '000.00.06.H56', deskNumber: 1 });
  if (method === 'settings.get') return ok({ scanInboxDir: '/scans', dailyBackup: true, dueSoonWorkingHours: 8, publicLookupUrl: null, language: 'vi' });
  if (method === 'dossiers.receive') return ok({ eventId: 'e1', ...RECEIPT, dossier: { id: 'dossier-1', version: 1 } });
  if (method === 'dossiers.refuse') return ok({ eventId: 'e3', dossier: { id: 'dossier-2', version: 1 } });
  return undefined;
}

/** A stand-in desk for the reception screen: `answer` first (what the test follows or troubles), then the basics. */
export function receptionDesk(answer: StandInAnswer = () => undefined): DeskTransport {
  return standInDesk(async (method, input) => (await answer(method, input)) ?? deskBasics(method));
}

/**
 * The desk's scan folder, as the files in it now (listed by name). A pick (attachments.import) moves one out to
 * `imported/`, where the desk knows it as picked; a put-back returns it to the folder and the desk forgets it, so a
 * link of it afterwards fails (`attachment_not_found`), as on the desk. `answer` is for `receptionDesk`.
 */
export class StandInScanFolder extends Set<string> {
  /** The SHA-256 of the scans the desk holds as picked. */
  readonly picked = new Set<string>();
  /** `sha256Of`: the pages' SHA-256 for a file of the folder. */
  constructor(private readonly sha256Of: (fileName: string) => string) {
    super();
  }

  /** Empty, and nothing picked (between tests). */
  override clear(): void {
    super.clear();
    this.picked.clear();
  }

  readonly answer: StandInAnswer = (method, input) => {
    if (method === 'attachments.inbox') {
      return ok({ folder: '/scans', missing: false, files: [...this].sort().map((fileName) => ({ fileName, size: 1200, modifiedAt: '2026-11-24T09:30:00+07:00' })) });
    }
    if (method === 'attachments.import') {
      const { fileName } = input as { fileName: string };
      const sha256 = this.sha256Of(fileName);
      this.delete(fileName);
      this.picked.add(sha256);
      return ok({ sha256, size: 1200, mime: 'application/pdf', fileName, importedAt: '2026-11-24T09:31:00+07:00', alreadyStored: false });
    }
    if (method === 'attachments.putBack') {
      const { sha256, fileName } = input as { sha256: string; fileName: string };
      this.picked.delete(sha256);
      this.add(fileName);
      return ok({ offeredAgain: true });
    }
    if (method === 'attachments.link') {
      if (!this.picked.has((input as { sha256: string }).sha256)) return fail('attachment_not_found', 'Không tìm thấy tệp đính kèm; hãy nhập tệp trước.', 'Attachment not found; import the file first.');
      return ok({ eventId: 'e2', dossier: { id: 'dossier-1', version: 2 } });
    }
    return undefined;
  };
}

/** The draft store's work a run started: waited for before the page goes, or one still running answers into a torn-down page. */
const inFlight: Promise<unknown>[] = [];

export const track = <T,>(work: Promise<T>): Promise<T> => {
  inFlight.push(work);
  return work;
};

/** Until every piece of tracked work has landed, what the screen asks for meanwhile included. */
export async function settled(): Promise<void> {
  await act(async () => {
    let seen = -1;
    while (seen !== inFlight.length) {
      seen = inFlight.length;
      await Promise.allSettled(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
}

/** The page goes once the work it started has settled. */
export async function endRun(): Promise<void> {
  await settled();
  inFlight.length = 0;
  cleanup();
}

/**
 * The page goes as F5, a crash or kill -9 takes it: once the work tracked so far has answered, without waiting for
 * what starts meanwhile (a save still waiting for the typing pause).
 */
export async function killRun(): Promise<void> {
  await act(async () => {
    await Promise.allSettled(inFlight.splice(0));
  });
  cleanup();
}

/** What a full IndexedDB throws on a write. */
export const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
/** What a blocked IndexedDB throws. */
export const databaseBlocked = () => new DOMException('The database is blocked.', 'AbortError');

/**
 * What a test makes the store do before a write, a delete or a list is made: throw (a full or blocked IndexedDB) or
 * wait (an IndexedDB slow to answer).
 */
export interface StoreTrouble {
  beforeSave?(key: string): void | Promise<void>;
  beforeDiscard?(key: string): void | Promise<void>;
  beforeList?(prefix: string): void | Promise<void>;
}

/** `real` with all its work tracked, troubled as `trouble` says. */
export function trackedStore(real: DraftStore, trouble: StoreTrouble = {}): DraftStore {
  /** The work, once the trouble's check has passed: a check that throws fails it, as IndexedDB would. */
  const checked = <T,>(check: () => void | Promise<void>, work: () => Promise<T>): Promise<T> =>
    track(
      (async () => {
        const waiting = check();
        if (waiting) await waiting;
        return work();
      })(),
    );
  return {
    load: (key) => track(real.load(key)),
    list: (prefix) => checked(() => trouble.beforeList?.(prefix), () => real.list(prefix)),
    save: (key, value, now) => checked(() => trouble.beforeSave?.(key), () => real.save(key, value, now)),
    discard: (key) => checked(() => trouble.beforeDiscard?.(key), () => real.discard(key)),
  };
}

/**
 * One run of the app for clerk `userId`, ready once the procedure search is on screen. The renderer's modules are
 * imported afresh (vi.resetModules), as a restart loads them: nothing a run holds in memory (the form, the stores)
 * outlives it; only what `drafts` wrote to IndexedDB does, as in the app.
 */
export async function startRun<S extends DraftStore>(userId: string, run: { drafts: S; desk: DeskTransport; language?: 'vi' | 'en' }): Promise<S> {
  vi.resetModules();
  const [{ ReceptionScreen }, { DeskProvider }, { initI18n }, { useSession }] = await Promise.all([
    import('../screens/reception/ReceptionScreen'),
    import('../desk-context'),
    import('../i18n'),
    import('../store/session'),
  ]);
  initI18n(run.language ?? 'vi');
  useSession.setState({ user: clerk(userId) });
  render(
    <DeskProvider transport={run.desk}>
      <ReceptionScreen drafts={run.drafts} />
    </DeskProvider>,
  );
  await screen.findByTestId('procedure-search');
  return run.drafts;
}

/** The clerk finds a procedure by typing `search` in the procedure search and picks `name` from the list. */
export async function chooseProcedure(user: UserEvent, search: string, name: string): Promise<void> {
  await user.type(await screen.findByTestId('procedure-search'), search);
  await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === name)!);
}

/** The clerk chooses the birth registration. */
export const chooseBirth = (user: UserEvent): Promise<void> => chooseProcedure(user, 'dang ky khai sinh', birth.name);

/** Who each offer of a saved draft is for, top first, as the clerk reads them. */
export const offered = (): string[] => screen.queryAllByTestId('draft-offer').map((o) => o.querySelector('strong')?.textContent ?? '');

/** Who each reception set aside is for, as listed. */
export const parkedLines = (): string[] => screen.queryAllByTestId('parked-reception').map((line) => line.querySelector('strong')?.textContent ?? '');

/** The applicant names of the clerk's form drafts in the drafts database, sorted (not those set aside). */
export async function storedNames(userId: string, dbName: string): Promise<string[]> {
  const all = await openDraftStore(dbName).list<ReceptionDraft>(`reception:${userId}:`);
  return all.map((d) => d.value.applicant.name).sort();
}
