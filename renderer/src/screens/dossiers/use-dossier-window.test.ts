/** The few list filters a search's answer is narrowed by in the renderer (the desk's search ignores them). */
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

describe('a search under the "Quá hạn" filter', () => {
  it('keeps a re-appointed dossier past its first appointment, as the filter and its count do', () => {
    const reappointedLate = dossier({ legalDue: { at: '2026-11-09T09:00:00+07:00', lateness: 'overdue' } });
    expect(matchesFilters(reappointedLate, { due: 'overdue' })).toBe(true);
    expect(matchesFilters(dossier({ overdue: true }), { due: 'overdue' })).toBe(true);
    // Re-appointed before its first appointment passed, and never late: not overdue.
    expect(matchesFilters(dossier({ legalDue: { at: '2026-12-01T09:00:00+07:00', lateness: null } }), { due: 'overdue' })).toBe(false);
    expect(matchesFilters(dossier({}), { due: 'overdue' })).toBe(false);
  });
});
