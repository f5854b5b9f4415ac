/** The Settings screen's office-hours form, as an administrator works it. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SettingsPage {
  readonly officeHours: Locator;
  readonly saveHours: Locator;

  constructor(readonly page: Page) {
    this.officeHours = page.getByTestId('office-hours');
    this.saveHours = page.getByTestId('office-hours-save');
  }

  /** "Giờ riêng của đơn vị": the hour fields become editable. */
  async useUnitHours(): Promise<void> {
    await this.officeHours.getByRole('radio', { name: /Giờ riêng của đơn vị|The unit's own hours/ }).check();
  }

  sessionField(n: number, end: 'start' | 'end'): Locator {
    const label = end === 'start' ? new RegExp(`^(Buổi ${n}: giờ bắt đầu|Session ${n}: starts at)`) : new RegExp(`^(Buổi ${n}: giờ kết thúc|Session ${n}: ends at)`);
    return this.officeHours.getByRole('textbox', { name: label });
  }

  async setSession(n: number, start: string, end: string): Promise<void> {
    await this.sessionField(n, 'start').fill(start);
    await this.sessionField(n, 'end').fill(end);
  }

  dayRow(kind: 'daysOff' | 'workingDays', n: number): Locator {
    return this.page.getByTestId(`${kind}-${n}`);
  }

  /** The error shown under a field of the form (the field's accessible description). */
  async expectFieldError(field: Locator, text: string): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }

  async save(): Promise<void> {
    await this.saveHours.click();
    await expect(this.officeHours.getByText(/Đã lưu\. Ngày hẹn|Saved\. Appointments/)).toBeVisible();
  }
}
