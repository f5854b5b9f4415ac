// @vitest-environment jsdom
/**
 * The dossier list's warning about appointments on a day declared off after reception: the dossiers the desk names,
 * each opening its dossier; nothing when there are none.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useCatalog } from '../../store/catalog';
import { useRoute } from '../../store/route';
import { forgetDossierListPlace } from '../../store/dossier-list-place';
import { standInDesk } from '../../test-support/stand-in-desk';
import { DossierListScreen } from './DossierListScreen';

const duc: DossierSummary = {
  id: '01a22334-8dab-76aa-9689-4a8902ee2a90',
  code: '000.00.06.H56-261127-2001',
  status: 4,
  statusLabel: { vi: 'Đang xử lý', en: 'Processing' },
  procedureCode: '1.001612.000.00.00.H56',
  procedureName: 'Cấp giấy chứng nhận đăng ký hộ kinh doanh',
  field: 'Đăng ký kinh doanh',
  channel: 'in_person',
  applicantName: 'Nguyễn Văn Đức',
  receivedAt: '2026-11-27T09:32:00+07:00',
  dueAt: '2026-12-08T09:32:00+07:00',
  overdue: false,
  fridayNoWait: false,
  syncState: 'synced',
  version: 3,
};
const lan: DossierSummary = { ...duc, id: '01a22334-8dab-76aa-9689-4a8902ee2a91', code: '000.00.06.H56-261130-2001', status: 2, applicantName: 'Vũ Thị Lan', dueAt: '2026-12-09T14:00:00+07:00' };

const asked: unknown[] = [];
function deskStandIn(answer: { count: number; items: DossierSummary[] }): DeskTransport {
  return standInDesk((method: string, input: unknown) => {
    if (method === 'catalog.procedures') return ok([]);
    if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
    if (method === 'dossiers.appointmentsOnDaysOff') {
      asked.push(input);
      return ok(answer);
    }
    return undefined;
  });
}

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  asked.length = 0;
  useCatalog.setState({ procedures: [], byCode: new Map(), loaded: false, error: null });
  forgetDossierListPlace();
  useRoute.setState({ route: { name: 'dossiers' } });
});

describe('appointments on a day off, on the dossier list', () => {
  it('names the dossiers with their appointment in Vietnam time, and opens the one clicked', async () => {
    const user = userEvent.setup();
    render(
      <DeskProvider transport={deskStandIn({ count: 2, items: [duc, lan] })}>
        <DossierListScreen />
      </DeskProvider>,
    );
    const notice = await screen.findByTestId('appointments-on-days-off');
    expect(within(notice).getByRole('status').textContent).toBe(
      '2 hồ sơ đang giải quyết có ngày hẹn trả rơi vào ngày nghỉ theo lịch hiện tại. Hãy báo cho công dân và hẹn lại nếu cần.',
    );
    const rows = within(notice).getAllByTestId('dossier-table-row');
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      [duc.code, 'Đang xử lý', 'Nguyễn Văn Đức', duc.procedureName, '27/11/2026', expect.stringMatching(/^09:32 08\/12\/2026/)],
      [lan.code, 'Được tiếp nhận', 'Vũ Thị Lan', lan.procedureName, '27/11/2026', expect.stringMatching(/^14:00 09\/12\/2026/)],
    ]);
    await user.click(within(notice).getByRole('link', { name: lan.code! }));
    expect(useRoute.getState().route).toEqual({ name: 'dossier', id: lan.id });
  });

  it('says how many are left unlisted when there are more than it shows', async () => {
    render(
      <DeskProvider transport={deskStandIn({ count: 23, items: [duc, lan] })}>
        <DossierListScreen />
      </DeskProvider>,
    );
    const notice = await screen.findByTestId('appointments-on-days-off');
    expect(within(notice).getByRole('status').textContent).toBe(
      '23 hồ sơ đang giải quyết có ngày hẹn trả rơi vào ngày nghỉ theo lịch hiện tại. Hãy báo cho công dân và hẹn lại nếu cần. Dưới đây là 2 hồ sơ có ngày hẹn sớm nhất.',
    );
  });

  it('shows nothing when no appointment falls on a day off', async () => {
    render(
      <DeskProvider transport={deskStandIn({ count: 0, items: [] })}>
        <DossierListScreen />
      </DeskProvider>,
    );
    await screen.findByText('0 hồ sơ');
    expect(asked).toEqual([{ limit: 20 }]);
    expect(screen.queryByTestId('appointments-on-days-off')).toBeNull();
  });
});
