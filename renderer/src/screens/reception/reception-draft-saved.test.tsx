// @vitest-environment jsdom
/**
 * A draft whose form the desk had already saved: the desk was killed after it recorded the reception and before its
 * answer reached the screen, so no receipt came out and the form was left as a draft (QA, a SIGKILL 8 ms after the
 * save). Offered as unfinished, a clerk who threw it away would believe the citizen was never received. It is said
 * as saved, with its code and a way to the dossier to print the receipt.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import { openDraftStore } from '../../drafts/draft-store';
import { birth, endRun, receptionDesk, SLOW, startRun } from '../../test-support/reception-run';
import { emptyDraft, type ReceptionDraft } from './model';

const CODE = '000.01.06.H56-261208-1004';
const asked: unknown[] = [];
const savedIds = new Set<string>();

const desk = receptionDesk((method, input) => {
  if (method !== 'dossiers.savedForms') return undefined;
  asked.push(input);
  const { requestIds } = input as { requestIds: string[] };
  return ok(
    requestIds
      .filter((id) => savedIds.has(id))
      .map((requestId) => ({ requestId, dossierId: 'dossier-saved', outcome: 'dossier.received', code: CODE, at: '2026-12-08T09:04:12+07:00' })),
  );
});

afterEach(async () => {
  await endRun();
  asked.length = 0;
  savedIds.clear();
});

async function leftDraft(dbName: string, userId: string, name: string, minute: number): Promise<ReceptionDraft> {
  const draft: ReceptionDraft = { ...emptyDraft(), procedureCode: birth.code, applicant: { ...emptyDraft().applicant, name } };
  await openDraftStore(dbName).save(`reception:${userId}:${draft.id}`, draft, new Date(Date.UTC(2026, 11, 8, 2, minute)));
  return draft;
}

describe('a draft left by a form the desk had saved', () => {
  it('is said as received, with its code and a way to the dossier, not offered to be typed again', async () => {
    const user = userEvent.setup();
    const saved = await leftDraft('saved-form', 'c1', 'Nguyễn Văn Đã Lưu', 4);
    await leftDraft('saved-form', 'c1', 'Trần Thị Dở Dang', 5);
    savedIds.add(saved.id);
    await startRun('c1', { drafts: openDraftStore('saved-form'), desk });

    const savedOffer = await screen.findByTestId('draft-offer-saved', {}, SLOW);
    expect(savedOffer.textContent).toContain('Nguyễn Văn Đã Lưu');
    expect(savedOffer.textContent).toContain(`Biểu mẫu này đã được lưu: hồ sơ ${CODE} tiếp nhận lúc 09:04 08/12/2026`);
    expect(savedOffer.textContent).toContain('phiếu hẹn có thể chưa được in');
    expect(within(savedOffer).queryByRole('button', { name: 'Khôi phục' })).toBeNull();
    // The other draft is a form never saved: offered as before.
    expect(screen.getAllByTestId('draft-offer').map((o) => o.querySelector('strong')?.textContent)).toEqual(['Trần Thị Dở Dang']);
    expect(asked).toHaveLength(1);

    const { useRoute } = await import('../../store/route');
    await user.click(within(savedOffer).getByRole('button', { name: 'Mở hồ sơ' }));
    await waitFor(() => expect(useRoute.getState().route).toEqual({ name: 'dossier', id: 'dossier-saved' }));
  });

  it('is shown even when older drafts are only counted, and the count says which of those were saved', async () => {
    const user = userEvent.setup();
    // Six drafts, the newest unsaved: the two oldest forms were saved, which by age alone would leave them counted
    // below ("older drafts") and thrown away by one answer, with the clerk believing those citizens never received.
    const drafts: ReceptionDraft[] = [];
    for (const [minute, name] of [[1, 'Lưu Một'], [2, 'Lưu Hai'], [3, 'Lưu Ba'], [4, 'Lưu Bốn'], [5, 'Dở Năm'], [6, 'Dở Sáu']] as const)
      drafts.push(await leftDraft('saved-older', 'c1', name, minute));
    for (const d of drafts.slice(0, 4)) savedIds.add(d.id);
    await startRun('c1', { drafts: openDraftStore('saved-older'), desk });

    await waitFor(() => expect(screen.getAllByTestId('draft-offer-saved')).toHaveLength(3), SLOW);
    expect(screen.getAllByTestId('draft-offer-saved').map((o) => o.querySelector('strong')?.textContent)).toEqual(['Lưu Bốn', 'Lưu Ba', 'Lưu Hai']);
    expect(screen.queryAllByTestId('draft-offer')).toHaveLength(0);
    const older = screen.getByTestId('draft-offers-older');
    expect(older.textContent).toContain('Còn 3 bản nháp cũ hơn');
    expect(older.textContent).toContain('Trong đó 1 biểu mẫu đã được lưu thành hồ sơ.');

    await user.click(within(older).getByRole('button', { name: 'Bỏ 3 bản nháp cũ hơn' }));
    const question = await screen.findByRole('alertdialog', {}, SLOW);
    expect(question.textContent).toContain('1 biểu mẫu đã được lưu thành hồ sơ: hồ sơ vẫn giữ nguyên, chỉ bỏ bản nháp.');
  });

  it('older than the desk remembers its forms: the clerk is told to look the person up before restoring it', async () => {
    const day = 24 * 60 * 60 * 1000;
    const store = openDraftStore('past-memory');
    const old: ReceptionDraft = { ...emptyDraft(), procedureCode: birth.code, applicant: { ...emptyDraft().applicant, name: 'Lê Văn Cũ' } };
    const recent: ReceptionDraft = { ...emptyDraft(), procedureCode: birth.code, applicant: { ...emptyDraft().applicant, name: 'Phạm Thị Mới' } };
    await store.save(`reception:c1:${old.id}`, old, new Date(Date.now() - 31 * day));
    await store.save(`reception:c1:${recent.id}`, recent, new Date(Date.now() - 29 * day));
    await startRun('c1', { drafts: store, desk });

    await waitFor(() => expect(screen.getAllByTestId('draft-offer')).toHaveLength(2), SLOW);
    const [newer, older] = screen.getAllByTestId('draft-offer');
    expect(newer!.textContent).toContain('Phạm Thị Mới');
    expect(within(newer!).queryByTestId('draft-offer-too-old')).toBeNull();
    expect(older!.textContent).toContain('Lê Văn Cũ');
    expect(within(older!).getByTestId('draft-offer-too-old').textContent).toBe(
      'Bản nháp đã quá 30 ngày: quầy không còn biết được hồ sơ này đã tiếp nhận hay chưa. Hãy tìm người nộp trong danh sách hồ sơ trước khi khôi phục, để không tiếp nhận hai lần.',
    );
    // Still offered: it is a citizen's typing, and the clerk decides.
    expect(within(older!).getByRole('button', { name: 'Khôi phục' })).toBeTruthy();
  });
});
