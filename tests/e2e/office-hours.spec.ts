/**
 * An administrator sets the unit's office hours and a day off of its own in Settings, from the keyboard, with the
 * errors shown under their fields; the appointment already on the reception screen (another tab) moves at once,
 * and the saved receipt prints the same new appointment. Desk and page share one fixed instant: Thursday
 * 03/12/2026 10:00, Vietnam time.
 */
import { test, expect } from './support/fixtures';
import { SettingsPage } from './pages/settings-page';
import { AppPage } from './pages/app-page';

const NOW = '2026-12-03T10:00:00+07:00';
test.use({ deskNow: NOW });

test('the unit’s office hours and own day off, set in Settings, move the live appointment and the receipt', async ({ loggedIn: desk, reception, page, context }) => {
  await page.clock.setFixedTime(new Date(NOW));
  await page.reload();
  await reception.chooseProcedure('khai sinh nuoc ngoai', 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài');
  // Standard hours: Thursday 10:00 + 3 working days of 8 h → Tuesday 08/12 10:00.
  await expect(reception.appointment).toHaveText('10:00 08/12/2026');
  await reception.fillApplicant({ name: 'Trịnh Thị Mai', idNumber: '001190012345' });
  await reception.tickAllComponents();

  // A second tab on the same desk: the administrator's Settings, while the reception form stays open.
  const admin = await context.newPage();
  await admin.clock.setFixedTime(new Date(NOW));
  await admin.goto(desk.launchUrl);
  await admin.locator('nav [data-nav="settings"]').click();
  const settings = new SettingsPage(admin);
  await expect(settings.officeHours.getByText('Ngày lễ, Tết và ngày nghỉ chung do máy chủ của huyện gửi xuống', { exact: false })).toBeVisible();
  await expect(settings.sessionField(1, 'start')).toHaveValue('07:00');
  await expect(settings.sessionField(1, 'start')).toBeDisabled();

  await settings.useUnitHours();
  // Keyboard only from here: Tab from the radio group reaches the weekdays, then the sessions.
  await settings.sessionField(1, 'start').focus();
  await admin.keyboard.press('Control+A');
  await admin.keyboard.type('7h30');
  await admin.keyboard.press('Tab');
  await admin.keyboard.type('11:30');
  await admin.keyboard.press('Tab'); // "Xoá buổi 1"
  await admin.keyboard.press('Tab');
  await expect(settings.sessionField(2, 'start')).toBeFocused();
  await admin.keyboard.press('Control+A');
  await admin.keyboard.type('13:00');
  // Add the district's day off: the new row's date field takes the focus.
  await settings.officeHours.getByRole('button', { name: 'Thêm ngày nghỉ' }).focus();
  await admin.keyboard.press('Enter');
  const dayDate = settings.dayRow('daysOff', 1).getByRole('textbox', { name: /^Ngày \(dd\/mm\/yyyy\)/ });
  await expect(dayDate).toBeFocused();
  await admin.keyboard.type('07/12/2026');
  await admin.keyboard.press('Tab');
  await admin.keyboard.type('Ngày truyền thống huyện Thanh Hà');
  await admin.keyboard.press('Enter');

  // The wrong time is named under its own field, in Vietnamese, and gets the focus; nothing was saved.
  await settings.expectFieldError(settings.sessionField(1, 'start'), 'Giờ phải có dạng HH:MM (24 giờ), vd. 07:30.');
  await expect(settings.sessionField(1, 'start')).toBeFocused();
  await expect(reception.appointment).toHaveText('10:00 08/12/2026');
  await admin.keyboard.press('Control+A');
  await admin.keyboard.type('07:30');
  await admin.keyboard.press('Enter');
  await expect(settings.officeHours.getByText('Đã lưu. Ngày hẹn của các hồ sơ tiếp nhận từ bây giờ dùng lịch mới.')).toBeVisible();
  await expect(settings.officeHours.getByText(/Thay đổi lần cuối lúc 10:00 03\/12\/2026 bởi Nguyễn Thị Quản Trị\./)).toBeVisible();
  // The calendar in use lists the unit's day off among the next days off, before the server's New Year holiday.
  const upcoming = admin.getByTestId('upcoming-days-off').getByRole('listitem');
  await expect(upcoming.first()).toHaveText('07/12/2026 Ngày truyền thống huyện Thanh Hà (của đơn vị)');
  await expect(upcoming.nth(1)).toContainText('01/01/2027');
  await new AppPage(admin, desk).screenshot('settings-office-hours');

  // The open reception form recomputes at once: 07:30–11:30 and 13:00–17:00, Monday 07/12 off → Wednesday 09/12 10:00.
  await expect(reception.appointment).toHaveText('10:00 09/12/2026');
  const code = await reception.save();
  await expect(page.getByTestId('slip-due')).toHaveText('10:00 09/12/2026');
  await reception.closePrint();

  // What was changed, and by whom, is in the audit trail.
  const audit = await desk.call('audit.list', { action: 'settings.set' });
  if (!audit.ok) throw new Error(audit.error.message.en);
  const [latest] = (audit.value as { entries: { userName: string; targetKind: string; detail: string }[] }).entries;
  expect(latest).toMatchObject({ userName: 'Nguyễn Thị Quản Trị', targetKind: 'calendar' });
  expect(latest!.detail).toContain('days off added: 2026-12-07 Ngày truyền thống huyện Thanh Hà');
  expect(code).toMatch(/-261203-1001$/);

  // In English the same form reads in English, the day as typed.
  await admin.getByTestId('settings-language').selectOption('en');
  await expect(settings.officeHours.getByRole('heading', { name: "Unit's office hours" })).toBeVisible();
  await expect(settings.dayRow('daysOff', 1).getByRole('textbox', { name: /^Date \(dd\/mm\/yyyy\)/ })).toHaveValue('07/12/2026');
  await expect(settings.sessionField(1, 'start')).toHaveValue('07:30');
  await admin.close();
});
