// @vitest-environment jsdom
/**
 * Opening a scan that is not yet on this PC: the desk downloads it from the server, which may take minutes on a 2G
 * line. The button says it is loading at once, a notice after a second says why; a failure says what to do.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok, type Result } from '../../../../shared/result';
import type { DeskCall } from '../../../../shared/api/desk-api';
import type { DossierDetail } from '../../../../shared/api/dossier-views';
import { initI18n } from '../../i18n';
import { Attachments } from './Attachments';
import { dossierAt } from '../../../../tests/domain/fixtures';

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

const SHA = 'b'.repeat(64);

const detail = (): DossierDetail =>
  ({
    state: { ...dossierAt(4), id: 'D1', version: 3, components: [{ componentId: 'to-khai', name: 'Tờ khai', form: 'original', copies: 1, present: true }] },
    timeline: [
      {
        type: 'dossier.attachment_linked',
        payload: { sha256: SHA, fileName: 'cccd.pdf', mime: 'application/pdf', size: 8, target: { componentId: 'to-khai' } },
      },
    ],
    allowedActions: [],
    procedure: null,
    summary: {},
  }) as unknown as DossierDetail;

/** A desk whose `attachments.get` answers when the test says so. */
function slowDesk() {
  const asked: unknown[] = [];
  let answer: (r: Result<unknown>) => void = () => undefined;
  const call = (async (method: string, input: unknown): Promise<Result<unknown>> => {
    if (method === 'attachments.inbox') return ok({ folder: null, missing: false, files: [] });
    if (method === 'attachments.get') {
      asked.push(input);
      return new Promise((resolve) => (answer = resolve));
    }
    return ok({});
  }) as unknown as DeskCall;
  return { call, asked, answer: (r: Result<unknown>) => answer(r) };
}

it('shows the scan loading while the desk fetches it, says why after a second, and asks for it in this dossier', async () => {
  const desk = slowDesk();
  render(<Attachments detail={detail()} call={desk.call} onLinked={() => undefined} />);
  const button = screen.getByRole('button', { name: 'Xem: cccd.pdf' });
  await userEvent.click(button);
  expect(desk.asked).toEqual([{ sha256: SHA, dossierId: 'D1' }]);
  expect(button.getAttribute('aria-busy')).toBe('true');
  expect(button.textContent).toBe('Đang tải…');
  const notice = await screen.findByTestId('attachment-opening', {}, { timeout: 2000 });
  expect(notice.textContent).toContain('Đang mở cccd.pdf');
  expect(notice.textContent).toContain('tải về từ máy chủ');
  // A second click while it loads asks nothing more.
  await userEvent.click(button);
  expect(desk.asked).toHaveLength(1);

  await act(async () => desk.answer(ok({ sha256: SHA, size: 8, mime: 'application/pdf', fileName: 'cccd.pdf', importedAt: '', alreadyStored: true, dataBase64: btoa('%PDF-1.4') })));
  await waitFor(() => expect(screen.queryByTestId('attachment-opening')).toBeNull());
  expect(button.textContent).toBe('Xem');
  expect(screen.getByTitle('cccd.pdf')).toBeTruthy();
});

it('says what to do when the scan cannot be fetched, and the button can be tried again', async () => {
  const desk = slowDesk();
  render(<Attachments detail={detail()} call={desk.call} onLinked={() => undefined} />);
  const button = screen.getByRole('button', { name: 'Xem: cccd.pdf' });
  await userEvent.click(button);
  const offline = 'Tệp đính kèm này chưa có trên máy; cần kết nối với máy chủ để tải về — thử lại khi có mạng.';
  await act(async () => desk.answer({ ok: false, error: { code: 'attachment_offline', message: { vi: offline, en: 'offline' } } }));
  expect(await screen.findByText(offline)).toBeTruthy();
  expect(button.getAttribute('aria-busy')).toBeNull();
  expect(screen.queryByTestId('attachment-opening')).toBeNull();
  await userEvent.click(button);
  expect(desk.asked).toHaveLength(2);
});
