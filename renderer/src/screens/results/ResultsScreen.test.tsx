// @vitest-environment jsdom
/** The results waiting for the citizen, as the counter sees them while the screen stays open. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { ok } from '../../../../shared/result';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import { DeskProvider } from '../../desk-context';
import { initI18n } from '../../i18n';
import { announcingStandInDesk } from '../../test-support/stand-in-desk';
import { ResultsScreen } from './ResultsScreen';

const resolved: DossierSummary = {
  id: '01a22334-8dab-76aa-9689-4a8902ee2a55',
  code: '000.00.06.H56-261125-1004',
  status: 9,
  statusLabel: { vi: 'Đã giải quyết xong', en: 'Resolved' },
  procedureCode: '2.000528.000.00.00.H56',
  procedureName: 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài',
  field: 'Hộ tịch',
  channel: 'in_person',
  applicantName: 'Phạm Thị Thu',
  receivedAt: '2026-11-25T09:00:00+07:00',
  dueAt: '2026-11-28T17:00:00+07:00',
  overdue: false,
  fridayNoWait: false,
  syncState: 'synced',
  version: 4,
};

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

describe('results waiting for the citizen', () => {
  it('shows a result resolved at the district, once the desk has pulled it, without leaving the screen', async () => {
    let held: DossierSummary[] = [];
    const { transport, announce } = announcingStandInDesk((method) =>
      method === 'dossiers.list' ? ok({ items: held, total: held.length, nextCursor: null }) : undefined,
    );
    render(
      <DeskProvider transport={transport}>
        <ResultsScreen />
      </DeskProvider>,
    );
    await screen.findByText('Không có kết quả nào đang chờ trả.');
    held = [resolved];
    announce({ type: 'dossiers.changed', data: { source: 'sync' } });
    await waitFor(() => expect(screen.getByText('Phạm Thị Thu')).toBeTruthy(), { timeout: 3000 });
    expect(screen.queryByText('Không có kết quả nào đang chờ trả.')).toBeNull();
  });

  it('keeps the results on screen when reading them again fails, with the reason above them', async () => {
    let answer: 'list' | 'fail' = 'list';
    const { transport, announce } = announcingStandInDesk((method) => {
      if (method !== 'dossiers.list') return undefined;
      if (answer === 'fail') return { ok: false, error: { code: 'store_busy', message: { vi: 'Máy đang bận, hãy thử lại.', en: 'The desk is busy; try again.' } } };
      return ok({ items: [resolved], total: 1, nextCursor: null });
    });
    render(
      <DeskProvider transport={transport}>
        <ResultsScreen />
      </DeskProvider>,
    );
    await screen.findByText('Phạm Thị Thu');
    answer = 'fail';
    announce({ type: 'dossiers.changed', data: { source: 'sync' } });
    await screen.findByText('Máy đang bận, hãy thử lại.', {}, { timeout: 3000 });
    expect(screen.getByText('Phạm Thị Thu')).toBeTruthy();
  });

  it('marks a result two desks acted on as in conflict, and says it cannot be handed back before a decision', async () => {
    const inConflict: DossierSummary = { ...resolved, id: '01a22334-8dab-76aa-9689-4a8902ee2a56', code: '000.00.06.H56-261125-1005', applicantName: 'Lê Văn Tám', syncState: 'conflict' };
    const { transport } = announcingStandInDesk((method) =>
      method === 'dossiers.list' ? ok({ items: [resolved, inConflict], total: 2, nextCursor: null }) : undefined,
    );
    render(
      <DeskProvider transport={transport}>
        <ResultsScreen />
      </DeskProvider>,
    );
    const row = (await screen.findByText('Lê Văn Tám')).closest('tr')!;
    expect(row.querySelector('[data-testid="conflict-badge"]')?.textContent).toBe('Xung đột');
    expect(screen.getByText('Phạm Thị Thu').closest('tr')!.querySelector('[data-testid="conflict-badge"]')).toBeNull();
    expect(screen.getByText(/Hồ sơ có nhãn «Xung đột» chưa trả được/)).toBeTruthy();
  });
});
