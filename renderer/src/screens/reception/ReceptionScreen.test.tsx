// @vitest-environment jsdom
/**
 * The reception form in a DOM: what the clerk sees as they fill it in. The desk behind it is a recording stand-in
 * answering with the seed catalog (the real desk and browser are exercised end to end in tests/e2e).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { ok, type Result } from '../../../../shared/result';
import type { DeskCall } from '../../../../shared/api/desk-api';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useSession } from '../../store/session';
import { openDraftStore } from '../../drafts/draft-store';
import { ReceptionScreen } from './ReceptionScreen';

const calls: { method: string; input: unknown }[] = [];

function deskStandIn(): DeskTransport {
  const call = (async (method: string, input: unknown): Promise<Result<unknown>> => {
    calls.push({ method, input });
    if (method === 'catalog.procedures') return ok(seedProcedures);
    if (method === 'app.info') return ok({ version: 'test', deviceId: 'd1', unitCode: '000.00.06.H56', deskNumber: 1 });
    if (method === 'dossiers.receive') {
      return ok({ eventId: 'e1', code: '000.00.06.H56-261124-1001', pin: '123456', receivedAt: '2026-11-24T09:32:00+07:00', dueAt: '2026-11-24T17:00:00+07:00', dossier: {} });
    }
    return { ok: false, error: { code: 'not_found', message: { vi: 'Không có', en: 'None' } } };
  }) as DeskCall;
  return { kind: 'loopback', call, onDeskEvent: () => () => undefined };
}

beforeAll(() => {
  initI18n('vi');
  useSession.setState({ user: { id: 'u1', username: 'ttbinh', displayName: 'Trần Thị Bình', role: 'clerk' } });
});
afterEach(() => {
  cleanup();
  calls.length = 0;
});

function renderScreen(dbName: string) {
  const drafts = openDraftStore(dbName);
  render(
    <DeskProvider transport={deskStandIn()}>
      <ReceptionScreen drafts={drafts} />
    </DeskProvider>,
  );
  return drafts;
}

describe('the reception form', () => {
  it('finds the procedure without diacritics, checks the CCCD on leaving the field, and saves only when complete', async () => {
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
    const id = screen.getByRole('textbox', { name: /Số CCCD/ });
    await user.type(id, '12345');
    await user.tab();
    expect(screen.getByText('Số CCCD phải gồm đúng 12 chữ số.')).toBeTruthy();
    expect(id.getAttribute('aria-invalid')).toBe('true');
    await user.clear(id);
    await user.type(id, '001203004567');
    expect(screen.queryByText('Số CCCD phải gồm đúng 12 chữ số.')).toBeNull();

    const save = screen.getByTestId('save-reception') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(screen.getByTestId('completeness').textContent).toContain('thiếu 3 giấy tờ bắt buộc');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    expect(screen.getByTestId('completeness').textContent).toContain('Hồ sơ đầy đủ');
    expect(save.disabled).toBe(false);

    // The draft has been autosaved while typing.
    await waitFor(async () => expect((await drafts.load<{ applicant: { name: string } }>('reception:u1'))?.value.applicant.name).toBe('Nguyễn Văn Đức'));

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
    expect(within(sheet).getAllByText('123 456')).toHaveLength(2);
    // After saving, the draft is gone and the form is empty for the next citizen.
    await waitFor(async () => expect(await drafts.load('reception:u1')).toBeNull());
    expect((screen.getByRole('textbox', { name: /Họ và tên/ }) as HTMLInputElement).value).toBe('');
  });

  it('offers only refusal (form 03, with a reason) or guidance (form 02) for an incomplete dossier', async () => {
    const user = userEvent.setup();
    renderScreen('reception-2');
    await user.type(await screen.findByTestId('procedure-search'), 'ket hon');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === 'Thủ tục đăng ký kết hôn')!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Lê Thị Thuỳ Dương');
    await user.click(screen.getByRole('button', { name: /Từ chối tiếp nhận \(mẫu 03\)/ }));
    expect(screen.getByText('Hãy ghi lý do hoặc nội dung hướng dẫn.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'dossiers.refuse')).toBe(false);
    await user.click(screen.getByRole('button', { name: /Hướng dẫn bổ sung \(mẫu 02\)/ }));
    const sheet = await screen.findByTestId('print-sheet');
    expect(sheet.textContent).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(calls.map((c) => c.method)).not.toContain('dossiers.receive');
  });
});
