/**
 * A USB barcode scanner, as the browser sees one: a key event per character a few milliseconds apart, then Enter.
 * Playwright's keyboard waits for each key to be handled, which on a busy test machine spreads the keys 30–80 ms
 * apart — slower than any scanner. So the keys go through the DevTools protocol with the time stamps a scanner's
 * keyboard events would carry (5 ms apart); the page handles them exactly as it would real ones.
 */
import type { Page } from '@playwright/test';

const SCANNER_KEY_INTERVAL_S = 0.005;

export async function scanBarcode(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  let i = 0;
  const key = async (type: 'keyDown' | 'keyUp', params: Record<string, unknown>) =>
    cdp.send('Input.dispatchKeyEvent', { type, timestamp: start + i * SCANNER_KEY_INTERVAL_S, ...params });
  for (const ch of text) {
    const code = /[a-z]/i.test(ch) ? `Key${ch.toUpperCase()}` : /\d/.test(ch) ? `Digit${ch}` : ch === '.' ? 'Period' : ch === '-' ? 'Minus' : ch === ' ' ? 'Space' : '';
    // A space is the Space key as a keyboard sends it (key code 32): the one that ticks a checkbox or presses a button.
    const keyCode = ch === ' ' ? { windowsVirtualKeyCode: 32, nativeVirtualKeyCode: 32 } : {};
    await key('keyDown', { key: ch, code, text: ch, unmodifiedText: ch, ...keyCode });
    await key('keyUp', { key: ch, code, ...keyCode });
    i++;
  }
  await key('keyDown', { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', unmodifiedText: '\r' });
  await key('keyUp', { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
  await cdp.detach();
}
