// @vitest-environment jsdom
/**
 * A scan goes back to the scan folder only when no form of the clerk's still names it. A draft left by an earlier
 * run can be a second copy of a reception set aside (a discard that failed, a power cut between setting it aside and
 * emptying the form: "two copies, never none"): throwing one copy away must not take the papers from the other. The
 * desk stand-in does what the desk does: a scan put back goes back to the folder and the desk forgets it, so a link
 * of it afterwards fails (`attachment_not_found`). Also: a scan left out of a new procedure's checklist goes back,
 * and a put-back the desk does not make is said. Each "app run" imports the renderer's modules afresh.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { fail } from '../../../../shared/result';
import { openDraftStore } from '../../drafts/draft-store';
import {
  birth,
  chooseProcedure,
  databaseBlocked,
  endRun,
  offered,
  parkedLines,
  receptionDesk,
  settled,
  SLOW,
  StandInScanFolder,
  startRun,
  trackedStore,
} from '../../test-support/reception-run';
import { emptyDraft, type ReceptionDraft } from './model';

const death = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai tử')!;
const firstPaper = birth.components[0]!;
/** A scanner's own file name, and the pages' SHA-256. */
const SCAN = { fileName: 'scan-0042.pdf', sha256: 'd'.repeat(64) };

/**
 * The files in the desk's scan folder now: a pick takes one out (to `imported/`), a put-back returns it; the scans the
 * desk knows as picked (`picked`): a put-back forgets one, and its link then fails.
 */
const scanFolder = new StandInScanFolder(() => SCAN.sha256);
/** The desk does not answer put-backs (stopped, restarting). */
let putBackFails = false;
const calls: { method: string; input: unknown }[] = [];
const called = (method: string) => calls.filter((c) => c.method === method).map((c) => c.input);

const desk = receptionDesk((method, input) => {
  calls.push({ method, input });
  if (method === 'attachments.putBack' && putBackFails) return fail('desk_unreachable', 'Không kết nối được với phần mềm tại quầy.', 'Cannot reach the desk program.');
  return scanFolder.answer(method, input);
});

afterEach(async () => {
  await endRun();
  scanFolder.clear();
  putBackFails = false;
  listsFail = false;
  calls.length = 0;
});

/** The drafts cannot be read (IndexedDB blocked), from when the test says so. */
let listsFail = false;

async function startApp(dbName: string, userId: string): Promise<void> {
  const drafts = trackedStore(openDraftStore(dbName), {
    beforeList() {
      if (listsFail) throw databaseBlocked();
    },
  });
  await startRun(userId, { drafts, desk });
}

/**
 * A birth registration with every paper brought and SCAN picked for the first, left by an earlier run twice: as a
 * draft of the form and as a reception set aside (the copy a failed discard or a power cut leaves).
 */
async function leftTwice(dbName: string, userId: string, name: string): Promise<void> {
  const store = openDraftStore(dbName);
  const draft: ReceptionDraft = {
    ...emptyDraft(),
    procedureCode: birth.code,
    applicant: { ...emptyDraft().applicant, name },
    components: Object.fromEntries(birth.components.map((c) => [c.id, { present: true, copies: c.copies }])),
  };
  draft.components[firstPaper.id] = { present: true, copies: firstPaper.copies, attachmentSha256: SCAN.sha256, attachmentName: SCAN.fileName };
  await store.save(`reception:${userId}:${draft.id}`, draft, new Date(Date.UTC(2026, 10, 24, 1, 0)));
  await store.save(`reception-parked:${userId}:${crypto.randomUUID()}`, draft, new Date(Date.UTC(2026, 10, 24, 1, 1)));
  scanFolder.picked.add(SCAN.sha256);
}

/** The same form left by an earlier run once, as a draft only. */
async function leftDrafts(dbName: string, userId: string, name: string): Promise<void> {
  const draft: ReceptionDraft = { ...emptyDraft(), procedureCode: birth.code, applicant: { ...emptyDraft().applicant, name } };
  draft.components[firstPaper.id] = { present: true, copies: firstPaper.copies, attachmentSha256: SCAN.sha256, attachmentName: SCAN.fileName };
  await openDraftStore(dbName).save(`reception:${userId}:${draft.id}`, draft, new Date(Date.UTC(2026, 10, 24, 1, 0)));
  scanFolder.picked.add(SCAN.sha256);
}

describe('a scan still named by another copy of the form stays where it is', () => {
  it('keeps the scan of a draft thrown away while the same reception is set aside, so it is linked when the citizen returns', async () => {
    const user = userEvent.setup();
    const db = 'named-offer-twin';
    await leftTwice(db, 'n1', 'Đinh Văn Lực');
    await startApp(db, 'n1');
    await waitFor(() => expect(offered()).toEqual(['Đinh Văn Lực']), SLOW);
    await waitFor(() => expect(parkedLines()).toEqual(['Đinh Văn Lực']), SLOW);

    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(offered()).toEqual([]), SLOW);
    await settled();
    expect(called('attachments.putBack')).toEqual([]);
    expect(scanFolder.has(SCAN.fileName)).toBe(false);

    // The citizen comes back: the reception set aside is taken up and saved, its scan linked and on the slip.
    await user.click(screen.getByRole('button', { name: 'Tiếp tục hồ sơ: Đinh Văn Lực' }));
    await waitFor(() => expect(parkedLines()).toEqual([]), SLOW);
    expect((screen.getByRole('textbox', { name: /Họ và tên/ }) as HTMLInputElement).value).toBe('Đinh Văn Lực');
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet', undefined, SLOW);
    await waitFor(() => expect(called('attachments.link')).toHaveLength(1), SLOW);
    expect(screen.queryByText(/chưa gắn được bản quét/)).toBeNull();
  });

  it('keeps the scan of a reception set aside thrown away while its draft is still offered, and gives it back with the last copy', async () => {
    const user = userEvent.setup();
    const db = 'named-parked-twin';
    await leftTwice(db, 'n2', 'Lê Thị Hoa');
    await startApp(db, 'n2');
    await waitFor(() => expect(parkedLines()).toEqual(['Lê Thị Hoa']), SLOW);
    await waitFor(() => expect(offered()).toEqual(['Lê Thị Hoa']), SLOW);

    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ để riêng: Lê Thị Hoa' }));
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ này' }));
    await waitFor(() => expect(parkedLines()).toEqual([]), SLOW);
    await settled();
    expect(called('attachments.putBack')).toEqual([]);

    // The last copy goes: no form names the scan any more, and it is back in the folder.
    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(called('attachments.putBack')).toEqual([SCAN]), SLOW);
    expect(scanFolder.has(SCAN.fileName)).toBe(true);
  });
});

/** The clerk picks `fileName` from the scan folder for the first paper. */
async function pickScan(user: ReturnType<typeof userEvent.setup>, fileName = SCAN.fileName) {
  await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${firstPaper.name}` }));
  await user.click(await screen.findByRole('button', { name: new RegExp(fileName.replace('.', '\\.')) }));
  await waitFor(() => expect(within(screen.getByTestId(`scan-${firstPaper.id}`)).getByText(fileName)).toBeTruthy());
}

describe('a scan whose other copies cannot be checked', () => {
  it('is kept out of the folder, said, and given back once the drafts can be read again', async () => {
    const user = userEvent.setup();
    const db = 'named-unreadable';
    await leftDrafts(db, 'n3', 'Phạm Văn Tâm');
    await startApp(db, 'n3');
    await waitFor(() => expect(offered()).toEqual(['Phạm Văn Tâm']), SLOW);

    // A copy set aside may name it, and the store cannot say: the scan stays claimed, and the clerk is told.
    listsFail = true;
    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    await screen.findByText(/^Chưa trả được 1 bản quét về thư mục nhận bản quét\./, undefined, SLOW);
    expect(called('attachments.putBack')).toEqual([]);

    listsFail = false;
    await chooseProcedure(user, 'khai tu', death.name);
    await user.click(screen.getByRole('button', { name: /Tiếp nhận hồ sơ mới/ }));
    await user.click(screen.getByRole('button', { name: 'Bỏ, tiếp nhận hồ sơ mới' }));
    await waitFor(() => expect(called('attachments.putBack')).toEqual([SCAN]), SLOW);
    expect(screen.queryByText(/Chưa trả được/)).toBeNull();
  });
});

describe('a scan left out of the checklist of another procedure', () => {
  it('goes back to the scan folder when the clerk chooses another procedure, to be picked for its papers', async () => {
    const user = userEvent.setup();
    const db = 'procedure-changed';
    scanFolder.add(SCAN.fileName);
    await startApp(db, 'c1');
    await chooseProcedure(user, 'dang ky khai sinh', birth.name);
    await pickScan(user);
    expect(scanFolder.has(SCAN.fileName)).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Chọn thủ tục khác' }));
    await waitFor(() => expect(called('attachments.putBack')).toEqual([SCAN]), SLOW);
    expect(scanFolder.has(SCAN.fileName)).toBe(true);
    await settled();
    // The draft no longer names it either: a reload would not offer a form holding a scan back in the folder.
    const [stored] = await openDraftStore(db).list<ReceptionDraft>('reception:c1:');
    expect(Object.values(stored?.value.components ?? {}).some((c) => c.attachmentSha256)).toBe(false);

    await chooseProcedure(user, 'khai tu', death.name);
    await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${death.components[0]!.name}` }));
    expect(await screen.findByRole('button', { name: new RegExp(SCAN.fileName.replace('.', '\\.')) })).toBeTruthy();
  });
});

describe('a put-back the desk does not make', () => {
  it('says how many scans are still out of the folder, in both languages, and gives them back with the next put-back', async () => {
    const user = userEvent.setup();
    const db = 'put-back-fails';
    scanFolder.add(SCAN.fileName);
    await startApp(db, 'f1');
    await chooseProcedure(user, 'dang ky khai sinh', birth.name);
    await pickScan(user);

    putBackFails = true;
    await user.click(screen.getByRole('button', { name: 'Chọn thủ tục khác' }));
    const alert = await screen.findByText(/^Chưa trả được 1 bản quét về thư mục nhận bản quét\./, undefined, SLOW);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('“imported”');
    // The count, not the file's name: a scan may be saved under the citizen's name.
    expect(alert.textContent).not.toContain(SCAN.fileName);
    const { changeLanguage } = await import('../../i18n');
    await act(() => changeLanguage('en'));
    expect(alert.textContent).toMatch(/^Could not return 1 scan to the scan inbox folder\./);
    await act(() => changeLanguage('vi'));

    // The desk answers again: the next put-back (here, of a form thrown away with nothing picked) takes it along.
    putBackFails = false;
    await chooseProcedure(user, 'khai tu', death.name);
    await user.click(screen.getByRole('button', { name: /Tiếp nhận hồ sơ mới/ }));
    await user.click(screen.getByRole('button', { name: 'Bỏ, tiếp nhận hồ sơ mới' }));
    await waitFor(() => expect(scanFolder.has(SCAN.fileName)).toBe(true), SLOW);
    await waitFor(() => expect(screen.queryByText(/Chưa trả được/)).toBeNull(), SLOW);
  });
});

describe("a scan taken off its paper with the picker's own «Bỏ»", () => {
  it('stays out of the folder while a reception set aside names it, and a put-back the desk does not make is said', async () => {
    const user = userEvent.setup();
    const db = 'picker-remove';
    await leftTwice(db, 'r1', 'Hồ Văn Nam');
    await startApp(db, 'r1');
    await waitFor(() => expect(offered()).toEqual(['Hồ Văn Nam']), SLOW);
    await user.click(screen.getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(within(screen.getByTestId(`scan-${firstPaper.id}`)).getByText(SCAN.fileName)).toBeTruthy(), SLOW);

    // The copy set aside still names the scan: taking it off this form leaves it claimed for that one.
    await user.click(screen.getByRole('button', { name: `Bỏ bản quét: ${firstPaper.name}` }));
    await waitFor(() => expect(screen.getByRole('button', { name: `Đính kèm bản quét: ${firstPaper.name}` })).toBeTruthy());
    await settled();
    expect(called('attachments.putBack')).toEqual([]);

    // A scan no other form names goes back; one the desk does not take back is counted on screen.
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ để riêng: Hồ Văn Nam' }));
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ này' }));
    await waitFor(() => expect(called('attachments.putBack')).toEqual([SCAN]), SLOW);
    scanFolder.add('scan-0043.pdf');
    await pickScan(user, 'scan-0043.pdf');
    putBackFails = true;
    await user.click(screen.getByRole('button', { name: `Bỏ bản quét: ${firstPaper.name}` }));
    await screen.findByText(/^Chưa trả được 1 bản quét về thư mục nhận bản quét\./, undefined, SLOW);
  });
});
