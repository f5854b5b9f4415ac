/**
 * The citizen's status page in a real Chromium on a phone-sized screen: the code from the receipt's QR address is
 * filled in, the PIN typed, the status and appointment shown in Vietnamese, nothing about the applicant; wrong
 * PINs and too many lookups are stopped.
 */
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptQrText } from '../../shared/domain/lookup-link';
import { KNOWN_CODE, KNOWN_PIN, PEOPLE, startReportingServer, type ReportingServer } from './support';

const PHONE = { width: 375, height: 667 };

describe('public status page', () => {
  let server: ReportingServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    server = await startReportingServer();
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the status and the appointment for the code and PIN on the receipt, and no personal data', async () => {
    const page = await browser.newPage({ viewport: PHONE, isMobile: true });
    // What the receipt's QR holds on a desk whose lookup address is this server's page, as a phone opens it.
    await page.goto(receiptQrText(KNOWN_CODE, `${base}/tra-cuu`));
    await expect(page.locator('#ma').inputValue()).resolves.toBe(KNOWN_CODE);
    // The code is filled in: the citizen's keyboard goes to the PIN.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('pin');
    await page.getByLabel('Mã tra cứu (6 số trên phiếu hẹn)').fill('042 917');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(page.locator('#tinh-trang').textContent()).resolves.toBe('Đã trả kết quả');
    await expect(page.locator('#ngay-hen').textContent()).resolves.toBe('09/03/2023 lúc 17:00');
    const text = await page.locator('body').innerText();
    expect(text).toContain('Thủ tục đăng ký khai sinh có yếu tố nước ngoài');
    for (const p of PEOPLE) for (const v of [p.name, p.idNumber, p.phone, p.address, p.email]) expect(text).not.toContain(v);
    // Fits the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(page.url()).not.toContain(KNOWN_PIN);
    await page.close();
  });

  it('a wrong PIN gets the same answer as an unknown code, in Vietnamese', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/tra-cuu`);
    // Nothing filled in: the code first.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('ma');
    await page.locator('#ma').fill(KNOWN_CODE);
    await page.locator('#pin').fill('000000');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const wrongPin = await page.getByRole('alert').textContent();
    // Back with the code kept: the PIN is what to type again.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('pin');
    await page.locator('#ma').fill('000.00.06.H56-230306-1999');
    await page.locator('#pin').fill(KNOWN_PIN);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    expect(await page.getByRole('alert').textContent()).toBe(wrongPin);
    expect(wrongPin).toMatch(/Không tìm thấy hồ sơ/);
    await page.close();
  });
});

describe('guessing is stopped', () => {
  const post = (server: ReportingServer, ma: string, pin: string, ip = '203.0.113.7') =>
    server.app.inject({ method: 'POST', url: '/tra-cuu', remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ma, pin }).toString() });

  // Only for the address that typed them: another address's citizen still gets the status (lookup-lock.test.ts).
  it('five wrong PINs lock the code for that address, even for the right PIN', async () => {
    const server = await startReportingServer();
    try {
      for (let i = 0; i < 5; i++) expect((await post(server, KNOWN_CODE, String(100000 + i), '198.51.100.1')).statusCode).toBe(404);
      const locked = await post(server, KNOWN_CODE, KNOWN_PIN, '198.51.100.1');
      expect(locked.statusCode).toBe(429);
      expect(locked.body).toMatch(/nhập sai nhiều lần/);
      expect(locked.body).not.toContain('Đã trả kết quả');
      expect((await post(server, KNOWN_CODE, KNOWN_PIN, '192.0.2.1')).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('a code typed in lower case (as phone keyboards do) is found, and its wrong PINs lock the same code', async () => {
    const server = await startReportingServer();
    try {
      const typed = KNOWN_CODE.toLowerCase();
      expect(typed).not.toBe(KNOWN_CODE);
      const found = await post(server, typed, KNOWN_PIN);
      expect(found.statusCode).toBe(200);
      expect(found.body).toContain('Đã trả kết quả');
      for (let i = 0; i < 5; i++) expect((await post(server, typed, String(100000 + i), '198.51.100.1')).statusCode).toBe(404);
      expect((await post(server, KNOWN_CODE, KNOWN_PIN, '198.51.100.1')).statusCode).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('one address gets a limited number of lookups', async () => {
    const server = await startReportingServer({ perAddress: { capacity: 3, refillPerSecond: 0.01 } });
    try {
      for (let i = 0; i < 3; i++) expect((await post(server, KNOWN_CODE, KNOWN_PIN)).statusCode).toBe(200);
      const limited = await post(server, KNOWN_CODE, KNOWN_PIN);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      expect((await post(server, KNOWN_CODE, KNOWN_PIN, '203.0.113.8')).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });
});
