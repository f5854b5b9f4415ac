// @vitest-environment jsdom
/** The personal-data access log, a page at a time, against a recording stand-in for the desk. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import type { AuditEntryView } from '../../../../shared/api/desk-views';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { AUDIT_PAGE_SIZE, AuditPanel } from './AuditPanel';
import { standInDesk } from '../../test-support/stand-in-desk';

const TOTAL = AUDIT_PAGE_SIZE + 5;
/** Newest first, as the desk lists them; entry n was written n minutes after 01:00 UTC (08:00 in Vietnam). */
const entry = (n: number): AuditEntryView => ({
  id: n,
  at: new Date(Date.UTC(2026, 10, 28, 1, n)).toISOString(),
  userId: 'u1',
  userName: 'Nguyễn Thị Lan',
  action: n % 2 === 0 ? 'dossier.view' : 'dossier.search',
  targetKind: 'dossier',
  targetId: `H23.10-261128-${String(n).padStart(4, '0')}`,
  detail: null,
});
const all = Array.from({ length: TOTAL }, (_, i) => entry(TOTAL - i));
const calls: { limit: number; offset: number }[] = [];

function deskStandIn(): DeskTransport {
  return standInDesk((method: string, input: unknown) => {
    if (method === 'audit.list') {
      const { limit, offset } = input as { limit: number; offset: number };
      calls.push({ limit, offset });
      return ok({ entries: all.slice(offset, offset + limit), total: TOTAL });
    }
    return undefined;
  });
}

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  calls.length = 0;
});

const rowsText = () => [...screen.getByTestId('audit-table').querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));

describe('the audit log', () => {
  it('shows each entry in Vietnam time, with who did what to which record', async () => {
    render(
      <DeskProvider transport={deskStandIn()}>
        <AuditPanel />
      </DeskProvider>,
    );
    expect(await screen.findByText('1–20 trong 25 mục')).toBeTruthy();
    expect(rowsText()[0]).toEqual(['08:25 28/11/2026', 'Nguyễn Thị Lan', 'Tìm hồ sơ', 'Hồ sơ H23.10-261128-0025']);
    expect(rowsText()[1]![2]).toBe('Xem hồ sơ');
    expect((screen.getByRole('button', { name: '‹ Trang trước' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks the desk for the next page from where this one ended, and back', async () => {
    const user = userEvent.setup();
    render(
      <DeskProvider transport={deskStandIn()}>
        <AuditPanel />
      </DeskProvider>,
    );
    await screen.findByText('1–20 trong 25 mục');
    await user.click(screen.getByRole('button', { name: 'Trang sau ›' }));
    expect(await screen.findByText('21–25 trong 25 mục')).toBeTruthy();
    expect(calls).toEqual([
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
