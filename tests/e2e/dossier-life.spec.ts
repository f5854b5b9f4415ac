/** A dossier's whole life at the desk, checking what the clerk sees at each step. */
import { test, expect } from './support/fixtures';
import { saveScreens } from './support/screens';

test('receive → slip → transfer → supplement → resolve → return', async ({ loggedIn: _desk, app, reception, dossierList, dossierDetail, page }) => {
  await reception.chooseProcedure('dang ky khai sinh', 'Thủ tục đăng ký khai sinh');
  await expect(page.getByTestId('friday-badge')).toBeVisible();
  await expect(reception.appointment).toHaveText(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
  await reception.fillApplicant({ name: 'Nguyễn Văn Đức', idNumber: '001203004567', phone: '0912345678', address: 'Thôn Đông, xã Thanh Hồng' });

  // Incomplete: saving is impossible, only refusal or guidance are offered.
  await expect(page.getByTestId('completeness')).toContainText('Hồ sơ chưa đầy đủ: thiếu 3 giấy tờ bắt buộc');
  await expect(reception.saveButton).toBeDisabled();
  await expect(page.getByRole('button', { name: /Từ chối tiếp nhận \(mẫu 03\)/ })).toBeVisible();
  await reception.tickAllComponents();
  await expect(page.getByTestId('completeness')).toContainText('Hồ sơ đầy đủ');
  await saveScreens(app, 'reception');

  const code = await reception.save();
  expect(code).toMatch(/^000\.00\.06\.H56-\d{6}-1001$/);
  await expect(reception.printSheet).toContainText('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
  await expect(reception.printSheet).toContainText('Nguyễn Văn Đức');
  await expect(reception.printSheet.locator('img.qr')).toHaveAttribute('data-qr-text', code);
  await saveScreens(app, 'receipt-slip');
  await reception.closePrint();
  await expect(reception.done).toHaveText(`Đã tiếp nhận hồ sơ ${code}`);
  // The form is empty again for the next citizen.
  await expect(reception.field(/^Họ và tên/)).toHaveValue('');

  await app.go('dossiers');
  await dossierList.search.fill('nguyen van duc');
  await expect(dossierList.rows).toHaveCount(1);
  await expect(dossierList.rows.first()).toContainText(code);
  await expect(dossierList.rows.first()).toContainText('Được tiếp nhận');
  await dossierList.open(code);
  await expect(dossierDetail.code).toHaveText(code);
  await expect(dossierDetail.status).toHaveText('Được tiếp nhận');
  await expect(dossierDetail.timeline.locator('li')).toHaveCount(1);
  await expect(dossierDetail.timeline).toContainText('Tiếp nhận hồ sơ');
  await expect(dossierDetail.timeline).toContainText('Nguyễn Thị Quản Trị (Quản trị hệ thống)');
  // A received dossier cannot be handed back yet.
  await expect(dossierDetail.action(/Trả kết quả/)).toHaveCount(0);

  await dossierDetail.act(/Chuyển xử lý/, { '^Chuyển đến': 'Cơ quan khác…', 'Tên cơ quan': 'Phòng Tư pháp' }, /Đang xử lý/);
  await expect(page.getByText('Đang ở')).toBeVisible();

  await dossierDetail.action(/Yêu cầu bổ sung/).click();
  const form = page.getByTestId('action-form');
  await form.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(form.getByText('Trường này không được để trống.').first()).toBeVisible();
  await form.getByLabel(/Giấy tờ cần bổ sung/).fill('Bản sao sổ hộ khẩu\nGiấy xác nhận cư trú');
  await form.getByLabel(/Lý do/).fill('Thiếu giấy tờ chứng minh nơi cư trú');
  await form.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dossierDetail.status).toHaveText('Yêu cầu bổ sung');
  // Form 02 opens for printing with the items asked for.
  await expect(page.getByTestId('print-sheet')).toContainText('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
  await expect(page.getByTestId('print-sheet')).toContainText('Giấy xác nhận cư trú');
  await page.getByRole('button', { name: /Đóng/ }).click();
  await expect(page.locator('[data-due="paused"]')).toHaveText('Tạm dừng tính hạn');

  // Completing the dossier restarts its deadline: confirmed first, with what it does said.
  await dossierDetail.action(/Nhận hồ sơ bổ sung/).click();
  await expect(page.getByTestId('action-explain')).toContainText('thời hạn giải quyết được tính lại từ đầu');
  await page.getByTestId('action-form').getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dossierDetail.status).toHaveText(/Đang xử lý/);
  // The appointment moved: a new receipt (form 01) opens for printing, with the papers that came.
  await expect(page.getByTestId('print-sheet')).toContainText('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
  await expect(page.getByTestId('slip-supplement')).toContainText('Giấy xác nhận cư trú');
  await page.getByRole('button', { name: /Đóng/ }).click();
  await dossierDetail.act(/Đã giải quyết xong/, {}, /Đã xử lý xong/);
  await app.go('results');
  await expect(page.getByTestId('dossier-table-row')).toContainText(code);
  await saveScreens(app, 'results');
  await page.getByRole('link', { name: code }).click();
  await dossierDetail.act(/Trả kết quả/, { 'Người nhận kết quả': 'Nguyễn Văn Đức' }, /Đã trả kết quả/);
  await expect(dossierDetail.timeline.locator('li')).toHaveCount(6);
  // Handed back, the dossier is with nobody: the detail says when it ended, not the agency it was at.
  await expect(page.getByText('Đang ở')).toHaveCount(0);
  await expect(page.getByTestId('detail-ended')).toHaveText(/^Đã trả kết quả lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
  await expect(page.getByText('Không có thao tác nào cho hồ sơ ở trạng thái này với vai trò của bạn.')).toBeVisible();
  await saveScreens(app, 'dossier-detail');
});
