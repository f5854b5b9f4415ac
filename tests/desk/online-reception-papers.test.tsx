// @vitest-environment jsdom
/**
 * Receiving an online submission at the desk: the citizen brings what the portal could not carry (an ID card is
 * shown in person), and the clerk ticks it on the reception's checklist. Before, the papers went as the portal sent
 * them, and an online dossier without the ID card could not be received from the screen at all.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeskProvider } from '../../renderer/src/desk-context';
import { initI18n } from '../../renderer/src/i18n';
import { useSession } from '../../renderer/src/store/session';
import { DossierDetailScreen } from '../../renderer/src/screens/detail/DossierDetailScreen';
import { makeTestDesk, ordinaryProcedure, submittedOnline, transportOf, type TestDesk } from './helpers';

let t: TestDesk | undefined;
beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  t?.cleanup();
  t = undefined;
});

describe('receiving an online submission', () => {
  it('the clerk ticks the paper shown at the desk and receives it; without the tick the desk says what is missing, at the checklist', async () => {
    t = await makeTestDesk();
    const dossierId = uuidv7();
    // Every paper sent but the first mandatory one.
    const missing = ordinaryProcedure().components.find((c) => c.mandatory)!;
    const event = submittedOnline(dossierId, 'Hoàng Thị Lan', [missing.id]);
    t.desk.db.transaction(() => {
      t!.desk.events.insertFromServer(event);
      t!.desk.projector.refresh(dossierId);
    })();
    useSession.setState({ user: (await t.must('auth.me', {}))! });
    render(
      <DeskProvider transport={transportOf(t)}>
        <DossierDetailScreen dossierId={dossierId} />
      </DeskProvider>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tiếp nhận' }));
    const papers = await screen.findByTestId('action-papers');
    const box = within(papers).getByRole('checkbox', { name: new RegExp(missing.name) });
    expect((box as HTMLInputElement).checked).toBe(false);

    await user.click(within(screen.getByTestId('action-form')).getByRole('button', { name: /Xác nhận/ }));
    expect((await within(papers).findByRole('alert')).textContent).toContain(`còn thiếu: ${missing.name}`);
    // The paper said missing is marked, and the keyboard is on it, ready for Space.
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect((await t.must('dossiers.get', { dossierId })).state.status).toBe(1);

    await user.click(box);
    await user.click(within(screen.getByTestId('action-form')).getByRole('button', { name: /Xác nhận/ }));
    await waitFor(async () => expect((await t!.must('dossiers.get', { dossierId })).state.status).toBe(2));
    const received = (await t.must('dossiers.get', { dossierId })).state;
    expect(received.components.find((c) => c.componentId === missing.id)?.present).toBe(true);
  });
});
