// @vitest-environment jsdom
/**
 * The deadline badge of the dossier lists: a dossier re-appointed after its first appointment had passed is counted
 * overdue by the reports, so its badge says it is late by that first appointment instead of "Trong hạn". The days
 * late are the desk's working days (`overdueDays`), not the calendar days since the due date.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import { DueBadge } from './badges';

const NOW = new Date('2026-11-09T10:00:00+07:00'); // a Monday
const reappointed = { status: 4, dueAt: '2026-12-30T09:00:00+07:00', overdue: false };

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

describe('the deadline badge', () => {
  it('says a re-appointed dossier still open past its first appointment is late by it, as the report counts it', () => {
    // First appointment Thursday: Friday and Monday are the working days since (four calendar days).
    render(<DueBadge dossier={{ ...reappointed, legalDue: { at: '2026-11-05T09:00:00+07:00', lateness: 'overdue', overdueDays: 2 } }} now={NOW} />);
    const badge = screen.getByText('Quá hẹn ban đầu 2 ngày');
    expect(badge.getAttribute('data-due')).toBe('overdue');
    expect(badge.getAttribute('title')).toBe('Đã quá hẹn ban đầu (05/11/2026): báo cáo tính là quá hạn');
  });

  it('keeps "Trong hạn" for a dossier re-appointed before its first appointment, and the plain overdue count past the new one', () => {
    render(<DueBadge dossier={{ ...reappointed, legalDue: { at: '2026-11-20T09:00:00+07:00', lateness: null } }} now={NOW} />);
    expect(screen.getByText('Trong hạn')).toBeTruthy();
    cleanup();
    render(<DueBadge dossier={{ status: 4, dueAt: '2026-11-06T09:00:00+07:00', overdue: true, overdueDays: 1, legalDue: { at: '2026-11-05T09:00:00+07:00', lateness: 'overdue', overdueDays: 2 } }} now={NOW} />);
    expect(screen.getByText('Quá hạn 1 ngày')).toBeTruthy();
  });

  it('counts a dossier due on Friday one working day late on Monday, not three calendar days', () => {
    render(<DueBadge dossier={{ status: 2, dueAt: '2026-11-06T17:00:00+07:00', overdue: true, overdueDays: 1 }} now={NOW} />);
    const badge = screen.getByText('Quá hạn 1 ngày');
    expect(badge.getAttribute('data-due')).toBe('overdue');
    expect(screen.queryByText('Quá hạn 3 ngày')).toBeNull();
  });

  it('gives no count while no working day has begun since the due day: that evening, the weekend, or one that fell due on screen', () => {
    const saturday = new Date('2026-11-07T10:00:00+07:00');
    render(<DueBadge dossier={{ status: 4, dueAt: '2026-11-06T17:00:00+07:00', overdue: true, overdueDays: 0 }} now={saturday} />);
    expect(screen.getByText('Quá hạn').getAttribute('data-due')).toBe('overdue');
    cleanup();
    render(<DueBadge dossier={{ ...reappointed, legalDue: { at: '2026-11-06T17:00:00+07:00', lateness: 'overdue', overdueDays: 0 } }} now={saturday} />);
    expect(screen.getByText('Quá hẹn ban đầu').getAttribute('data-due')).toBe('overdue');
    cleanup();
    // Read from the desk before its due hour, still on screen after it: the desk has not counted it.
    render(<DueBadge dossier={{ status: 2, dueAt: '2026-11-02T09:00:00+07:00', overdue: false }} now={NOW} />);
    expect(screen.getByText('Quá hạn')).toBeTruthy();
  });

  it('says a dossier finished after its legal due day is finished late, by how many days, and a timely one plainly finished', () => {
    render(<DueBadge dossier={{ status: 9, dueAt: '2026-11-05T09:00:00+07:00', overdue: false, resolvedLate: true, resolvedLateDays: 2 }} now={NOW} />);
    expect(screen.getByText('Đã xong, trễ 2 ngày').getAttribute('data-due')).toBe('doneLate');
    cleanup();
    render(<DueBadge dossier={{ status: 10, dueAt: '2026-11-05T09:00:00+07:00', overdue: false }} now={NOW} />);
    expect(screen.getByText('Đã xong').getAttribute('data-due')).toBe('done');
  });

  it('says a dossier finished late on no working day past its due day finished late, without a count', () => {
    // Due Friday, resolved on the Saturday: the reports count it late, but no working day had begun since.
    const saturday = new Date('2026-11-07T10:00:00+07:00');
    render(<DueBadge dossier={{ status: 9, dueAt: '2026-11-06T17:00:00+07:00', overdue: false, resolvedLate: true, resolvedLateDays: 0 }} now={saturday} />);
    expect(screen.getByText('Đã xong, trễ hạn').getAttribute('data-due')).toBe('doneLate');
    cleanup();
    render(<DueBadge dossier={{ status: 10, dueAt: '2026-11-06T17:00:00+07:00', overdue: false, resolvedLate: true, resolvedLateDays: 1 }} now={NOW} />);
    expect(screen.getByText('Đã xong, trễ 1 ngày').getAttribute('data-due')).toBe('doneLate');
  });

  it('says one day and several days in English', async () => {
    await i18n.changeLanguage('en');
    try {
      render(<DueBadge dossier={{ status: 9, dueAt: '2026-11-05T09:00:00+07:00', overdue: false, resolvedLate: true, resolvedLateDays: 1 }} now={NOW} />);
      expect(screen.getByText('Finished 1 day late')).toBeTruthy();
      cleanup();
      render(<DueBadge dossier={{ status: 9, dueAt: '2026-11-06T17:00:00+07:00', overdue: false, resolvedLate: true, resolvedLateDays: 0 }} now={NOW} />);
      expect(screen.getByText('Finished late')).toBeTruthy();
      cleanup();
      render(<DueBadge dossier={{ status: 4, dueAt: '2026-11-04T09:00:00+07:00', overdue: true, overdueDays: 3 }} now={NOW} />);
      expect(screen.getByText('Overdue by 3 days')).toBeTruthy();
      cleanup();
      render(<DueBadge dossier={{ status: 4, dueAt: '2026-11-06T17:00:00+07:00', overdue: true, overdueDays: 1 }} now={NOW} />);
      expect(screen.getByText('Overdue by 1 day')).toBeTruthy();
      cleanup();
      render(<DueBadge dossier={{ status: 2, dueAt: '2026-11-10T16:00:00+07:00', overdue: false, dueSoon: true }} now={NOW} />);
      expect(screen.getByText('1 day left')).toBeTruthy();
    } finally {
      await i18n.changeLanguage('vi');
    }
  });
});
