// @vitest-environment jsdom
/**
 * "Hướng dẫn" (form 02, Alt+B) waits, as Save and Refuse do, while the form is on its way out: being set aside ("Để
 * riêng") or recorded as a refusal. QA: Alt+B pressed meanwhile printed form 02 for a form that was leaving the screen.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openDraftStore } from '../../drafts/draft-store';
import { chooseProcedure, endRun, receptionDesk, SLOW, startRun, trackedStore } from '../../test-support/reception-run';

/** The gates a test made: opened after it, failed or not, so that the work waiting on them lets the page go. */
const gates: (() => void)[] = [];

afterEach(async () => {
  gates.splice(0).forEach((open) => open());
  await endRun();
});

/** What a test holds back (a write, a desk call) until it opens it; `waiting` once something waits on it. */
function gate() {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  gates.push(open);
  const state = { waiting: false, open };
  return { state, wait: () => ((state.waiting = true), opened) };
}

/** A marriage registration for Trịnh Văn Quyết with no paper ticked: only Guide, Refuse and Set aside are offered. */
async function typeIncompleteMarriage(user: ReturnType<typeof userEvent.setup>) {
  await chooseProcedure(user, 'ket hon', 'Thủ tục đăng ký kết hôn');
  await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Trịnh Văn Quyết');
  expect(screen.getByRole('button', { name: /Hướng dẫn bổ sung \(mẫu 02\)/ })).toBeTruthy();
}

const GUIDANCE = 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';

describe('Guide (form 02) while the form is leaving the screen', () => {
  it('prints nothing for Alt+B pressed while the form is being set aside', async () => {
    const user = userEvent.setup();
    const parking = gate();
    await startRun('u-guide-aside', {
      drafts: trackedStore(openDraftStore('reception-guide-aside'), {
        beforeSave: (key) => (key.startsWith('reception-parked:') ? parking.wait() : undefined),
      }),
      desk: receptionDesk(),
    });
    await typeIncompleteMarriage(user);
    await user.click(screen.getByRole('button', { name: /Để riêng, tiếp người khác/ }));
    await waitFor(() => expect(parking.state.waiting).toBe(true));
    await user.keyboard('{Alt>}b{/Alt}');
    expect(screen.queryByTestId('print-sheet')).toBeNull();
    parking.state.open();
    expect((await screen.findByTestId('reception-done', {}, SLOW)).textContent).toContain('Đã để riêng hồ sơ: Trịnh Văn Quyết');
    expect(screen.queryByTestId('print-sheet')).toBeNull();
  });

  it('prints only the refusal (form 03) for Alt+B pressed while the refusal is being recorded', async () => {
    const user = userEvent.setup();
    const recording = gate();
    await startRun('u-guide-refusal', {
      drafts: trackedStore(openDraftStore('reception-guide-refusal')),
      desk: receptionDesk((method) => (method === 'dossiers.refuse' ? recording.wait().then(() => undefined) : undefined)),
    });
    await typeIncompleteMarriage(user);
    await user.type(screen.getByRole('textbox', { name: /Lý do từ chối/ }), 'Thiếu giấy xác nhận tình trạng hôn nhân');
    await user.click(screen.getByRole('button', { name: /Từ chối tiếp nhận \(mẫu 03\)/ }));
    await waitFor(() => expect(recording.state.waiting).toBe(true));
    await user.keyboard('{Alt>}b{/Alt}');
    expect(screen.queryByTestId('print-sheet')).toBeNull();
    recording.state.open();
    const sheet = await screen.findByTestId('print-sheet', {}, SLOW);
    expect(sheet.textContent).toContain('Thiếu giấy xác nhận tình trạng hôn nhân');
    expect(sheet.textContent).not.toContain(GUIDANCE);
  });
});
