/**
 * Form 05 for a dossier handed over many times: one A5 sheet holds about ten hand-overs with room to sign, so a
 * longer route runs onto more sheets. Each further sheet repeats the table's headings and names the form and the
 * dossier in its top margin, so a sheet that comes loose from the file still says whose it is and which column is
 * which; every hand-over is printed once, none lost between sheets.
 */
import { ADMIN, test, expect } from './support/fixtures';
import { readPdf } from './support/pdf-reader';

const HANDOVERS = 12;

test('a control slip of twelve hand-overs: every sheet repeats the headings and names the dossier, every step printed once', async ({ loggedIn, dossierDetail, page }) => {
  await loggedIn.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const catalog = await loggedIn.call('catalog.procedures', {});
  if (!catalog.ok) throw new Error(catalog.error.message.en);
  const procedure = (catalog.value as { code: string; components: { id: string }[] }[])[0]!;
  const received = await loggedIn.call('dossiers.receive', {
    procedureCode: procedure.code,
    channel: 'in_person',
    applicant: { kind: 'person', name: 'Đặng Thị Thu Hà', idNumber: '001190012345' },
    components: procedure.components.map((c) => ({ componentId: c.id, present: true })),
  });
  if (!received.ok) throw new Error(received.error.message.en);
  const { dossier } = received.value as { dossier: { id: string; code: string } };
  const transferred = await loggedIn.call('dossiers.transfer', { dossierId: dossier.id, toAgency: 'Phòng Tư pháp huyện', note: 'Bước 1.' });
  if (!transferred.ok) throw new Error(transferred.error.message.en);
  for (let step = 2; step <= HANDOVERS; step++) {
    const handed = await loggedIn.call('dossiers.handOver', {
      dossierId: dossier.id,
      from: `Chuyên viên thẩm định hồ sơ số ${step - 1}`,
      to: `Chuyên viên thẩm định hồ sơ số ${step}`,
      note: `Bước ${step}.`,
    });
    if (!handed.ok) throw new Error(handed.error.message.en);
  }

  await page.goto(`${loggedIn.host.pageOrigin}/#/dossier/${dossier.id}`);
  await expect(dossierDetail.status).toBeVisible();
  await page.getByRole('button', { name: /In mẫu 05/ }).click();
  await expect(page.getByTestId('print-sheet')).toBeVisible();
  const { pages, pageTexts } = await readPdf(page.context(), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const squeezed = pageTexts.map((t) => t.replace(/\s+/g, ''));

  expect(pages).toBeGreaterThan(1);
  const code = dossier.code.replace(/\s+/g, '');
  for (const [n, text] of squeezed.entries()) {
    expect(text, `sheet ${n + 1}`).toContain('Bêngiao');
    expect(text, `sheet ${n + 1}`).toContain('Ngườinhận');
    expect(text, `sheet ${n + 1}`).toContain(code);
  }
  // Every step printed, each once: none lost at the turn of a sheet, none printed (and signed) twice.
  for (let step = 1; step <= HANDOVERS; step++) {
    expect(squeezed.filter((t) => new RegExp(`Bước${step}\\.`).test(t)), `step ${step}`).toHaveLength(1);
  }

  // A desk with only A4 paper (Settings › Paper size): the same layout on an A4 page, all twelve on one sheet.
  await page.getByRole('button', { name: /Đóng/ }).click();
  await page.evaluate(() => localStorage.setItem('motcua.print', JSON.stringify({ printer: '', paper: 'A4' })));
  await page.reload();
  await page.getByRole('button', { name: /In mẫu 05/ }).click();
  await expect(page.getByTestId('print-sheet')).toBeVisible();
  const a4 = await readPdf(page.context(), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect([Math.round(a4.width), Math.round(a4.height)]).toEqual([595, 842]);
  expect(a4.pages).toBe(1);
  expect(a4.text.replace(/\s+/g, '')).toContain(`Bước${HANDOVERS}.`);
});
