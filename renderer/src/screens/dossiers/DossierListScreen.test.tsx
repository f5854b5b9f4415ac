// @vitest-environment jsdom
/** The dossier list's filters in a DOM, with the seed catalog (listed by the desk in no particular order). */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { ok } from '../../../../shared/result';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useCatalog } from '../../store/catalog';
import { DossierListScreen } from './DossierListScreen';
import { procedureSortKey } from './filter-options';
import { standInDesk } from '../../test-support/stand-in-desk';

function deskStandIn(): DeskTransport {
  return standInDesk((method: string) => {
    if (method === 'catalog.procedures') return ok(seedProcedures);
    if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
    return undefined;
  });
}

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
