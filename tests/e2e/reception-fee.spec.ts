/**
 * QA pass at reception: the clerk never saw the catalog fee, and "nguyen van a" (Unikey off) went onto the receipt
 * without a word. The fee is said on the chosen procedure and in the dossier, and the fee request starts with it; a
 * name without its marks gets a hint under it that holds nothing back.
 */
import { test, expect } from './support/fixtures';

test('the fee is said at reception and in the dossier, and the fee request starts with it', async ({ loggedIn: _desk, app, reception, dossierList, dossierDetail, page }) => {
  await reception.chooseProcedure('thanh lap ho kinh doanh', 'Đăng ký thành lập hộ kinh doanh');
  await expect(page.getByTestId('procedure-fee')).toHaveText('Lệ phí: 100.000 đồng');

  // Typed with the Vietnamese keyboard off: a hint once the name is left, not an error.
  const name = reception.field(/^Họ và tên/);
  await name.fill('nguyen van a');
  await name.press('Tab');
  await expect(page.getByText('Tên chưa có dấu và chưa viết hoa? Kiểm tra bộ gõ tiếng Việt (Unikey) và viết hoa chữ cái đầu mỗi tiếng trước khi tiếp nhận.')).toBeVisible();
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  // The clerk corrects it; the hint goes.
  await name.fill('Nguyễn Văn An');
  await expect(page.getByText(/Tên chưa có dấu/)).toHaveCount(0);

  await reception.fillApplicant({ name: 'Nguyễn Văn An', idNumber: '001203004567' });
  await reception.tickAllComponents();
  const code = await reception.save();
  await reception.closePrint();

  await app.go('dossiers');
  await dossierList.search.fill(code);
  await dossierList.open(code);
  await expect(dossierDetail.code).toHaveText(code);
  await expect(dossierDetail.root.locator('dt', { hasText: /^Lệ phí \(theo danh mục hiện hành\)$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('100.000 đồng');

  await dossierDetail.action(/Yêu cầu nộp phí, thuế/).click();
  const form = page.getByTestId('action-form');
  await expect(form.getByLabel(/Số tiền \(đồng\)/)).toHaveValue('100.000');
  await form.getByLabel(/Lý do/).fill('Lệ phí đăng ký hộ kinh doanh');
  await form.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dossierDetail.status).toHaveText('Yêu cầu thực hiện nghĩa vụ tài chính');
  await expect(dossierDetail.timeline).toContainText('100.000 đồng');
});
