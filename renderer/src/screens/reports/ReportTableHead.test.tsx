// @vitest-environment jsdom
/** The head row of a report table: one heading per figure column, in order, even when two share a label. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ReportTableHead, type FigureColumn } from './ReportTableHead';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const head = (figures: readonly FigureColumn[]) => (
  <table>
    <ReportTableHead label="Lĩnh vực" figures={figures} />
  </table>
);
const headings = () => screen.getAllByRole('columnheader').map((th) => th.textContent);

describe('report table head', () => {
  it('shows each column once when two columns share a label and the columns are reordered', () => {
    // Keyed by label, React warns of the collision and, on this reorder, shows a column twice (five headings).
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const received = { id: 'received', label: 'Hồ sơ' };
    const resolved = { id: 'resolved', label: 'Hồ sơ' };
    const late = { id: 'late', label: 'Trễ hạn' };
    const { rerender } = render(head([received, resolved, late]));
    expect(headings()).toEqual(['Lĩnh vực', 'Hồ sơ', 'Hồ sơ', 'Trễ hạn']);
    rerender(head([late, received, resolved]));
    expect(headings()).toEqual(['Lĩnh vực', 'Trễ hạn', 'Hồ sơ', 'Hồ sơ']);
  });
});
