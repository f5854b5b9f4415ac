// @vitest-environment jsdom
/**
 * The lookup address a receipt prints follows the district's: when the desk reads a new unit registry (which brings
 * the address the district server hands down), a screen left open all day prints the new one on its next receipt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { ok } from '../../../shared/result';
import { DeskProvider } from '../desk-context';
import { announcingStandInDesk } from '../test-support/stand-in-desk';
import { usePublicLookupUrl } from './use-lookup-url';

afterEach(() => cleanup());

function Printed() {
  return <p data-testid="printed">{usePublicLookupUrl() ?? '(none)'}</p>;
}

describe('the lookup address on the receipt', () => {
  it("is read again when the desk takes a new registry from the district, and the desk's own address wins", async () => {
    let settings = { publicLookupUrl: null as string | null, districtLookupUrl: null as string | null };
    const desk = announcingStandInDesk((method) => (method === 'settings.get' ? ok({ scanInboxDir: null, dailyBackup: true, dueSoonWorkingHours: 8, language: 'vi', ...settings }) : undefined));
    render(
      <DeskProvider transport={desk.transport}>
        <Printed />
      </DeskProvider>,
    );
    expect((await screen.findByText('(none)')).textContent).toBe('(none)');

    settings = { ...settings, districtLookupUrl: 'https://dichvucong.haiduong.gov.vn/tra-cuu' };
    await act(async () => desk.announce({ type: 'units.changed', data: { source: 'server' } }));
    expect((await screen.findByText('https://dichvucong.haiduong.gov.vn/tra-cuu')).textContent).toBeTruthy();

    settings = { ...settings, publicLookupUrl: 'https://tracuu.xathanhan.gov.vn/' };
    await act(async () => desk.announce({ type: 'units.changed', data: { source: 'server' } }));
    expect((await screen.findByText('https://tracuu.xathanhan.gov.vn/')).textContent).toBeTruthy();
  });
});
