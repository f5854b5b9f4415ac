// @vitest-environment jsdom
/**
 * The desk's unit names in the renderer: what app.info gives, read again when the desk announces that it read a new
 * unit registry from the server (an administrator renamed a unit), so an open window prints the new name.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ok } from '../../../shared/result';
import type { DeskEventListener } from '../bridge';
import { DeskProvider } from '../desk-context';
import { standInDesk } from '../test-support/stand-in-desk';
import { unitNameOf, useDeskInfo, useDeskInfoKeptCurrent } from './desk-info';

const COMMUNE = '000.01.06.H56';

function UnitHeading() {
  useDeskInfoKeptCurrent();
  const info = useDeskInfo((s) => s.info);
  return <h1>{info ? unitNameOf(COMMUNE) : '…'}</h1>;
}

afterEach(() => {
  cleanup();
  useDeskInfo.setState({ info: null });
});

describe("the desk's unit names", () => {
  it('are those app.info gives, and follow the desk when it announces a new unit registry', async () => {
    let name = 'Xã Thanh An';
    const listeners = new Set<DeskEventListener>();
    const desk = standInDesk(
      (method) => (method === 'app.info' ? ok({ version: 't', deviceId: 'd1', unitCode: COMMUNE, deskNumber: 1, units: [{ code: COMMUNE, name }] }) : undefined),
      (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    );
    render(
      <DeskProvider transport={desk}>
        <UnitHeading />
      </DeskProvider>,
    );
    // Not the seed's "Thị trấn Thanh Hà" for this code.
    expect((await screen.findByRole('heading', { name: 'Xã Thanh An' })).textContent).toBe('Xã Thanh An');

    name = 'Xã Thanh An Mới';
    await act(async () => {
      for (const l of listeners) l({ type: 'units.changed', data: { source: 'server' } });
    });
    expect((await screen.findByRole('heading', { name: 'Xã Thanh An Mới' })).textContent).toBe('Xã Thanh An Mới');
  });

  it('print a unit app.info does not name by its code', async () => {
    useDeskInfo.setState({ info: { version: 't', deviceId: 'd1', unitCode: COMMUNE, deskNumber: 1, units: [], dataDir: '/data' } });
    expect(unitNameOf('000.77.06.H56')).toBe('000.77.06.H56');
  });
});
