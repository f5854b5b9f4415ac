// @vitest-environment jsdom
/**
 * The form of an action on a dossier: what the clerk is told before a deed that cannot be undone.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../../i18n';
import { ActionForm } from './ActionForm';
import { specFor } from './actions';

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

describe('an action form', () => {
  it("offers the procedure's agency first, then the units whose desks can receive the dossier, then another agency by name", async () => {
    const onSubmit = vi.fn();
    const choices = { procedureAgency: 'Phòng Tư pháp huyện Thanh Hà', units: [{ code: '000.00.06.H56', name: 'UBND huyện Thanh Hà' }] };
    render(<ActionForm spec={specFor('dossier.transferred')!} busy={false} problems={{}} agencyChoices={choices} onSubmit={onSubmit} onCancel={() => undefined} />);
    const user = userEvent.setup();
    const where = screen.getByLabelText(/^Chuyển đến/) as HTMLSelectElement;
    expect([...where.options].map((o) => o.textContent)).toEqual([
      'Cơ quan giải quyết của thủ tục: Phòng Tư pháp huyện Thanh Hà',
      'UBND huyện Thanh Hà (000.00.06.H56)',
      'Cơ quan khác…',
    ]);
    expect(screen.getByText(/quầy một cửa của đơn vị đó nhận được hồ sơ/)).toBeTruthy();
    // Left as it is: the procedure's agency (the desk fills it in).
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    expect(onSubmit).toHaveBeenLastCalledWith({});
    // The district: its code, which the server reads as "the district's desks receive it".
    await user.selectOptions(where, 'UBND huyện Thanh Hà (000.00.06.H56)');
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    expect(onSubmit).toHaveBeenLastCalledWith({ toAgency: '000.00.06.H56' });
    // Another agency: its name is asked for only then.
    expect(screen.queryByLabelText(/Tên cơ quan/)).toBeNull();
    await user.selectOptions(where, 'Cơ quan khác…');
    await user.type(screen.getByLabelText(/Tên cơ quan/), 'Chi cục Thuế');
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    expect(onSubmit).toHaveBeenLastCalledWith({ toAgency: 'other', toAgencyOther: 'Chi cục Thuế' });
  });

  it('is given up with Escape, as with "Huỷ", from the field the keyboard is put in', async () => {
    for (const type of ['dossier.transferred', 'dossier.withdrawn', 'dossier.returned', 'dossier.fees_paid'] as const) {
      const onCancel = vi.fn();
      const onSubmit = vi.fn();
      render(<ActionForm spec={specFor(type)!} busy={false} problems={{}} onSubmit={onSubmit} onCancel={onCancel} />);
      const user = userEvent.setup();
      // The first field, or the confirmation of a form with none.
      expect(screen.getByTestId('action-form').contains(document.activeElement)).toBe(true);
      await user.keyboard('{Escape}');
      expect(onCancel, type).toHaveBeenCalledTimes(1);
      expect(onSubmit).not.toHaveBeenCalled();
      cleanup();
    }
  });

  it('brings the field the keyboard is put in into view: the panel opens low on a small screen', () => {
    const scrolled: Element[] = [];
    const scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this);
    });
    Element.prototype.scrollIntoView = scrollIntoView;
    try {
      render(<ActionForm spec={specFor('dossier.supplement_requested')!} busy={false} problems={{}} onSubmit={() => undefined} onCancel={() => undefined} />);
      const items = screen.getByRole('textbox', { name: /^Giấy tờ cần bổ sung/ });
      expect(document.activeElement).toBe(items);
      expect(scrolled).toEqual([items]);
      expect(scrollIntoView).toHaveBeenCalledWith({ block: 'nearest' });
    } finally {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
  });

  it('starts with what it is given, selected, so Enter keeps it and typing replaces it', async () => {
    const onSubmit = vi.fn();
    const spec = specFor('dossier.returned')!;
    render(<ActionForm spec={spec} busy={false} problems={{}} initial={{ receivedBy: 'Nguyễn Văn An' }} onSubmit={onSubmit} onCancel={() => undefined} />);
    const user = userEvent.setup();
    const who = screen.getByRole('textbox', { name: 'Người nhận kết quả' }) as HTMLInputElement;
    expect(document.activeElement).toBe(who);
    expect(who.value).toBe('Nguyễn Văn An');
    expect([who.selectionStart, who.selectionEnd]).toEqual([0, 'Nguyễn Văn An'.length]);
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenLastCalledWith({ receivedBy: 'Nguyễn Văn An' });
    await user.keyboard('Lê Thị Dương{Enter}');
    expect(onSubmit).toHaveBeenLastCalledWith({ receivedBy: 'Lê Thị Dương' });
  });

  it('says what a fee payment does to the deadline, and records nothing until it is confirmed', async () => {
    const onSubmit = vi.fn();
    render(<ActionForm spec={specFor('dossier.fees_paid')!} busy={false} problems={{}} onSubmit={onSubmit} onCancel={() => undefined} />);
    expect(screen.getByTestId('action-explain').textContent).toContain('thời gian giải quyết còn lại khi yêu cầu nộp được tính tiếp từ bây giờ');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
