/**
 * How the screens name an applicant's number: a company's tax code, a passport's number, or the personal
 * identification number (Luật Căn cước 2023) — the i18n key, for the reception, the detail and the history alike.
 */
import type { Applicant } from '../../../shared/domain/applicant';

type Named = Pick<Applicant, 'kind'> & { idKind?: string | undefined };

export const idNumberLabel = (a: Named): 'reception.taxCode' | 'reception.passportNumber' | 'reception.idNumber' =>
  a.kind === 'organisation' ? 'reception.taxCode' : a.idKind === 'passport' ? 'reception.passportNumber' : 'reception.idNumber';
