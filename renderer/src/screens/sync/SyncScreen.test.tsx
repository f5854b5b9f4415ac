// @vitest-environment jsdom
/** The sync page in a DOM, against a stand-in desk that is in step with its server. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
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

function deskStandIn(): DeskTransport {
  return standInDesk((method: string) => {
    if (method === 'sync.status') return ok(status);
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
});
