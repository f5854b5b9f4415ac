// @vitest-environment jsdom
/** The dossier list's filters in a DOM, with the seed catalog (listed by the desk in no particular order). */
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { ok } from '../../../../shared/result';
import { DeskProvider } from '../../desk-context';
import type { DeskEvent, DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useCatalog, useCatalogKeptCurrent } from '../../store/catalog';
import { DossierListScreen } from './DossierListScreen';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import { useRoute } from '../../store/route';
import { useSession } from '../../store/session';
import { forgetDossierListPlace } from '../../store/dossier-list-place';
import { procedureSortKey } from './filter-options';
import { announcingStandInDesk, standInDesk } from '../../test-support/stand-in-desk';

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
  // The list's place is kept for the session: each test starts from a list never opened.
  forgetDossierListPlace();
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

describe('searching under a due filter', () => {
  /** A desk whose search finds Tuyết due today and Hoa due next week; `searches` records every search asked for. */
  function dueDesk(searches: unknown[]): DeskTransport {
    const hoa = { ...tuyet, id: '01a22334-8dab-76aa-9689-4a8902ee2a83', code: '000.00.06.H56-261129-1002', applicantName: 'Nguyễn Thị Hoa', dueAt: '2026-12-07T17:00:00+07:00' };
    return standInDesk((method: string, input: unknown) => {
      if (method === 'catalog.procedures') return ok(seedProcedures);
      if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
      if (method === 'dossiers.search') {
        searches.push(input);
        return ok((input as { due?: string }).due === 'today' ? [tuyet] : [hoa, tuyet]);
      }
      return undefined;
    });
  }

  it('"Hôm nay" and "Sắp đến hạn" go with the text to the desk, and only what it keeps is shown', async () => {
    const searches: unknown[] = [];
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => height.mockRestore());
    const user = userEvent.setup();
    render(
      <DeskProvider transport={dueDesk(searches)}>
        <DossierListScreen />
      </DeskProvider>,
    );
    await user.type(screen.getByTestId('dossier-search'), 'nguyen thi');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('2 hồ sơ'));
    expect(searches.at(-1)).not.toHaveProperty('due');
    await user.selectOptions(screen.getByTestId('filter-due'), 'today');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('1 hồ sơ'));
    expect(searches.at(-1)).toEqual({ query: 'nguyen thi', due: 'today', limit: 200 });
    const rows = await screen.findAllByTestId('dossier-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('Nguyễn Thị Ánh Tuyết')]);
    await user.selectOptions(screen.getByTestId('filter-due'), 'soon');
    await waitFor(() => expect(searches.at(-1)).toEqual({ query: 'nguyen thi', due: 'soon', limit: 200 }));
  });
});

describe('searching under the other list filters', () => {
  it('sends every filter chosen with the text, and shows the desk’s answer whole', async () => {
    const searches: unknown[] = [];
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => height.mockRestore());
    // The desk kept Tuyết for the filters chosen; its answer is not narrowed again here.
    const desk = standInDesk((method: string, input: unknown) => {
      if (method === 'catalog.procedures') return ok(seedProcedures);
      if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
      if (method === 'dossiers.search') {
        searches.push(input);
        return ok([tuyet]);
      }
      return undefined;
    });
    const user = userEvent.setup();
    render(
      <DeskProvider transport={desk}>
        <DossierListScreen initialFilters={{ from: '01/11/2026' }} />
      </DeskProvider>,
    );
    await user.selectOptions(screen.getByTestId('filter-status'), '4');
    await user.type(screen.getByTestId('dossier-search'), 'nguyen thi');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('1 hồ sơ'));
    // The list's order is not sent: the search answers newest first.
    expect(searches.at(-1)).toEqual({ query: 'nguyen thi', status: [4], receivedFrom: '2026-11-01', limit: 200 });
  });
});

describe('the date filters', () => {
  it('say what is wrong with the dates typed, and a reversed range keeps the list as it was instead of emptying it', async () => {
    const lists: unknown[] = [];
    const desk = standInDesk((method: string, input: unknown) => {
      if (method === 'catalog.procedures') return ok(seedProcedures);
      if (method === 'dossiers.list') {
        lists.push(input);
        return ok({ items: [tuyet], total: 1, nextCursor: null });
      }
      return undefined;
    });
    render(
      <DeskProvider transport={desk}>
        <DossierListScreen initialFilters={{ from: '30/11/2026', to: '01/11/2026' }} />
      </DeskProvider>,
    );
    expect(await screen.findByText('Ngày bắt đầu 30/11/2026 sau ngày kết thúc 01/11/2026.')).toBeTruthy();
    await waitFor(() => expect(lists.length).toBeGreaterThan(0));
    expect(lists.at(-1)).not.toHaveProperty('receivedFrom');
    expect(lists.at(-1)).not.toHaveProperty('receivedTo');
    // The count is the list's without its dates, and says so: not one for the dates the clerk typed.
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('1 hồ sơ, chưa lọc theo ngày: hãy sửa ngày được đánh dấu'));
    cleanup();
    render(
      <DeskProvider transport={desk}>
        <DossierListScreen initialFilters={{ from: '31/02/2026', to: '2026-11-30' }} />
      </DeskProvider>,
    );
    expect(await screen.findByText('Không có ngày 31/02/2026 trong lịch.')).toBeTruthy();
    expect(screen.getByText('Ngày phải có dạng dd/mm/yyyy.')).toBeTruthy();
    cleanup();
    // One good date beside a wrong one: neither is applied, as the count says (QA: the count was the good date's).
    lists.length = 0;
    render(
      <DeskProvider transport={desk}>
        <DossierListScreen initialFilters={{ from: '02/12/2026', to: '31/02/2026' }} />
      </DeskProvider>,
    );
    expect(await screen.findByText('Không có ngày 31/02/2026 trong lịch.')).toBeTruthy();
    await waitFor(() => expect(lists.length).toBeGreaterThan(0));
    expect(lists.at(-1)).not.toHaveProperty('receivedFrom');
    expect(lists.at(-1)).not.toHaveProperty('receivedTo');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('1 hồ sơ, chưa lọc theo ngày: hãy sửa ngày được đánh dấu'));
  });
});

describe('the sync-state filter', () => {
  /** A desk that syncs (or not), with three dossiers waiting to be sent; `lists` records every list asked for. */
  function syncingDesk(enrolled: boolean, lists: unknown[]): DeskTransport {
    const waiting = { ...tuyet, syncState: 'pending' as const };
    return standInDesk((method: string, input: unknown) => {
      if (method === 'catalog.procedures') return ok(seedProcedures);
      if (method === 'sync.status') return ok({ online: enrolled, pending: 5, quarantined: 0, lastSyncAt: null, errors: [], ...(enrolled ? { enrolled: true, state: 'online' } : {}) });
      if (method === 'dossiers.list') {
        lists.push(input);
        const { syncState } = input as { syncState?: string };
        if (syncState === 'pending') return ok({ items: [waiting], total: 3, nextCursor: null });
        if (syncState === 'quarantined') return ok({ items: [], total: 0, nextCursor: null });
        if (syncState === 'conflict') return ok({ items: [], total: 1, nextCursor: null });
        return ok({ items: [], total: 0, nextCursor: null });
      }
      return undefined;
    });
  }

  it('on a desk that syncs, offers "Chờ gửi" with its count and lists only the dossiers waiting to be sent', async () => {
    const lists: unknown[] = [];
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => height.mockRestore());
    const user = userEvent.setup();
    render(
      <DeskProvider transport={syncingDesk(true, lists)}>
        <DossierListScreen />
      </DeskProvider>,
    );
    const menu = await screen.findByRole('combobox', { name: 'Đồng bộ' });
    await waitFor(() => expect(namesIn(menu)).toEqual(['Chờ gửi (3)', 'Bị máy chủ từ chối (0)', 'Xung đột giữa các quầy (1)', 'Đã đồng bộ']));
    await user.selectOptions(menu, 'pending');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('3 hồ sơ'));
    expect(lists).toContainEqual(expect.objectContaining({ syncState: 'pending', limit: 100 }));
    expect((await screen.findByTestId('dossier-row')).textContent).toContain('Nguyễn Thị Ánh Tuyết');
  });

  it('on a desk that works alone, offers no sync filter', async () => {
    const lists: unknown[] = [];
    render(
      <DeskProvider transport={syncingDesk(false, lists)}>
        <DossierListScreen />
      </DeskProvider>,
    );
    await waitFor(() => expect(namesIn(screen.getByRole('combobox', { name: 'Thủ tục' })).length).toBeGreaterThan(0));
    expect(screen.queryByRole('combobox', { name: 'Đồng bộ' })).toBeNull();
    expect(lists.some((l) => (l as { syncState?: string }).syncState !== undefined)).toBe(false);
  });
});

describe('a list left open on the screen', () => {
  const CHANGED: DeskEvent = { type: 'dossiers.changed', data: { source: 'sync' } };
  const online: DossierSummary = {
    ...tuyet,
    id: '01a22334-8dab-76aa-9689-4a8902ee2a99',
    code: '000.00.06.H56-261129-0007',
    status: 1,
    statusLabel: { vi: 'Nộp trực tuyến, chờ kiểm tra', en: 'Submitted online' },
    channel: 'online',
    applicantName: 'Trần Văn Khải',
  };

  it('reads itself again when the desk says a sync round changed dossiers: an online submission shows up', async () => {
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => height.mockRestore());
    let held = [tuyet];
    let reads = 0;
    const { transport, announce } = announcingStandInDesk((method) => {
      if (method === 'catalog.procedures') return ok(seedProcedures);
      if (method !== 'dossiers.list') return undefined;
      reads += 1;
      return ok({ items: held, total: held.length, nextCursor: null });
    });
    render(
      <DeskProvider transport={transport}>
        <DossierListScreen />
      </DeskProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('1 hồ sơ'));
    expect(reads).toBe(1);

    held = [online, tuyet];
    // A long pull announces after each round: the list reads once for them all.
    announce(CHANGED);
    announce(CHANGED);
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('2 hồ sơ'), { timeout: 3000 });
    await waitFor(() => expect(screen.getAllByTestId('dossier-row')[0]!.textContent).toContain('Trần Văn Khải'));
    expect(reads).toBe(2);
    // Not received yet: the date is its submission's, and says so.
    expect(screen.getAllByTestId('dossier-row')[0]!.textContent).toContain('(nộp trực tuyến)');
    expect(screen.getAllByTestId('dossier-row')[1]!.textContent).not.toContain('(nộp trực tuyến)');

    // Handed back at another desk: gone from the list, no row left behind.
    held = [online];
    announce(CHANGED);
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('1 hồ sơ'), { timeout: 3000 });
    expect(screen.getAllByTestId('dossier-row').map((row) => row.textContent).join()).not.toContain('Nguyễn Thị Ánh Tuyết');
  });

  it('offers the fields and procedures of a new catalog from the server, taken while it was open or before it opened', async () => {
    let catalog = seedProcedures;
    const { transport, announce } = announcingStandInDesk((method) => {
      if (method === 'catalog.procedures') return ok(catalog);
      if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
      return undefined;
    });
    // As in the app: the session follows the desk's news whatever screen is open.
    function Session({ listOpen }: { listOpen: boolean }) {
      useCatalogKeptCurrent();
      return listOpen ? <DossierListScreen /> : <p>Trang khác</p>;
    }
    const { rerender } = render(
      <DeskProvider transport={transport}>
        <Session listOpen />
      </DeskProvider>,
    );
    const fields = () => namesIn(screen.getByRole('combobox', { name: 'Lĩnh vực' }));
    const procedureMenu = () => screen.getByRole('combobox', { name: 'Thủ tục' }) as HTMLSelectElement;
    await waitFor(() => expect(fields()).toContain('Hộ tịch'));
    expect(fields()).not.toContain('Hộ tịch điện tử');
    // The clerk narrows the list to one procedure of "Hộ tịch".
    const moved = seedProcedures.find((p) => p.field === 'Hộ tịch')!;
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lĩnh vực' }), 'Hộ tịch');
    await user.selectOptions(procedureMenu(), moved.code);

    // The district moves that procedure to a new field and renames it; the desk rewrote its dossiers' rows.
    catalog = seedProcedures.map((p) => (p.code === moved.code ? { ...p, field: 'Hộ tịch điện tử', name: 'Khai sinh trực tuyến (tên mới)' } : p));
    announce({ type: 'catalog.changed', data: { source: 'server' } });
    await waitFor(() => expect(fields()).toContain('Hộ tịch điện tử'));
    // The filter still chosen is still shown, by its new name, not "Tất cả" over a list it narrows.
    expect(procedureMenu().value).toBe(moved.code);
    expect(procedureMenu().selectedOptions[0]!.textContent).toBe('Khai sinh trực tuyến (tên mới)');

    // Another catalog while the clerk is on another screen: the list opened afterwards offers it.
    rerender(
      <DeskProvider transport={transport}>
        <Session listOpen={false} />
      </DeskProvider>,
    );
    catalog = catalog.map((p) => (p.code === moved.code ? { ...p, field: 'Chứng thực điện tử' } : p));
    announce({ type: 'catalog.changed', data: { source: 'server' } });
    await waitFor(() => expect(useCatalog.getState().byCode.get(moved.code)?.field).toBe('Chứng thực điện tử'));
    rerender(
      <DeskProvider transport={transport}>
        <Session listOpen />
      </DeskProvider>,
    );
    await waitFor(() => expect(fields()).toContain('Chứng thực điện tử'));
    expect(fields()).not.toContain('Hộ tịch điện tử');
  });

  it('reads a search again too, with the text the clerk typed', async () => {
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => height.mockRestore());
    const user = userEvent.setup();
    let held = [tuyet];
    const searched: unknown[] = [];
    const { transport, announce } = announcingStandInDesk((method, input) => {
      if (method === 'catalog.procedures') return ok(seedProcedures);
      if (method === 'dossiers.list') return ok({ items: [], total: 0, nextCursor: null });
      if (method !== 'dossiers.search') return undefined;
      searched.push((input as { query: string }).query);
      return ok(held);
    });
    render(
      <DeskProvider transport={transport}>
        <DossierListScreen />
      </DeskProvider>,
    );
    await user.type(screen.getByTestId('dossier-search'), 'nguyen');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('1 hồ sơ'));
    held = [{ ...online, applicantName: 'Nguyễn Văn Khải' }, tuyet];
    announce(CHANGED);
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('2 hồ sơ'), { timeout: 3000 });
    expect(searched.at(-1)).toBe('nguyen');
  });

  /** `n` dossiers, newest first, as the desk lists them: "Người nộp 0" on top. */
  const many = (n: number, from = 0): DossierSummary[] =>
    Array.from({ length: n }, (_, i) => ({ ...tuyet, id: `id-${from + i}`, code: `CODE-${from + i}`, applicantName: `Người nộp ${from + i}` }));

  function pagedDesk(all: () => DossierSummary[], offsets: number[]) {
    return announcingStandInDesk((method, input) => {
      if (method === 'catalog.procedures') return ok(seedProcedures);
      if (method !== 'dossiers.list') return undefined;
      const offset = Number((input as { cursor?: string }).cursor ?? 0);
      offsets.push(offset);
      const held = all();
      return ok({ items: held.slice(offset, offset + 100), total: held.length, nextCursor: null });
    });
  }

  /** The list on screen, its scroll box a screen high, over a desk that pages `all()`; answers its announcer. */
  async function showPaged(all: () => DossierSummary[], offsets: number[] = []) {
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => height.mockRestore());
    const { transport, announce } = pagedDesk(all, offsets);
    render(
      <DeskProvider transport={transport}>
        <DossierListScreen />
      </DeskProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe(`${all().length} hồ sơ`));
    return announce;
  }

  it('keeps the keyboard on the dossier the clerk was reading when one arrives above it, so Enter opens that one', async () => {
    const user = userEvent.setup();
    let held = many(5);
    const announce = await showPaged(() => held);
    const third = screen.getAllByTestId('dossier-row')[2]!;
    third.focus();
    expect(third.textContent).toContain('Người nộp 2');

    held = [online, ...many(5)];
    announce(CHANGED);
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('6 hồ sơ'), { timeout: 3000 });
    expect(document.activeElement?.getAttribute('data-testid')).toBe('dossier-row');
    expect(document.activeElement?.textContent).toContain('Người nộp 2');
    await user.keyboard('{Enter}');
    expect(useRoute.getState().route).toEqual({ name: 'dossier', id: 'id-2' });
  });

  it('moves the keyboard to the row now in its place when the dossier it was on leaves the list', async () => {
    let held = many(5);
    const announce = await showPaged(() => held);
    screen.getAllByTestId('dossier-row')[2]!.focus();

    // Handed back at another desk: "Người nộp 2" is no longer waiting.
    held = many(5).filter((d) => d.id !== 'id-2');
    announce(CHANGED);
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('4 hồ sơ'), { timeout: 3000 });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('dossier-row'));
    expect(document.activeElement?.textContent).toContain('Người nộp 3');

    // The last one goes too: the list is empty, and the keyboard goes to the search box.
    held = [];
    announce(CHANGED);
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('0 hồ sơ'), { timeout: 3000 });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('dossier-search')));
  });

  it('reads again only the rows on screen, not every page the clerk once scrolled through', async () => {
    const offsets: number[] = [];
    const announce = await showPaged(() => many(450), offsets);
    const box = screen.getByTestId('dossier-scroll');
    for (const top of [44 * 150, 44 * 250, 44 * 350, 0]) {
      box.scrollTop = top;
      fireEvent.scroll(box);
      await waitFor(() => expect(screen.getAllByTestId('dossier-row').length).toBeGreaterThan(0));
    }
    await waitFor(() => expect(new Set(offsets)).toEqual(new Set([0, 100, 200, 300])));
    offsets.length = 0;
    announce(CHANGED);
    await waitFor(() => expect(offsets).toEqual([0]), { timeout: 3000 });
  });
});

describe('coming back to the list', () => {
  /** Five dossiers of "Lê Thị Hoa" for that search, 450 others in the list without one; `asked` records each call. */
  const hoa = (i: number): DossierSummary => ({ ...tuyet, id: `hoa-${i}`, code: `000.00.06.H56-261129-100${i}`, applicantName: `Lê Thị Hoa ${i}` });
  const others = Array.from({ length: 450 }, (_, i): DossierSummary => ({ ...tuyet, id: `id-${i}`, code: `CODE-${i}`, applicantName: `Người nộp ${i}` }));
  function hoaDesk(asked: { method: string; input: Record<string, unknown> }[]): DeskTransport {
    return standInDesk((method: string, input: unknown) => {
      if (method === 'catalog.procedures') return ok(seedProcedures);
      if (method !== 'dossiers.list' && method !== 'dossiers.search') return undefined;
      asked.push({ method, input: input as Record<string, unknown> });
      if (method === 'dossiers.search') return ok((input as { query: string }).query === 'le thi hoa' ? [0, 1, 2, 3, 4].map(hoa) : []);
      const offset = Number((input as { cursor?: string }).cursor ?? 0);
      return ok({ items: others.slice(offset, offset + 100), total: others.length, nextCursor: null });
    });
  }

  /** The app's screens as App.tsx switches them: the list, or a dossier opened from it. */
  function Screens() {
    const route = useRoute((s) => s.route);
    return route.name === 'dossier' ? <p data-testid="dossier-detail">{route.id}</p> : <DossierListScreen />;
  }

  async function showList(asked: { method: string; input: Record<string, unknown> }[] = []) {
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => height.mockRestore());
    useRoute.setState({ route: { name: 'dossiers' } });
    render(
      <DeskProvider transport={hoaDesk(asked)}>
        <Screens />
      </DeskProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('450 hồ sơ'));
  }

  /** Opens a dossier from the list, then comes back as Alt+2 or Back do (the route changes to the list). */
  async function openAndComeBack(row: HTMLElement) {
    const user = userEvent.setup();
    await user.click(row);
    expect(await screen.findByTestId('dossier-detail')).toBeTruthy();
    expect(screen.queryByTestId('dossier-search')).toBeNull();
    act(() => useRoute.getState().navigate({ name: 'dossiers' }));
    await screen.findByTestId('dossier-search');
  }

  it('keeps the search and the filters, reads the search again, and the keyboard goes on from the dossier opened', async () => {
    const asked: { method: string; input: Record<string, unknown> }[] = [];
    await showList(asked);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByTestId('filter-status'), '2');
    await user.type(screen.getByTestId('dossier-search'), 'le thi hoa');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('5 hồ sơ'));
    await openAndComeBack(screen.getAllByTestId('dossier-row')[2]!);

    expect(screen.getByTestId<HTMLInputElement>('dossier-search').value).toBe('le thi hoa');
    expect(screen.getByTestId<HTMLSelectElement>('filter-status').value).toBe('2');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('5 hồ sơ'));
    // Read again from the desk, not shown from memory: the dossiers may have moved on meanwhile.
    expect(asked.at(-1)).toEqual({ method: 'dossiers.search', input: { query: 'le thi hoa', status: [2], limit: 200 } });
    // The text kept is selected as the box takes the focus (the app gives it at once): a new name typed replaces it.
    const search = screen.getByTestId<HTMLInputElement>('dossier-search');
    search.focus();
    expect([search.selectionStart, search.selectionEnd]).toEqual([0, 'le thi hoa'.length]);
    // From the search box, the keyboard enters the list at the dossier the clerk came back from; down to the next one.
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Lê Thị Hoa 2'));
    await user.keyboard('{ArrowDown}{Enter}');
    expect(useRoute.getState().route).toEqual({ name: 'dossier', id: 'hoa-3' });
  });

  it('opens the row ↓ went to when Enter comes at once after it (a quick clerk), not the one before', async () => {
    await showList();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('dossier-search'), 'le thi hoa');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('5 hồ sơ'));
    screen.getAllByTestId('dossier-row')[0]!.focus();
    // No wait between the two keys: input events run before the page's timers.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(useRoute.getState().route).toEqual({ name: 'dossier', id: 'hoa-1' });
  });

  it('comes back scrolled to where the clerk left it', async () => {
    await showList();
    const box = screen.getByTestId('dossier-scroll');
    box.scrollTop = 44 * 250;
    fireEvent.scroll(box);
    const row = await screen.findByText('Người nộp 252');
    await openAndComeBack(row.closest<HTMLElement>('[data-testid="dossier-row"]')!);
    await waitFor(() => expect(screen.getByTestId('dossier-scroll').scrollTop).toBe(44 * 250));
    expect(await screen.findByText('Người nộp 252')).toBeTruthy();
  });

  it('forgets them when the clerk clears the search, and at a logout', async () => {
    act(() => useSession.getState().setUser({ id: 'u1', username: 'thu', displayName: 'Nguyễn Thị Thu', role: 'clerk' }));
    onTestFinished(() => useSession.setState({ user: null }));
    await showList();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('dossier-search'), 'le thi hoa');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('5 hồ sơ'));
    await user.click(screen.getByRole('button', { name: 'Xoá bộ lọc' }));
    await openAndComeBack(screen.getAllByTestId('dossier-row')[0]!);
    expect(screen.getByTestId<HTMLInputElement>('dossier-search').value).toBe('');

    await user.type(screen.getByTestId('dossier-search'), 'le thi hoa');
    await waitFor(() => expect(screen.getByTestId('dossier-total').textContent).toBe('5 hồ sơ'));
    cleanup();
    // Logged out: whoever logs in next starts from an empty search.
    act(() => useSession.getState().setUser(null));
    await showList();
    expect(screen.getByTestId<HTMLInputElement>('dossier-search').value).toBe('');
  });
});
