// @vitest-environment jsdom
/**
 * A procedure the server's latest catalog no longer holds is retired on the desk: the desk still knows it (its
 * dossiers keep their name) and says so in `catalog.procedures`, and the reception's procedure search must not offer
 * it, also when the retirement arrives while the screen is open. The desk is a stand-in.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { ok } from '../../../../shared/result';
import { DeskProvider } from '../../desk-context';
import { initI18n } from '../../i18n';
import { useSession } from '../../store/session';
import { useCatalog, useCatalogKeptCurrent } from '../../store/catalog';
import { openDraftStore } from '../../drafts/draft-store';
import { announcingStandInDesk } from '../../test-support/stand-in-desk';
import { birth, clerk, endRun, receptionDesk, trackedStore } from '../../test-support/reception-run';
import { ReceptionScreen } from './ReceptionScreen';

/** The catalog as the desk answers it, `retiredCodes` retired. */
const catalog = (retiredCodes: string[]) => seedProcedures.map((p) => ({ ...p, retired: retiredCodes.includes(p.code) }));
/** The procedures found (the form's other menus, such as the applicant's paper, have options too). */
const namesListed = () => [...document.querySelectorAll('.procedure-results [role="option"]')].map((o) => o.querySelector('.procedure-name')?.textContent);

function App({ children }: { children: React.ReactNode }) {
  useCatalogKeptCurrent();
  return children;
}

async function openReception(dbName: string, retired: () => string[]) {
  const standIn = receptionDesk((method) => (method === 'catalog.procedures' ? ok(catalog(retired())) : undefined));
  const { transport, announce } = announcingStandInDesk((method, input) => standIn.call(method as never, input as never));
  render(
    <DeskProvider transport={transport}>
      <App>
        <ReceptionScreen drafts={trackedStore(openDraftStore(dbName))} />
      </App>
    </DeskProvider>,
  );
  return { search: await screen.findByTestId('procedure-search'), announce };
}

beforeAll(() => {
  initI18n('vi');
  useSession.setState({ user: clerk('u90') });
});
afterEach(async () => {
  await endRun();
  useCatalog.setState({ procedures: [], byCode: new Map(), loaded: false, error: null });
});

describe('the procedure search at reception and a retired procedure', () => {
  it('does not list a procedure the desk says is retired, by name or by code, and lists the others', async () => {
    const user = userEvent.setup();
    const { search } = await openReception('picker-retired', () => [birth.code]);
    await user.type(search, 'dang ky khai sinh');
    expect(namesListed()).not.toContain(birth.name);
    expect(namesListed()).toContain('Thủ tục đăng ký khai sinh có yếu tố nước ngoài');
    await user.clear(search);
    await user.type(search, birth.code);
    expect(namesListed()).toEqual([]);
    expect(screen.getByText('Không tìm thấy thủ tục phù hợp.')).toBeTruthy();
  });

  it('stops listing it as soon as the desk takes the catalog that retires it, and lists it again when one brings it back', async () => {
    const user = userEvent.setup();
    let retired: string[] = [];
    const { search, announce } = await openReception('picker-retired-live', () => retired);
    await user.type(search, birth.code);
    expect(namesListed()).toEqual([birth.name]);

    retired = [birth.code];
    await act(async () => announce({ type: 'catalog.changed', data: { source: 'server' } }));
    await user.clear(search);
    await user.type(search, birth.code);
    expect(namesListed()).toEqual([]);

    retired = [];
    await act(async () => announce({ type: 'catalog.changed', data: { source: 'server' } }));
    await user.clear(search);
    await user.type(search, birth.code);
    expect(namesListed()).toEqual([birth.name]);
  });
});
