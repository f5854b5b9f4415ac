/**
 * Scans attached from the reception checklist: the clerk picks each paper's scan from the scan inbox while filling
 * the form, the choice survives a reload (the Dexie draft), the slip says the dossier was digitised at receipt, and
 * the desk records it the same way (each scan linked to its paper; the report's "digitised at receipt" fact).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { DossierDetail } from '../../shared/api/dossier-views';

const birth = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
const pdf = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

test('a scan picked for each paper at reception is kept over a reload, printed on the slip and linked to the dossier', async ({ loggedIn: desk, app, reception, dossierDetail, page }) => {
  const inbox = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-inbox-'));
  try {
    const set = await desk.call('settings.set', { scanInboxDir: inbox });
    expect(set.ok).toBe(true);
    const files = birth.components.map((c, i) => ({ component: c, fileName: `scan-${i + 1}-${c.id}.pdf` }));
    for (const f of files) writeFileSync(path.join(inbox, f.fileName), pdf(f.component.name));

    await reception.chooseProcedure('dang ky khai sinh', 'Thủ tục đăng ký khai sinh');
    await reception.fillApplicant({ name: 'Hoàng Văn Nam', idNumber: '001095012345' });

    // The first paper's scan from the keyboard: the list opens on the first file, Enter picks the one focused.
    const first = files[0]!;
    await page.getByRole('button', { name: `Đính kèm bản quét: ${first.component.name}` }).focus();
    await page.keyboard.press('Enter');
    const list = page.getByRole('group', { name: 'Chọn tệp trong thư mục nhận bản quét' });
    await expect(list.getByRole('button', { name: new RegExp(first.fileName) })).toBeVisible();
    await list.getByRole('button', { name: new RegExp(first.fileName) }).focus();
    await page.keyboard.press('Enter');
    await expect(reception.scanCell(first.component.id)).toContainText(first.fileName);
    // The focus stays in the row: on the button that takes the scan off again.
    await expect(page.getByRole('button', { name: `Bỏ bản quét: ${first.component.name}` })).toBeFocused();
    // Attaching a scan ticks the paper as brought.
    await expect(page.locator(`#component-${first.component.id}`)).toBeChecked();
    // The file left the inbox for its imported/ folder: another paper cannot take it by mistake.
    expect(readdirSync(inbox)).not.toContain(first.fileName);

    for (const f of files.slice(1, -1)) await reception.attachScan(f.component.name, f.fileName);
    // A scan chosen is written to the draft at once, not after the typing pause.
    const savedBefore = await page.getByTestId('draft-saved').getAttribute('data-saved-at');
    await reception.attachScan(files.at(-1)!.component.name, files.at(-1)!.fileName);
    await expect(page.getByTestId('draft-saved')).not.toHaveAttribute('data-saved-at', savedBefore!);
    await expect(page.getByTestId('scan-count')).toHaveText('Tất cả giấy tờ đã nhận đều có bản quét: hồ sơ được số hoá khi tiếp nhận.');
    await expect(page.getByTestId('completeness')).toContainText('Hồ sơ đầy đủ');

    // A reload (or a power cut): the draft comes back with the scans chosen.
    await page.reload();
    await page.getByRole('button', { name: 'Khôi phục' }).click();
    for (const f of files) await expect(reception.scanCell(f.component.id)).toContainText(f.fileName);

    // A scan taken off its paper ("Bỏ"), on the restored draft too, goes back to the scan folder: the clerk picks
    // it again without scanning it again, and it is in the folder once, not also in imported/.
    await page.getByRole('button', { name: `Bỏ bản quét: ${files[1]!.component.name}` }).click();
    await expect(page.getByTestId('scan-count')).toHaveText(`Đã có bản quét ${files.length - 1}/${files.length} giấy tờ đã nhận`);
    await expect(page.getByRole('button', { name: `Đính kèm bản quét: ${files[1]!.component.name}` })).toBeFocused();
    expect(readdirSync(inbox).filter((name) => name !== 'imported')).toEqual([files[1]!.fileName]);
    expect(readdirSync(path.join(inbox, 'imported'))).not.toContain(files[1]!.fileName);
    await reception.attachScan(files[1]!.component.name, files[1]!.fileName);

    await app.screenshot('reception-scans');
    const code = await reception.save();
    await app.screenshot('receipt-slip-digitised');
    const slip = reception.printSheet;
    await expect(slip.locator('tr[data-scanned]')).toHaveCount(files.length);
    await expect(slip.getByTestId('slip-digitised')).toHaveText('Hồ sơ đã được số hoá khi tiếp nhận.');
    await reception.closePrint();
    await expect(page.getByRole('alert')).toHaveCount(0);
    // Saved: every scan stays set aside, none is offered for the next citizen.
    expect(readdirSync(inbox)).toEqual(['imported']);
    expect(readdirSync(path.join(inbox, 'imported')).sort()).toEqual(files.map((f) => f.fileName).sort());

    // The desk agrees: every paper has its scan, so the dossier counts as digitised at receipt.
    const got = await desk.call('dossiers.get', { code });
    if (!got.ok) throw new Error(got.error.message.en);
    const detail = got.value as DossierDetail;
    expect(detail.state.componentsDigitised).toBe(true);
    expect(detail.state.components.every((c) => c.present && c.attachmentSha256)).toBe(true);
    expect(detail.timeline.filter((e) => e.type === 'dossier.attachment_linked')).toHaveLength(files.length);

    // And the detail screen lists each scan against its paper (the history names the file too).
    await page.goto(`${new URL(page.url()).origin}${new URL(page.url()).pathname}#/dossier/${detail.summary.id}`);
    await expect(dossierDetail.code).toHaveText(code);
    const attachments = page.getByRole('region', { name: 'Tệp đính kèm' });
    for (const f of files) await expect(attachments.getByRole('listitem').filter({ hasText: f.fileName })).toContainText(f.component.name);
  } finally {
    rmSync(inbox, { recursive: true, force: true });
  }
});
