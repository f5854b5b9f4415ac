// @vitest-environment jsdom
/** The sync page in a DOM, against a stand-in desk that is in step with its server. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ok, type Result } from '../../../../shared/result';
import type { DeskCall } from '../../../../shared/api/desk-api';
import type { SyncStatusView } from '../../../../shared/api/desk-views';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { SyncScreen } from './SyncScreen';

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

function deskStandIn(): DeskTransport {
  const call = (async (method: string): Promise<Result<unknown>> => {
    if (method === 'sync.status') return ok(status);
    if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
    return { ok: false, error: { code: 'not_found', message: { vi: 'Không có', en: 'None' } } };
  }) as DeskCall;
  return { kind: 'loopback', call, onDeskEvent: () => () => undefined };
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
});
