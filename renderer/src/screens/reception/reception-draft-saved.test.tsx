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
let savedId = '';

const desk = receptionDesk((method, input) => {
  if (method !== 'dossiers.savedForms') return undefined;
  asked.push(input);
  const { requestIds } = input as { requestIds: string[] };
  return ok(
    requestIds
      .filter((id) => id === savedId)
      .map((requestId) => ({ requestId, dossierId: 'dossier-saved', outcome: 'dossier.received', code: CODE, at: '2026-12-08T09:04:12+07:00' })),
  );
});

afterEach(async () => {
  await endRun();
  asked.length = 0;
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
    savedId = saved.id;
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
});
