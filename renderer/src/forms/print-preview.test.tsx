// @vitest-environment jsdom
/**
 * The print preview holds the keyboard as a modal must: the page behind cannot be reached (QA: Tab went from "Đóng"
 * to the detail screen's "In mẫu 02", and Enter there swapped the slip being printed), and closing it gives the
 * keyboard back to the button that opened it.
 */
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../i18n';
import { PrintPreview } from './print-preview';

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

function Screen() {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button type="button" onClick={() => setOpen(true)}>
        In mẫu 01
      </button>
      <button type="button">In mẫu 02</button>
      {open && (
        <PrintPreview title="In mẫu 01" onClose={() => setOpen(false)}>
          <p>Phiếu hẹn</p>
        </PrintPreview>
      )}
    </div>
  );
}

describe('the print preview', () => {
  it('makes the page behind it inert while it is open, and gives the focus back to its opener on Escape', async () => {
    const user = userEvent.setup();
    const { container } = render(<Screen />);
    const opener = screen.getByRole('button', { name: 'In mẫu 01' });
    opener.focus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'In mẫu 01' });
    expect(container.hasAttribute('inert')).toBe(true);
    expect(dialog.closest('[inert]')).toBeNull();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(container.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('gives the focus back when closed with its "Đóng" button too, and leaves inert what already was', async () => {
    const user = userEvent.setup();
    const other = document.body.appendChild(document.createElement('div'));
    other.setAttribute('inert', '');
    try {
      const { container } = render(<Screen />);
      const opener = screen.getByRole('button', { name: 'In mẫu 01' });
      await user.click(opener);
      expect(container.hasAttribute('inert')).toBe(true);
      await user.click(screen.getByRole('button', { name: /^Đóng/ }));
      expect(container.hasAttribute('inert')).toBe(false);
      expect(other.hasAttribute('inert')).toBe(true);
      expect(document.activeElement).toBe(opener);
    } finally {
      other.remove();
    }
  });
});
