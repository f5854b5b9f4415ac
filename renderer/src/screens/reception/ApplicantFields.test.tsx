// @vitest-environment jsdom
/**
 * The applicant's identity field as the clerk reads it: named as the Law on Identification 2023 names the number
 * ("số định danh cá nhân"), with the cards it is read from, and a tax code for an organisation.
 */
import { act } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
