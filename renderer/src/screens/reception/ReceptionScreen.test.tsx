// @vitest-environment jsdom
/**
 * The reception form in a DOM: what the clerk sees as they fill it in. The desk behind it is a recording stand-in
 * answering with the seed catalog (the real desk and browser are exercised end to end in tests/e2e).
 */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { ok, type Result } from '../../../../shared/result';
import type { DeskCall } from '../../../../shared/api/desk-api';
import { DeskProvider } from '../../desk-context';
import type { DeskEventListener, DeskTransport } from '../../bridge';
import type { CalendarView } from '../../../../shared/api/desk-calendar';
import { changeLanguage, initI18n } from '../../i18n';
import { receiveInputSchema } from '../../../../shared/api/dossier-inputs';
import { useSession } from '../../store/session';
import { useDeskInfo } from '../../store/desk-info';
import { useSyncState, type SyncSnapshot } from '../../store/sync';
import { openDraftStore, type DraftStore } from '../../drafts/draft-store';
import { formatVnDateTime } from '../../format/vn-time';
import { ReceptionScreen } from './ReceptionScreen';
import { emptyDraft } from './model';

const calls: { method: string; input: unknown }[] = [];
const scanInbox = { folder: '/scans', missing: false, files: [{ fileName: 'giay-to-tuy-than.pdf', size: 1200, modifiedAt: '2026-11-24T09:30:00+07:00' }] };
/** What the stand-in desk answers for the scan inbox; a test may replace it (put back after each test). */
let inboxAnswer: typeof scanInbox = scanInbox;
/** For a test that follows the folder's files: the names in it now, which an import takes out and a put-back returns. */
let scanFolder: Set<string> | null = null;
const listeners = new Set<DeskEventListener>();
/** What the stand-in's `calendar.get` answers; a test changes it and announces `calendar.changed`. */
let calendarView: CalendarView;
const standardView = (): CalendarView => ({
  effective: {},
  server: { config: {}, source: 'seed', updatedAt: '2026-11-01T08:00:00+07:00' },
  local: { officeHours: null, daysOff: [], workingDays: [], updatedAt: null, updatedBy: null },
});
const SCAN_SHA = 'c'.repeat(64);
/** The desk's published lookup address (an administrator's setting); null until a test sets one. */
let lookupUrl: string | null = null;
/** The address the district server hands down (settings.get `districtLookupUrl`). */
let districtLookupUrl: string | null = null;
/** The units app.info names (an enrolled desk's district registry); absent until a test sets them. */
let infoUnits: { code: string; name: string }[] | undefined;

/** While set, recording a reception waits for it (a slow desk): the form is the one being saved meanwhile. */
let receiveGate: Promise<void> | null = null;

const RECEIPT = { code: '000.00.06.H56-261124-1001', pin: '123456', receivedAt: '2026-11-24T09:32:00+07:00', dueAt: '2026-11-24T17:00:00+07:00' };
/**
 * The dossier as the stand-in desk stored it: the receive input read by the desk's own schema (as every transport
 * does: phones normalised, text trimmed), its papers named from the catalog, and the scans linked since.
 */
let stored: { applicant: unknown; procedureCode: string; components: { componentId: string; name: string; form: string; copies: number; present: boolean; attachmentSha256?: string }[] } | null = null;

function store(input: unknown) {
  const parsed = receiveInputSchema.parse(input);
  const procedure = seedProcedures.find((p) => p.code === parsed.procedureCode)!;
  stored = {
    applicant: parsed.applicant,
    procedureCode: parsed.procedureCode,
    components: parsed.components.map((c) => {
      const paper = procedure.components.find((p) => p.id === c.componentId)!;
      return { componentId: c.componentId, name: paper.name, form: paper.form, copies: c.copies ?? paper.copies, present: c.present };
    }),
  };
}

function deskStandIn(): DeskTransport {
  const call = (async (method: string, input: unknown): Promise<Result<unknown>> => {
    calls.push({ method, input });
    if (method === 'catalog.procedures') return ok(seedProcedures);
    if (method === 'calendar.get') return ok(calendarView);
    if (method === 'app.info') return ok({ version: 'test', deviceId: 'd1', unitCode: '000.00.06.H56', deskNumber: 1, ...(infoUnits ? { units: infoUnits } : {}) });
    if (method === 'attachments.inbox') return ok(scanFolder ? { ...scanInbox, files: scanInbox.files.filter((f) => scanFolder!.has(f.fileName)) } : inboxAnswer);
    if (method === 'attachments.putBack' && scanFolder) {
      scanFolder.add((input as { fileName: string }).fileName);
      return ok({ offeredAgain: true });
    }
    if (method === 'settings.get') return ok({ scanInboxDir: '/scans', dailyBackup: true, dueSoonWorkingHours: 8, publicLookupUrl: lookupUrl, language: 'vi', districtLookupUrl });
    if (method === 'attachments.import') {
      scanFolder?.delete((input as { fileName: string }).fileName);
      return ok({ sha256: SCAN_SHA, size: 1200, mime: 'application/pdf', fileName: 'giay-to-tuy-than.pdf', importedAt: '2026-11-24T09:31:00+07:00', alreadyStored: false });
    }
    if (method === 'attachments.link') {
      const { sha256, target } = input as { sha256: string; target: { componentId: string } };
      const paper = stored?.components.find((c) => c.componentId === target.componentId);
      if (paper) paper.attachmentSha256 = sha256;
      return ok({ eventId: 'e2', dossier: { id: 'dossier-1', version: 2 } });
    }
    if (method === 'dossiers.get' && stored && (input as { dossierId?: string }).dossierId === 'dossier-1') {
      return ok({ state: { id: 'dossier-1', ...RECEIPT, status: 2, channel: 'in_person', ...stored } });
    }
    if (method === 'dossiers.refuse') return ok({ eventId: 'e3', dossier: { id: 'dossier-2', version: 1 } });
    if (method === 'dossiers.receive') {
      if (receiveGate) await receiveGate;
      store(input);
      return ok({ eventId: 'e1', ...RECEIPT, dossier: { id: 'dossier-1', version: 1 } });
    }
    return { ok: false, error: { code: 'not_found', message: { vi: 'Không có', en: 'None' } } };
  }) as DeskCall;
  return {
    kind: 'loopback',
    call,
    onDeskEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

beforeAll(() => {
  initI18n('vi');
  useSession.setState({ user: { id: 'u1', username: 'ttbinh', displayName: 'Trần Thị Bình', role: 'clerk' } });
});
beforeEach(() => {
  calendarView = standardView();
});
const track = <T,>(read: Promise<T>): Promise<T> => {
  draftReads.push(read);
  return read;
};

afterEach(async () => {
  await act(async () => {
    await Promise.allSettled(draftReads.splice(0));
  });
  cleanup();
  // Drafts are kept per user: a test that leaves one behind under its own user leaves the next test's form alone.
  useSession.setState({ user: { id: 'u1', username: 'ttbinh', displayName: 'Trần Thị Bình', role: 'clerk' } });
  calls.length = 0;
  stored = null;
  scanFolder = null;
  lookupUrl = null;
  districtLookupUrl = null;
  infoUnits = undefined;
  useDeskInfo.setState({ info: null });
  listeners.clear();
});

/** A marriage registration refused at the counter (form 03) for Trịnh Văn Quyết, as a clerk types it. */
async function refuseMarriageAtCounter(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.type(await screen.findByTestId('procedure-search'), 'ket hon');
  await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký kết hôn')!);
  // The clerk goes through the fields with Tab, as at the counter, so each counts as visited.
  await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Trịnh Văn Quyết');
  await user.tab();
  await user.type(screen.getByRole('textbox', { name: /Lý do từ chối/ }), 'Thiếu giấy xác nhận tình trạng hôn nhân');
  await user.click(screen.getByRole('button', { name: /Từ chối tiếp nhận \(mẫu 03\)/ }));
}

/**
 * The draft reads a rendered screen started (the saved draft, the parked receptions): each test waits for them before
 * the screen goes, or one still running when the last test ends answers into a torn-down page ("window is not
 * defined", seen once in CI under load).
 */
const draftReads: Promise<unknown>[] = [];

/** The applicant names in the clerk's form drafts (one per form; not those set aside), as the store holds them. */
async function formDraftNames(drafts: DraftStore, userId: string): Promise<string[]> {
  return (await drafts.list<ReturnType<typeof emptyDraft>>(`reception:${userId}:`)).map((d) => d.value.applicant.name);
}

function renderScreen(dbName: string) {
  const opened = openDraftStore(dbName);
  const drafts: DraftStore = {
    ...opened,
    load: (key) => track(opened.load(key)),
    list: (prefix) => track(opened.list(prefix)),
  };
  render(
    <DeskProvider transport={deskStandIn()}>
      <ReceptionScreen drafts={drafts} />
    </DeskProvider>,
  );
  return drafts;
}

describe('the reception form', () => {
  it('finds the procedure without diacritics, checks the personal ID number on leaving the field, and saves only when complete', async () => {
    const user = userEvent.setup();
    const drafts = renderScreen('reception-1');
    await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
    const option = screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký khai sinh')!;
    await user.click(option);
    expect(screen.getByTestId('chosen-procedure').textContent).toContain('Thủ tục đăng ký khai sinh');
    expect(screen.getByTestId('friday-badge')).toBeTruthy();

    const name = screen.getByRole('textbox', { name: /Họ và tên/ });
    await waitFor(() => expect(document.activeElement).toBe(name));
    await user.type(name, 'Nguyễn Văn Đức');
    const id = screen.getByRole('textbox', { name: /Số định danh cá nhân/ });
    await user.type(id, '12345');
    await user.tab();
    expect(screen.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số.')).toBeTruthy();
    expect(id.getAttribute('aria-invalid')).toBe('true');
    await user.clear(id);
    await user.type(id, '001203004567');
    expect(screen.queryByText('Số định danh cá nhân phải gồm đúng 12 chữ số.')).toBeNull();

    const save = screen.getByTestId('save-reception') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(screen.getByTestId('completeness').textContent).toContain('thiếu 3 giấy tờ bắt buộc');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    expect(screen.getByTestId('completeness').textContent).toContain('Hồ sơ đầy đủ');
    expect(save.disabled).toBe(false);

    // The draft has been autosaved while typing.
    await waitFor(async () => expect(await formDraftNames(drafts, 'u1')).toEqual(['Nguyễn Văn Đức']));

    await user.keyboard('{F2}');
    const receive = await waitFor(() => {
      const found = calls.find((c) => c.method === 'dossiers.receive');
      if (!found) throw new Error('not yet');
      return found;
    });
    expect(receive.input).toMatchObject({
      channel: 'in_person',
      applicant: { kind: 'person', name: 'Nguyễn Văn Đức', idNumber: '001203004567' },
      components: expect.arrayContaining([expect.objectContaining({ present: true })]),
    });
    const sheet = await screen.findByTestId('print-sheet');
    expect(within(sheet).getByTestId('slip-code').textContent).toBe('000.00.06.H56-261124-1001');
    expect(within(sheet).getByTestId('slip-due').textContent).toBe('17:00 24/11/2026');
    // The legal processing time of the procedure chosen, beside the appointment it gives (form 01).
    expect(within(sheet).getByTestId('slip-processing-time').textContent).toMatch(/^(\d+ (ngày|giờ) làm việc|Trong ngày)$/);
    expect(within(sheet).getAllByText('123 456')).toHaveLength(2);
    // After saving, the draft is gone and the form is empty for the next citizen.
    await waitFor(async () => expect(await formDraftNames(drafts, 'u1')).toEqual([]));
    expect((screen.getByRole('textbox', { name: /Họ và tên/ }) as HTMLInputElement).value).toBe('');
  });

  it('leaves the empty name quiet while the clerk ticks papers first: "required" waits for the save', async () => {
    const user = userEvent.setup();
    useSession.setState({ user: { id: 'u12', username: 'tvquang', displayName: 'Trịnh Văn Quang', role: 'clerk' } });
    renderScreen('reception-quiet');
    await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký khai sinh')!);
    const name = screen.getByRole('textbox', { name: /Họ và tên/ });
    await waitFor(() => expect(document.activeElement).toBe(name));
    const [first] = screen.getAllByRole('checkbox') as HTMLInputElement[];
    await user.click(first!);
    expect(first!.checked).toBe(true);
    await user.click(screen.getByRole('radio', { name: /Tổ chức/ }));
    expect(screen.queryByText('Trường này không được để trống.')).toBeNull();
    expect(name.getAttribute('aria-invalid')).not.toBe('true');
    // Typed in and emptied again, the field says so when left.
    await user.type(screen.getByRole('textbox', { name: /Tên tổ chức/ }), 'Công ty');
    await user.clear(screen.getByRole('textbox', { name: /Tên tổ chức/ }));
    await user.tab();
    expect(screen.getByText('Trường này không được để trống.')).toBeTruthy();
  });

  it('offers only refusal (form 03, with a reason) or guidance (form 02) for an incomplete dossier', async () => {
    const user = userEvent.setup();
    renderScreen('reception-2');
    await user.type(await screen.findByTestId('procedure-search'), 'ket hon');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký kết hôn')!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Lê Thị Thuỳ Dương');
    await user.click(screen.getByRole('button', { name: /Từ chối tiếp nhận \(mẫu 03\)/ }));
    expect(screen.getByText('Hãy ghi lý do từ chối tiếp nhận.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'dossiers.refuse')).toBe(false);
    await user.click(screen.getByRole('button', { name: /Hướng dẫn bổ sung \(mẫu 02\)/ }));
    const sheet = await screen.findByTestId('print-sheet');
    expect(sheet.textContent).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(calls.map((c) => c.method)).not.toContain('dossiers.receive');
  });

  it('prints guidance (form 02) without a note and asks for none, while a refusal still asks for its reason', async () => {
    const user = userEvent.setup();
    useSession.setState({ user: { id: 'u6', username: 'vtlan', displayName: 'Vũ Thị Lan', role: 'clerk' } });
    renderScreen('reception-6');
    await user.type(await screen.findByTestId('procedure-search'), 'ket hon');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký kết hôn')!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Phạm Văn Toàn');
    await user.click(screen.getByRole('button', { name: /Hướng dẫn bổ sung \(mẫu 02\)/ }));
    expect(await screen.findByTestId('print-sheet')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /Lý do từ chối/ }).getAttribute('aria-invalid')).not.toBe('true');
    expect(screen.queryByText('Hãy ghi lý do từ chối tiếp nhận.')).toBeNull();
    await user.click(screen.getByRole('button', { name: /Từ chối tiếp nhận \(mẫu 03\)/ }));
    expect(screen.getByText('Hãy ghi lý do từ chối tiếp nhận.')).toBeTruthy();
  });

  it('prints no guidance (form 02) while an applicant field is marked wrong, and names the applicant once it is fixed', async () => {
    const user = userEvent.setup();
    useSession.setState({ user: { id: 'u5', username: 'dtmai', displayName: 'Đỗ Thị Mai', role: 'clerk' } });
    renderScreen('reception-5');
    await user.type(await screen.findByTestId('procedure-search'), 'ket hon');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký kết hôn')!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Lê Thị Hồng Nhung');
    const email = screen.getByRole('textbox', { name: /Thư điện tử/ });
    await user.type(email, 'abc@');
    const guide = screen.getByRole('button', { name: /Hướng dẫn bổ sung \(mẫu 02\)/ });
    await user.click(guide);
    expect(screen.getByText('Hãy sửa các ô được đánh dấu trước khi lưu.')).toBeTruthy();
    expect(screen.queryByTestId('print-sheet')).toBeNull();
    await user.clear(email);
    await user.click(guide);
    const sheet = await screen.findByTestId('print-sheet');
    expect(sheet.textContent).toContain('Lê Thị Hồng Nhung');
  });

  it('moves the keyboard to the reason box when a refusal is asked for without one', async () => {
    const user = userEvent.setup();
    useSession.setState({ user: { id: 'u8', username: 'ltha', displayName: 'Lê Thị Hà', role: 'clerk' } });
    renderScreen('reception-8');
    await user.type(await screen.findByTestId('procedure-search'), 'ket hon');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký kết hôn')!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Phạm Văn Toàn');
    await user.keyboard('{Alt>}t{/Alt}');
    const reason = screen.getByRole('textbox', { name: /Lý do từ chối/ });
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    await waitFor(() => expect(document.activeElement).toBe(reason));
    expect(calls.some((c) => c.method === 'dossiers.refuse')).toBe(false);
  });

  it('leaves the form clean for the next citizen after a refusal: no field is marked as missing', async () => {
    const user = userEvent.setup();
    useSession.setState({ user: { id: 'u9', username: 'ntkim', displayName: 'Nguyễn Thị Kim', role: 'clerk' } });
    renderScreen('reception-9');
    await refuseMarriageAtCounter(user);
    const sheet = await screen.findByTestId('print-sheet');
    expect(sheet.textContent).toContain('Trịnh Văn Quyết');
    const name = screen.getByRole('textbox', { name: /Họ và tên/ }) as HTMLInputElement;
    expect(name.value).toBe('');
    expect(name.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Trường này không được để trống.')).toBeNull();
  });

  it('keeps a saved draft still on offer when the clerk serves another citizen without answering "Khôi phục?"', async () => {
    const user = userEvent.setup();
    useSession.setState({ user: { id: 'u14', username: 'tvhai', displayName: 'Tạ Văn Hải', role: 'clerk' } });
    const half = { ...emptyDraft(), procedureCode: seedProcedures[0]!.code, applicant: { ...emptyDraft().applicant, name: 'Hoàng Thị Lụa' } };
    await openDraftStore('reception-14').save('reception:u14', half);
    const drafts = renderScreen('reception-14');
    await screen.findByRole('button', { name: 'Khôi phục' });
    await refuseMarriageAtCounter(user);
    await screen.findByTestId('print-sheet');
    // The other citizen's half-typed dossier is still there, and still offered.
    await waitFor(async () => expect(await formDraftNames(drafts, 'u14')).toEqual(['Hoàng Thị Lụa']));
    expect(screen.getByRole('button', { name: 'Khôi phục' })).toBeTruthy();
  });

  it('puts the keyboard back into the form when a saved draft is restored or thrown away', async () => {
    const user = userEvent.setup();
    useSession.setState({ user: { id: 'u10', username: 'dvnam', displayName: 'Đặng Văn Nam', role: 'clerk' } });
    const drafts = openDraftStore('reception-10');
    const half = { ...emptyDraft(), procedureCode: seedProcedures[0]!.code, applicant: { ...emptyDraft().applicant, name: 'Hoàng Thị Lụa' } };
    await drafts.save(`reception:u10:${half.id}`, half);
    renderScreen('reception-10');
    await user.click(await screen.findByRole('button', { name: 'Khôi phục' }));
    const name = screen.getByRole('textbox', { name: /Họ và tên/ }) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(name.value).toBe('Hoàng Thị Lụa');
    cleanup();

    // A restored draft's wrong value is still said when the clerk leaves its field.
    useSession.setState({ user: { id: 'u13', username: 'lvbao', displayName: 'Lê Văn Bảo', role: 'clerk' } });
    await openDraftStore('reception-13').save(`reception:u13:${half.id}`, { ...half, applicant: { ...half.applicant, phone: '0912' } });
    renderScreen('reception-13');
    await user.click(await screen.findByRole('button', { name: 'Khôi phục' }));
    const phone = await screen.findByRole('textbox', { name: /Số điện thoại/ });
    await user.click(phone);
    await user.tab();
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    cleanup();

    useSession.setState({ user: { id: 'u11', username: 'pvlong', displayName: 'Phan Văn Long', role: 'clerk' } });
    await openDraftStore('reception-11').save('reception:u11', half);
    renderScreen('reception-11');
    await user.click(await screen.findByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('procedure-search')));
  });

  it('attaches a scan from the inbox to a paper, links it once the dossier exists, and prints it on the slip', async () => {
    const user = userEvent.setup();
    // Another clerk: the form kept in memory for u1 by the test before (guidance keeps the draft) is not theirs.
    useSession.setState({ user: { id: 'u3', username: 'ltlan', displayName: 'Lê Thị Lan', role: 'clerk' } });
    renderScreen('reception-3');
    await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký khai sinh')!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Văn Đức');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    const birth = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
    const paper = birth.components[0]!;

    await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${paper.name}` }));
    const file = await screen.findByRole('button', { name: /giay-to-tuy-than\.pdf/ });
    await waitFor(() => expect(document.activeElement).toBe(file));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(screen.getByTestId(`scan-${paper.id}`)).getByText('giay-to-tuy-than.pdf')).toBeTruthy());
    expect(calls.find((c) => c.method === 'attachments.import')?.input).toEqual({ source: 'inbox', fileName: 'giay-to-tuy-than.pdf' });
    expect(screen.getByTestId('scan-count').textContent).toBe(`Đã có bản quét 1/${birth.components.length} giấy tờ đã nhận`);

    await user.keyboard('{F2}');
    const sheet = await screen.findByTestId('print-sheet');
    const link = calls.find((c) => c.method === 'attachments.link');
    expect(link?.input).toEqual({ dossierId: 'dossier-1', sha256: SCAN_SHA, fileName: 'giay-to-tuy-than.pdf', target: { componentId: paper.id }, expectedVersion: 1 });
    // The receive call itself carries no scan: the link is its own event after the dossier exists.
    expect(JSON.stringify(calls.find((c) => c.method === 'dossiers.receive')?.input)).not.toContain(SCAN_SHA);
    expect(within(sheet).getByText(paper.name, { exact: false }).textContent).toContain('(đã số hoá)');
    expect(within(sheet).getByTestId('slip-digitised').textContent).toBe(`Đã số hoá 1/${birth.components.length} giấy tờ khi tiếp nhận.`);
  });

  it('offers a scan taken off a paper with "Bỏ" again, for another paper, and links it to that one only', async () => {
    const user = userEvent.setup();
    scanFolder = new Set(['giay-to-tuy-than.pdf']);
    useSession.setState({ user: { id: 'u15', username: 'dtha', displayName: 'Đỗ Thị Hà', role: 'clerk' } });
    renderScreen('reception-15');
    await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký khai sinh')!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Văn Đức');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    const [wrong, right] = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!.components;

    // Picked for the wrong paper (its file leaves the folder), then taken off it.
    await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${wrong!.name}` }));
    await user.click(await screen.findByRole('button', { name: /giay-to-tuy-than\.pdf/ }));
    await waitFor(() => expect(within(screen.getByTestId(`scan-${wrong!.id}`)).getByText('giay-to-tuy-than.pdf')).toBeTruthy());
    await user.click(screen.getByRole('button', { name: `Bỏ bản quét: ${wrong!.name}` }));
    await waitFor(() => expect(screen.getByRole('button', { name: `Đính kèm bản quét: ${wrong!.name}` })).toBeTruthy());

    // The clerk does not scan it again: the folder offers it once more, for the right paper.
    await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${right!.name}` }));
    await user.click(await screen.findByRole('button', { name: /giay-to-tuy-than\.pdf/ }));
    await waitFor(() => expect(within(screen.getByTestId(`scan-${right!.id}`)).getByText('giay-to-tuy-than.pdf')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'attachments.putBack').map((c) => c.input)).toEqual([{ sha256: SCAN_SHA, fileName: 'giay-to-tuy-than.pdf' }]);

    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    expect(calls.filter((c) => c.method === 'attachments.link').map((c) => (c.input as { target: unknown }).target)).toEqual([{ componentId: right!.id }]);
  });

  it('recomputes the live appointment when the desk announces a new working calendar', async () => {
    const user = userEvent.setup();
    useSession.setState({ user: { id: 'u4', username: 'pvan', displayName: 'Phạm Văn An', role: 'clerk' } });
    renderScreen('reception-4');
    await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký khai sinh')!);
    const before = (await screen.findByTestId('appointment-preview')).textContent;
    // Every day off for the next weeks: whatever today is, the appointment has to move.
    const today = new Date();
    const daysOff = Array.from({ length: 20 }, (_, i) => {
      const d = new Date(today.getTime() + i * 86_400_000 + 7 * 3_600_000);
      return { date: d.toISOString().slice(0, 10), name: 'Nghỉ' };
    });
    calendarView = { ...standardView(), effective: { years: groupByYear(daysOff) } };
    act(() => {
      for (const l of listeners) l({ type: 'calendar.changed', data: { source: 'local' } });
    });
    await waitFor(() => expect(screen.getByTestId('appointment-preview').textContent).not.toBe(before));
  });

  it('says to choose the procedure when F2 is pressed before one is chosen, with the keyboard in its search box', async () => {
    const user = userEvent.setup();
    useSession.setState({ user: { id: 'u-no-procedure', username: 'ntha', displayName: 'Nguyễn Thị Hà', role: 'clerk' } });
    const drafts = renderScreen('reception-no-procedure');
    const search = await screen.findByTestId('procedure-search');
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Văn Đức');
    await user.keyboard('{F2}');
    expect((await screen.findByTestId('procedure-missing')).textContent).toBe('Hãy chọn thủ tục trước: gõ tên hoặc mã thủ tục vào ô tìm rồi chọn.');
    expect(document.activeElement).toBe(search);
    expect(calls.some((c) => c.method === 'dossiers.receive')).toBe(false);
    // Gone once a procedure is chosen.
    await user.type(search, 'dang ky khai sinh');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký khai sinh')!);
    expect(screen.queryByTestId('procedure-missing')).toBeNull();
    // The draft written before the test ends, under this clerk (the next test's clerk starts with an empty form).
    await waitFor(async () => expect((await drafts.list<ReturnType<typeof emptyDraft>>('reception:u-no-procedure:')).map((d) => d.value.procedureCode)).toEqual([expect.any(String)]));
  });

  it('says the scan folder cannot be found when its drive is gone, instead of an empty list', async () => {
    const user = userEvent.setup();
    inboxAnswer = { folder: 'E:\\Scan', missing: true, files: [] };
    try {
      useSession.setState({ user: { id: 'u7', username: 'nvbinh', displayName: 'Ngô Văn Bình', role: 'clerk' } });
      renderScreen('reception-7');
      await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
      await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký khai sinh')!);
      const paper = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!.components[0]!;
      await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${paper.name}` }));
      expect(await screen.findByText('Không tìm thấy thư mục nhận bản quét E:\\Scan. Hãy kiểm tra máy quét hoặc ổ đĩa, hoặc đổi thư mục trong Cài đặt.')).toBeTruthy();
      expect(screen.queryByText(/chưa có tệp mới/)).toBeNull();
    } finally {
      inboxAnswer = scanInbox;
    }
  });
});

function groupByYear(days: { date: string; name: string }[]) {
  const years = new Map<number, { date: string; name: string }[]>();
  for (const d of days) years.set(Number(d.date.slice(0, 4)), [...(years.get(Number(d.date.slice(0, 4))) ?? []), d]);
  return [...years].map(([year, daysOff]) => ({ year, daysOff }));
}

describe('the receipt slip (form 01)', () => {
  /** Receives a complete birth registration as a clerk no earlier test used (a form kept in memory is per clerk). */
  async function receiveAndReadLookupLine(userId: string, dbName: string): Promise<string> {
    const user = userEvent.setup();
    useSession.setState({ user: { id: userId, username: `canbo-${userId}`, displayName: 'Phạm Thị Hoa', role: 'clerk' } });
    renderScreen(dbName);
    await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký khai sinh')!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Văn Đức');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await user.keyboard('{F2}');
    const sheet = await screen.findByTestId('print-sheet');
    return sheet.querySelector('p.lookup')?.textContent ?? '';
  }
  const qrText = () => screen.getByTestId('print-sheet').querySelector('img.qr, span.qr');

  it('tells the citizen where to look the dossier up when the desk has a lookup address', async () => {
    lookupUrl = 'https://dichvucong.haiduong.gov.vn/tra-cuu';
    const line = await receiveAndReadLookupLine('u20', 'reception-lookup-1');
    expect(line).toBe(
      'Tra cứu tình trạng hồ sơ tại https://dichvucong.haiduong.gov.vn/tra-cuu bằng mã hồ sơ và mã tra cứu 123 456, hoặc quét mã QR trên phiếu này bằng điện thoại rồi nhập mã tra cứu.',
    );
    // The QR a phone opens: the lookup page with the code filled in, never the PIN.
    await waitFor(() => expect(qrText()?.getAttribute('data-qr-text')).toBe('https://dichvucong.haiduong.gov.vn/tra-cuu?ma=000.00.06.H56-261124-1001'));
  });

  it("names the desk's unit as app.info names it (the district's registry), not as the demo seed does", async () => {
    // The seed calls this code "Huyện Thanh Hà"; the district server this desk enrolled with calls it otherwise.
    infoUnits = [{ code: '000.00.06.H56', name: 'Huyện Kim Thành' }];
    await act(() => useDeskInfo.getState().load(deskStandIn().call));
    await receiveAndReadLookupLine('u22', 'reception-unit-name');
    const sheet = screen.getByTestId('print-sheet');
    expect(sheet.textContent).toContain('HUYỆN KIM THÀNH');
    expect(sheet.textContent).toContain('Bộ phận tiếp nhận và trả kết quả huyện Kim Thành đã tiếp nhận hồ sơ của:');
    expect(sheet.textContent).not.toMatch(/Thanh Hà/i);
  });

  it("prints the district server's address when the desk has none of its own, and the desk's own when it has one", async () => {
    districtLookupUrl = 'https://dichvucong.haiduong.gov.vn/tra-cuu';
    const line = await receiveAndReadLookupLine('u23', 'reception-lookup-3');
    expect(line).toContain('Tra cứu tình trạng hồ sơ tại https://dichvucong.haiduong.gov.vn/tra-cuu bằng mã hồ sơ');
    await waitFor(() => expect(qrText()?.getAttribute('data-qr-text')).toBe('https://dichvucong.haiduong.gov.vn/tra-cuu?ma=000.00.06.H56-261124-1001'));
    cleanup();
    lookupUrl = 'https://tracuu.xathanhan.gov.vn/';
    const own = await receiveAndReadLookupLine('u24', 'reception-lookup-4');
    expect(own).toContain('tại https://tracuu.xathanhan.gov.vn/ bằng');
  });

  it('prints no address when none is set', async () => {
    const line = await receiveAndReadLookupLine('u21', 'reception-lookup-2');
    expect(line).toBe('Khi hỏi về tình trạng hồ sơ, xin cung cấp mã hồ sơ và mã tra cứu 123 456.');
    // The QR holds the code alone, for the return desk's scanner; a phone could open nothing with it, so the slip
    // does not send the citizen to scan it.
    expect(screen.getByTestId('print-sheet').textContent).not.toContain('quét mã QR');
    await waitFor(() => expect(qrText()?.getAttribute('data-qr-text')).toBe('000.00.06.H56-261124-1001'));
  });
});

describe('dossiers set aside ("Để riêng") while the citizen fetches a missing paper', () => {
  const clerk = (id: string, displayName: string) => useSession.setState({ user: { id, username: `canbo-${id}`, displayName, role: 'clerk' } });
  const setAsideButton = () => screen.getByRole('button', { name: /Để riêng, tiếp người khác/ }) as HTMLButtonElement;
  const nameField = () => screen.getByRole('textbox', { name: /Họ và tên/ }) as HTMLInputElement;
  /** The list's lines as the clerk reads them, top first. */
  const parkedLines = () => screen.queryAllByTestId('parked-reception').map((line) => line.querySelector('.parked-what')?.textContent ?? '');
  const parkedOf = (drafts: ReturnType<typeof openDraftStore>, userId: string) => drafts.list<ReturnType<typeof emptyDraft>>(`reception-parked:${userId}:`);

  /** Ten receptions set aside by the clerk `userId`, "Người nộp số 0" to 9, a minute apart: the limit. */
  async function setTenAside(dbName: string, userId: string) {
    const drafts = openDraftStore(dbName);
    for (let i = 0; i < 10; i++) {
      await drafts.save(`reception-parked:${userId}:${i}`, { ...emptyDraft(), applicant: { ...emptyDraft().applicant, name: `Người nộp số ${i}` } }, new Date(Date.UTC(2026, 10, 24, 1, i)));
    }
    return drafts;
  }

  /** A birth registration for Đinh Văn Lực, its first paper ticked, with the scan from the folder attached to it. */
  async function typeBirthWithScan(user: ReturnType<typeof userEvent.setup>) {
    await chooseProcedure(user, 'dang ky khai sinh', 'Thủ tục đăng ký khai sinh');
    await user.type(nameField(), 'Đinh Văn Lực');
    const [paper] = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!.components;
    await user.click(screen.getAllByRole('checkbox')[0]!);
    await user.click(screen.getByRole('button', { name: `Đính kèm bản quét: ${paper!.name}` }));
    await user.click(await screen.findByRole('button', { name: /giay-to-tuy-than\.pdf/ }));
    await waitFor(() => expect(within(screen.getByTestId(`scan-${paper!.id}`)).getByText('giay-to-tuy-than.pdf')).toBeTruthy());
  }

  async function chooseProcedure(user: ReturnType<typeof userEvent.setup>, query: string, name: string) {
    await user.type(await screen.findByTestId('procedure-search'), query);
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === name)!);
  }

  it('puts the scans of a set-aside reception thrown away back in the scan folder, to be offered again', async () => {
    const user = userEvent.setup();
    scanFolder = new Set(['giay-to-tuy-than.pdf']);
    clerk('u34', 'Vũ Thị Hằng');
    renderScreen('reception-parked-scans');
    await typeBirthWithScan(user);
    expect(scanFolder.has('giay-to-tuy-than.pdf')).toBe(false);
    await user.click(setAsideButton());
    await waitFor(() => expect(parkedLines()).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ để riêng: Đinh Văn Lực' }));
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ này' }));
    await waitFor(() => expect(parkedLines()).toHaveLength(0));
    await waitFor(() => expect(scanFolder!.has('giay-to-tuy-than.pdf')).toBe(true));
    expect(calls.filter((c) => c.method === 'attachments.putBack').map((c) => c.input)).toEqual([{ sha256: SCAN_SHA, fileName: 'giay-to-tuy-than.pdf' }]);
  });

  it('asks before "Tiếp nhận hồ sơ mới" (Alt+N) throws away a form being typed; "Bỏ" empties it and puts its scans back', async () => {
    const user = userEvent.setup();
    scanFolder = new Set(['giay-to-tuy-than.pdf']);
    clerk('u35', 'Hoàng Văn Nam');
    const drafts = renderScreen('reception-new-question');
    await typeBirthWithScan(user);

    // Alt+N out of habit, then Enter: the keyboard was on the answer that loses nothing.
    await user.keyboard('{Alt>}n{/Alt}');
    const question = screen.getByRole('alertdialog', { name: 'Bỏ hồ sơ đang nhập: Đinh Văn Lực?' });
    expect(question.textContent).toContain('sẽ bị xoá và không lấy lại được');
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Tiếp tục nhập' })));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(nameField().value).toBe('Đinh Văn Lực');
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    // Escape answers the same way; the button asks as the shortcut does.
    await user.keyboard('{Alt>}n{/Alt}');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(nameField().value).toBe('Đinh Văn Lực');
    expect(calls.filter((c) => c.method === 'attachments.putBack')).toEqual([]);

    await user.click(screen.getByRole('button', { name: /Tiếp nhận hồ sơ mới/ }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Bỏ, tiếp nhận hồ sơ mới' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(nameField().value).toBe('');
    expect(screen.queryByTestId('chosen-procedure')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('procedure-search')));
    await waitFor(() => expect(scanFolder!.has('giay-to-tuy-than.pdf')).toBe(true));
    expect(calls.filter((c) => c.method === 'attachments.putBack').map((c) => c.input)).toEqual([{ sha256: SCAN_SHA, fileName: 'giay-to-tuy-than.pdf' }]);
    await waitFor(async () => expect(await formDraftNames(drafts, 'u35')).toEqual([]));

    // An empty form has nothing to lose: nothing is asked.
    await user.keyboard('{Alt>}n{/Alt}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('sets the form aside from the question, for a citizen who is coming back', async () => {
    const user = userEvent.setup();
    clerk('u36', 'Đỗ Thị Mai');
    const drafts = renderScreen('reception-new-question-aside');
    await chooseProcedure(user, 'ket hon', 'Thủ tục đăng ký kết hôn');
    await user.type(nameField(), 'Trịnh Văn Quyết');
    await user.keyboard('{Alt>}n{/Alt}');
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: /Để riêng, tiếp người khác/ }));
    await waitFor(() => expect(parkedLines()).toHaveLength(1));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(nameField().value).toBe('');
    expect(screen.getByTestId('reception-done').textContent).toBe('Đã để riêng hồ sơ: Trịnh Văn Quyết. Mời người tiếp theo.');
    expect((await parkedOf(drafts, 'u36')).map((d) => d.value.applicant.name)).toEqual(['Trịnh Văn Quyết']);
  });

  it('keeps the question, with the keyboard in it, when the form cannot be set aside from it (ten already are)', async () => {
    const user = userEvent.setup();
    clerk('u37', 'Lý Văn Phúc');
    await setTenAside('reception-new-question-limit', 'u37');
    renderScreen('reception-new-question-limit');
    await screen.findByRole('heading', { name: 'Hồ sơ để riêng (10)' });
    await user.type(nameField(), 'Vũ Thị Lan');
    await user.keyboard('{Alt>}n{/Alt}');
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: /Để riêng, tiếp người khác/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('Đã có 10 hồ sơ để riêng, không thể để riêng thêm.');
    const question = screen.getByRole('alertdialog', { name: 'Bỏ hồ sơ đang nhập: Vũ Thị Lan?' });
    await waitFor(() => expect(question.contains(document.activeElement)).toBe(true));
    expect(nameField().value).toBe('Vũ Thị Lan');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(nameField().value).toBe('Vũ Thị Lan');
  });

  it('closes the question when the form becomes another one: a saved draft restored over it', async () => {
    const user = userEvent.setup();
    clerk('u38', 'Mai Văn Tú');
    const drafts = openDraftStore('reception-new-question-restore');
    await drafts.save('reception:u38', { ...emptyDraft(), applicant: { ...emptyDraft().applicant, name: 'Người cũ' } });
    renderScreen('reception-new-question-restore');
    await screen.findByRole('button', { name: 'Khôi phục' });
    await user.type(nameField(), 'Người mới');
    await user.keyboard('{Alt>}n{/Alt}');
    expect(screen.getByRole('alertdialog', { name: 'Bỏ hồ sơ đang nhập: Người mới?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(nameField().value).toBe('Người cũ'));
    // No question left that would now throw away the restored form.
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('says so when the citizen just received also waits in the list, set aside earlier, so no second dossier is made', async () => {
    const user = userEvent.setup();
    clerk('u35', 'Tạ Thị Nga');
    renderScreen('reception-parked-twin');
    await chooseProcedure(user, 'dang ky khai sinh', 'Thủ tục đăng ký khai sinh');
    await user.type(nameField(), 'Đinh Văn Lực');
    await user.type(screen.getByRole('textbox', { name: /Số định danh cá nhân/ }), '001203004567');
    await user.click(setAsideButton());
    await waitFor(() => expect(parkedLines()).toHaveLength(1));
    // Typed afresh by the clerk (the list forgotten), and received.
    await chooseProcedure(user, 'dang ky khai sinh', 'Thủ tục đăng ký khai sinh');
    await user.type(nameField(), 'Đinh Văn Lực');
    await user.type(screen.getByRole('textbox', { name: /Số định danh cá nhân/ }), '001203004567');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    expect(screen.getByTestId('also-set-aside').textContent).toContain('còn hồ sơ của Đinh Văn Lực cùng số giấy tờ');
    // Thrown away, the warning goes with it.
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ để riêng: Đinh Văn Lực' }));
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ này' }));
    await waitFor(() => expect(screen.queryByTestId('also-set-aside')).toBeNull());
  });

  it('takes nothing up again and sets nothing aside while a reception is being recorded, whose end empties the form', async () => {
    const user = userEvent.setup();
    clerk('u33', 'Lý Thị Mai');
    renderScreen('reception-parked-busy');
    await screen.findByTestId('procedure-search');
    await user.type(nameField(), 'Đinh Văn Lực');
    await user.click(setAsideButton());
    await waitFor(() => expect(parkedLines()).toHaveLength(1));
    await chooseProcedure(user, 'dang ky khai sinh', 'Thủ tục đăng ký khai sinh');
    await user.type(nameField(), 'Nguyễn Văn Đức');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    let release = () => undefined as void;
    receiveGate = new Promise<void>((resolve) => (release = resolve));
    try {
      await user.keyboard('{F2}');
      await waitFor(() => expect(calls.some((c) => c.method === 'dossiers.receive')).toBe(true));
      // Taken up now, Lực's form would be the one the saved reception empties.
      expect((screen.getByRole('button', { name: 'Tiếp tục hồ sơ: Đinh Văn Lực' }) as HTMLButtonElement).disabled).toBe(true);
      expect(setAsideButton().disabled).toBe(true);
    } finally {
      receiveGate = null;
      release();
    }
    expect(within(await screen.findByTestId('print-sheet')).getByTestId('slip-code').textContent).toBe('000.00.06.H56-261124-1001');
    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    expect(parkedLines()).toHaveLength(1);
    expect((screen.getByRole('button', { name: 'Tiếp tục hồ sơ: Đinh Văn Lực' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('sets a half-received dossier aside, receives the next citizen, then takes the first up again with all that was typed', async () => {
    const user = userEvent.setup();
    clerk('u30', 'Nguyễn Thị Hoa');
    const drafts = renderScreen('reception-parked-1');
    await screen.findByTestId('procedure-search');
    // Nothing typed, nothing to set aside.
    expect(setAsideButton().disabled).toBe(true);

    await chooseProcedure(user, 'ket hon', 'Thủ tục đăng ký kết hôn');
    await user.type(nameField(), 'Trịnh Văn Quyết');
    const [firstPaper] = screen.getAllByRole('checkbox') as HTMLInputElement[];
    await user.click(firstPaper!);
    const papers = screen.getAllByRole('checkbox').length;
    await user.click(setAsideButton());

    // The form is empty for the next person, with the keyboard in the procedure search.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('procedure-search')));
    expect(nameField().value).toBe('');
    expect(screen.getByTestId('reception-done').textContent).toBe('Đã để riêng hồ sơ: Trịnh Văn Quyết. Mời người tiếp theo.');
    expect(screen.getByRole('heading', { name: 'Hồ sơ để riêng (1)' })).toBeTruthy();
    const [stored] = await parkedOf(drafts, 'u30');
    expect(parkedLines()).toEqual([`Trịnh Văn QuyếtThủ tục đăng ký kết hônĐể riêng lúc ${formatVnDateTime(stored!.savedAt)}`]);

    // The next citizen is received and the receipt printed; the one set aside stays, in the list and on disk.
    await chooseProcedure(user, 'dang ky khai sinh', 'Thủ tục đăng ký khai sinh');
    await user.type(nameField(), 'Nguyễn Văn Đức');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await user.keyboard('{F2}');
    expect(within(await screen.findByTestId('print-sheet')).getByTestId('slip-code').textContent).toBe('000.00.06.H56-261124-1001');
    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    expect(calls.filter((c) => c.method === 'dossiers.receive').map((c) => (c.input as { applicant: { name: string } }).applicant.name)).toEqual(['Nguyễn Văn Đức']);
    expect(parkedLines()).toHaveLength(1);
    expect((await parkedOf(drafts, 'u30')).map((d) => d.value.applicant.name)).toEqual(['Trịnh Văn Quyết']);

    // He is back with the paper: his dossier returns as he left it, and leaves the list.
    await user.click(screen.getByRole('button', { name: 'Tiếp tục hồ sơ: Trịnh Văn Quyết' }));
    await waitFor(() => expect(nameField().value).toBe('Trịnh Văn Quyết'));
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    expect(screen.getByTestId('chosen-procedure').textContent).toContain('Thủ tục đăng ký kết hôn');
    const ticks = (screen.getAllByRole('checkbox') as HTMLInputElement[]).map((box) => box.checked);
    expect(ticks).toEqual([true, ...Array<boolean>(papers - 1).fill(false)]);
    expect(screen.queryByTestId('parked-receptions')).toBeNull();
    expect(await parkedOf(drafts, 'u30')).toEqual([]);
    // …and is the form's own draft again, so a power cut now loses nothing.
    await waitFor(async () => expect(await formDraftNames(drafts, 'u30')).toEqual(['Trịnh Văn Quyết']));
  });

  it('sets the form being typed aside in place of the one taken up, and asks before one is thrown away', async () => {
    const user = userEvent.setup();
    clerk('u31', 'Lê Văn Tâm');
    const drafts = renderScreen('reception-parked-2');
    await chooseProcedure(user, 'dang ky khai sinh', 'Thủ tục đăng ký khai sinh');
    await user.type(nameField(), 'Lê Thị Hồng Nhung');
    await user.click(setAsideButton());
    await screen.findByRole('heading', { name: 'Hồ sơ để riêng (1)' });
    await user.type(nameField(), 'Phạm Văn Toàn');

    await user.click(screen.getByRole('button', { name: 'Tiếp tục hồ sơ: Lê Thị Hồng Nhung' }));
    await waitFor(() => expect(nameField().value).toBe('Lê Thị Hồng Nhung'));
    await waitFor(() => expect(parkedLines()).toHaveLength(1));
    expect(parkedLines()[0]).toContain('Phạm Văn Toàn');
    expect(parkedLines()[0]).toContain('Chưa chọn thủ tục');

    // "Bỏ" asks, with the keyboard on the answer that loses nothing.
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ để riêng: Phạm Văn Toàn' }));
    const question = screen.getByRole('alertdialog', { name: 'Bỏ hồ sơ để riêng: Phạm Văn Toàn?' });
    expect(question.textContent).toContain('sẽ bị xoá và không lấy lại được');
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Giữ lại' })));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(parkedLines()).toHaveLength(1);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Bỏ hồ sơ để riêng: Phạm Văn Toàn' }));

    await user.keyboard('{Enter}');
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Bỏ hồ sơ này' }));
    await waitFor(() => expect(screen.queryByTestId('parked-receptions')).toBeNull());
    expect(await parkedOf(drafts, 'u31')).toEqual([]);
    // The list is gone: the keyboard goes back to the form, which still holds the dossier taken up.
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    expect(nameField().value).toBe('Lê Thị Hồng Nhung');
  });

  it("shows each clerk only their own dossiers set aside, and still has them after the app restarts", async () => {
    const user = userEvent.setup();
    clerk('u32', 'Đặng Thị Hương');
    renderScreen('reception-parked-3');
    await user.type(await screen.findByRole('textbox', { name: /Họ và tên/ }), 'Hoàng Thị Lụa');
    await user.click(setAsideButton());
    await screen.findByRole('heading', { name: 'Hồ sơ để riêng (1)' });
    cleanup();

    // A colleague at the same desk: their own one only.
    clerk('u3', 'Bùi Văn Sơn');
    renderScreen('reception-parked-3');
    await user.type(await screen.findByRole('textbox', { name: /Họ và tên/ }), 'Ngô Văn Bình');
    await user.click(setAsideButton());
    await screen.findByRole('heading', { name: 'Hồ sơ để riêng (1)' });
    expect(parkedLines()).toHaveLength(1);
    expect(parkedLines()[0]).toContain('Ngô Văn Bình');
    cleanup();

    // The first clerk again, with the store opened afresh as after a restart.
    clerk('u32', 'Đặng Thị Hương');
    renderScreen('reception-parked-3');
    await screen.findByRole('heading', { name: 'Hồ sơ để riêng (1)' });
    expect(parkedLines()).toHaveLength(1);
    expect(parkedLines()[0]).toContain('Hoàng Thị Lụa');
    expect(parkedLines()[0]).toContain('Chưa chọn thủ tục');
  });

  it('lists them newest first and refuses an eleventh with a message, leaving the form as typed', async () => {
    const user = userEvent.setup();
    clerk('u33', 'Vũ Văn Khoa');
    const drafts = await setTenAside('reception-parked-4', 'u33');
    renderScreen('reception-parked-4');
    await screen.findByRole('heading', { name: 'Hồ sơ để riêng (10)' });
    expect(parkedLines()[0]).toBe('Người nộp số 9Chưa chọn thủ tụcĐể riêng lúc 08:09 24/11/2026');
    expect(parkedLines()[9]).toContain('Người nộp số 0');

    await user.type(nameField(), 'Vũ Thị Lan');
    await user.click(setAsideButton());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Đã có 10 hồ sơ để riêng, không thể để riêng thêm. Hồ sơ đang nhập vẫn giữ nguyên. Hãy tiếp tục hoặc bỏ bớt một hồ sơ trong danh sách «Hồ sơ để riêng» rồi thử lại.',
    );
    expect(nameField().value).toBe('Vũ Thị Lan');
    expect(await parkedOf(drafts, 'u33')).toHaveLength(10);

    // One thrown away makes room: the form is set aside at the top of the list.
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ để riêng: Người nộp số 0' }));
    await user.click(screen.getByRole('button', { name: 'Bỏ hồ sơ này' }));
    await waitFor(() => expect(parkedLines()).toHaveLength(9));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(setAsideButton());
    await screen.findByRole('heading', { name: 'Hồ sơ để riêng (10)' });
    expect(parkedLines()[0]).toContain('Vũ Thị Lan');
    expect(nameField().value).toBe('');
  });
});

describe('what the clerk sees around a reception (QA pass)', () => {
  const clerk = (id: string, displayName: string) => useSession.setState({ user: { id, username: `canbo-${id}`, displayName, role: 'clerk' } });
  const birth = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;

  async function chooseBirth(user: ReturnType<typeof userEvent.setup>) {
    await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === birth.name)!);
  }

  /** A clerk's birth registration for Nguyễn Văn Đức with every paper ticked, on a screen of its own. */
  async function birthReady(user: ReturnType<typeof userEvent.setup>, clerkId: string, clerkName: string, screenKey: string) {
    clerk(clerkId, clerkName);
    renderScreen(screenKey);
    await chooseBirth(user);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Văn Đức');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
  }

  it('prints on the first receipt slip the phone the desk stored ("0912345678"), as every reprint does, not as typed', async () => {
    const user = userEvent.setup();
    clerk('u40', 'Nguyễn Thị Thu');
    renderScreen('reception-slip-stored');
    await chooseBirth(user);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Văn Đức');
    await user.type(screen.getByRole('textbox', { name: /Số điện thoại/ }), '+84 912 345 678');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await user.keyboard('{F2}');
    const sheet = await screen.findByTestId('print-sheet');
    expect(sheet.textContent).toContain('Số điện thoại: 0912345678');
    expect(sheet.textContent).not.toContain('+84');
  });

  it("receives a foreigner by passport: the number is checked as a passport's once chosen, stored as on the page and printed as one", async () => {
    const user = userEvent.setup();
    clerk('u41', 'Nguyễn Thị Thu');
    renderScreen('reception-passport');
    await chooseBirth(user);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'John Smith');
    await user.type(screen.getByRole('textbox', { name: 'Số định danh cá nhân' }), 'c 123 4567');
    // Leaving the number for the paper beside it: still a căn cước's, so its rule is said.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Giấy tờ' }));
    expect(await screen.findByText('Số định danh cá nhân phải gồm đúng 12 chữ số.')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Giấy tờ' }), 'Hộ chiếu');
    await waitFor(() => expect(screen.queryByText('Số định danh cá nhân phải gồm đúng 12 chữ số.')).toBeNull());
    const field = screen.getByRole('textbox', { name: 'Số hộ chiếu' });
    await user.clear(field);
    await user.type(field, 'ABCDEFG');
    await user.tab();
    expect(await screen.findByText(/Số hộ chiếu gồm 6 đến 12 chữ cái Latinh hoặc chữ số/)).toBeTruthy();
    await user.clear(field);
    await user.type(field, 'c 123 4567');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await user.keyboard('{F2}');
    const sheet = await screen.findByTestId('print-sheet');
    expect(sheet.textContent).toContain('Số hộ chiếu: C1234567');
    expect(sheet.textContent).not.toContain('Số định danh cá nhân');
    expect(stored?.applicant).toMatchObject({ kind: 'person', idKind: 'passport', idNumber: 'C1234567' });
  });

  it('marks on the first F2 every applicant problem the desk would refuse: a name and an address too long, a bad tax code', async () => {
    const user = userEvent.setup();
    clerk('u41', 'Lê Văn Hùng');
    renderScreen('reception-all-at-once');
    await chooseBirth(user);
    await user.click(screen.getByRole('radio', { name: /Tổ chức/ }));
    const name = screen.getByRole('textbox', { name: /Tên tổ chức/ });
    const taxCode = screen.getByRole('textbox', { name: /Mã số thuế/ });
    const address = screen.getByRole('textbox', { name: /Địa chỉ/ });
    await user.click(name);
    await user.paste('Công ty TNHH Hoa Sen '.repeat(29));
    await user.type(taxCode, '01012');
    await user.click(address);
    await user.paste('Số 12 đường Trần Hưng Đạo, '.repeat(25).slice(0, 660));
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await user.keyboard('{F2}');
    for (const field of [name, taxCode, address]) expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Quá dài: tối đa 200 ký tự.')).toBeTruthy();
    expect(screen.getByText('Quá dài: tối đa 500 ký tự.')).toBeTruthy();
    expect(screen.getByText(/Mã số thuế phải gồm 10 chữ số/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'dossiers.receive')).toBe(false);
  });

  it('says "received" in the language the clerk switches to, and drops it once the next dossier is started', async () => {
    const user = userEvent.setup();
    await birthReady(user, 'u42', 'Phan Thị Yến', 'reception-done-banner');
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    expect(screen.getByTestId('reception-done').textContent).toBe('Đã tiếp nhận hồ sơ 000.00.06.H56-261124-1001');
    await act(() => changeLanguage('en'));
    try {
      expect(screen.getByTestId('reception-done').textContent).toBe('Dossier 000.00.06.H56-261124-1001 received');
    } finally {
      await act(() => changeLanguage('vi'));
    }
    // The next citizen: the previous one's success no longer stands above a form that may go wrong.
    await chooseBirth(user);
    expect(screen.queryByTestId('reception-done')).toBeNull();
  });

  it('unticks a paper given 0 copies or less, and tells the clerk when more than 100 are typed instead of changing it', async () => {
    const user = userEvent.setup();
    await birthReady(user, 'u43', 'Đoàn Văn Tiến', 'reception-copies');
    const form = birth.components[0]!;
    const box = () => screen.getAllByRole('checkbox')[0] as HTMLInputElement;
    const copies = screen.getByRole('spinbutton', { name: `Số bản: ${form.name}` }) as HTMLInputElement;

    await user.tripleClick(copies);
    await user.keyboard('-5');
    // The box and the panel say the same thing: the paper is not there.
    expect(box().checked).toBe(false);
    expect(screen.getByTestId('completeness').textContent).toContain(`thiếu 1 giấy tờ bắt buộc${form.name}`);
    // Ticked again, it is there with the copies the procedure asks for, not with none.
    await user.click(box());
    expect(Number(copies.value)).toBe(form.copies);
    expect(screen.getByTestId('completeness').textContent).toContain('Hồ sơ đầy đủ');

    await user.tripleClick(copies);
    await user.keyboard('999');
    expect(copies.value).toBe('999');
    expect(copies.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Số bản phải là số nguyên từ 1 đến 100.')).toBeTruthy();
    await user.keyboard('{F2}');
    expect(calls.some((c) => c.method === 'dossiers.receive')).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(copies));
  });
});

describe('what the clerk tells the citizen, and a name typed without its marks (QA pass)', () => {
  const clerk = (id: string, displayName: string) => useSession.setState({ user: { id, username: `canbo-${id}`, displayName, role: 'clerk' } });
  const birth = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;

  async function choose(user: ReturnType<typeof userEvent.setup>, typed: string, name: string) {
    await user.type(await screen.findByTestId('procedure-search'), typed);
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === name)!);
  }
  const feeSaid = () => screen.getByTestId('procedure-fee').textContent;

  it("says the procedure's fee in the catalog on the chosen procedure, in Vietnamese figures, and that there is none", async () => {
    const user = userEvent.setup();
    clerk('u50', 'Nguyễn Thị Thu');
    renderScreen('reception-fee');
    await choose(user, 'thanh lap ho kinh doanh', 'Đăng ký thành lập hộ kinh doanh');
    expect(feeSaid()).toBe('Lệ phí: 100.000 đồng');
    await user.click(screen.getByRole('button', { name: 'Chọn thủ tục khác' }));
    await choose(user, 'xac nhan tinh trang hon nhan', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân');
    expect(feeSaid()).toBe('Lệ phí: 5.000 đồng');
    await user.click(screen.getByRole('button', { name: 'Chọn thủ tục khác' }));
    await choose(user, 'dang ky khai sinh', birth.name);
    expect(feeSaid()).toBe('Lệ phí: không');
  });

  it('says the fee in English figures in English', async () => {
    const user = userEvent.setup();
    clerk('u51', 'Nguyễn Thị Thu');
    await act(() => changeLanguage('en'));
    try {
      renderScreen('reception-fee-en');
      await choose(user, 'thanh lap ho kinh doanh', 'Đăng ký thành lập hộ kinh doanh');
      expect(feeSaid()).toBe('Fee: 100,000 VND');
    } finally {
      await act(() => changeLanguage('vi'));
    }
  });

  it('asks about the Vietnamese keyboard under "nguyen van a" once the name is left, and still receives it on F2', async () => {
    const user = userEvent.setup();
    clerk('u52', 'Nguyễn Thị Thu');
    renderScreen('reception-name-marks');
    await choose(user, 'dang ky khai sinh', birth.name);
    const name = screen.getByRole('textbox', { name: /Họ và tên/ });
    await user.type(name, 'nguyen van a');
    const hint = 'Tên chưa có dấu và chưa viết hoa? Kiểm tra bộ gõ tiếng Việt (Unikey) và viết hoa chữ cái đầu mỗi tiếng trước khi tiếp nhận.';
    // Not while typing: the hint waits for the clerk to leave the field.
    expect(screen.queryByText(hint)).toBeNull();
    await user.tab();
    expect(screen.getByText(hint)).toBeTruthy();
    // A hint, not an error: the field is not marked wrong and the save is not held back.
    expect(name.getAttribute('aria-invalid')).toBeNull();
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    expect((screen.getByTestId('save-reception') as HTMLButtonElement).disabled).toBe(false);
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    expect(calls.find((c) => c.method === 'dossiers.receive')?.input).toMatchObject({ applicant: { name: 'nguyen van a' } });
  });

  it('takes the hint away once the name is typed with its marks, and gives none for a minority name without them', async () => {
    const user = userEvent.setup();
    clerk('u53', 'Nguyễn Thị Thu');
    renderScreen('reception-name-fixed');
    await choose(user, 'dang ky khai sinh', birth.name);
    const name = screen.getByRole('textbox', { name: /Họ và tên/ });
    await user.type(name, 'Nguyen Van A');
    await user.tab();
    expect(screen.getByText('Tên chưa có dấu? Kiểm tra bộ gõ tiếng Việt (Unikey) trước khi tiếp nhận.')).toBeTruthy();
    await user.clear(name);
    await user.type(name, 'Nguyễn Văn A');
    expect(screen.queryByText(/Tên chưa có dấu/)).toBeNull();
    await user.clear(name);
    await user.type(name, 'Ksor Y Phu');
    await user.tab();
    expect(screen.queryByText(/Tên chưa có dấu/)).toBeNull();
  });
});

describe('what the desk knows about itself, said before the clerk types (QA pass, offline work)', () => {
  const birth = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
  const offline: SyncSnapshot = { state: 'offline', enrolled: true, pending: 1, lastSyncAt: '2026-11-20T16:00:00+07:00' };
  const clerk = (id: string, displayName: string) => useSession.setState({ user: { id, username: `canbo-${id}`, displayName, role: 'clerk' } });

  afterEach(() => useSyncState.setState({ snapshot: null }));

  async function birthReady(user: ReturnType<typeof userEvent.setup>) {
    await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === birth.name)!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Văn Đức');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
  }

  it('warns above the form that a PC clock 24 hours slow prints a wrong time and appointment, and asks once before F2 prints', async () => {
    const user = userEvent.setup();
    useSyncState.getState().set({ ...offline, clockCheck: { basis: 'measured', skewSeconds: -86_400, since: '2026-11-20T16:00:00+07:00' } });
    clerk('u60', 'Hoàng Thị Nga');
    renderScreen('reception-clock-slow');
    const warning = await screen.findByTestId('reception-clock-skew');
    expect(warning.textContent).toContain('Đồng hồ máy tính này đang chậm 24 giờ so với máy chủ');
    expect(warning.textContent).toContain('Giờ nhận và ngày hẹn trả in trên phiếu hẹn sẽ bị sai.');
    expect(warning.textContent).toContain('Hãy chỉnh lại ngày giờ của máy (Windows: Cài đặt › Thời gian và ngôn ngữ › Ngày và giờ');

    await birthReady(user);
    await user.keyboard('{F2}');
    const question = screen.getByTestId('clock-skew-question');
    expect(question.textContent).toContain('Vẫn lưu hồ sơ và in phiếu khi đồng hồ máy tính đang sai?');
    // The keyboard lands on the answer that prints nothing: an Enter out of habit does not print a wrong slip.
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Chưa lưu' }));
    expect(calls.some((c) => c.method === 'dossiers.receive')).toBe(false);
    expect(screen.queryByTestId('print-sheet')).toBeNull();

    // Offline for days, the clerk must still be able to work: "save anyway" records and prints.
    await user.click(within(question).getByRole('button', { name: 'Vẫn lưu và in phiếu' }));
    expect(await screen.findByTestId('print-sheet')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'dossiers.receive')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: /Đóng/ }));

    // Answered once, the next citizen is not asked again; the warning stays above the form.
    await birthReady(user);
    await user.keyboard('{F2}');
    await waitFor(() => expect(calls.filter((c) => c.method === 'dossiers.receive')).toHaveLength(2));
    expect(screen.queryByTestId('clock-skew-question')).toBeNull();
    expect(screen.getByTestId('reception-clock-skew')).toBeTruthy();
  });

  it('says it in English too, "ahead" for a clock that is fast, and nothing once the desk finds the clock right', async () => {
    await act(() => changeLanguage('en'));
    try {
      useSyncState.getState().set({ ...offline, clockCheck: { basis: 'measured', skewSeconds: 3 * 86_400, since: '2026-11-20T16:00:00+07:00' } });
      clerk('u61', 'Đinh Văn Tú');
      renderScreen('reception-clock-fast');
      expect((await screen.findByTestId('reception-clock-skew')).textContent).toContain(
        "This PC's clock is 3 days ahead of the server. The received time and the appointment printed on the receipt will be wrong.",
      );
      // Set right (or within the desk's limit), the desk has no finding: the warning goes.
      act(() => useSyncState.getState().set({ ...offline, clockCheck: null }));
      expect(screen.queryByTestId('reception-clock-skew')).toBeNull();
    } finally {
      await act(() => changeLanguage('vi'));
    }
  });

  it('says before any typing that this PC records no new dossier because another PC works as this desk', async () => {
    useSyncState.getState().set({ ...offline, identityInUseElsewhere: true });
    clerk('u62', 'Mai Văn Khánh');
    renderScreen('reception-in-use-elsewhere');
    const notice = await screen.findByTestId('reception-in-use-elsewhere');
    expect(notice.textContent).toContain('Một máy tính khác đang làm cùng quầy này');
    expect(notice.textContent).toContain('đăng ký lại máy này thành một quầy mới');
    expect(screen.queryByTestId('reception-catching-up')).toBeNull();
  });

  it('says before any typing that a desk restored from a backup records no new dossier until it has reached the server', async () => {
    useSyncState.getState().set({ ...offline, catchingUpAfterRestore: true });
    clerk('u62', 'Mai Văn Khánh');
    renderScreen('reception-catching-up');
    const notice = await screen.findByTestId('reception-catching-up');
    expect(notice.textContent).toContain('chưa ghi được hồ sơ mới cho đến khi quầy kết nối được máy chủ một lần');
    expect(notice.textContent).toContain('Để riêng');

    act(() => useSyncState.getState().set({ ...offline, catchingUpAfterRestore: false }));
    expect(screen.queryByTestId('reception-catching-up')).toBeNull();
  });
});
