// @vitest-environment jsdom
/**
 * The draft store (IndexedDB) failing on the side of the form: an offer whose write failed is said on that offer and
 * written again, without an alarm over the forms after it; a list of receptions set aside that cannot be read is said,
 * and reception goes on; the question about the older drafts throws away only the drafts it asked about. Each "app
 * run" imports the renderer's modules afresh (vi.resetModules); only IndexedDB (fake-indexeddb) outlives it.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openDraftStore, type DraftStore } from '../../drafts/draft-store';
import { birth, databaseBlocked, endRun, offered, quotaExceeded, receptionDesk, settled, SLOW, startRun, storedNames, trackedStore } from '../../test-support/reception-run';
import { emptyDraft, type ReceptionDraft } from './model';

/** The desk is not troubled here: only the draft store is. */
const desk = receptionDesk();

afterEach(endRun);

/** IndexedDB as a full or blocked database meets the screen: its saves, or its reads of a list, can fail. */
interface TroubledStore extends DraftStore {
  failSaves: boolean;
  /** Lists whose key starts so fail. */
  failListsOf: string | null;
}

function troubled(real: DraftStore): TroubledStore {
  const store: TroubledStore = {
    ...trackedStore(real, {
      beforeList(prefix) {
        if (store.failListsOf !== null && prefix.startsWith(store.failListsOf)) throw databaseBlocked();
      },
      beforeSave() {
        if (store.failSaves) throw quotaExceeded();
      },
    }),
    failSaves: false,
    failListsOf: null,
  };
  return store;
}

/** One run of the app for clerk `userId`; `before` troubles the store before the screen first reads it. */
function startApp(dbName: string, userId: string, before: (store: TroubledStore) => void = () => undefined): Promise<TroubledStore> {
  const drafts = troubled(openDraftStore(dbName));
  before(drafts);
  return startRun(userId, { drafts, desk });
}

/** Drafts left by an earlier run: `names`, the first saved first, a minute apart. */
async function leftDrafts(dbName: string, userId: string, names: string[]): Promise<void> {
  const store = openDraftStore(dbName);
  for (const [i, name] of names.entries()) {
    const draft: ReceptionDraft = { ...emptyDraft(), procedureCode: birth.code, applicant: { ...emptyDraft().applicant, name } };
    await store.save(`reception:${userId}:${draft.id}`, draft, new Date(Date.UTC(2026, 10, 24, 1, i)));
  }
}

const nameField = () => screen.getByRole('textbox', { name: /Họ và tên|Full name/ }) as HTMLInputElement;
const offer = (who: string) => screen.getByRole('group', { name: who });

describe('a form put among the offers whose write failed', () => {
  it('is said on its offer only, written again once the store answers, and offered after a reload', async () => {
    const user = userEvent.setup();
    const db = 'offer-not-saved';
    await leftDrafts(db, 'u1', ['Lê Thị Hồng Nhung']);
    const drafts = await startApp(db, 'u1');
    await waitFor(() => expect(offered()).toEqual(['Lê Thị Hồng Nhung']), SLOW);
    await user.type(nameField(), 'Nguyễn Văn Đức');
    await waitFor(() => expect(screen.getByTestId('draft-saved')).toBeTruthy(), SLOW);

    // The store fails just as the clerk restores the offer: the form typed goes among the offers, unsaved.
    drafts.failSaves = true;
    await user.click(within(offer('Lê Thị Hồng Nhung')).getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(within(offer('Nguyễn Văn Đức')).getByTestId('draft-offer-not-saved').textContent).toContain('Chưa lưu được bản nháp này'), SLOW);
    // The form on screen is in the store as it is: no alarm over it, and its note stands.
    expect(nameField().value).toBe('Lê Thị Hồng Nhung');
    expect(screen.queryByTestId('draft-not-saved')).toBeNull();
    expect(screen.getByTestId('draft-saved').textContent).toContain('Đã tự lưu bản nháp');

    // The store answers again: the clerk's next pause is saved and said, and the offer is written with it.
    drafts.failSaves = false;
    await user.type(nameField(), ' A');
    await waitFor(() => expect(screen.queryByTestId('draft-offer-not-saved')).toBeNull(), SLOW);
    expect(screen.queryByTestId('draft-not-saved')).toBeNull();
    expect(screen.getByTestId('draft-saved').textContent).toContain('Đã tự lưu bản nháp');
    await settled();
    expect(await storedNames('u1', db)).toEqual(['Lê Thị Hồng Nhung A', 'Nguyễn Văn Đức']);

    await endRun();
    await startApp(db, 'u1');
    await waitFor(() => expect(offered().sort()).toEqual(['Lê Thị Hồng Nhung A', 'Nguyễn Văn Đức']), SLOW);
  });
});

describe('a list of receptions set aside that cannot be read', () => {
  it('is said in both languages, and the clerk receives on', async () => {
    const user = userEvent.setup();
    await startApp('parked-unread', 'p1', (store) => (store.failListsOf = 'reception-parked:'));
    const alert = await screen.findByText(/^Không đọc được danh sách hồ sơ để riêng trên máy này/, undefined, SLOW);
    expect(alert.getAttribute('role')).toBe('alert');
    const { changeLanguage } = await import('../../i18n');
    await act(() => changeLanguage('en'));
    expect(alert.textContent).toMatch(/^The list of dossiers set aside could not be read on this computer/);
    await act(() => changeLanguage('vi'));

    await user.type(nameField(), 'Trịnh Văn Quyết');
    await waitFor(() => expect(screen.getByTestId('draft-saved')).toBeTruthy(), SLOW);
  });
});

describe('drafts left by an earlier run that cannot be read', () => {
  it('are said, the clerk receives on, and they are offered once the screen is opened again and they can be read', async () => {
    const db = 'offers-unread';
    await leftDrafts(db, 'o1', ['Nguyễn Văn Đức']);
    const store = await startApp(db, 'o1', (s) => (s.failListsOf = 'reception:'));
    const alert = await screen.findByText(/^Không đọc được các bản nháp đã lưu trên máy này/, undefined, SLOW);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(offered()).toHaveLength(0);

    // The store answers again; the clerk goes to another screen and back (the same run: the modules as they are).
    store.failListsOf = null;
    await settled();
    cleanup();
    const [{ ReceptionScreen }, { DeskProvider }] = await Promise.all([import('./ReceptionScreen'), import('../../desk-context')]);
    render(
      <DeskProvider transport={desk}>
        <ReceptionScreen drafts={store} />
      </DeskProvider>,
    );
    await waitFor(() => expect(offered()).toEqual(['Nguyễn Văn Đức']), SLOW);
    expect(screen.queryByText(/^Không đọc được các bản nháp/)).toBeNull();
  });
});

describe('the question about the older drafts', () => {
  it('closes when the drafts it counted change, and then throws away only those it names', async () => {
    const user = userEvent.setup();
    const db = 'older-question';
    await leftDrafts(db, 'q1', ['Số 1', 'Số 2', 'Số 3', 'Số 4', 'Số 5']);
    await startApp(db, 'q1');
    await waitFor(() => expect(offered()).toEqual(['Số 5', 'Số 4', 'Số 3']), SLOW);

    await user.click(screen.getByRole('button', { name: 'Bỏ 2 bản nháp cũ hơn' }));
    expect(screen.getByRole('alertdialog', { name: 'Bỏ 2 bản nháp cũ hơn?' })).toBeTruthy();
    // Meanwhile the clerk restores Số 5 over the empty form: Số 2 comes up among the offers shown, one by one.
    await user.click(within(offer('Số 5')).getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(offered()).toEqual(['Số 4', 'Số 3', 'Số 2']), SLOW);
    // Answered now, the question would throw away a set other than the one it asked about.
    expect(screen.queryByRole('alertdialog')).toBeNull();

    // Asked again, it names the older ones as they are now, and throws away those and no other.
    await user.click(screen.getByRole('button', { name: 'Bỏ 1 bản nháp cũ hơn' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Bỏ 1 bản nháp cũ hơn?' })).getByRole('button', { name: 'Bỏ 1 bản nháp' }));
    await waitFor(() => expect(screen.queryByTestId('draft-offers-older')).toBeNull(), SLOW);
    await settled();
    expect(offered()).toEqual(['Số 4', 'Số 3', 'Số 2']);
    expect(nameField().value).toBe('Số 5');
    expect(await storedNames('q1', db)).toEqual(['Số 2', 'Số 3', 'Số 4', 'Số 5']);
  });
});
