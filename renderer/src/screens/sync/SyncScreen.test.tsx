// @vitest-environment jsdom
/** The sync page in a DOM, against a stand-in desk that is in step with its server. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { ok } from '../../../../shared/result';
import type { SyncStatusView } from '../../../../shared/api/desk-views';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { SyncScreen } from './SyncScreen';
import { standInDesk } from '../../test-support/stand-in-desk';

const status: SyncStatusView = {
  online: true,
  pending: 0,
  quarantined: 0,
  conflicts: 0,
  lastSyncAt: '2026-11-27T09:00:00+07:00',
  errors: [],
  state: 'online',
  enrolled: true,
  serverUrl: 'https://motcua.thanhha.gov.vn',
};

function deskStandIn(view: SyncStatusView = status): DeskTransport {
  return standInDesk((method: string) => {
    if (method === 'sync.status') return ok(view);
    if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
    return undefined;
  });
}

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

describe('the sync page', () => {
  it('says "Tình trạng đồng bộ" once, as the label of the state, and names its section with it', async () => {
    render(
      <DeskProvider transport={deskStandIn()}>
        <SyncScreen />
      </DeskProvider>,
    );
    expect((await screen.findByTestId('sync-state')).textContent).toBe('Trực tuyến');
    expect(screen.getAllByText('Tình trạng đồng bộ')).toHaveLength(1);
    expect(screen.getByRole('region', { name: 'Tình trạng đồng bộ' })).toBeTruthy();
  });

  it('tells a clock two days behind as "Chậm 2 ngày", in the words of the warning, not as "-2880 phút"', async () => {
    const skewed: SyncStatusView = { ...status, clockSkewSeconds: -2 * 86_400 };
    render(
      <DeskProvider transport={deskStandIn(skewed)}>
        <SyncScreen />
      </DeskProvider>,
    );
    expect((await screen.findByTestId('sync-clock-skew')).textContent).toBe('Chậm 2 ngày — hãy chỉnh lại đồng hồ máy tính');
  });

  it('tells a clock 7 minutes ahead as "Nhanh 7 phút"', async () => {
    render(
      <DeskProvider transport={deskStandIn({ ...status, clockSkewSeconds: 7 * 60 + 10 })}>
        <SyncScreen />
      </DeskProvider>,
    );
    expect((await screen.findByTestId('sync-clock-skew')).textContent).toBe('Nhanh 7 phút — hãy chỉnh lại đồng hồ máy tính');
  });

  it('an offline desk that keeps trying: the last attempt shown moves on without anything else changing', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let view: SyncStatusView = { ...status, online: false, state: 'offline', lastAttemptAt: '2026-11-29T03:11:00+07:00' };
      const desk = standInDesk((method: string) => {
        if (method === 'sync.status') return ok(view);
        if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
        return undefined;
      });
      render(
        <DeskProvider transport={desk}>
          <SyncScreen />
        </DeskProvider>,
      );
      expect(await screen.findByText('03:11 29/11/2026')).toBeTruthy();
      view = { ...view, lastAttemptAt: '2026-11-29T03:41:30+07:00' };
      await act(async () => {
        await vi.advanceTimersByTimeAsync(15_000);
      });
      expect(await screen.findByText('03:41 29/11/2026')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });
});
