// @vitest-environment jsdom
/**
 * The drafts left by earlier runs as the clerk meets them: only the newest few offered one by one, the older ones
 * counted with a way to throw them away; the scans picked for a draft thrown away given back to the scan folder; and
 * the draft store's writes, in order and each one checked, so "Đã tự lưu bản nháp" is only said when it is true.
 * Each "app run" imports the renderer's modules afresh (vi.resetModules); only IndexedDB (fake-indexeddb) outlives
 * it, as in the app.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openDraftStore, type DraftStore } from '../../drafts/draft-store';
import { formatVnDateTime } from '../../format/vn-time';
import {
  birth,
  chooseBirth,
  databaseBlocked,
  endRun,
  offered,
  quotaExceeded,
  receptionDesk,
  settled,
  SLOW,
  StandInScanFolder,
  startRun,
  storedNames,
  trackedStore,
} from '../../test-support/reception-run';
import { emptyDraft, type ReceptionDraft } from './model';

const firstPaper = birth.components[0]!;
const SCAN = { fileName: 'giay-to-tuy-than.pdf', sha256: 'c'.repeat(64) };

/** The desk's scan folder (a pick takes a file out to `imported/`, a put-back returns it); every file there is SCAN. */
const scanFolder = new StandInScanFolder(() => SCAN.sha256);
/** What the desk was asked to put back, in order. */
const putBacks: unknown[] = [];

const desk = receptionDesk((method, input) => {
  if (method === 'attachments.putBack') putBacks.push(input);
  return scanFolder.answer(method, input);
});

afterEach(async () => {
  await endRun();
  scanFolder.clear();
  putBacks.length = 0;
});

/**
 * A store over IndexedDB that the test can trouble: its writes can fail (a full or blocked IndexedDB), and the next
 * save can be held back until the test lets it go (an IndexedDB slow to answer).
 */
interface TroubledStore extends DraftStore {
  failSaves: boolean;
  failDiscards: boolean;
  /** Holds the next save back; the function lets it go. */
  holdNextSave(): () => void;
  saveStarted: Promise<void>;
}

function troubled(real: DraftStore): TroubledStore {
  let hold: Promise<void> | null = null;
  let started: () => void = () => undefined;
  const store: TroubledStore = {
    ...trackedStore(real, {
      async beforeSave() {
        const wait = hold;
        hold = null;
        started();
        if (wait) await wait;
        if (store.failSaves) throw quotaExceeded();
      },
      beforeDiscard() {
        if (store.failDiscards) throw databaseBlocked();
      },
    }),
    failSaves: false,
    failDiscards: false,
    saveStarted: Promise.resolve(),
    holdNextSave() {
      let release: () => void = () => undefined;
      hold = new Promise((resolve) => (release = resolve));
      store.saveStarted = new Promise((resolve) => (started = resolve));
      return release;
    },
  };
  return store;
}

/** One run of the app for clerk `userId`: the renderer's modules loaded afresh, the drafts database as left. */
function startApp(dbName: string, userId: string, language: 'vi' | 'en' = 'vi'): Promise<TroubledStore> {
  return startRun(userId, { drafts: troubled(openDraftStore(dbName)), desk, language });
}

async function reload(dbName: string, userId: string): Promise<TroubledStore> {
  await endRun();
  return startApp(dbName, userId);
}

/** Drafts left by an earlier run: `names`, the first saved first, a minute apart. */
async function leftDrafts(dbName: string, userId: string, names: string[], scanFor: string | null = null): Promise<Date[]> {
  const store = openDraftStore(dbName);
  const times: Date[] = [];
  for (const [i, name] of names.entries()) {
    const at = new Date(Date.UTC(2026, 10, 24, 1, i));
    const draft: ReceptionDraft = { ...emptyDraft(), procedureCode: birth.code, applicant: { ...emptyDraft().applicant, name } };
    if (name === scanFor) draft.components = { [firstPaper.id]: { present: true, copies: 1, attachmentSha256: SCAN.sha256, attachmentName: SCAN.fileName } };
    await store.save(`reception:${userId}:${draft.id}`, draft, at);
    times.push(at);
  }
  return times;
}

const nameField = () => screen.getByRole('textbox', { name: /Họ và tên|Full name/ }) as HTMLInputElement;
const olderLine = () => screen.queryByTestId('draft-offers-older');

describe('many drafts left by earlier runs', () => {
  it('offers the newest three one by one, counts the older ones, and throws those away on request, scans given back', async () => {
    const user = userEvent.setup();
    const db = 'offers-capped';
    scanFolder.add('to-khai-khac.pdf');
    const names = ['Người nộp số 1', 'Người nộp số 2', 'Người nộp số 3', 'Người nộp số 4', 'Người nộp số 5', 'Người nộp số 6', 'Người nộp số 7'];
    const times = await leftDrafts(db, 'c1', names, 'Người nộp số 2');
    await startApp(db, 'c1');

    await waitFor(() => expect(offered()).toEqual(['Người nộp số 7', 'Người nộp số 6', 'Người nộp số 5']), SLOW);
    expect(olderLine()!.textContent).toContain(`Còn 4 bản nháp cũ hơn, bản cũ nhất lưu lúc ${formatVnDateTime(times[0]!.toISOString())}`);
    // The form itself is still the first thing under the offers, empty for the citizen in front of the clerk.
    expect(nameField().value).toBe('');

    // Answering one brings the next older one up.
    await user.click(within(screen.getByRole('group', { name: 'Người nộp số 7' })).getByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(offered()).toEqual(['Người nộp số 6', 'Người nộp số 5', 'Người nộp số 4']), SLOW);
    expect(olderLine()!.textContent).toContain('Còn 3 bản nháp cũ hơn');

    // Asked first; Escape keeps them, and the keyboard goes back to the button.
    await user.click(screen.getByRole('button', { name: 'Bỏ 3 bản nháp cũ hơn' }));
    const question = screen.getByRole('alertdialog', { name: 'Bỏ 3 bản nháp cũ hơn?' });
    expect(question.textContent).toContain('bản quét đã chọn cho chúng được trả về thư mục quét');
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Giữ lại' })));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Bỏ 3 bản nháp cũ hơn' }));
    expect(await storedNames('c1', db)).toHaveLength(6);

    await user.click(screen.getByRole('button', { name: 'Bỏ 3 bản nháp cũ hơn' }));
    await user.click(screen.getByRole('button', { name: 'Bỏ 3 bản nháp' }));
    await waitFor(() => expect(olderLine()).toBeNull(), SLOW);
    expect(offered()).toEqual(['Người nộp số 6', 'Người nộp số 5', 'Người nộp số 4']);
    await waitFor(async () => expect(await storedNames('c1', db)).toEqual(['Người nộp số 4', 'Người nộp số 5', 'Người nộp số 6']), SLOW);
    // Số 2's scan is back in the folder, offered for the next form.
    await waitFor(() => expect([...scanFolder].sort()).toEqual([SCAN.fileName, 'to-khai-khac.pdf']), SLOW);

    await reload(db, 'c1');
    await waitFor(() => expect(offered()).toEqual(['Người nộp số 6', 'Người nộp số 5', 'Người nộp số 4']), SLOW);
    expect(olderLine()).toBeNull();
  });

  it('says the count in English too, one draft as one', async () => {
    const db = 'offers-capped-en';
    await leftDrafts(db, 'c2', ['A', 'B', 'C', 'D']);
    await startApp(db, 'c2', 'en');
    await waitFor(() => expect(offered()).toEqual(['D', 'C', 'B']), SLOW);
    expect(olderLine()!.textContent).toMatch(/^1 older draft, saved at .*Discard the older draft$/);
  });
});

describe('a draft thrown away gives its scans back', () => {
  it('puts the scan picked for an offered draft back in the scan folder, where the next form can pick it', async () => {
    const user = userEvent.setup();
    const db = 'offer-scans';
    scanFolder.add(SCAN.fileName);
    await startApp(db, 's1');
    await chooseBirth(user);
    await user.type(nameField(), 'Đinh Văn Lực');
    await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${firstPaper.name}` }));
    await user.click(await screen.findByRole('button', { name: new RegExp(SCAN.fileName) }));
    await waitFor(() => expect(within(screen.getByTestId(`scan-${firstPaper.id}`)).getByText(SCAN.fileName)).toBeTruthy());
    await waitFor(async () => expect(await storedNames('s1', db)).toEqual(['Đinh Văn Lực']), SLOW);
    expect(scanFolder.has(SCAN.fileName)).toBe(false);

    // The PC restarts; the clerk throws the interrupted form away and serves the next citizen with the same scan.
    await reload(db, 's1');
    await waitFor(() => expect(offered()).toEqual(['Đinh Văn Lực']), SLOW);
    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(offered()).toEqual([]), SLOW);
    await waitFor(() => expect(putBacks).toEqual([{ sha256: SCAN.sha256, fileName: SCAN.fileName }]), SLOW);

    await chooseBirth(user);
    await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${firstPaper.name}` }));
    expect(await screen.findByRole('button', { name: new RegExp(SCAN.fileName) })).toBeTruthy();
  });
});

describe('"Đã tự lưu bản nháp" only when the draft is written', () => {
  it('says plainly that a draft could not be saved, never "saved", and lets the clerk type and receive on', async () => {
    const user = userEvent.setup();
    const db = 'write-fails';
    const drafts = await startApp(db, 'w1');
    drafts.failSaves = true;
    await chooseBirth(user);
    await user.type(nameField(), 'Nguyễn Văn Đức');

    const failure = await screen.findByTestId('draft-not-saved', undefined, SLOW);
    expect(failure.getAttribute('role')).toBe('alert');
    expect(failure.textContent).toContain('Không lưu được bản nháp');
    expect(screen.queryByTestId('draft-saved')).toBeNull();
    expect(screen.queryByText(/Đã tự lưu bản nháp/)).toBeNull();
    expect(await storedNames('w1', db)).toEqual([]);
    // Typing goes on as before.
    await user.type(screen.getByRole('textbox', { name: /Số định danh cá nhân/ }), '001203004567');
    expect(nameField().value).toBe('Nguyễn Văn Đức');

    // IndexedDB answers again: the next pause saves, and the note says so.
    drafts.failSaves = false;
    await user.type(nameField(), ' A');
    await waitFor(() => expect(screen.getByTestId('draft-saved').textContent).toContain('Đã tự lưu bản nháp'), SLOW);
    expect(screen.queryByTestId('draft-not-saved')).toBeNull();
    expect(await storedNames('w1', db)).toEqual(['Nguyễn Văn Đức A']);

    // Failing again, the reception is still recorded and printed.
    drafts.failSaves = true;
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await screen.findByTestId('draft-not-saved', undefined, SLOW);
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    // The next citizen's form starts without the last one's alarm, even when a write of that one fails after F2.
    expect(screen.queryByTestId('draft-not-saved')).toBeNull();
    await chooseBirth(user);
    await user.type(nameField(), 'Lê Văn Tám');
    const release = drafts.holdNextSave();
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await drafts.saveStarted;
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    release();
    await settled();
    expect(screen.queryByTestId('draft-not-saved')).toBeNull();
  });

  it('keeps an offered draft the store could not remove, and says so', async () => {
    const user = userEvent.setup();
    const db = 'discard-fails';
    await leftDrafts(db, 'w2', ['Lê Thị Hồng Nhung']);
    const drafts = await startApp(db, 'w2');
    await waitFor(() => expect(offered()).toEqual(['Lê Thị Hồng Nhung']), SLOW);
    drafts.failDiscards = true;
    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Không xoá được bản nháp');
    expect(offered()).toEqual(['Lê Thị Hồng Nhung']);

    drafts.failDiscards = false;
    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(offered()).toEqual([]), SLOW);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('draft writes land in the order the clerk made them', () => {
  it('keeps the letters typed last when the save before them is slow to finish', async () => {
    const user = userEvent.setup();
    const db = 'order-typing';
    const drafts = await startApp(db, 'o1');
    const release = drafts.holdNextSave();
    await user.type(nameField(), 'Phạm Văn');
    await drafts.saveStarted;
    await user.type(nameField(), ' Đồng');
    // The second pause's write is asked for while the first still hangs; then the first finishes.
    await new Promise((resolve) => setTimeout(resolve, 600));
    release();
    await settled();
    expect(await storedNames('o1', db)).toEqual(['Phạm Văn Đồng']);
    await waitFor(() => expect(screen.getByTestId('draft-saved').textContent).toContain('Đã tự lưu bản nháp'), SLOW);

    await reload(db, 'o1');
    await waitFor(() => expect(offered()).toEqual(['Phạm Văn Đồng']), SLOW);
  });

  it('does not offer back a dossier received while its last draft was still being written', async () => {
    const user = userEvent.setup();
    const db = 'order-received';
    const drafts = await startApp(db, 'o2');
    await chooseBirth(user);
    await user.type(nameField(), 'Hoàng Văn Nam');
    const release = drafts.holdNextSave();
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await drafts.saveStarted;
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    release();
    await settled();
    expect(await storedNames('o2', db)).toEqual([]);

    await reload(db, 'o2');
    // Nothing to offer: the citizen was received. (Waited for the start's read of the drafts.)
    await settled();
    expect(offered()).toEqual([]);
  });
});
