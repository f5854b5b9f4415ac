// @vitest-environment jsdom
/**
 * The dossier detail in a DOM: what the clerk reads in the history and the applicant's facts, and where the
 * keyboard's focus is after an action. The desk behind it is a recording stand-in answering with one dossier.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok, type AppError, type Result } from '../../../../shared/result';
import type { DossierDetail, TimelineEntry } from '../../../../shared/api/dossier-views';
import type { DossierState } from '../../../../shared/domain/lifecycle';
import type { DossierEventType } from '../../../../shared/domain/events';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useSession } from '../../store/session';
import { DossierDetailScreen } from './DossierDetailScreen';
import { standInDesk } from '../../test-support/stand-in-desk';
import { dossierAt, makeEvent, samplePayloads } from '../../../../tests/domain/fixtures';
import { projectDossier } from '../../../../shared/domain/lifecycle';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';

const ID = '0190f1e2-0000-7000-8000-000000000001';
const actor = { userId: 'u1', name: 'Trần Thị Bình', role: 'clerk' as const };

function entry(eventId: string, type: DossierEventType, deviceTime: string, serverTime: string | null, payload: unknown = {}): TimelineEntry {
  return { eventId, type, actor, deviceId: 'd1', deviceTime, serverTime, syncState: serverTime ? 'synced' : 'pending', syncReason: null, payload };
}

/**
 * A dossier waiting for a supplement (status 5), folded from the real events by the domain's fixture, with the facts
 * these tests read: its id, the applicant's contact details, when it was received and when the supplement was asked.
 */
const state = (over: Partial<DossierState> = {}): DossierState => ({
  ...dossierAt(5),
  id: ID,
  code: '000.00.06.H56-261124-1001',
  applicant: { kind: 'person', name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912345678', email: 'an.nguyen@example.vn' },
  receivedAt: '2026-11-24T21:59:00+07:00',
  pausedAt: '2026-11-25T09:00:00+07:00',
  version: 3,
  ...over,
});

function detailOf(s: DossierState, timeline: TimelineEntry[], allowedActions: DossierEventType[]): DossierDetail {
  return {
    state: s,
    procedure: null,
    timeline,
    allowedActions,
    notApplied: [],
    summary: {
      id: s.id,
      code: s.code,
      status: s.status,
      statusLabel: { vi: 'Yêu cầu bổ sung', en: 'Supplement requested' },
      procedureCode: s.procedureCode,
      procedureName: null,
      field: null,
      channel: s.channel,
      applicantName: s.applicant?.name ?? null,
      receivedAt: s.receivedAt,
      dueAt: s.dueAt,
      overdue: false,
      fridayNoWait: false,
      syncState: 'synced',
      version: s.version,
    },
  };
}

/** Received offline late in the evening, synced the next morning; the supplement request synced within a minute. */
const history = [
  entry('e1', 'dossier.received', '2026-11-24T21:59:00+07:00', '2026-11-25T08:10:00+07:00'),
  entry('e2', 'dossier.supplement_requested', '2026-11-25T09:00:00+07:00', '2026-11-25T09:01:00+07:00', { reason: 'Thiếu giấy tờ' }),
];

let current: DossierDetail;
/** While set, reading the dossier waits for it (a sync round holding the desk): the screen still has the old one. */
let readGate: Promise<void> | null = null;
/** What the stand-in answers to the next action; the dossier moves on only when it is a success. */
let actionAnswer: Result<unknown>;
const calls: { method: string; input: unknown }[] = [];
let inboxFiles: { fileName: string; size: number; modifiedAt: string }[] = [];
/** What the stand-in answers to linking a scan; a success moves the file out of the inbox onto the dossier. */
let linkAnswer: Result<unknown> = ok({});
/** The desk's published lookup address (an administrator's setting); null until a test sets one. */
let lookupUrl: string | null = null;
const scanBytes = { sha256: 'ab'.repeat(32), size: 1000, mime: 'application/pdf', importedAt: '2026-11-25T09:31:00+07:00', alreadyStored: false };

function attachmentAnswer(method: string, input: unknown): Result<unknown> | undefined {
  if (method === 'attachments.import') return ok({ ...scanBytes, fileName: (input as { fileName: string }).fileName });
  if (method === 'attachments.get') return ok({ ...scanBytes, fileName: 'scan-001.pdf', dataBase64: btoa('%PDF-1.4') });
  if (method !== 'attachments.link') return undefined;
  if (!linkAnswer.ok) return linkAnswer;
  const { fileName, target } = input as { fileName: string; target: unknown };
  inboxFiles = [];
  current = detailOf(state({ version: 4 }), [...history, entry('e3', 'dossier.attachment_linked', '2026-11-25T09:31:00+07:00', null, { ...scanBytes, fileName, target })], current.allowedActions);
  return ok({ eventId: 'e3', dossier: current.summary });
}

function deskStandIn(): DeskTransport {
  return standInDesk((method: string, input: unknown) => {
    calls.push({ method, input });
    if (method === 'dossiers.get') return readGate ? readGate.then(() => ok(current)) : ok(current);
    if (method === 'settings.get') return ok({ scanInboxDir: '/scans', dailyBackup: true, dueSoonWorkingHours: 8, publicLookupUrl: lookupUrl, language: 'vi' });
    if (method === 'attachments.inbox') return ok({ folder: '/scans', missing: false, files: inboxFiles });
    if (method.startsWith('attachments.')) return attachmentAnswer(method, input);
    if (method.startsWith('dossiers.')) {
      if (actionAnswer.ok) {
        const supplementsReceived = [{ requestedAt: '2026-11-25T09:00:00+07:00', receivedAt: '2026-11-25T10:00:00+07:00', items: ['Bản sao giấy chứng sinh'] }];
        current = detailOf(
          state({ status: 4, supplement: null, pausedAt: null, version: 4, dueAt: '2026-11-27T10:00:00+07:00', supplementsReceived }),
          [...history, entry('e3', 'dossier.supplement_received', '2026-11-25T10:00:00+07:00', null)],
          ['dossier.withdrawn'],
        );
      }
      return actionAnswer;
    }
    return undefined;
  });
}

beforeAll(() => {
  // jsdom has no object URLs; the viewer only needs one to put in the frame.
  URL.createObjectURL = () => 'blob:scan';
  URL.revokeObjectURL = () => undefined;
  initI18n('vi');
  useSession.setState({ user: { id: 'u1', username: 'ttbinh', displayName: 'Trần Thị Bình', role: 'clerk' } });
});
beforeEach(() => {
  current = detailOf(state(), history, ['dossier.supplement_received', 'dossier.withdrawn']);
  actionAnswer = ok({ eventId: 'e3', dossier: current.summary });
  linkAnswer = ok({});
});
afterEach(() => {
  cleanup();
  readGate = null;
  calls.length = 0;
  lookupUrl = null;
  inboxFiles = [];
});

async function renderDetail() {
  render(
    <DeskProvider transport={deskStandIn()}>
      <DossierDetailScreen dossierId={ID} />
    </DeskProvider>,
  );
  return screen.findByTestId('dossier-detail');
}

/** The detail shown, and an action's button pressed with Enter, as from the keyboard alone. */
async function openActionByKeyboard(button: string) {
  const user = userEvent.setup();
  await renderDetail();
  screen.getByRole('button', { name: button }).focus();
  await user.keyboard('{Enter}');
  return user;
}

describe('the dossier history', () => {
  it('in a conflict, says which deed of which desk was not applied, by whom, when and why, and marks it in the history', async () => {
    const other = { userId: 'u2', name: 'Lê Văn Hai', role: 'clerk' as const };
    const stopped: TimelineEntry = { ...entry('e3', 'dossier.stopped', '2026-11-29T03:11:00+07:00', '2026-11-29T03:12:30+07:00', { reason: 'Dừng theo đề nghị' }), actor: other, deviceId: 'd2' };
    const resolved = entry('e4', 'dossier.resolved', '2026-11-29T03:12:00+07:00', '2026-11-29T03:12:10+07:00');
    const reason = { vi: 'Không thể dừng xử lý hồ sơ: chỉ dừng được hồ sơ đã tiếp nhận và chưa giải quyết xong.', en: 'Cannot stop a resolved dossier.' };
    current = detailOf(
      state({ status: 9, supplement: null, pausedAt: null, version: 5, conflict: { since: '2026-11-29T03:12:30+07:00', events: [{ eventId: 'e3', type: 'dossier.stopped', deviceId: 'd2', atStatus: 9, reason }] } }),
      [...history, resolved, stopped],
      ['dossier.conflict_resolved'],
    );
    await renderDetail();
    const notice = screen.getByTestId('conflict-events').closest('[role="status"]')!;
    expect(notice.textContent).toContain('«Dừng xử lý» do Lê Văn Hai làm lúc 03:11 29/11/2026 chưa được áp dụng:');
    expect(notice.textContent).toContain(reason.vi);
    expect(notice.textContent).toContain('Trạng thái đang giữ: Đã xử lý xong.');
    const items = within(screen.getByTestId('timeline')).getAllByRole('listitem');
    const notApplied = items.filter((li) => within(li).queryByTestId('not-applied'));
    expect(notApplied.map((li) => li.getAttribute('data-event'))).toEqual(['dossier.stopped']);
    expect(notApplied[0]!.textContent).toContain('Chưa áp dụng (xung đột)');
  });

  it('tells a clerk, who has no button to resolve a conflict, that a supervisor decides, rather than to press one', async () => {
    const stopped: TimelineEntry = { ...entry('e3', 'dossier.stopped', '2026-11-29T03:11:00+07:00', '2026-11-29T03:12:30+07:00', { reason: 'Dừng theo đề nghị' }), deviceId: 'd2' };
    const reason = { vi: 'Không thể dừng xử lý hồ sơ đã giải quyết.', en: 'Cannot stop a resolved dossier.' };
    current = detailOf(
      state({ status: 9, supplement: null, pausedAt: null, version: 5, conflict: { since: '2026-11-29T03:12:30+07:00', events: [{ eventId: 'e3', type: 'dossier.stopped', deviceId: 'd2', atStatus: 9, reason }] } }),
      [...history, stopped],
      ['dossier.attachment_linked'],
    );
    await renderDetail();
    const notice = screen.getByTestId('conflict-events').closest('[role="status"]')!;
    expect(notice.textContent).toContain('Lãnh đạo bộ phận sẽ quyết định trạng thái đúng');
    expect(notice.textContent).not.toContain('Bấm «Giải quyết xung đột»');
    expect(screen.queryByRole('button', { name: /Giải quyết xung đột/ })).toBeNull();
  });

  it('says which receipt does not stand, when the dossier was received twice offline, and which code to give the citizen', async () => {
    current = detailOf(state({ voidedReceipts: [{ code: '000.00.06.H56-261124-2003', pin: '123456' }] }), history, []);
    await renderDetail();
    expect(screen.getByTestId('detail-voided-receipts').textContent).toBe(
      'Phiếu hẹn mã 000.00.06.H56-261124-2003 không có hiệu lực: hồ sơ đã được tiếp nhận hai lần ở hai quầy, và lần tiếp nhận với mã ' +
        '000.00.06.H56-261124-1001 đến máy chủ trước nên được giữ. Công dân mang phiếu đó đến là để hỏi về hồ sơ này; hãy hướng dẫn họ ' +
        'dùng mã 000.00.06.H56-261124-1001 và in cho họ phiếu hẹn mới («In phiếu hẹn (mẫu 01)»): ngày hẹn trả có thể khác phiếu cũ.',
    );
    cleanup();
    // A dossier received once says nothing of the kind.
    current = detailOf(state(), history, []);
    await renderDetail();
    expect(screen.queryByTestId('detail-voided-receipts')).toBeNull();
  });

  it('keeps the mark on a deed that was not applied once a supervisor has decided, in other words', async () => {
    const other = { userId: 'u2', name: 'Lê Văn Hai', role: 'clerk' as const };
    const stopped: TimelineEntry = { ...entry('e3', 'dossier.stopped', '2026-11-29T03:11:00+07:00', '2026-11-29T03:12:30+07:00', { reason: 'Dừng theo đề nghị' }), actor: other, deviceId: 'd2' };
    const resolved = entry('e4', 'dossier.resolved', '2026-11-29T03:12:00+07:00', '2026-11-29T03:12:10+07:00');
    const decided = entry('e5', 'dossier.conflict_resolved', '2026-11-29T08:00:00+07:00', '2026-11-29T08:00:05+07:00', { status: 9, note: 'Giữ kết quả' });
    current = { ...detailOf(state({ status: 9, supplement: null, pausedAt: null, version: 6, conflict: null }), [...history, resolved, stopped, decided], []), notApplied: ['e3'] };
    await renderDetail();
    const items = within(screen.getByTestId('timeline')).getAllByRole('listitem');
    const marked = items.filter((li) => within(li).queryByTestId('not-applied'));
    expect(marked.map((li) => [li.getAttribute('data-event'), within(li).getByTestId('not-applied').textContent])).toEqual([
      ['dossier.stopped', 'Không áp dụng (xung đột đã giải quyết)'],
    ]);
  });

  it('says a deed not applied was chosen, when the supervisor decided on the status it led to', async () => {
    const other = { userId: 'u2', name: 'Lê Văn Hai', role: 'clerk' as const };
    const stopped: TimelineEntry = { ...entry('e3', 'dossier.stopped', '2026-11-29T03:11:00+07:00', '2026-11-29T03:12:30+07:00', { reason: 'Dừng theo đề nghị' }), actor: other, deviceId: 'd2' };
    const resolved = entry('e4', 'dossier.resolved', '2026-11-29T03:12:00+07:00', '2026-11-29T03:12:10+07:00');
    const decided = entry('e5', 'dossier.conflict_resolved', '2026-11-29T08:00:00+07:00', '2026-11-29T08:00:05+07:00', { status: 8, note: 'Dừng theo đề nghị' });
    current = { ...detailOf(state({ status: 8, supplement: null, pausedAt: null, version: 6, conflict: null }), [...history, resolved, stopped, decided], []), notApplied: ['e3'], adopted: ['e3'] };
    await renderDetail();
    const items = within(screen.getByTestId('timeline')).getAllByRole('listitem');
    const marked = items.filter((li) => within(li).queryByTestId('not-applied'));
    expect(marked.map((li) => [li.getAttribute('data-event'), within(li).getByTestId('not-applied').textContent])).toEqual([
      ['dossier.stopped', 'Trạng thái này được chọn khi giải quyết xung đột'],
    ]);
  });

  it('offers to resolve a conflict only to the statuses the desk names for it, not all ten', async () => {
    const reason = { vi: 'Không thể dừng xử lý hồ sơ: chỉ dừng được hồ sơ đã tiếp nhận và chưa giải quyết xong.', en: 'Cannot stop a resolved dossier.' };
    current = {
      ...detailOf(
        state({ status: 9, supplement: null, pausedAt: null, version: 5, conflict: { since: '2026-11-29T03:12:30+07:00', events: [{ eventId: 'e3', type: 'dossier.stopped', deviceId: 'd2', atStatus: 9, reason }] } }),
        history,
        ['dossier.conflict_resolved'],
      ),
      conflictChoices: [4, 8, 9],
    };
    const user = userEvent.setup();
    await renderDetail();
    await user.click(screen.getByRole('button', { name: 'Giải quyết xung đột' }));
    const menu = within(screen.getByTestId('action-form')).getByRole('combobox');
    const offered = [...menu.querySelectorAll('option')].filter((o) => o.value !== '').map((o) => o.textContent);
    expect(offered).toEqual(['Đang xử lý', 'Dừng xử lý', 'Đã xử lý xong']);
  });

  it('says a re-appointed dossier is past its first appointment, as the month’s report counts it, beside the new date', async () => {
    const reappointed = (originalDueAt: string) =>
      detailOf(state({ status: 4, supplement: null, pausedAt: null, dueAt: '2027-12-04T09:00:00+07:00', originalDueAt }), history, []);
    current = reappointed('2026-10-20T07:00:00+07:00');
    await renderDetail();
    expect(screen.getByTestId('legal-lateness').textContent).toBe('Đã quá hẹn ban đầu: báo cáo tính là quá hạn');
    cleanup();
    // Re-appointed before the first appointment passed: nothing to say.
    current = reappointed('2027-11-20T07:00:00+07:00');
    await renderDetail();
    expect(screen.queryByTestId('legal-lateness')).toBeNull();
  });

  it('once a conflict is resolved, the history says which status the supervisor decided on', async () => {
    const decided = entry('e5', 'dossier.conflict_resolved', '2026-11-29T03:17:00+07:00', null, { status: 9, note: 'Giữ kết quả đã giải quyết' });
    current = detailOf(state({ status: 9, supplement: null, pausedAt: null, version: 6 }), [...history, decided], []);
    await renderDetail();
    const item = within(screen.getByTestId('timeline')).getAllByRole('listitem').at(-1)!;
    expect(item.textContent).toContain('Trạng thái quyết định: Đã xử lý xong · Giữ kết quả đã giải quyết');
  });

  it('shows when the clerk did each thing, not when it synced, and notes a sync time that is far off', async () => {
    await renderDetail();
    const items = within(screen.getByTestId('timeline')).getAllByRole('listitem');
    // Server order kept.
    expect(items.map((li) => li.getAttribute('data-event'))).toEqual(['dossier.received', 'dossier.supplement_requested']);
    // Received offline at 21:59, synced at 08:10 the next day: the deed's time first, the sync as a note.
    expect(items[0]!.textContent).toContain('21:59 24/11/2026');
    expect(items[0]!.textContent).toContain('đồng bộ lúc 08:10 25/11/2026');
    expect(items[0]!.textContent).not.toMatch(/^[^(]*08:10 25\/11\/2026/);
    // A minute between desk and server is no news.
    expect(items[1]!.textContent).toContain('09:00 25/11/2026');
    expect(within(items[1]!).queryByTestId('synced-at')).toBeNull();
  });

  it('says what each deed was about: the new appointment, the amount asked, the file attached, who collected the result', async () => {
    current = detailOf(
      state(),
      [
        entry('e1', 'dossier.received', '2026-11-24T09:00:00+07:00', null),
        entry('e2', 'dossier.attachment_linked', '2026-11-24T09:05:00+07:00', null, { sha256: 'ab'.repeat(32), fileName: 'cccd.pdf', mime: 'application/pdf', size: 10, target: { componentId: 'to-khai' } }),
        entry('e3', 'dossier.fees_requested', '2026-11-25T09:00:00+07:00', null, { amountVnd: 1500000, reason: 'Lệ phí' }),
        entry('e4', 'dossier.reappointed', '2026-11-26T09:00:00+07:00', null, { newDueAt: '2026-12-04T09:00:00+07:00', reason: 'Cần xác minh thêm' }),
        entry('e5', 'dossier.returned', '2026-12-04T09:30:00+07:00', null, { receivedBy: 'Nguyễn Văn Nhận' }),
      ],
      [],
    );
    await renderDetail();
    const items = within(screen.getByTestId('timeline')).getAllByRole('listitem');
    expect(items[1]!.textContent).toContain('cccd.pdf');
    expect(items[2]!.textContent).toContain('1.500.000 đồng · Lệ phí');
    expect(items[3]!.textContent).toContain('hẹn mới 09:00 04/12/2026 · Cần xác minh thêm');
    // A bare name under "Trả kết quả" would read as the clerk's; it is the person who collected the result.
    expect(items[4]!.textContent).toContain('Người nhận kết quả: Nguyễn Văn Nhận');
  });

  it('names the portal that made an online submission without a clerk\'s role: it is not a reception clerk', async () => {
    const portal = { userId: 'portal', name: 'Cổng Dịch vụ công', role: 'clerk' as const };
    current = detailOf(state(), [{ ...entry('e0', 'dossier.submitted_online', '2026-11-23T20:15:00+07:00', '2026-11-23T20:15:00+07:00'), actor: portal }, ...history], []);
    await renderDetail();
    const [submitted, receivedAtDesk] = within(screen.getByTestId('timeline')).getAllByRole('listitem');
    expect(submitted!.querySelector('.when')!.textContent).toBe('20:15 23/11/2026 · Cổng Dịch vụ công');
    // A person keeps their role.
    expect(receivedAtDesk!.textContent).toContain('Trần Thị Bình (Cán bộ tiếp nhận)');
  });

  it('shows a pending event at the desk\'s time, with no sync note', async () => {
    current = detailOf(state(), [entry('e1', 'dossier.received', '2026-11-24T21:59:00+07:00', null)], []);
    await renderDetail();
    const item = within(screen.getByTestId('timeline')).getByRole('listitem');
    expect(item.textContent).toContain('21:59 24/11/2026');
    expect(within(item).queryByTestId('synced-at')).toBeNull();
  });

  it('says "synced at" in English', async () => {
    initI18n('en');
    try {
      await renderDetail();
      expect(screen.getAllByTestId('synced-at')[0]!.textContent).toContain('synced at 08:10 25/11/2026');
    } finally {
      initI18n('vi');
    }
  });
});

describe('the applicant\'s contact details', () => {
  it('shows the email captured at reception next to the phone', async () => {
    await renderDetail();
    expect(screen.getByText('Thư điện tử')).toBeTruthy();
    expect(screen.getByTestId('detail-email').textContent).toBe('an.nguyen@example.vn');
    expect(screen.getByText('0912345678')).toBeTruthy();
  });

  it('shows no papers heading for a dossier refused at the counter, which recorded none', async () => {
    current = detailOf(state({ status: 3, code: null, components: [] }), [entry('e1', 'dossier.refused', '2026-11-24T09:00:00+07:00', null, { reason: 'Thiếu giấy tờ' })], []);
    await renderDetail();
    expect(screen.queryByRole('heading', { name: 'Thành phần hồ sơ' })).toBeNull();
    cleanup();
    current = detailOf(state(), history, []);
    await renderDetail();
    expect(screen.getByRole('heading', { name: 'Thành phần hồ sơ' })).toBeTruthy();
  });

  it('names a person\'s number the personal identification number (Luật Căn cước 2023), an organisation\'s its tax code', async () => {
    const facts = () => [...screen.getByTestId('dossier-detail').querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);
    await renderDetail();
    expect(facts()).toContain('Số định danh cá nhân: 001203004567');
    cleanup();
    current = detailOf(state({ applicant: { kind: 'organisation', name: 'Công ty TNHH Minh Phát', idNumber: '0101234567' } }), history, []);
    await renderDetail();
    expect(facts()).toContain('Mã số thuế: 0101234567');
  });

  it('says when an online dossier not yet received was submitted, not that it was received then', async () => {
    const facts = () => [...screen.getByTestId('dossier-detail').querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);
    const submittedAt = '2026-11-23T20:15:00+07:00';
    current = detailOf(state({ status: 1, code: null, pin: null, channel: 'online', submittedAt, receivedAt: null, dueAt: null, originalDueAt: null, supplement: null, pausedAt: null }), [], []);
    await renderDetail();
    expect(facts()).toContain('Ngày nộp trực tuyến: 20:15 23/11/2026');
    expect(facts().filter((f) => f.startsWith('Ngày nhận'))).toEqual([]);
    // No code before its reception: said in words, as the Friday board says it, not as a dash.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Chi tiết hồ sơ (Chưa có mã)');
    cleanup();
    // Once received, the day of receipt is the receipt's, beside the submission's.
    current = detailOf(state({ channel: 'online', submittedAt }), history, []);
    await renderDetail();
    expect(facts()).toEqual(expect.arrayContaining(['Ngày nộp trực tuyến: 20:15 23/11/2026', 'Ngày nhận: 21:59 24/11/2026']));
    cleanup();
    initI18n('en');
    try {
      current = detailOf(state({ status: 1, code: null, channel: 'online', submittedAt, receivedAt: null }), [], []);
      await renderDetail();
      expect(facts()).toContain('Submitted online: 20:15 23/11/2026');
    } finally {
      initI18n('vi');
    }
  });

  it('shows no email row when none was given', async () => {
    current = detailOf(state({ applicant: { kind: 'person', name: 'Nguyễn Văn An', phone: '0912345678' } }), history, []);
    await renderDetail();
    expect(screen.queryByText('Thư điện tử')).toBeNull();
  });
});

/** A dossier sent to its agency and handed to an officer there, then taken on by `after`, folded from real events. */
function handedOverThen(...after: { type: DossierEventType; at: string }[]): DossierState {
  const steps = [
    { type: 'dossier.received' as const, at: '2023-10-27T09:32:00+07:00' },
    { type: 'dossier.transferred' as const, at: '2023-10-27T10:00:00+07:00' },
    { type: 'dossier.handed_over' as const, at: '2023-10-27T10:30:00+07:00' },
    ...after,
  ];
  const events = steps.map((s, i) =>
    makeEvent(s.type, samplePayloads[s.type] as never, { role: 'supervisor', deviceSeq: i + 1, baseVersion: i, serverSeq: i + 1, deviceTime: s.at }),
  );
  return { ...projectDossier(events)!, id: ID };
}

describe('where the dossier is', () => {
  const whereRow = () => screen.queryByText('Đang ở')?.nextElementSibling?.textContent ?? null;

  it('names a unit the dossier was transferred to by its name, not its bare code, where it is and in the history', async () => {
    const transfer = entry('e3', 'dossier.transferred', '2026-11-25T10:00:00+07:00', null, { toAgency: '000.00.06.H56' });
    current = detailOf(state({ status: 4, supplement: null, pausedAt: null, currentAgency: '000.00.06.H56', currentHolder: null }), [...history, transfer], []);
    await renderDetail();
    expect(whereRow()).toBe('Huyện Thanh Hà (000.00.06.H56)');
    const items = within(screen.getByTestId('timeline')).getAllByRole('listitem');
    expect(items.find((li) => li.getAttribute('data-event') === 'dossier.transferred')!.textContent).toContain('Huyện Thanh Hà (000.00.06.H56)');
  });

  it('names who holds a dossier being processed, per the last hand-over', async () => {
    current = detailOf(handedOverThen(), history, []);
    await renderDetail();
    expect(whereRow()).toBe('Chuyên viên Phòng Tư pháp');
    expect(screen.queryByTestId('detail-ended')).toBeNull();
  });

  it('once resolved, says the result is back at the desk, not with the last person a hand-over named (QA)', async () => {
    current = detailOf(handedOverThen({ type: 'dossier.resolved', at: '2023-11-01T15:00:00+07:00' }), history, []);
    await renderDetail();
    expect(whereRow()).toBe('Bộ phận tiếp nhận và trả kết quả (kết quả chờ trả cho người nộp)');
    expect(screen.queryByText('Chuyên viên Phòng Tư pháp')).toBeNull();
  });

  it('says a withdrawn dossier was withdrawn and when, not where it was before', async () => {
    current = detailOf(handedOverThen({ type: 'dossier.withdrawn', at: '2023-10-30T14:05:00+07:00' }), history, []);
    await renderDetail();
    expect(whereRow()).toBeNull();
    expect(screen.queryByText('Chuyên viên Phòng Tư pháp')).toBeNull();
    expect(screen.getByText('Kết thúc')).toBeTruthy();
    expect(screen.getByTestId('detail-ended').textContent).toBe('Đã rút hồ sơ lúc 14:05 30/10/2023');
  });

  it('says the same of a stopped dossier and of one whose result was handed back', async () => {
    current = detailOf(handedOverThen({ type: 'dossier.stopped', at: '2023-10-31T08:15:00+07:00' }), history, []);
    await renderDetail();
    expect(whereRow()).toBeNull();
    expect(screen.getByTestId('detail-ended').textContent).toBe('Đã dừng xử lý lúc 08:15 31/10/2023');
    cleanup();
    current = detailOf(
      handedOverThen({ type: 'dossier.resolved', at: '2023-11-01T15:00:00+07:00' }, { type: 'dossier.returned', at: '2023-11-02T09:00:00+07:00' }),
      history,
      [],
    );
    await renderDetail();
    expect(whereRow()).toBeNull();
    // The hand-back's own instant, as the clerk recorded it.
    expect(screen.getByTestId('detail-ended').textContent).toBe('Đã trả kết quả lúc 09:00 02/11/2023');
  });

  it('says when a dossier refused at the counter was refused', async () => {
    current = detailOf(state({ status: 3, code: null, components: [], receivedAt: null, closedAt: '2026-11-24T09:00:00+07:00', refusedAt: '2026-11-24T09:00:00+07:00' }), [], []);
    await renderDetail();
    expect(screen.getByTestId('detail-ended').textContent).toBe('Không được tiếp nhận lúc 09:00 24/11/2026');
    // Never received: its day is called the refusal's, not "Ngày nhận".
    const labels = [...document.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(labels).toContain('Ngày từ chối tiếp nhận');
    expect(labels).not.toContain('Ngày nhận');
  });
});

describe('an online dossier that lacks a paper', () => {
  const birth = seedProcedures.find((p) => p.components.filter((c) => c.mandatory).length >= 2)!;
  const [sent, ...notSent] = birth.components.filter((c) => c.mandatory);

  it('offers the guidance to supplement (form 02) with the papers not ticked, records nothing, and goes once all are ticked', async () => {
    const user = userEvent.setup();
    const components = birth.components.map((c) => ({ componentId: c.id, name: c.name, form: c.form, copies: c.copies, present: c.id === sent!.id }));
    current = {
      ...detailOf(
        state({ status: 1, code: null, pin: null, channel: 'online', submittedAt: '2026-11-23T20:15:00+07:00', receivedAt: null, dueAt: null, originalDueAt: null, supplement: null, pausedAt: null, components, procedureCode: birth.code }),
        [],
        ['dossier.received', 'dossier.refused'],
      ),
      procedure: birth,
    };
    await renderDetail();
    await user.click(screen.getByRole('button', { name: 'Tiếp nhận' }));
    await user.click(screen.getByTestId('action-guide'));
    const sheet = await screen.findByTestId('print-sheet');
    expect(sheet.querySelector('[data-form="02"]')).not.toBeNull();
    for (const paper of notSent) expect(sheet.textContent).toContain(paper.name);
    expect(sheet.textContent).toContain('Nguyễn Văn An');
    // Advice, not a record: the desk was asked for nothing but the dossier.
    expect(calls.filter((c) => c.method.startsWith('dossiers.') && c.method !== 'dossiers.get')).toEqual([]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('print-sheet')).toBeNull());

    // The clerk ticks what the citizen has since brought: nothing is missing, nothing to guide.
    for (const paper of notSent) await user.click(screen.getByRole('checkbox', { name: new RegExp(paper.name.replace(/[()]/g, '.')) }));
    expect(screen.queryByTestId('action-guide')).toBeNull();
  });
});

describe("the procedure's fee in the catalog (QA pass: the clerk never saw it)", () => {
  const business = seedProcedures.find((p) => p.name === 'Đăng ký thành lập hộ kinh doanh')!;
  const marital = seedProcedures.find((p) => p.name === 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân')!;
  const birth = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
  /** A dossier of the procedure being processed, on which fees may be asked for. */
  const processing = (procedure: (typeof seedProcedures)[number]) => {
    current = { ...detailOf(state({ status: 4, supplement: null, pausedAt: null, procedureCode: procedure.code }), history, ['dossier.fees_requested']), procedure };
  };
  const factOf = (term: string) => {
    const dt = [...screen.getByTestId('dossier-detail').querySelectorAll('dt')].find((d) => d.textContent === term);
    return dt?.nextElementSibling?.textContent ?? null;
  };

  it('opens "Yêu cầu nộp phí, thuế" with the catalog fee as the amount, which the clerk may change before confirming', async () => {
    processing(business);
    const user = await openActionByKeyboard('Yêu cầu nộp phí, thuế');
    const amount = screen.getByRole('textbox', { name: /Số tiền \(đồng\)/ }) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(amount));
    expect(amount.value).toBe('100.000');
    // Selected: what the clerk types replaces it.
    await user.keyboard('150.000');
    expect(amount.value).toBe('150.000');
    await user.type(screen.getByRole('textbox', { name: /Lý do/ }), 'Lệ phí và thuế môn bài');
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'dossiers.requestFees')?.input).toMatchObject({ amountVnd: 150000 }));
  });

  it('sends the catalog fee as filled in when the clerk only adds the reason: 5.000 đồng for a marital status certificate', async () => {
    processing(marital);
    const user = await openActionByKeyboard('Yêu cầu nộp phí, thuế');
    expect((screen.getByRole('textbox', { name: /Số tiền \(đồng\)/ }) as HTMLInputElement).value).toBe('5.000');
    await user.type(screen.getByRole('textbox', { name: /Lý do/ }), 'Lệ phí');
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'dossiers.requestFees')?.input).toMatchObject({ amountVnd: 5000 }));
  });

  it('leaves the amount empty for a procedure the catalog charges nothing for, and for one not in the catalog', async () => {
    processing(birth);
    await openActionByKeyboard('Yêu cầu nộp phí, thuế');
    expect((screen.getByRole('textbox', { name: /Số tiền \(đồng\)/ }) as HTMLInputElement).value).toBe('');
    cleanup();
    current = { ...current, procedure: null };
    await openActionByKeyboard('Yêu cầu nộp phí, thuế');
    expect((screen.getByRole('textbox', { name: /Số tiền \(đồng\)/ }) as HTMLInputElement).value).toBe('');
  });

  it("says the fee among the dossier's facts: the catalog's amount, or that there is none", async () => {
    processing(business);
    await renderDetail();
    expect(factOf('Lệ phí (theo danh mục hiện hành)')).toBe('100.000 đồng');
    cleanup();
    processing(birth);
    await renderDetail();
    expect(factOf('Lệ phí (theo danh mục hiện hành)')).toBe('không');
    // A procedure the desk's catalog does not hold: nothing is said rather than a guess.
    cleanup();
    current = { ...current, procedure: null };
    await renderDetail();
    expect(factOf('Lệ phí (theo danh mục hiện hành)')).toBeNull();
  });
});

describe('the keyboard focus after an action', () => {
  it('starts on the dossier\'s heading when the screen opens (from a list or a scanned slip), not on <body>', async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    await renderDetail();
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading.textContent).toContain('000.00.06.H56-261124-1001');
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('goes to the success notice after "Nhận hồ sơ bổ sung", confirmed, whose button is then gone', async () => {
    const user = userEvent.setup();
    await renderDetail();
    await user.click(screen.getByRole('button', { name: 'Nhận hồ sơ bổ sung' }));
    // The deadline restarts: the clerk is told, and nothing is recorded until they confirm.
    expect(screen.getByTestId('action-explain').textContent).toContain('thời hạn giải quyết được tính lại từ đầu');
    expect(calls.some((c) => c.method === 'dossiers.supplementReceived')).toBe(false);
    // The desk is slow to read the dossier again: no receipt is offered until it has, or it would carry the old date.
    let release = () => undefined as void;
    readGate = new Promise<void>((resolve) => (release = resolve));
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'dossiers.supplementReceived')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('dialog')).toBeNull();
    readGate = null;
    release();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Nhận hồ sơ bổ sung' })).toBeNull());
    // The appointment moved: the new receipt opens to be printed, with the new appointment and the papers that came.
    const preview = await screen.findByRole('dialog');
    expect(within(preview).getByTestId('slip-due').textContent).toBe('10:00 27/11/2026');
    const slip = preview.querySelector('[data-form="01"]')!;
    await waitFor(() => expect(within(preview).getByTestId('slip-due').textContent).toBe('10:00 27/11/2026'));
    expect(within(preview).getByTestId('slip-supplement').textContent).toContain('Giấy tờ bổ sung đã nhận lúc 10:00 25/11/2026');
    expect(slip.textContent).toContain('Bản sao giấy chứng sinh');
    await user.click(within(preview).getByRole('button', { name: /Đóng/ }));
    const notice = screen.getByTestId('detail-done');
    expect(notice.textContent).toContain('Đã ghi nhận.');
    await waitFor(() => expect(document.activeElement).toBe(notice));
  });

  it('puts the keyboard on the confirmation of an action with nothing to fill in, and back on its button when cancelled', async () => {
    const user = await openActionByKeyboard('Nhận hồ sơ bổ sung');
    const confirm = within(screen.getByTestId('action-form')).getByRole('button', { name: 'Xác nhận' });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(screen.getByTestId('action-form').getAttribute('aria-describedby')).toBe('action-explain');
    await user.click(within(screen.getByTestId('action-form')).getByRole('button', { name: 'Huỷ' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Nhận hồ sơ bổ sung' })));
    expect(calls.some((c) => c.method === 'dossiers.supplementReceived')).toBe(false);
  });

  it('goes to the success notice after a confirmed withdrawal, whose form is then gone', async () => {
    const user = userEvent.setup();
    await renderDetail();
    await user.click(screen.getByRole('button', { name: 'Rút hồ sơ' }));
    await user.type(within(screen.getByTestId('action-form')).getByRole('textbox'), 'Công dân xin rút');
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    await waitFor(() => expect(screen.queryByTestId('action-form')).toBeNull());
    expect(calls.some((c) => c.method === 'dossiers.withdraw')).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId('detail-done'));
  });

  it('goes to the field with the error when the form is refused', async () => {
    const user = userEvent.setup();
    await renderDetail();
    await user.click(screen.getByRole('button', { name: 'Rút hồ sơ' }));
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    const reason = within(screen.getByTestId('action-form')).getByRole('textbox');
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(reason);
  });

  it('goes to the error banner when the desk refuses the action for no field of the form', async () => {
    const conflict: AppError = { code: 'version_conflict', message: { vi: 'Hồ sơ vừa được thay đổi ở quầy khác.', en: 'Changed at another desk.' } };
    actionAnswer = { ok: false, error: conflict };
    const user = userEvent.setup();
    await renderDetail();
    await user.click(screen.getByRole('button', { name: 'Nhận hồ sơ bổ sung' }));
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    const banner = await screen.findByText('Hồ sơ vừa được thay đổi ở quầy khác.');
    await waitFor(() => expect(document.activeElement?.contains(banner)).toBe(true));
    expect(document.activeElement).not.toBe(document.body);
  });

  it('records the applicant as who collected the result on a habitual Enter, not nobody', async () => {
    current = detailOf(state({ status: 9, supplement: null, pausedAt: null }), history, ['dossier.returned']);
    const user = await openActionByKeyboard('Trả kết quả');
    const who = screen.getByRole('textbox', { name: 'Người nhận kết quả' });
    await waitFor(() => expect(document.activeElement).toBe(who));
    expect((who as HTMLInputElement).value).toBe('Nguyễn Văn An');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(calls.find((c) => c.method === 'dossiers.returnResult')?.input).toMatchObject({ receivedBy: 'Nguyễn Văn An' }));
  });

  it('gives up an action form on Escape and goes back to its button, as "Huỷ" does', async () => {
    current = detailOf(state({ status: 4, supplement: null, pausedAt: null }), history, ['dossier.transferred']);
    const user = await openActionByKeyboard('Chuyển xử lý');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox', { name: /^Chuyển đến/ })));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('action-form')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Chuyển xử lý' })));
    expect(calls.some((c) => c.method === 'dossiers.transfer')).toBe(false);
  });

  it('goes back to the print button when the print preview it opened is closed', async () => {
    const user = userEvent.setup();
    await renderDetail();
    const printButton = screen.getByRole('button', { name: 'In mẫu 02' });
    await user.click(printButton);
    const preview = await screen.findByRole('dialog');
    await user.click(within(preview).getByRole('button', { name: /Đóng/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(printButton);
  });
});

describe('a reprinted form', () => {
  it('is signed by the clerk who asked for the supplement, not by the one who reprints it', async () => {
    useSession.setState({ user: { id: 'u2', username: 'lvcuong', displayName: 'Lê Văn Cường', role: 'clerk' } });
    try {
      const user = userEvent.setup();
      await renderDetail();
      await user.click(screen.getByRole('button', { name: 'In mẫu 02' }));
      const preview = await screen.findByRole('dialog');
      expect(preview.textContent).toContain('NGƯỜI HƯỚNG DẪN');
      expect(preview.textContent).toContain('Trần Thị Bình');
      expect(preview.textContent).not.toContain('Lê Văn Cường');
    } finally {
      useSession.setState({ user: { id: 'u1', username: 'ttbinh', displayName: 'Trần Thị Bình', role: 'clerk' } });
    }
  });
});

/**
 * QA: on 20/02/2027 a reprint of form 01 of a dossier received 04/02, and of form 04 of one re-appointed 08/01 for
 * 12/01, both read "Ngày 20 tháng 02 năm 2027": the apology was dated after the appointment it promised.
 */
describe('a reprinted form is dated the day of the act it records, not the day it is reprinted', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-02-20T10:00:00+07:00'));
  });
  afterEach(() => vi.useRealTimers());

  const received = entry('r1', 'dossier.received', '2027-02-04T06:30:00+07:00', '2027-02-04T06:31:00+07:00');
  const afterReceipt = { status: 2, supplement: null, pausedAt: null, pin: '123456', receivedAt: '2027-02-04T06:30:00+07:00', dueAt: '2027-02-11T06:30:00+07:00' } as const;

  async function dateLine(button: string): Promise<string> {
    const user = userEvent.setup();
    await renderDetail();
    await user.click(screen.getByRole('button', { name: button }));
    return (await screen.findByRole('dialog')).querySelector('.printed-on')?.textContent ?? '';
  }

  it('form 01: the day of the receipt, in Vietnam time (06:30 on 4 February is still the 3rd in UTC)', async () => {
    current = detailOf(state(afterReceipt), [received], []);
    expect(await dateLine('In phiếu hẹn (mẫu 01)')).toBe('Ngày 04 tháng 02 năm 2027');
  });

  it('form 01 given again with the new appointment: the day the supplement came', async () => {
    const supplementsReceived = [{ requestedAt: '2027-02-05T09:00:00+07:00', receivedAt: '2027-02-10T14:00:00+07:00', items: ['Bản sao giấy chứng sinh'] }];
    current = detailOf(
      state({ ...afterReceipt, status: 4, supplementsReceived }),
      [received, entry('s1', 'dossier.supplement_requested', '2027-02-05T09:00:00+07:00', null), entry('s2', 'dossier.supplement_received', '2027-02-10T14:00:00+07:00', null)],
      [],
    );
    expect(await dateLine('In phiếu hẹn (mẫu 01)')).toBe('Ngày 10 tháng 02 năm 2027');
  });

  it('form 02: the day the supplement was asked for', async () => {
    expect(await dateLine('In mẫu 02')).toBe('Ngày 25 tháng 11 năm 2026');
  });

  it('form 03: the day of the refusal', async () => {
    current = detailOf(state({ status: 3, supplement: null, pausedAt: null, receivedAt: null, refusedAt: '2027-01-15T16:45:00+07:00' }), [entry('x1', 'dossier.refused', '2027-01-15T16:45:00+07:00', null, { reason: 'Không thuộc thẩm quyền' })], []);
    expect(await dateLine('In mẫu 03')).toBe('Ngày 15 tháng 01 năm 2027');
  });

  it('form 04: the day of the re-appointment, before the new appointment it promises', async () => {
    current = detailOf(
      state({ ...afterReceipt, status: 4, receivedAt: '2026-12-24T09:00:00+07:00', reappointedAt: '2027-01-08T15:00:00+07:00', dueAt: '2027-01-12T09:00:00+07:00' }),
      [
        entry('r1', 'dossier.received', '2026-12-24T09:00:00+07:00', null),
        entry('a1', 'dossier.reappointed', '2027-01-08T15:00:00+07:00', null, { newDueAt: '2027-01-12T09:00:00+07:00', reason: 'Chờ xác minh' }),
      ],
      [],
    );
    expect(await dateLine('In mẫu 04')).toBe('Ngày 08 tháng 01 năm 2027');
  });

  it('form 05: the day of the last step it records, the result back at the desk', async () => {
    current = detailOf(
      state({ ...afterReceipt, status: 9, resolvedAt: '2027-02-09T10:00:00+07:00' }),
      [
        received,
        entry('t1', 'dossier.transferred', '2027-02-04T10:00:00+07:00', null, { toAgency: 'Phòng Tư pháp' }),
        entry('h1', 'dossier.handed_over', '2027-02-05T08:00:00+07:00', null, { from: 'Phòng Tư pháp', to: 'Chuyên viên' }),
        entry('v1', 'dossier.resolved', '2027-02-09T10:00:00+07:00', null, { resolvedAt: '2027-02-09T10:00:00+07:00', resultDigitised: false }),
      ],
      [],
    );
    expect(await dateLine('In mẫu 05')).toBe('Ngày 09 tháng 02 năm 2027');
  });
});

describe('a reprinted receipt slip (form 01)', () => {
  async function reprintSlip(): Promise<HTMLElement> {
    current = detailOf(state({ pin: '123456', dueAt: '2026-11-30T17:00:00+07:00' }), history, current.allowedActions);
    const user = userEvent.setup();
    await renderDetail();
    await user.click(screen.getByRole('button', { name: 'In phiếu hẹn (mẫu 01)' }));
    const preview = await screen.findByRole('dialog');
    const line = preview.querySelector('p.lookup');
    if (!line) throw new Error('no lookup line on the slip');
    return line as HTMLElement;
  }

  it('prints the desk\'s lookup address, like the slip printed at the counter', async () => {
    lookupUrl = 'https://dichvucong.haiduong.gov.vn/tra-cuu';
    expect((await reprintSlip()).textContent).toContain('Tra cứu tình trạng hồ sơ tại https://dichvucong.haiduong.gov.vn/tra-cuu bằng mã hồ sơ');
  });

  it('prints no address when none is set, and does not send the citizen to scan the QR code', async () => {
    expect((await reprintSlip()).textContent).toBe('Khi hỏi về tình trạng hồ sơ, xin cung cấp mã hồ sơ và mã tra cứu 123 456.');
    expect(screen.getByRole('dialog').textContent).not.toContain('quét mã QR');
  });
});

describe('the receipt slip (form 01) of a dossier whose appointment no longer stands', () => {
  it.each([
    ['withdrawn', 7],
    ['stopped', 8],
    ['returned', 10],
  ] as const)('is not offered once the dossier is %s, and is while it waits for its result', async (_name, status) => {
    current = detailOf(state({ pin: '123456', dueAt: '2026-11-30T17:00:00+07:00', status }), history, []);
    await renderDetail();
    expect(screen.queryByRole('button', { name: 'In phiếu hẹn (mẫu 01)' })).toBeNull();
    cleanup();
    current = detailOf(state({ pin: '123456', dueAt: '2026-11-30T17:00:00+07:00', status: 9 }), history, []);
    await renderDetail();
    expect(screen.getByRole('button', { name: 'In phiếu hẹn (mẫu 01)' })).toBeTruthy();
  });
});

describe('attaching a scan from the inbox folder', () => {
  it('names the result as a target in the screen\'s language only, with no English beside the Vietnamese', async () => {
    inboxFiles = [{ fileName: 'scan-001.pdf', size: 1000, modifiedAt: '2026-11-25T09:30:00+07:00' }];
    await renderDetail();
    const target = await screen.findByRole('combobox', { name: /Đính kèm bản quét/ });
    const options = within(target).getAllByRole('option').map((o) => o.textContent);
    expect(options.at(-1)).toBe('Kết quả giải quyết');
    for (const o of options) expect(o).not.toMatch(/Result/);
  });

  it('keeps the keyboard in the panel after attaching: the scan\'s button is gone, the focus is on the notice', async () => {
    inboxFiles = [{ fileName: 'scan-001.pdf', size: 1000, modifiedAt: '2026-11-25T09:30:00+07:00' }];
    const user = userEvent.setup();
    await renderDetail();
    await user.selectOptions(await screen.findByRole('combobox', { name: /Đính kèm bản quét/ }), 'Giấy chứng sinh');
    await user.click(screen.getByRole('button', { name: 'Đính kèm bản quét: scan-001.pdf' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Đính kèm bản quét: scan-001.pdf' })).toBeNull());
    const notice = screen.getByTestId('attachment-done');
    expect(notice.textContent).toBe('Đã đính kèm scan-001.pdf vào Giấy chứng sinh.');
    expect(document.activeElement).toBe(notice);
    // The scan is now listed on the dossier, with a button that says which file it opens.
    expect(screen.getByRole('button', { name: 'Xem: scan-001.pdf' })).toBeTruthy();
  });

  it('puts the focus on the desk\'s explanation when it refuses the scan, and claims nothing attached', async () => {
    inboxFiles = [{ fileName: 'scan-001.pdf', size: 1000, modifiedAt: '2026-11-25T09:30:00+07:00' }];
    linkAnswer = { ok: false, error: { code: 'version_conflict', message: { vi: 'Hồ sơ vừa được thay đổi ở quầy khác.', en: 'Changed at another desk.' } } };
    const user = userEvent.setup();
    await renderDetail();
    await user.click(await screen.findByRole('button', { name: 'Đính kèm bản quét: scan-001.pdf' }));
    const banner = await screen.findByText('Hồ sơ vừa được thay đổi ở quầy khác.');
    await waitFor(() => expect(document.activeElement?.contains(banner)).toBe(true));
    expect(screen.queryByTestId('attachment-done')).toBeNull();
  });

  it('gives the focus back to the "Xem" button when the viewer it opened is closed', async () => {
    current = detailOf(state(), [...history, entry('e3', 'dossier.attachment_linked', '2026-11-25T09:31:00+07:00', null, { ...scanBytes, fileName: 'scan-001.pdf', target: { componentId: 'to-khai' } })], []);
    const user = userEvent.setup();
    await renderDetail();
    const viewButton = screen.getByRole('button', { name: 'Xem: scan-001.pdf' });
    await user.click(viewButton);
    await user.click(await screen.findByRole('button', { name: 'Đóng' }));
    await waitFor(() => expect(screen.queryByTitle('scan-001.pdf')).toBeNull());
    expect(document.activeElement).toBe(viewButton);
  });
});
