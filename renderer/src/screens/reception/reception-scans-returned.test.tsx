// @vitest-environment jsdom
/**
 * What becomes of the scans a clerk picked from the scan folder once the form is done with, and of a reception set
 * aside when the draft store (IndexedDB) fails. A scan picked leaves the folder (the desk moves it to `imported/`):
 * one that ends on no dossier must come back to the folder, or it silently disappears from the clerk's list. The
 * desk stand-in keeps the folder's files as a set: an import takes one out, a put-back returns it.
 */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { DeskProvider } from '../../desk-context';
import { changeLanguage, initI18n } from '../../i18n';
import { useSession } from '../../store/session';
import { openDraftStore, type DraftStore } from '../../drafts/draft-store';
import {
  chooseProcedure,
  clerk,
  databaseBlocked,
  endRun,
  parkedLines,
  quotaExceeded,
  RECEIPT,
  receptionDesk,
  SLOW,
  StandInScanFolder,
  trackedStore,
} from '../../test-support/reception-run';
import { ReceptionScreen } from './ReceptionScreen';

const MARRIAGE = 'Thủ tục đăng ký kết hôn';
const marriage = seedProcedures.find((p) => p.name === MARRIAGE)!;
// The marriage registration's papers: the declaration, the marital status certificate (optional), the ID paper.
const [declaration, maritalStatus, idPaper] = marriage.components as [(typeof marriage.components)[number], (typeof marriage.components)[number], (typeof marriage.components)[number]];
/** Each file in the folder has its own pages: its SHA-256 is told by its name. */
const shaOf = (fileName: string): string => (fileName.startsWith('to-khai') ? 'a' : fileName.startsWith('xac-nhan') ? 'b' : 'c').repeat(64);

const scanFolder = new StandInScanFolder(shaOf);
const calls: { method: string; input: unknown }[] = [];
const called = (method: string) => calls.filter((c) => c.method === method).map((c) => c.input);

const desk = receptionDesk((method, input) => {
  calls.push({ method, input });
  return scanFolder.answer(method, input);
});

/**
 * IndexedDB as the clerk's receptions set aside meet it: the writes and deletes of those (not of the form's own
 * draft) can be made to fail, as a full or blocked database fails them.
 */
interface TroubledStore extends DraftStore {
  failParkedWrites: boolean;
  failParkedDiscards: boolean;
}

function troubled(real: DraftStore): TroubledStore {
  const parked = (key: string) => key.startsWith('reception-parked:');
  const store: TroubledStore = {
    ...trackedStore(real, {
      beforeSave(key) {
        if (store.failParkedWrites && parked(key)) throw quotaExceeded();
      },
      beforeDiscard(key) {
        if (store.failParkedDiscards && parked(key)) throw databaseBlocked();
      },
    }),
    failParkedWrites: false,
    failParkedDiscards: false,
  };
  return store;
}

beforeAll(() => {
  initI18n('vi');
});

afterEach(async () => {
  await endRun();
  scanFolder.clear();
  calls.length = 0;
});

afterAll(async () => {
  await changeLanguage('vi');
});

/** The screen for clerk `userId` (drafts are kept per clerk: each test has its own), over its own drafts database. */
function startScreen(userId: string): TroubledStore {
  useSession.setState({ user: clerk(userId) });
  const drafts = troubled(openDraftStore(`scans-returned-${userId}`));
  render(
    <DeskProvider transport={desk}>
      <ReceptionScreen drafts={drafts} />
    </DeskProvider>,
  );
  return drafts;
}

const nameField = () => screen.getByRole('textbox', { name: /Họ và tên/ }) as HTMLInputElement;
const setAsideButton = () => screen.getByRole('button', { name: /Để riêng, tiếp người khác/ });
const paperBox = (paper: { id: string }) => screen.getByTestId(`scan-${paper.id}`).closest('tr')!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;

async function typeMarriage(user: ReturnType<typeof userEvent.setup>, name: string) {
  await chooseProcedure(user, 'ket hon', MARRIAGE);
  await user.type(nameField(), name);
}

/** The clerk picks `fileName` from the scan folder for `paper` (which ticks it as brought). */
async function pickScan(user: ReturnType<typeof userEvent.setup>, paper: { id: string; name: string }, fileName: string) {
  await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${paper.name}` }));
  await user.click(await screen.findByRole('button', { name: new RegExp(fileName.replace('.', '\\.')) }));
  await waitFor(() => expect(within(screen.getByTestId(`scan-${paper.id}`)).getByText(fileName)).toBeTruthy());
}

/** The clerk opens the scan folder's list for `paper`. */
async function openFolderFor(user: ReturnType<typeof userEvent.setup>, paper: { id: string; name: string }) {
  await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${paper.name}` }));
  return within(screen.getByTestId(`scan-${paper.id}`)).getByRole('group');
}

/** The files a scan folder list offers, as the clerk reads them. */
const filesIn = (list: HTMLElement): string[] => [...list.querySelectorAll('.scan-file')].map((f) => f.textContent ?? '');

describe('scans picked for a form no dossier takes go back to the scan folder', () => {
  it('gives back the scans picked for a form refused at the counter (form 03): the next form is offered them', async () => {
    const user = userEvent.setup();
    scanFolder.add('to-khai-quyet.pdf');
    startScreen('r1');
    await typeMarriage(user, 'Trịnh Văn Quyết');
    await pickScan(user, declaration, 'to-khai-quyet.pdf');
    expect(scanFolder.has('to-khai-quyet.pdf')).toBe(false);

    // The ID paper is missing: the clerk refuses, with the reason.
    await user.type(screen.getByRole('textbox', { name: /Lý do từ chối/ }), 'Thiếu giấy tờ tùy thân');
    await user.click(screen.getByRole('button', { name: /Từ chối tiếp nhận \(mẫu 03\)/ }));
    await screen.findByTestId('print-sheet');
    expect(screen.getByTestId('reception-done').textContent).toBe('Đã lập phiếu từ chối tiếp nhận.');
    await waitFor(() => expect(scanFolder.has('to-khai-quyet.pdf')).toBe(true), SLOW);
    expect(called('attachments.putBack')).toEqual([{ sha256: shaOf('to-khai-quyet.pdf'), fileName: 'to-khai-quyet.pdf' }]);
    expect(called('attachments.link')).toEqual([]);

    // The citizen comes back with the ID paper: the same scan is there to pick, not to be scanned again.
    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    await typeMarriage(user, 'Trịnh Văn Quyết');
    const list = await openFolderFor(user, declaration);
    await waitFor(() => expect(filesIn(list)).toEqual(['to-khai-quyet.pdf']), SLOW);
  });

  it('links the scans of the papers ticked and gives back, after, the scan of a paper the clerk unticked', async () => {
    const user = userEvent.setup();
    scanFolder.add('to-khai-lan.pdf').add('xac-nhan-lan.pdf');
    startScreen('r2');
    await typeMarriage(user, 'Lê Thị Lan');
    await pickScan(user, declaration, 'to-khai-lan.pdf');
    await pickScan(user, maritalStatus, 'xac-nhan-lan.pdf');
    await user.click(paperBox(idPaper));
    // The certificate turns out not to be brought after all (optional for this procedure): unticked, its scan stays.
    await user.click(paperBox(maritalStatus));
    expect(paperBox(maritalStatus).checked).toBe(false);
    expect(within(screen.getByTestId(`scan-${maritalStatus.id}`)).getByText('xac-nhan-lan.pdf')).toBeTruthy();

    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    expect(screen.getByTestId('reception-done').textContent).toContain(RECEIPT.code);
    expect(called('attachments.link').map((input) => (input as { target: unknown }).target)).toEqual([{ componentId: declaration.id }]);
    await waitFor(() => expect([...scanFolder]).toEqual(['xac-nhan-lan.pdf']), SLOW);
    expect(called('attachments.putBack')).toEqual([{ sha256: shaOf('xac-nhan-lan.pdf'), fileName: 'xac-nhan-lan.pdf' }]);
    // Given back once the links are made, never before: a scan linked is not the one moved back.
    const order = calls.map((c) => c.method);
    expect(order.indexOf('attachments.putBack')).toBeGreaterThan(order.lastIndexOf('attachments.link'));

    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    await typeMarriage(user, 'Phạm Văn Tâm');
    const list = await openFolderFor(user, maritalStatus);
    await waitFor(() => expect(filesIn(list)).toEqual(['xac-nhan-lan.pdf']), SLOW);
  });
});

describe('a reception set aside when the draft store fails', () => {
  it('says it could not set the form aside, in both languages, and keeps the form as typed', async () => {
    const user = userEvent.setup();
    const drafts = startScreen('p1');
    await typeMarriage(user, 'Trịnh Văn Quyết');
    drafts.failParkedWrites = true;
    await user.click(setAsideButton());

    const alert = await screen.findByText(/^Không để riêng được hồ sơ: Trịnh Văn Quyết\./, undefined, SLOW);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Hồ sơ vẫn giữ nguyên trên màn hình như đã nhập');
    expect(nameField().value).toBe('Trịnh Văn Quyết');
    expect(screen.getByTestId('chosen-procedure').textContent).toContain(MARRIAGE);
    expect(parkedLines()).toEqual([]);
    expect(screen.queryByTestId('reception-done')).toBeNull();
    await act(() => changeLanguage('en'));
    expect(alert.textContent).toMatch(/^Could not set aside: Trịnh Văn Quyết\. .*The form stays on screen as typed; nothing is lost\./);
    await act(() => changeLanguage('vi'));

    // IndexedDB answers again: the same press sets it aside, and the message goes.
    drafts.failParkedWrites = false;
    await user.click(setAsideButton());
    await waitFor(() => expect(parkedLines()).toEqual(['Trịnh Văn Quyết']), SLOW);
    expect(nameField().value).toBe('');
    expect(screen.queryByText(/Không để riêng được hồ sơ/)).toBeNull();
  });

  it('does not take a dossier up again over a form that could not be set aside in its place', async () => {
    const user = userEvent.setup();
    const drafts = startScreen('p2');
    await typeMarriage(user, 'Đinh Văn Lực');
    await user.click(setAsideButton());
    await waitFor(() => expect(parkedLines()).toEqual(['Đinh Văn Lực']), SLOW);
    await typeMarriage(user, 'Lê Thị Hoa');

    drafts.failParkedWrites = true;
    await user.click(screen.getByRole('button', { name: 'Tiếp tục hồ sơ: Đinh Văn Lực' }));
    const alert = await screen.findByText(/^Chưa tiếp tục được hồ sơ: Đinh Văn Lực\./, undefined, SLOW);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(nameField().value).toBe('Lê Thị Hoa');
    expect(parkedLines()).toEqual(['Đinh Văn Lực']);
  });

  it('takes a dossier up again whose copy the store would not remove, and says to leave that copy until done', async () => {
    const user = userEvent.setup();
    const drafts = startScreen('p3');
    await typeMarriage(user, 'Đinh Văn Lực');
    await user.click(setAsideButton());
    await waitFor(() => expect(parkedLines()).toEqual(['Đinh Văn Lực']), SLOW);

    drafts.failParkedDiscards = true;
    await user.click(screen.getByRole('button', { name: 'Tiếp tục hồ sơ: Đinh Văn Lực' }));
    const alert = await screen.findByText(/^Đã tiếp tục hồ sơ: Đinh Văn Lực, nhưng máy không xoá được/, undefined, SLOW);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('chỉ bỏ bản trong danh sách sau khi đã tiếp nhận hoặc từ chối xong');
    expect(nameField().value).toBe('Đinh Văn Lực');
    expect(parkedLines()).toEqual(['Đinh Văn Lực']);
  });

  it('keeps a dossier set aside the store would not throw away, with its scan, and says so', async () => {
    const user = userEvent.setup();
    scanFolder.add('to-khai-luc.pdf');
    const drafts = startScreen('p4');
    await typeMarriage(user, 'Đinh Văn Lực');
    await pickScan(user, declaration, 'to-khai-luc.pdf');
    await user.click(setAsideButton());
    await waitFor(() => expect(parkedLines()).toEqual(['Đinh Văn Lực']), SLOW);

    drafts.failParkedDiscards = true;
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ để riêng: Đinh Văn Lực' }));
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ này' }));
    const alert = await screen.findByText(/^Không bỏ được hồ sơ để riêng: Đinh Văn Lực\./, undefined, SLOW);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(parkedLines()).toEqual(['Đinh Văn Lực']);
    // Its scan stays with it: put back now, it would be gone from the dossier still listed.
    expect(called('attachments.putBack')).toEqual([]);
    expect(scanFolder.has('to-khai-luc.pdf')).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Bỏ hồ sơ để riêng: Đinh Văn Lực' }));
  });
});
