// @vitest-environment jsdom
/** Form 06 from the dossier list: the month's book as the desk gives it, on a landscape sheet, for the month chosen. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import type { Logbook, LogbookEntry } from '../../../../shared/api/dossier-views';
import { DeskProvider } from '../../desk-context';
import { initI18n } from '../../i18n';
import { standInDesk } from '../../test-support/stand-in-desk';
import { LogbookButton } from './LogbookPrint';

const entry = (no: number, month: number, extra: Partial<LogbookEntry> = {}): LogbookEntry => ({
  no,
  dossierId: `d-${month}-${no}`,
  code: `000.00.06.H56-26${String(month).padStart(2, '0')}02-10${String(no).padStart(2, '0')}`,
  procedureName: 'Đăng ký khai sinh',
  applicantName: `Người nộp ${no}`,
  applicantAddress: 'Thôn Đông, xã Thanh Hải',
  applicantPhone: '0912345678',
  agency: 'Phòng Tư pháp',
  receivedAt: `2026-${String(month).padStart(2, '0')}-02T08:00:00+07:00`,
  dueAt: `2026-${String(month).padStart(2, '0')}-05T17:00:00+07:00`,
  transferredAt: null,
  resolvedAt: null,
  returnedAt: null,
  returnedTo: null,
  reappointedTo: null,
  status: 2,
  ...extra,
});

const asked: { year: number; month: number }[] = [];
const desk = () =>
  standInDesk((method, input) => {
    if (method !== 'dossiers.logbook') return undefined;
    const { year, month } = input as { year: number; month: number };
    asked.push({ year, month });
    const book: Logbook = {
      year,
      month,
      unitCode: null,
      entries:
        month === 1
          ? [entry(1, 1, { transferredAt: '2026-01-03T09:00:00+07:00', resolvedAt: '2026-01-04T10:00:00+07:00', returnedAt: '2026-01-05T15:00:00+07:00', returnedTo: 'Nguyễn Văn Bình (con)' }), entry(2, 1, { status: 7 })]
          : [entry(41, month)],
    };
    return ok(book);
  });

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  asked.length = 0;
});

describe('form 06, the tracking logbook', () => {
  it('opens this month’s book on a landscape sheet, and another month’s when the clerk chooses it', async () => {
    const user = userEvent.setup();
    render(
      <DeskProvider transport={desk()}>
        <LogbookButton />
      </DeskProvider>,
    );
    await user.click(screen.getByTestId('open-logbook'));
    const sheet = await screen.findByTestId('print-sheet');
    expect(sheet.className).toContain('paper-a4-landscape');
    expect(within(sheet).getByText('SỔ THEO DÕI HỒ SƠ')).toBeTruthy();
    expect(within(sheet).getByText('Mẫu số 06')).toBeTruthy();
    const now = new Date(Date.now() + 7 * 3_600_000);
    expect(asked[0]).toEqual({ year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 });
    // The book carries on the year's numbering: this month's first line is not 1.
    expect(await within(sheet).findByText('41')).toBeTruthy();

    await user.selectOptions(screen.getByTestId('logbook-month'), '1');
    expect(asked.at(-1)).toEqual({ year: now.getUTCFullYear(), month: 1 });
    const rows = await within(sheet).findAllByRole('row');
    // Two heading rows, then January's two dossiers.
    expect(rows).toHaveLength(4);
    const first = rows[2]!;
    expect(within(first).getByText('Người nộp 1')).toBeTruthy();
    expect(within(first).getByText('03/01/2026')).toBeTruthy();
    expect(within(first).getByText('05/01/2026')).toBeTruthy();
    expect(within(first).getByText('Nguyễn Văn Bình (con)')).toBeTruthy();
    expect(within(rows[3]!).getByText('Đã rút hồ sơ')).toBeTruthy();
    expect(within(sheet).getByText(/Tháng 01 năm 2026/)).toBeTruthy();
  });
});
