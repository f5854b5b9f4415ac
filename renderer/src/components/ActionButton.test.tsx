// @vitest-environment jsdom
/** The action button every screen uses: while its action runs, the clerk's keyboard focus stays on it. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { initI18n } from '../i18n';
import { ActionButton } from './ui';

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

/** A screen whose action takes a while, as a desk call does: busy from the click until `finish`. */
function SlowAction({ onRun }: { onRun: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <>
      <ActionButton busy={busy} onActivate={() => (onRun(), setBusy(true))}>Đồng bộ ngay</ActionButton>
      <button type="button" onClick={() => setBusy(false)}>finish</button>
    </>
  );
}

describe('ActionButton', () => {
  it('keeps the focus while busy, ignores clicks meanwhile, and acts again afterwards', () => {
    let runs = 0;
    render(<SlowAction onRun={() => runs++} />);
    const button = screen.getByRole('button', { name: 'Đồng bộ ngay' });
    act(() => button.focus());
    fireEvent.click(button);
    expect(runs).toBe(1);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    // A disabled button would have dropped the focus to the page; this one keeps it.
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    expect(runs).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'finish' }));
    fireEvent.click(button);
    expect(runs).toBe(2);
  });

  it('a busy submit button does not send its form a second time', () => {
    let submits = 0;
    render(
      <form onSubmit={(e) => (e.preventDefault(), submits++)}>
        <ActionButton type="submit" busy>Lưu</ActionButton>
      </form>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(submits).toBe(0);
  });
});

describe('a shortcut while a dialog is open', () => {
  it('works only for the dialog’s own buttons: F2 over a receipt’s preview does not save the form behind it', () => {
    const ran: string[] = [];
    const { rerender } = render(
      <>
        <ActionButton shortcut="F2" onActivate={() => ran.push('save')}>Tiếp nhận</ActionButton>
        <div role="dialog" aria-modal="true" aria-label="In phiếu hẹn">
          <ActionButton shortcut="Escape" onActivate={() => ran.push('close')}>Đóng</ActionButton>
        </div>
      </>,
    );
    fireEvent.keyDown(window, { key: 'F2', code: 'F2' });
    fireEvent.keyDown(window, { key: 'Escape', code: 'Escape' });
    expect(ran).toEqual(['close']);
    // The preview closed: F2 saves again.
    rerender(<ActionButton shortcut="F2" onActivate={() => ran.push('save')}>Tiếp nhận</ActionButton>);
    fireEvent.keyDown(window, { key: 'F2', code: 'F2' });
    expect(ran).toEqual(['close', 'save']);
  });
});

