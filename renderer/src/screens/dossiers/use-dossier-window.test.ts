/** The list filters a search's answer is narrowed by in the renderer (the desk applies the due filter itself). */
import { describe, expect, it } from 'vitest';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import { matchesFilters } from './use-dossier-window';

const dossier = (more: Partial<DossierSummary>): DossierSummary => ({
  id: 'd1',
  code: '000.00.06.H56-261102-1001',
  status: 4,
  statusLabel: { vi: 'Đang xử lý', en: 'Processing' },
  procedureCode: null,
  procedureName: null,
  field: null,
  channel: 'in_person',
  applicantName: 'Nguyễn Văn An',
  receivedAt: '2026-11-02T09:00:00+07:00',
  dueAt: '2026-12-30T09:00:00+07:00',
  overdue: false,
  fridayNoWait: false,
  syncState: 'synced',
  version: 3,
  ...more,
});

describe('a search under a due filter', () => {
  it('keeps what the desk kept for it, which a summary cannot judge ("due soon" needs the working calendar)', () => {
    // The desk's answer for "Quá hạn" is kept whole, as for "Hôm nay" and "Sắp đến hạn".
    expect(matchesFilters(dossier({}), { due: 'overdue' })).toBe(true);
    expect(matchesFilters(dossier({}), { due: 'overdue', status: [2] })).toBe(false);
  });
});
