/** The reception screen, as a clerk works it: find the procedure, fill the applicant, tick the papers, save. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface ApplicantInput {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  email?: string;
}

export class ReceptionPage {
  readonly procedureSearch: Locator;
  readonly appointment: Locator;
  readonly saveButton: Locator;
  readonly printSheet: Locator;
  readonly done: Locator;

  constructor(readonly page: Page) {
    this.procedureSearch = page.getByTestId('procedure-search');
    this.appointment = page.getByTestId('appointment-preview');
    this.saveButton = page.getByTestId('save-reception');
    this.printSheet = page.getByTestId('print-sheet');
    this.done = page.getByTestId('reception-done');
  }

  field(label: RegExp): Locator {
    return this.page.getByRole('textbox', { name: label });
  }

  /** A person's personal identification number (Luật Căn cước 2023), in either language. */
  get idNumberField(): Locator {
    return this.field(/^(Số định danh cá nhân|Personal ID number)/);
  }

  /** Types the search (no diacritics needed) and clicks the procedure whose name is exactly `name`. */
  async chooseProcedure(query: string, name: string): Promise<void> {
    await this.procedureSearch.fill(query);
    await this.option(name).click();
    await expect(this.page.getByTestId('chosen-procedure')).toContainText(name);
  }

  option(name: string): Locator {
    return this.page.getByRole('option').filter({ has: this.page.locator('.procedure-name').getByText(name, { exact: true }) });
  }

  async fillApplicant(a: ApplicantInput): Promise<void> {
    await this.field(/^(Họ và tên|Full name)/).fill(a.name);
    if (a.idNumber !== undefined) await this.idNumberField.fill(a.idNumber);
    if (a.phone !== undefined) await this.page.getByRole('textbox', { name: /Số điện thoại|Phone/ }).fill(a.phone);
    if (a.address !== undefined) await this.field(/Địa chỉ$|^Address/).fill(a.address);
    if (a.email !== undefined) await this.page.getByRole('textbox', { name: /Thư điện tử|Email/ }).fill(a.email);
  }

  /** Ticks every paper of the checklist (or only the mandatory ones). */
  async tickAllComponents(): Promise<void> {
    const boxes = this.page.locator('.checklist input[type="checkbox"]');
    const n = await boxes.count();
    for (let i = 0; i < n; i++) await boxes.nth(i).check();
  }

  /** The scan column of one paper of the checklist. */
  scanCell(componentId: string): Locator {
    return this.page.getByTestId(`scan-${componentId}`);
  }

  /** Opens the scan inbox for a paper (by its name) and picks a file from it. */
  async attachScan(componentName: string, fileName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Đính kèm bản quét: ${componentName}` }).click();
    await this.page.getByRole('group', { name: /Chọn tệp trong thư mục nhận bản quét/ }).getByRole('button', { name: new RegExp(fileName.replace('.', '\\.')) }).click();
  }

  async save(): Promise<string> {
    await this.saveButton.click();
    await expect(this.printSheet).toBeVisible();
    const code = (await this.page.getByTestId('slip-code').textContent())?.trim() ?? '';
    return code;
  }

  async closePrint(): Promise<void> {
    await this.page.getByRole('button', { name: /Đóng|Close/ }).click();
    await expect(this.printSheet).toBeHidden();
  }
}
