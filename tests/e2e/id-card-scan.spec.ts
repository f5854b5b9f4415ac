/**
 * A căn cước card's QR code scanned at the counter fills the applicant: the 12 digits, the name with its diacritics
 * and the address, which the clerk otherwise types from the card while the citizen waits.
 */
import { test, expect } from './support/fixtures';
import { scanBarcode } from './support/scanner';

// A made-up person, in the card's layout: number | old number | name | birth | sex | address | issued.
const CARD = '030201001234|142345678|Nguyễn Thị Lan|15081990|Nữ|Thôn Đông, Xã Tân Hưng, Huyện Ninh Giang, Tỉnh Hải Dương|10062021';
const ADDRESS = 'Thôn Đông, Xã Tân Hưng, Huyện Ninh Giang, Tỉnh Hải Dương';

test('a card scanned on the dossier list opens reception with the number, name and address filled, and the slip carries them', async ({ loggedIn: _d, reception, page }) => {
  await page.keyboard.press('Alt+2');
  const search = page.getByTestId('dossier-search');
  await search.click();
  await scanBarcode(page, CARD);

  await expect(page.getByRole('heading', { name: 'Tiếp nhận hồ sơ' })).toBeVisible();
  await expect(reception.field(/^Họ và tên/)).toHaveValue('Nguyễn Thị Lan');
  await expect(reception.idNumberField).toHaveValue('030201001234');
  await expect(reception.field(/Địa chỉ$/)).toHaveValue(ADDRESS);
  await expect(page.getByTestId('id-card-filled')).toHaveText('Đã điền số định danh, họ tên và địa chỉ từ mã QR của thẻ căn cước. Hãy đối chiếu với thẻ.');
  // No procedure yet: the keyboard is in its search, where the form starts.
  await expect(reception.procedureSearch).toBeFocused();

  await reception.chooseProcedure('khai sinh', 'Thủ tục đăng ký khai sinh');
  await reception.tickAllComponents();
  await reception.save();
  await expect(reception.printSheet).toContainText('Nguyễn Thị Lan');
  await expect(reception.printSheet).toContainText(ADDRESS);
  await reception.closePrint();

  // Nothing of the card's line was left in the list's search field it was typed into.
  await page.keyboard.press('Alt+2');
  await expect(search).toHaveValue('');
  await expect(page.locator('.dossier-row', { hasText: 'Nguyễn Thị Lan' })).toHaveCount(1);
});

test('a card scanned over a form for someone else asks first: Enter keeps that person, "Thay bằng người trên thẻ" takes the card', async ({ loggedIn: _d, reception, page }) => {
  await reception.chooseProcedure('khai sinh', 'Thủ tục đăng ký khai sinh');
  await reception.fillApplicant({ name: 'Trần Văn Bình', idNumber: '001099012345', phone: '0987654321' });
  const phone = page.getByRole('textbox', { name: /Số điện thoại/ });
  await phone.click();
  await scanBarcode(page, CARD);

  const question = page.getByRole('alertdialog', { name: 'Hồ sơ đang nhập là của Trần Văn Bình. Thay bằng thông tin của người trên thẻ vừa quét (Nguyễn Thị Lan)?' });
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Giữ người đang nhập' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(reception.field(/^Họ và tên/)).toHaveValue('Trần Văn Bình');
  await expect(reception.idNumberField).toHaveValue('001099012345');
  // The scan landed in the phone field: what the scanner typed was taken back out. The keyboard is back in the form.
  await expect(phone).toHaveValue('0987654321');
  await expect(reception.field(/^Họ và tên/)).toBeFocused();

  // Scanned with a paper's checkbox in focus: the spaces of the card's line do not tick or untick it.
  const paper = page.locator('.checklist input[type="checkbox"]').first();
  await paper.check();
  await paper.focus();
  // Counted, not only looked at: an even number of toggles would leave it as it was.
  await paper.evaluate((el) => {
    (window as unknown as { toggles: number }).toggles = 0;
    el.addEventListener('change', () => (window as unknown as { toggles: number }).toggles++);
  });
  await scanBarcode(page, CARD);
  await expect(question).toBeVisible();
  await expect(paper).toBeChecked();
  expect(await page.evaluate(() => (window as unknown as { toggles: number }).toggles)).toBe(0);
  await question.getByRole('button', { name: 'Thay bằng người trên thẻ' }).click();
  await expect(reception.field(/^Họ và tên/)).toHaveValue('Nguyễn Thị Lan');
  await expect(reception.idNumberField).toHaveValue('030201001234');
  // The other person's phone does not stay on this one's dossier; the keyboard is there for the citizen's own.
  await expect(phone).toHaveValue('');
  await expect(phone).toBeFocused();
  await expect(page.getByTestId('chosen-procedure')).toContainText('Thủ tục đăng ký khai sinh');
});

test('a card scanned on another screen over a form for someone else asks on the reception screen, the keyboard on "Giữ người đang nhập"', async ({ loggedIn: _d, reception, page }) => {
  await reception.fillApplicant({ name: 'Trần Văn Bình', idNumber: '001099012345' });
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Danh sách hồ sơ' })).toBeVisible();
  await scanBarcode(page, CARD);
  const question = page.getByRole('alertdialog', { name: /^Hồ sơ đang nhập là của Trần Văn Bình\./ });
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Giữ người đang nhập' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(reception.field(/^Họ và tên/)).toHaveValue('Trần Văn Bình');
});
