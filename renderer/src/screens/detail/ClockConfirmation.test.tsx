// @vitest-environment jsdom
/**
 * A dossier's actions on a PC clock the desk finds wrong (QA: 5 days slow, "Đã giải quyết xong" → "Xác nhận"
 * recorded it resolved on 26/11, before its receipt on 01/12, with only a small "⚠ Có cảnh báo" in the header). The
 * detail screen says so above the actions and asks, as the reception does, before anything is written; the desk's
 * own question (a clock set back behind its unsent deed) is asked the same way. The desk is a recording stand-in.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok, type Result } from '../../../../shared/result';
import type { DossierDetail, TimelineEntry } from '../../../../shared/api/dossier-views';
import type { DossierState } from '../../../../shared/domain/lifecycle';
import { DeskProvider } from '../../desk-context';
import { changeLanguage, initI18n } from '../../i18n';
import { useSession } from '../../store/session';
import { useSyncState, type SyncSnapshot } from '../../store/sync';
import { standInDesk } from '../../test-support/stand-in-desk';
import { dossierAt } from '../../../../tests/domain/fixtures';
import { DossierDetailScreen } from './DossierDetailScreen';

const ID = '0190f1e2-0000-7000-8000-0000000000c1';
const actor = { userId: 'u1', name: 'Trần Thị Bình', role: 'clerk' as const };
const entry = (eventId: string, type: TimelineEntry['type'], at: string): TimelineEntry => ({
  eventId, type, actor, deviceId: 'd1', deviceTime: at, serverTime: at, syncState: 'synced', syncReason: null, payload: {},
});

/** Received on 01/12 and transferred the same morning: "Đã giải quyết xong" is what the clerk does next. */
function transferred(): DossierDetail {
  const state: DossierState = {
    ...dossierAt(4),
    id: ID,
    code: '000.00.06.H56-261201-1001',
    receivedAt: '2026-12-01T09:00:00+07:00',
    version: 2,
  };
  return {
    state,
    procedure: null,
    timeline: [entry('e1', 'dossier.received', '2026-12-01T09:00:00+07:00'), entry('e2', 'dossier.transferred', '2026-12-01T09:10:00+07:00')],
    allowedActions: ['dossier.resolved', 'dossier.withdrawn'],
    notApplied: [],
    summary: {
      id: ID, code: state.code, status: 4, statusLabel: { vi: 'Đang xử lý', en: 'Processing' }, procedureCode: state.procedureCode, procedureName: null,
      field: null, channel: state.channel, applicantName: state.applicant?.name ?? null, receivedAt: state.receivedAt, dueAt: state.dueAt, overdue: false,
      fridayNoWait: false, syncState: 'synced', version: 2,
    },
  };
}

const calls: { method: string; input: unknown }[] = [];
/** The desk's answers to the actions, in turn; a success when none is left. */
let actionAnswers: Result<unknown>[] = [];

function renderDetail() {
  const current = transferred();
  const transport = standInDesk((method, input) => {
    calls.push({ method, input });
    if (method === 'dossiers.get') return ok(current);
    if (method === 'settings.get') return ok({ scanInboxDir: '/scans', dailyBackup: true, dueSoonWorkingHours: 8, publicLookupUrl: null, language: 'vi' });
    if (method === 'attachments.inbox') return ok({ folder: '/scans', missing: false, files: [] });
    if (method.startsWith('dossiers.')) return actionAnswers.shift() ?? ok({ eventId: 'e3', dossier: current.summary });
    return undefined;
  });
  render(
    <DeskProvider transport={transport}>
      <DossierDetailScreen dossierId={ID} />
    </DeskProvider>,
  );
  return screen.findByTestId('dossier-detail');
}

const resolves = () => calls.filter((c) => c.method === 'dossiers.resolve');
const offline: SyncSnapshot = { state: 'offline', enrolled: true, pending: 0, lastSyncAt: '2026-12-01T03:31:00+07:00' };

beforeAll(() => {
  initI18n('vi');
  useSession.setState({ user: { id: 'u1', username: 'ttbinh', displayName: 'Trần Thị Bình', role: 'clerk' } });
});
beforeEach(() => {
  actionAnswers = [];
});
afterEach(() => {
  cleanup();
  calls.length = 0;
  useSyncState.setState({ snapshot: null });
});

async function resolveWithConfirm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Đã giải quyết xong' }));
  await user.click(within(screen.getByTestId('action-form')).getByRole('button', { name: 'Xác nhận' }));
}

describe('an action on a dossier with the PC clock wrong', () => {
  it('measured 5 days slow (the QA case): warns above the actions, and "Xác nhận" asks before the result is recorded', async () => {
    useSyncState.getState().set({ state: 'online', enrolled: true, pending: 0, lastSyncAt: '2026-12-01T09:20:00+07:00',
      clockCheck: { basis: 'measured', skewSeconds: -5 * 86_400, since: '2026-12-01T09:20:00+07:00' } });
    const user = userEvent.setup();
    await renderDetail();
    const warning = screen.getByTestId('detail-clock-warning');
    expect(warning.textContent).toContain('Đồng hồ máy tính này đang chậm 5 ngày so với máy chủ.');
    expect(warning.textContent).toContain('Thời điểm ghi vào hồ sơ (chuyển xử lý, giải quyết xong, trả kết quả…) sẽ bị sai');

    await resolveWithConfirm(user);
    const question = screen.getByTestId('detail-clock-question');
    expect(question.textContent).toContain('Vẫn ghi thao tác này vào hồ sơ khi đồng hồ máy tính đang sai?');
    expect(question.textContent).toContain('chậm 5 ngày');
    // Nothing written yet; an Enter out of habit lands on the answer that writes nothing.
    expect(resolves()).toHaveLength(0);
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Chưa ghi' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByTestId('detail-clock-question')).toBeNull();
    expect(resolves()).toHaveLength(0);

    // Asked again, and answered "record anyway": written once, with the clerk's confirmation.
    await user.click(within(screen.getByTestId('action-form')).getByRole('button', { name: 'Xác nhận' }));
    await user.click(within(screen.getByTestId('detail-clock-question')).getByRole('button', { name: 'Vẫn ghi' }));
    await waitFor(() => expect(resolves()).toHaveLength(1));
    expect(resolves()[0]!.input).toMatchObject({ dossierId: ID, expectedVersion: 2, clockConfirmed: true });
    expect(await screen.findByTestId('detail-done')).toBeTruthy();
  });

  it('offline after a restart, from what the server told before: the same warning and question, saying how the desk knows', async () => {
    useSyncState.getState().set({ ...offline,
      clockCheck: { basis: 'server_time', skewSeconds: -(4 * 86_400 + 18 * 3600 + 31 * 60), since: '2026-12-01T03:31:00+07:00' } });
    const user = userEvent.setup();
    await renderDetail();
    expect(screen.getByTestId('detail-clock-warning').textContent).toContain(
      'Đồng hồ máy tính này đang chậm ít nhất 5 ngày: giờ trên máy còn sớm hơn thời điểm máy chủ đã báo cho quầy (03:31 01/12/2026).',
    );
    await resolveWithConfirm(user);
    expect(screen.getByTestId('detail-clock-question')).toBeTruthy();
    expect(resolves()).toHaveLength(0);

    await act(() => changeLanguage('en'));
    try {
      expect(screen.getByTestId('detail-clock-warning').textContent).toContain(
        "This PC's clock is at least 5 days behind: it reads earlier than a time the server already gave this desk (03:31 01/12/2026).",
      );
    } finally {
      await act(() => changeLanguage('vi'));
    }
  });

  it("asks the desk's own question when the desk finds its clock set back behind its unsent deed, and sends the answer", async () => {
    const user = userEvent.setup();
    const asked = {
      vi: 'Giờ trên máy tính này (09:00 26/11/2026) còn sớm hơn thao tác chính quầy này đã ghi trên hồ sơ lúc 09:10 01/12/2026 (chưa gửi lên máy chủ): đồng hồ máy đã bị lùi.',
      en: "This PC's clock reads earlier than an action this desk recorded.",
    };
    actionAnswers = [{ ok: false, error: { code: 'clock_unconfirmed', message: asked } }];
    await renderDetail();
    expect(screen.queryByTestId('detail-clock-warning')).toBeNull();
    await resolveWithConfirm(user);
    const question = await screen.findByTestId('detail-clock-question');
    expect(question.textContent).toContain(asked.vi);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(within(question).getByRole('button', { name: 'Vẫn ghi' }));
    await waitFor(() => expect(resolves()).toHaveLength(2));
    expect(resolves()[1]!.input).toMatchObject({ clockConfirmed: true });
  });

  it('with the clock right, records at the click as before', async () => {
    useSyncState.getState().set({ ...offline, clockCheck: null });
    const user = userEvent.setup();
    await renderDetail();
    expect(screen.queryByTestId('detail-clock-warning')).toBeNull();
    await resolveWithConfirm(user);
    await waitFor(() => expect(resolves()).toHaveLength(1));
    expect(resolves()[0]!.input).not.toHaveProperty('clockConfirmed');
  });
});
