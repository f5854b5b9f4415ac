// @vitest-environment jsdom
/** The dossier list's filters in a DOM, with the seed catalog (listed by the desk in no particular order). */
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { ok } from '../../../../shared/result';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useCatalog } from '../../store/catalog';
import { DossierListScreen } from './DossierListScreen';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import { useRoute } from '../../store/route';
import { procedureSortKey } from './filter-options';
import { standInDesk } from '../../test-support/stand-in-desk';

/** What the stand-in finds for a search text; the list without one is empty. */
let found: DossierSummary[] = [];

function deskStandIn(): DeskTransport {
  return standInDesk((method: string) => {
    if (method === 'catalog.procedures') return ok(seedProcedures);
    if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
    if (method === 'dossiers.search') return ok(found);
    return undefined;
  });
}

const tuyet: DossierSummary = {
  id: '01a22334-8dab-76aa-9689-4a8902ee2a82',
  code: '000.00.06.H56-261129-1001',
  status: 2,
  statusLabel: { vi: 'Được tiếp nhận', en: 'Received' },
  procedureCode: '1.004772.000.00.00.H56',
  procedureName: 'Thủ tục đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân',
  field: 'Hộ tịch',
  channel: 'in_person',
  applicantName: 'Nguyễn Thị Ánh Tuyết',
  receivedAt: '2026-11-29T09:00:00+07:00',
  dueAt: '2026-12-02T17:00:00+07:00',
  overdue: false,
  fridayNoWait: true,
  syncState: 'synced',
  version: 1,
};

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  useCatalog.setState({ procedures: [], byCode: new Map(), loaded: false, error: null });
});

const namesIn = (select: HTMLElement) => [...select.querySelectorAll('option')].filter((o) => o.value !== '').map((o) => o.textContent ?? '');

describe('the dossier list filters', () => {
  it('lists the procedures in Vietnamese alphabetical order, within a chosen field too', async () => {
    const user = userEvent.setup();
    render(
      <DeskProvider transport={deskStandIn()}>
        <DossierListScreen />
      </DeskProvider>,
    );
    const menu = screen.getByRole('combobox', { name: 'Thủ tục' });
    await waitFor(() => expect(namesIn(menu)).toHaveLength(seedProcedures.length));
    const names = namesIn(menu);
    expect(names[0]).toBe('Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực');
    // Đ is its own letter after D, and both come after C and before H.
    const at = (name: string) => names.indexOf(name);
    expect(at('Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm')).toBeLessThan(at('Đăng ký thành lập hộ kinh doanh'));
    expect(at('Đăng ký thành lập hộ kinh doanh')).toBeLessThan(at('Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội'));
    // "Thủ tục" in front of a name is not what a clerk looks for: "Thủ tục đăng ký khai sinh" is among the Đ's.
    expect(at('Thủ tục đăng ký khai sinh')).toBeGreaterThan(at('Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm'));
    expect(at('Thủ tục đăng ký khai sinh')).toBeLessThan(at('Đăng ký thành lập hộ kinh doanh'));
    const byKey = (list: string[]) => [...list].sort((a, b) => new Intl.Collator('vi').compare(procedureSortKey(a), procedureSortKey(b)));
    expect(names).toEqual(byKey(names));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Lĩnh vực' }), 'Hộ tịch');
    const civil = namesIn(screen.getByRole('combobox', { name: 'Thủ tục' }));
    expect(civil.length).toBeGreaterThan(2);
    expect(civil).toEqual(byKey(civil));
  });
});

describe('searching from the keyboard', () => {
  it('goes from the search box to the first result with Enter, and opens it with Enter again', async () => {
    found = [tuyet];
    // jsdom lays nothing out: the list's scroll box is given the height of a screen so the virtual rows exist.
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => height.mockRestore());
    const user = userEvent.setup();
    render(
      <DeskProvider transport={deskStandIn()}>
        <DossierListScreen />
      </DeskProvider>,
    );
    await user.type(screen.getByTestId('dossier-search'), 'anh tuyet');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('1 hồ sơ'));
    const row = await screen.findByTestId('dossier-row');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(row));
    await user.keyboard('{Enter}');
    expect(useRoute.getState().route).toEqual({ name: 'dossier', id: tuyet.id });
  });
});
