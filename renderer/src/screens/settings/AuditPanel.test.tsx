// @vitest-environment jsdom
/** The personal-data access log, a page at a time, against a recording stand-in for the desk. */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import type { AuditEntryView, UserView } from '../../../../shared/api/desk-views';
import { useSession, type SessionUser } from '../../store/session';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { AUDIT_PAGE_SIZE, AuditPanel } from './AuditPanel';
import { standInDesk } from '../../test-support/stand-in-desk';
import { useDeskAction } from '../../components/use-desk-call';

/** Another panel of the Settings screen, doing what it does: an action the desk records in the trail. */
function ResetButton() {
  const reset = useDeskAction();
  return <button onClick={() => void reset.run('users.resetPassword', { id: 'u1', password: 'mat-khau-moi-1' })}>reset</button>;
}

const TOTAL = AUDIT_PAGE_SIZE + 5;
/** Newest first, as the desk lists them; entry n was written n minutes after 01:00 UTC (08:00 in Vietnam). */
const entry = (n: number): AuditEntryView => ({
  id: n,
  at: new Date(Date.UTC(2026, 10, 28, 1, n)).toISOString(),
  userId: 'u1',
  userName: 'Nguyễn Thị Lan',
  action: n % 2 === 0 ? 'dossier.view' : 'dossier.search',
  targetKind: 'dossier',
  targetId: `5d1c2a9e-0000-4000-8000-${String(n).padStart(12, '0')}`,
  targetName: `H23.10-261128-${String(n).padStart(4, '0')}`,
  detail: null,
});
const all = Array.from({ length: TOTAL }, (_, i) => entry(TOTAL - i));
const calls: ({ limit: number; offset: number } & Record<string, unknown>)[] = [];
const ADMIN: SessionUser = { id: '0b6f7d0e-3c1a-4c55-9a43-5f1d2b7e0a01', username: 'ttbinh', displayName: 'Trần Thị Bình', role: 'administrator' };
const LAN: UserView = { id: 'u1', username: 'ntlan', displayName: 'Nguyễn Thị Lan', role: 'clerk', active: true, lockedUntil: null, createdAt: '2026-11-01T08:00:00+07:00' };
/** What the desk answers, when a test wants other entries than the 25 above. */
let answer: ((input: { limit: number; offset: number }) => { entries: AuditEntryView[]; total: number }) | null = null;

function deskStandIn(): DeskTransport {
  return standInDesk((method: string, input: unknown) => {
    if (method === 'audit.list') {
      const query = input as { limit: number; offset: number };
      calls.push(query);
      return ok(answer ? answer(query) : { entries: all.slice(query.offset, query.offset + query.limit), total: TOTAL });
    }
    if (method === 'users.list') return ok([view(ADMIN), LAN]);
    if (method === 'users.resetPassword') {
      // The desk writes the reset into the trail, as it does.
      const reset: AuditEntryView = { ...entry(TOTAL + 1), userId: ADMIN.id, userName: ADMIN.displayName, action: 'user.reset_password', targetKind: 'user', targetId: 'u1', targetName: 'ntlan' };
      answer = (query) => ({ entries: [reset, ...all].slice(query.offset, query.offset + query.limit), total: TOTAL + 1 });
      return ok(null);
    }
    return undefined;
  });
}

const renderPanel = () =>
  render(
    <DeskProvider transport={deskStandIn()}>
      <AuditPanel />
    </DeskProvider>,
  );
const view = (u: SessionUser): UserView => ({ ...u, active: true, lockedUntil: null, createdAt: '2026-11-01T08:00:00+07:00' });

beforeAll(() => initI18n('vi'));
beforeEach(() => useSession.setState({ user: ADMIN }));
afterEach(() => {
  cleanup();
  calls.length = 0;
  answer = null;
});

const rowsText = () => [...screen.getByTestId('audit-table').querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));

describe('the audit log', () => {
  it('shows each entry in Vietnam time, with who did what to which record', async () => {
    renderPanel();
    expect(await screen.findByText('1–20 trong 25 mục')).toBeTruthy();
    expect(rowsText()[0]).toEqual(['08:25 28/11/2026', 'Nguyễn Thị Lan', 'Tìm hồ sơ', 'Hồ sơ H23.10-261128-0025', '']);
    expect(rowsText()[1]![2]).toBe('Xem hồ sơ');
    expect((screen.getByRole('button', { name: '‹ Trang trước' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks the desk for the next page from where this one ended, and back', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText('1–20 trong 25 mục');
    await user.click(screen.getByRole('button', { name: 'Trang sau ›' }));
    expect(await screen.findByText('21–25 trong 25 mục')).toBeTruthy();
    expect(calls.map(({ limit, offset }) => ({ limit, offset }))).toEqual([
      { limit: AUDIT_PAGE_SIZE, offset: 0 },
      { limit: AUDIT_PAGE_SIZE, offset: AUDIT_PAGE_SIZE },
    ]);
    expect(rowsText().map((r) => r[0])).toEqual(['08:05 28/11/2026', '08:04 28/11/2026', '08:03 28/11/2026', '08:02 28/11/2026', '08:01 28/11/2026']);
    expect((screen.getByRole('button', { name: 'Trang sau ›' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: '‹ Trang trước' }));
    expect(await screen.findByText('1–20 trong 25 mục')).toBeTruthy();
    expect(calls.at(-1)).toEqual({ limit: AUDIT_PAGE_SIZE, offset: 0 });
  });
});

describe('the audit log beside the other panels', () => {
  it('shows what an action on the same screen just wrote, without opening the screen again', async () => {
    const user = userEvent.setup();
    render(
      <DeskProvider transport={deskStandIn()}>
        <ResetButton />
        <AuditPanel />
      </DeskProvider>,
    );
    expect(await screen.findByText('1–20 trong 25 mục')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'reset' }));
    expect(await screen.findByText('1–20 trong 26 mục')).toBeTruthy();
    expect(rowsText()[0]![1]).toBe('Trần Thị Bình');
  });
});

describe('the audit log’s filters', () => {
  it('asks the desk for one person’s views of one dossier over whole days in Vietnam time, from the first page', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText('1–20 trong 25 mục');
    await user.click(screen.getByRole('button', { name: 'Trang sau ›' }));
    await screen.findByText('21–25 trong 25 mục');
    const filters = screen.getByRole('form', { name: 'Lọc nhật ký' });
    await user.type(within(filters).getByRole('textbox', { name: 'Mã hồ sơ' }), ' H23.10-261128-0007 ');
    await user.selectOptions(await within(filters).findByRole('combobox', { name: 'Người dùng' }), 'Nguyễn Thị Lan (ntlan)');
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Thao tác' }), 'Xem hồ sơ');
    await user.type(within(filters).getByRole('textbox', { name: 'Từ ngày' }), '23/11/2026');
    await user.type(within(filters).getByRole('textbox', { name: 'Đến ngày' }), '27/11/2026');
    answer = () => ({ entries: [], total: 0 });
    await user.click(within(filters).getByRole('button', { name: 'Lọc' }));
    expect(await screen.findByText('Không có mục nào khớp bộ lọc.')).toBeTruthy();
    expect(calls.at(-1)).toEqual({
      dossierCode: 'H23.10-261128-0007',
      userId: 'u1',
      action: 'dossier.view',
      from: '2026-11-23T00:00:00+07:00',
      to: '2026-11-28T00:00:00+07:00',
      limit: AUDIT_PAGE_SIZE,
      offset: 0,
    });
    answer = null;
    await user.click(within(filters).getByRole('button', { name: 'Bỏ lọc' }));
    expect(await screen.findByText('1–20 trong 25 mục')).toBeTruthy();
    expect(calls.at(-1)).toEqual({ limit: AUDIT_PAGE_SIZE, offset: 0 });
  });

  it('names a date it cannot read, or a period that ends before it starts, without asking the desk', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText('1–20 trong 25 mục');
    const asked = calls.length;
    const filters = screen.getByRole('form', { name: 'Lọc nhật ký' });
    await user.type(within(filters).getByRole('textbox', { name: 'Từ ngày' }), '31/02/2026');
    await user.click(within(filters).getByRole('button', { name: 'Lọc' }));
    expect(within(filters).getByText('Ngày không hợp lệ; hãy viết dạng 31/12/2026.')).toBeTruthy();
    // The focus is on the date to correct, not left on "Lọc" above a list that still shows the old rows.
    expect(document.activeElement).toBe(within(filters).getByRole('textbox', { name: 'Từ ngày' }));
    await user.clear(within(filters).getByRole('textbox', { name: 'Từ ngày' }));
    await user.type(within(filters).getByRole('textbox', { name: 'Từ ngày' }), '27/11/2026');
    await user.type(within(filters).getByRole('textbox', { name: 'Đến ngày' }), '23/11/2026');
    await user.click(within(filters).getByRole('button', { name: 'Lọc' }));
    expect(within(filters).getByText('“Đến ngày” phải cùng hoặc sau “Từ ngày”.')).toBeTruthy();
    expect(document.activeElement).toBe(within(filters).getByRole('textbox', { name: 'Đến ngày' }));
    expect(calls.length).toBe(asked);
  });

  it('has no person filter for a supervisor, who may not list the accounts', async () => {
    useSession.setState({ user: { ...ADMIN, role: 'supervisor' } });
    renderPanel();
    await screen.findByText('1–20 trong 25 mục');
    const filters = screen.getByRole('form', { name: 'Lọc nhật ký' });
    expect(within(filters).queryByRole('combobox', { name: 'Người dùng' })).toBeNull();
    expect(within(filters).getByRole('combobox', { name: 'Thao tác' })).toBeTruthy();
  });
});

describe('the audit log’s targets and details', () => {
  const at = '2026-11-28T02:00:00.000Z';
  const row = (more: Partial<AuditEntryView>): AuditEntryView => ({
    id: 1,
    at,
    userId: ADMIN.id,
    userName: ADMIN.displayName,
    action: 'user.update',
    targetKind: null,
    targetId: null,
    targetName: null,
    detail: null,
    ...more,
  });

  it('say a search by a procedure\'s code in words too, not as the desk records it', async () => {
    const entries = [row({ id: 1, action: 'dossier.search', targetKind: 'dossier', detail: 'procedure_code query, 2 result(s)' })];
    answer = () => ({ entries, total: entries.length });
    renderPanel();
    await screen.findByText('1–1 trong 1 mục');
    expect(rowsText()[0]![4]).toBe('tìm theo mã thủ tục, 2 kết quả');
  });

  it('are in Vietnamese words: accounts by name, periods as dates, no ids or English phrases', async () => {
    const entries = [
      row({ id: 9, action: 'user.update', targetKind: 'user', targetId: 'd4377bf9-0bb8-4488-98d8-ea88901a22a4', targetName: 'Nguyễn Thị Lan', detail: 'role clerk -> supervisor; disabled' }),
      row({ id: 8, action: 'user.create', targetKind: 'user', targetId: ADMIN.id, targetName: ADMIN.displayName, detail: 'first administrator' }),
      row({ id: 11, action: 'dossier.list', targetKind: 'report', targetId: '2026-01-01..2026-11-28', detail: 'report by month, 11 months; unit 000.00.06.H56' }),
      row({ id: 7, action: 'dossier.search', targetKind: 'dossier', detail: 'id_number query, 3 result(s); due soon; filters status, received dates' }),
      row({ id: 6, action: 'dossier.list', targetKind: 'report', targetId: '2026-11-01..2026-11-30', detail: 'report summary; unit all' }),
      row({ id: 5, action: 'auth.login_failed', userId: null, userName: null, detail: 'unknown username' }),
      row({ id: 10, action: 'auth.login_failed', detail: 'password change' }),
      row({ id: 4, action: 'settings.set', targetKind: 'calendar', targetId: 'local', detail: "office hours: server's -> days 12345; 07:30-11:30, 13:30-17:00; same-day 10:00; Friday 15:00/17:00 | days off added: 2026-12-24 Giỗ tổ" }),
      // One part only: its own "; " must not be taken for the separator between parts.
      row({ id: 12, action: 'settings.set', targetKind: 'calendar', targetId: 'local', detail: 'days off added: 2026-12-24; 2026-12-31 Tất niên' }),
      row({ id: 3, action: 'settings.set', detail: 'scanInboxDir' }),
      row({ id: 2, action: 'identity.set', targetKind: 'desk', targetId: '7a0c1f55-9f0e-4d7e-8f55-0c9a3b2e1d11' }),
      row({ id: 1, action: 'dossier.list', targetKind: 'report', targetId: '2026-11-01..2026-11-30', detail: 'report drill-down returned, 50 dossiers from 0' }),
      row({ id: 0, action: 'dossier.list', targetKind: 'report', targetId: '2026-11-01..2026-11-30', detail: 'report drill-down refused, 8 dossiers from 0' }),
      row({ id: -1, action: 'dossier.list', targetKind: 'dossier', detail: 'form 06 logbook 2026-11, 42 dossiers' }),
    ];
    answer = () => ({ entries, total: entries.length });
    renderPanel();
    await screen.findByText('1–14 trong 14 mục');
    expect(rowsText().map((r) => [r[3], r[4]])).toEqual([
      ['Tài khoản Nguyễn Thị Lan', 'vai trò Cán bộ tiếp nhận → Lãnh đạo bộ phận; vô hiệu hoá tài khoản'],
      ['Tài khoản Trần Thị Bình', 'quản trị viên đầu tiên của quầy'],
      ['Báo cáo 01/01/2026 – 28/11/2026', 'xem báo cáo theo tháng, 11 tháng; Huyện Thanh Hà'],
      ['Hồ sơ', 'tìm theo số định danh cá nhân, 3 kết quả; trong các hồ sơ sắp đến hạn; lọc theo trạng thái, ngày nhận'],
      ['Báo cáo 01/11/2026 – 30/11/2026', 'xem báo cáo tổng hợp; tất cả đơn vị'],
      ['', 'tên đăng nhập không có trên quầy'],
      ['', 'sai mật khẩu hiện tại khi đổi mật khẩu'],
      [
        'Lịch làm việc',
        'giờ làm việc: theo lịch của máy chủ → Thứ Hai, Thứ Ba, Thứ Tư, Thứ Năm, Thứ Sáu; 07:30–11:30, 13:30–17:00; chốt trả trong ngày 10:00; Thứ Sáu không chờ 15:00, hẹn trước 17:00; thêm ngày nghỉ 24/12/2026 Giỗ tổ',
      ],
      ['Lịch làm việc', 'thêm ngày nghỉ 24/12/2026; 31/12/2026 Tất niên'],
      ['', 'thư mục nhận bản quét'],
      ['Quầy', ''],
      ['Báo cáo 01/11/2026 – 30/11/2026', 'xem hồ sơ thuộc số liệu “Đã trả kết quả”, 50 hồ sơ từ hồ sơ thứ 1'],
      ['Báo cáo 01/11/2026 – 30/11/2026', 'xem hồ sơ thuộc số liệu “Không được tiếp nhận”, 8 hồ sơ từ hồ sơ thứ 1'],
      ['Hồ sơ', 'xem sổ theo dõi hồ sơ (mẫu 06) tháng 11/2026, 42 hồ sơ'],
    ]);
  });

  it('says a search by part of a dossier code was a search by code, not by name', async () => {
    const entries = [
      row({ id: 18, action: 'dossier.search', targetKind: 'dossier', detail: 'code_part query, 2 result(s)' }),
      row({ id: 17, action: 'dossier.search', targetKind: 'dossier', detail: 'code query, 1 result(s)' }),
    ];
    answer = () => ({ entries, total: entries.length });
    renderPanel();
    await screen.findByText('1–2 trong 2 mục');
    expect(rowsText().map((r) => r[4])).toEqual(['tìm theo một phần mã hồ sơ, 2 kết quả', 'tìm theo mã hồ sơ, 1 kết quả']);
  });

  it('shows refused server-address changes beside accepted ones: the address tried and why, in words', async () => {
    const entries = [
      row({ id: 16, action: 'sync.set_server_refused', targetKind: 'desk', targetId: 'dev-1', detail: 'http://10.0.0.5:8470/ → http://10.0.0.9/; refused not_motcua_server' }),
      row({ id: 15, action: 'sync.set_server_refused', targetKind: 'desk', targetId: 'dev-1', detail: 'http://10.0.0.5:8470/ → (not an address); refused invalid_server_url' }),
      row({ id: 14, action: 'sync.set_server', targetKind: 'desk', targetId: 'dev-1', detail: 'http://10.0.0.4:8470/ → http://10.0.0.5:8470/' }),
    ];
    answer = () => ({ entries, total: entries.length });
    renderPanel();
    await screen.findByText('1–3 trong 3 mục');
    expect(rowsText().map((r) => [r[2], r[3], r[4]])).toEqual([
      ['Đổi địa chỉ máy chủ bị từ chối', 'Quầy', 'http://10.0.0.5:8470/ → http://10.0.0.9/; bị từ chối: ở địa chỉ đó không phải máy chủ MotCua'],
      ['Đổi địa chỉ máy chủ bị từ chối', 'Quầy', 'http://10.0.0.5:8470/ → (không phải một địa chỉ); bị từ chối: địa chỉ không hợp lệ'],
      ['Đổi địa chỉ máy chủ', 'Quầy', 'http://10.0.0.4:8470/ → http://10.0.0.5:8470/'],
    ]);
    // The action can be chosen in the filter, as the accepted change can.
    expect(screen.getByRole('option', { name: 'Đổi địa chỉ máy chủ bị từ chối' })).toBeTruthy();
  });

  it('says a look at the sync page in words: how many dossiers of each kind, and their codes', async () => {
    const entries = [
      row({
        id: 13,
        action: 'dossier.list',
        targetKind: 'sync',
        detail: 'sync problems, 2 refused, 1 in conflict; dossiers 000.00.06.H56-261127-2001, 000.00.06.H56-261127-2002, 1 without code',
      }),
    ];
    answer = () => ({ entries, total: entries.length });
    renderPanel();
    await screen.findByText('1–1 trong 1 mục');
    expect(rowsText().map((r) => [r[2], r[3], r[4]])).toEqual([
      [
        'Liệt kê hồ sơ',
        'Trang Đồng bộ',
        'xem 2 hồ sơ bị máy chủ từ chối và 1 hồ sơ xung đột; mã hồ sơ: 000.00.06.H56-261127-2001, 000.00.06.H56-261127-2002, 1 hồ sơ chưa có mã',
      ],
    ]);
  });
});
