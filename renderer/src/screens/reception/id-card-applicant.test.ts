import { describe, expect, it } from 'vitest';
import type { IdCardReading } from '../../../../shared/domain/id-card-qr';
import { applicantFromCard, namesAnotherPerson } from './id-card-applicant';
import { emptyDraft, type ApplicantDraft } from './model';

const card: IdCardReading = { idNumber: '030201001234', name: 'Nguyễn Thị Lan', address: 'Xã Tân Hưng, Tỉnh Hải Dương' };
const empty = (): ApplicantDraft => emptyDraft().applicant;

describe('a scanned căn cước card in the reception form', () => {
  it('fills an empty form with the card’s person', () => {
    expect(namesAnotherPerson(empty(), card)).toBe(false);
    expect(applicantFromCard(empty(), card)).toMatchObject({ kind: 'person', idKind: 'personal', ...card, phone: '', email: '' });
  });

  it('keeps the phone and e-mail typed for the same person (same number, or the same name without one)', () => {
    const typed = { ...empty(), name: 'nguyễn thị lan', phone: '0912345678', email: 'lan@example.vn' };
    expect(namesAnotherPerson(typed, card)).toBe(false);
    expect(applicantFromCard(typed, card)).toMatchObject({ name: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan@example.vn' });
    const numbered = { ...empty(), idNumber: '030201001234', phone: '0912345678' };
    expect(applicantFromCard(numbered, { ...card, name: null }).phone).toBe('0912345678');
    // The number typed in groups, as read out, is the card's number too.
    const grouped = { ...empty(), idNumber: '0302 0100 1234', phone: '0912345678' };
    expect(namesAnotherPerson(grouped, card)).toBe(false);
    expect(applicantFromCard(grouped, card).phone).toBe('0912345678');
  });

  it('says when the form names someone else, and then takes nothing of theirs', () => {
    const other = { ...empty(), name: 'Trần Văn Bình', idNumber: '001099012345', phone: '0987654321', address: 'Hà Nội' };
    expect(namesAnotherPerson(other, card)).toBe(true);
    expect(namesAnotherPerson({ ...empty(), name: 'Trần Văn Bình' }, card)).toBe(true);
    // The card's name unread: a name typed without a number cannot be told to be the card's, so the clerk is asked.
    expect(namesAnotherPerson({ ...empty(), name: 'Trần Văn Bình', phone: '0987654321' }, { ...card, name: null })).toBe(true);
    expect(applicantFromCard(other, { ...card, name: null, address: null })).toMatchObject({ name: '', address: '', phone: '', idNumber: card.idNumber });
  });

  it('makes an organisation’s empty form a person’s', () => {
    expect(applicantFromCard({ ...empty(), kind: 'organisation' }, card).kind).toBe('person');
  });
});
