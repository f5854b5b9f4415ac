// @vitest-environment jsdom
/**
 * The applicant's identity field as the clerk reads it: named as the Law on Identification 2023 names the number
 * ("số định danh cá nhân"), with the cards it is read from, and a tax code for an organisation.
 */
import { act } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { changeLanguage, initI18n } from '../../i18n';
import { ApplicantFields } from './ApplicantFields';
import { emptyDraft, type ApplicantDraft } from './model';

beforeAll(() => {
  initI18n('vi');
});
afterEach(cleanup);
afterAll(() => changeLanguage('vi'));

const renderFields = (applicant: ApplicantDraft) => render(<ApplicantFields applicant={applicant} errors={{}} onChange={() => {}} onBlur={() => {}} />);

/** What a screen reader says of the field: its label and its hint. */
function described(field: HTMLElement): string {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the applicant identity field', () => {
  it('asks a person for the personal identification number, read from a căn cước or a CCCD card', () => {
    renderFields(emptyDraft().applicant);
    const field = screen.getByRole('textbox', { name: 'Số định danh cá nhân' });
    expect(described(field)).toBe('Ghi trên thẻ căn cước, thẻ CCCD hoặc trong VNeID (12 chữ số). Người dùng hộ chiếu: chọn “Hộ chiếu” bên cạnh.');
    expect(screen.queryByText(/Số CCCD/)).toBeNull();
  });

  it("asks for a passport's number, from its data page, once the clerk says the person has a passport", () => {
    renderFields({ ...emptyDraft().applicant, idKind: 'passport' });
    const field = screen.getByRole('textbox', { name: 'Số hộ chiếu' });
    expect(described(field)).toBe('Ghi trên trang thông tin của hộ chiếu (chữ cái Latinh và chữ số).');
    expect((screen.getByRole('combobox', { name: 'Giấy tờ' }) as HTMLSelectElement).value).toBe('passport');
  });

  it('asks an organisation for its tax code, with no card hint', () => {
    renderFields({ ...emptyDraft().applicant, kind: 'organisation' });
    const field = screen.getByRole('textbox', { name: 'Mã số thuế' });
    expect(field.getAttribute('aria-describedby')).toBeNull();
    // An organisation has no passport.
    expect(screen.queryByRole('combobox', { name: 'Giấy tờ' })).toBeNull();
  });

  it('tells a screen reader the name is required, without reading out the "*" that shows it', () => {
    renderFields(emptyDraft().applicant);
    expect(screen.getByRole('textbox', { name: 'Họ và tên' }).getAttribute('aria-required')).toBe('true');
    cleanup();
    renderFields({ ...emptyDraft().applicant, kind: 'organisation' });
    expect(screen.getByRole('textbox', { name: 'Tên tổ chức' }).getAttribute('aria-required')).toBe('true');
    // The other fields are not.
    expect(screen.getByRole('textbox', { name: 'Mã số thuế' }).getAttribute('aria-required')).toBeNull();
  });

  it('says the same in English', async () => {
    await act(() => changeLanguage('en'));
    renderFields(emptyDraft().applicant);
    const field = screen.getByRole('textbox', { name: 'Personal ID number' });
    expect(described(field)).toBe('On the identity card (căn cước), the citizen ID card (CCCD) or in VNeID (12 digits). For a passport, choose “Passport” beside it.');
  });
});

describe('the hint under a name typed without its marks (QA: "nguyen van a" printed on the receipt as typed)', () => {
  const person = (name: string, over: Partial<ApplicantDraft> = {}): ApplicantDraft => ({ ...emptyDraft().applicant, name, ...over });
  const renderChecked = (applicant: ApplicantDraft) => render(<ApplicantFields applicant={applicant} errors={{}} nameChecked onChange={() => {}} onBlur={() => {}} />);
  const nameField = () => screen.getByRole('textbox', { name: 'Họ và tên' });
  // The tests above end in English.
  beforeEach(() => act(() => changeLanguage('vi')));

  it('asks about the Vietnamese keyboard, and the capitals, under the name once it has been left: a hint, not an error', () => {
    renderChecked(person('nguyen van a'));
    const hint = 'Tên chưa có dấu và chưa viết hoa? Kiểm tra bộ gõ tiếng Việt (Unikey) và viết hoa chữ cái đầu mỗi tiếng trước khi tiếp nhận.';
    expect(screen.getByText(hint)).toBeTruthy();
    expect(described(nameField())).toBe(hint);
    expect(nameField().getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    cleanup();
    renderChecked(person('Nguyen Van A'));
    expect(described(nameField())).toBe('Tên chưa có dấu? Kiểm tra bộ gõ tiếng Việt (Unikey) trước khi tiếp nhận.');
  });

  it('suggests the capitals for a name with its marks typed in lower case', () => {
    renderChecked(person('nguyễn văn đức'));
    expect(described(nameField())).toBe('Tên chưa viết hoa? Nên viết hoa chữ cái đầu mỗi tiếng: “Nguyễn Văn Đức”.');
  });

  it('says nothing while the name is being typed, nor of a name written right, a minority name, or an organisation', () => {
    render(<ApplicantFields applicant={person('nguyen van a')} errors={{}} onChange={() => {}} onBlur={() => {}} />);
    expect(nameField().getAttribute('aria-describedby')).toBeNull();
    cleanup();
    for (const name of ['Nguyễn Văn A', 'Ksor Y Phu', 'H’Hen Niê', 'John Smith']) {
      renderChecked(person(name));
      expect(nameField().getAttribute('aria-describedby'), name).toBeNull();
      cleanup();
    }
    renderChecked(person('hop tac xa minh phat', { kind: 'organisation' }));
    expect(screen.getByRole('textbox', { name: 'Tên tổ chức' }).getAttribute('aria-describedby')).toBeNull();
  });

  it('asks nothing about marks of a name copied from a passport', () => {
    renderChecked(person('NGUYEN VAN A', { idKind: 'passport' }));
    expect(nameField().getAttribute('aria-describedby')).toBeNull();
  });

  it('says it in English', async () => {
    await act(() => changeLanguage('en'));
    renderChecked(person('Nguyen Van A'));
    expect(described(screen.getByRole('textbox', { name: 'Full name' }))).toBe('Name without accents? Check the Vietnamese keyboard (Unikey) before receiving.');
  });
});
