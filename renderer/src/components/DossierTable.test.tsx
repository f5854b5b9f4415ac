// @vitest-environment jsdom
/** The short table of dossiers (the results queue, the Friday board): the link that opens each dossier. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { DossierSummary } from '../../../shared/api/dossier-views';
import { DossierStatus } from '../../../shared/domain/dossier';
import { initI18n } from '../i18n';
import { DossierTable } from './DossierTable';

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

const row = (over: Partial<DossierSummary>): DossierSummary => ({
  id: 'd1',
  code: '000.00.06.H56-261201-1002',
  status: DossierStatus.Received,
  statusLabel: { vi: 'Được tiếp nhận', en: 'Received' },
  procedureCode: '1.001234',
  procedureName: 'Chứng thực chữ ký',
  field: null,
  channel: 'in_person',
  applicantName: 'Nguyễn Văn An',
  receivedAt: '2026-12-01T08:00:00+07:00',
  dueAt: '2026-12-02T17:00:00+07:00',
  overdue: false,
  fridayNoWait: false,
  syncState: 'synced',
  version: 1,
  ...over,
});

describe('the dossier table', () => {
  it('names the link of an online dossier not yet received by whose it is, not by a bare dash', () => {
    render(
      <DossierTable
        rows={[
          row({}),
          row({ id: 'd2', code: null, status: DossierStatus.SubmittedOnline, channel: 'online', applicantName: 'Lê Thị Dương', receivedAt: null }),
          row({ id: 'd3', code: null, status: DossierStatus.SubmittedOnline, channel: 'online', applicantName: 'Phạm Văn Bình', receivedAt: null }),
        ]}
      />,
    );
    const links = within(screen.getByTestId('dossier-table')).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#/dossier/d1', '#/dossier/d2', '#/dossier/d3']);
    expect(screen.getByRole('link', { name: '000.00.06.H56-261201-1002' })).toBe(links[0]);
    // Each its own name, beginning with the words shown, as a voice command would say them.
    expect(screen.getByRole('link', { name: 'Chưa có mã: hồ sơ của Lê Thị Dương' })).toBe(links[1]);
    expect(screen.getByRole('link', { name: 'Chưa có mã: hồ sơ của Phạm Văn Bình' })).toBe(links[2]);
    expect(links[1]!.textContent).toBe('Chưa có mã');
    expect(links[1]!.style.minHeight).toBe('24px');
  });
});
