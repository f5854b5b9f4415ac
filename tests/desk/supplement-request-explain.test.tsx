// @vitest-environment jsdom
/**
 * The supplement request's form tells the clerk, before the request, that one made on a dossier already late does not
 * restart its deadline (shared/domain/lifecycle.ts pausedLate): the form cannot tell which the dossier is, so it says
 * it for every request, in Vietnamese and in English.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { changeLanguage, initI18n } from '../../renderer/src/i18n';
import { ActionForm } from '../../renderer/src/screens/detail/ActionForm';
import { specFor } from '../../renderer/src/screens/detail/actions';

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

const explained = () => {
  render(<ActionForm spec={specFor('dossier.supplement_requested')!} busy={false} problems={{}} onSubmit={() => undefined} onCancel={() => undefined} />);
  expect(screen.getByTestId('action-form').getAttribute('aria-describedby')).toBe('action-explain');
  return screen.getByTestId('action-explain').textContent;
};

describe('the supplement request form', () => {
  it('says that a request on a dossier already late does not restart its deadline', async () => {
    expect(explained()).toContain('Nếu hồ sơ đã quá hạn, yêu cầu bổ sung không tính lại hạn giải quyết');
    cleanup();
    await changeLanguage('en');
    expect(explained()).toContain('If the dossier is already late, a supplement request does not restart its deadline');
    await changeLanguage('vi');
  });
});
