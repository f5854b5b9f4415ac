/**
 * A căn cước card scanned into the reception form: whom it is for, and the applicant it makes. Apart from React so
 * it is tested on its own.
 */
import type { IdCardReading } from '../../../../shared/domain/id-card-qr';
import type { ApplicantDraft } from './model';
import { idNumberForComparison } from '../../../../shared/api/applicant-text';

/**
 * The form already names someone the card may not be: another number, or a name typed without a number that is not
 * the card's (or cannot be compared, the card's name unread). Then the clerk is asked before the form changes hands;
 * a form with nobody in it, or the same person (the number typed by hand first), is filled at once.
 */
export function namesAnotherPerson(applicant: ApplicantDraft, card: IdCardReading): boolean {
  // Typed in groups ("0372 0001 2345") it is still the card's number.
  const number = idNumberForComparison(applicant.idNumber);
  if (number !== '') return number !== idNumberForComparison(card.idNumber);
  const name = applicant.name.trim();
  return name !== '' && (card.name === null || name.toLocaleLowerCase('vi') !== card.name.toLocaleLowerCase('vi'));
}

/**
 * The applicant after the card: a person, by the personal number, with the card's name and address. For the same
 * person, what the card does not carry (phone, e-mail, a name or address the scanner could not type) is kept; for
 * another, it goes, so that nobody's phone stays on someone else's dossier.
 */
export function applicantFromCard(applicant: ApplicantDraft, card: IdCardReading): ApplicantDraft {
  const same = !namesAnotherPerson(applicant, card);
  return {
    kind: 'person',
    idKind: 'personal',
    idNumber: card.idNumber,
    name: card.name ?? (same ? applicant.name : ''),
    address: card.address ?? (same ? applicant.address : ''),
    phone: same ? applicant.phone : '',
    email: same ? applicant.email : '',
  };
}
