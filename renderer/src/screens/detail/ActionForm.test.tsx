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
  it('says what an empty agency means before a transfer is confirmed', async () => {
    const onSubmit = vi.fn();
    render(<ActionForm spec={specFor('dossier.transferred')!} busy={false} problems={{}} onSubmit={onSubmit} onCancel={() => undefined} />);
    expect(screen.getByText('Để trống: chuyển đến cơ quan giải quyết của thủ tục.')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Xác nhận' }));
    expect(onSubmit).toHaveBeenCalledWith({});
  });

  it('says what a fee payment does to the deadline, and records nothing until it is confirmed', async () => {
    const onSubmit = vi.fn();
    render(<ActionForm spec={specFor('dossier.fees_paid')!} busy={false} problems={{}} onSubmit={onSubmit} onCancel={() => undefined} />);
    expect(screen.getByTestId('action-explain').textContent).toContain('thời gian giải quyết còn lại khi yêu cầu nộp được tính tiếp từ bây giờ');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
